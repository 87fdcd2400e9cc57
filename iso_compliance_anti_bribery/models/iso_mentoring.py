from odoo import api, models
from odoo.tools import format_amount

from .iso_bribery_risk import LEVEL_CSS, LIVE_STATES


class IsoMentoring(models.Model):
    """The regency page and PDF gain the regency's bribery risk heat map and each agency's
    anti-bribery registers (every agency with an engagement, a risk, a gratification report
    or a due diligence, not only the mentored ones)."""

    _inherit = "iso.mentoring"

    @api.model
    def _regency_figures(self):
        return [
            *super()._regency_figures(),
            self._regency_heatmap_section(),
            self._regency_registers_section(),
        ]

    @api.model
    def _regency_heatmap_section(self):
        """The live risks of every agency the user reads, by likelihood (5 at the top) and
        impact (1 to 5), each cell coloured by its level under the company's bands and
        opening its risks."""
        Risk = self.env["iso.bribery.risk"]
        counts = {
            (int(likelihood), int(impact)): count
            for likelihood, impact, count in Risk._read_group(
                [
                    ("state", "in", LIVE_STATES),
                    ("likelihood", "!=", False),
                    ("impact", "!=", False),
                ],
                ["likelihood", "impact"],
                ["__count"],
            )
        }
        levels = dict(Risk._fields["inherent_level"]._description_selection(self.env))
        company = self.env.company
        rows = []
        for likelihood in range(5, 0, -1):
            cells = []
            for impact in range(1, 6):
                level = company._bribery_risk_level(likelihood * impact)
                count = counts.get((likelihood, impact), 0)
                cells.append(
                    {
                        "text": str(count) if count else "",
                        "color": LEVEL_CSS[level],
                        "title": levels[level],
                        "action": {
                            "res_model": "iso.bribery.risk",
                            "name": self.env._(
                                "Bribery risks: likelihood %(likelihood)s, impact %(impact)s",
                                likelihood=likelihood,
                                impact=impact,
                            ),
                            "domain": [
                                ("state", "in", list(LIVE_STATES)),
                                ("likelihood", "=", str(likelihood)),
                                ("impact", "=", str(impact)),
                            ],
                        }
                        if count
                        else False,
                    }
                )
            rows.append({"label": str(likelihood), "cells": cells})
        return {
            "key": "heatmap",
            "sequence": 15,
            "half": True,
            "title": self.env._("Bribery risks of the regency"),
            "kind": "heatmap",
            "corner": self.env._("Likelihood \\ Impact"),
            "columns": [str(impact) for impact in range(1, 6)],
            "rows": rows,
            "note": self.env._(
                "%(count)s live risks (assessed, treated or accepted) in all; each cell counts "
                "the risks with that likelihood and impact before treatment.",
                count=sum(counts.values()),
            ),
        }

    @api.model
    def _regency_registers_section(self):
        """Each agency's registers this year, and the regency's totals."""
        Agency = self.env["iso.agency"]
        agency_ids = set(self.search([]).agency_id.ids)
        for model in ("iso.bribery.risk", "iso.gratification.report", "iso.due.diligence"):
            agency_ids.update(
                agency.id for [agency] in self.env[model]._read_group([], ["agency_id"]) if agency
            )
        agencies = Agency.browse(agency_ids).sorted("name")
        user = self.env.user
        mentor_only = user.has_group(
            "iso_compliance.group_iso_compliance_mentor"
        ) and not user.has_group("iso_compliance.group_iso_compliance_manager")
        if mentor_only:
            # A mentor reads every agency's risks but only the gratification reports of the
            # agencies she mentors: another agency's row would show its reports as none.
            agencies = agencies.filtered(lambda agency: user in agency.mentor_ids)
        currency = self.env.company.currency_id
        fnames = (
            "risk_high_count",
            "risk_review_due_count",
            "gratification_year_count",
            "gratification_year_value",
            "gratification_late_count",
            "due_diligence_lapsed_count",
        )
        totals = dict.fromkeys(fnames, 0)
        rows = []
        for agency in agencies:
            values = {fname: agency[fname] for fname in fnames}
            for fname, value in values.items():
                totals[fname] += value
            rows.append(
                {
                    "cells": self._regency_register_cells(agency.name, values, currency),
                    "action": {"res_model": "iso.agency", "res_id": agency.id},
                    "total": False,
                }
            )
        if len(rows) > 1:
            rows.append(
                {
                    "cells": self._regency_register_cells(self.env._("Regency"), totals, currency),
                    "action": False,
                    "total": True,
                }
            )
        return {
            "key": "anti_bribery_registers",
            "sequence": 40,
            "title": self.env._("Anti-bribery registers"),
            "kind": "table",
            "columns": [
                {"label": self.env._("Agency"), "numeric": False},
                {"label": self.env._("High risks"), "numeric": True},
                {"label": self.env._("Reviews due"), "numeric": True},
                {"label": self.env._("Gratification this year"), "numeric": True},
                {"label": self.env._("Value"), "numeric": True},
                {"label": self.env._("Late reports"), "numeric": True},
                {"label": self.env._("Lapsed due diligence"), "numeric": True},
            ],
            "rows": rows,
            "note": (
                self.env._("The agencies you mentor.")
                if mentor_only
                else False
                if rows
                else self.env._("No agency keeps an anti-bribery register yet.")
            ),
        }

    @api.model
    def _regency_register_cells(self, name, values, currency):
        number = self._regency_number
        return [
            name,
            number(values["risk_high_count"]),
            number(values["risk_review_due_count"]),
            number(values["gratification_year_count"]),
            format_amount(self.env, values["gratification_year_value"], currency),
            number(values["gratification_late_count"]),
            number(values["due_diligence_lapsed_count"]),
        ]
