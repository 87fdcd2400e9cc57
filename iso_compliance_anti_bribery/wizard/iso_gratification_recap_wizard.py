from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class IsoGratificationRecapWizard(models.TransientModel):
    """The recap a gratification control unit sends upward for a month or a quarter: per
    agency, the reports received, their value, what became of them and how many were late."""

    _name = "iso.gratification.recap.wizard"
    _description = "Gratification Recap"

    period = fields.Selection(
        [("month", "Month"), ("quarter", "Quarter")], required=True, default="quarter"
    )
    date_from = fields.Date(required=True, default=lambda self: self._default_start("quarter"))
    date_to = fields.Date(compute="_compute_date_to", store=True, readonly=False)
    agency_ids = fields.Many2many(
        "iso.agency", string="Agencies", help="Leave empty for every agency you can see."
    )

    @api.model
    def _default_start(self, period):
        """The first day of the last full month or quarter."""
        today = fields.Date.context_today(self)
        if period == "month":
            return today.replace(day=1) - relativedelta(months=1)
        quarter_start = today.replace(month=(today.month - 1) // 3 * 3 + 1, day=1)
        return quarter_start - relativedelta(months=3)

    @api.onchange("period")
    def _onchange_period(self):
        self.date_from = self._default_start(self.period)

    @api.depends("period", "date_from")
    def _compute_date_to(self):
        for wizard in self:
            months = 1 if wizard.period == "month" else 3
            wizard.date_to = (
                wizard.date_from + relativedelta(months=months, days=-1)
                if wizard.date_from
                else False
            )

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for wizard in self:
            if wizard.date_to and wizard.date_to < wizard.date_from:
                raise ValidationError(self.env._("The recap period cannot end before it starts."))

    def _recap_lines(self):
        """One line per agency with reports in the period, from one grouped query."""
        self.ensure_one()
        domain = [("date_received", ">=", self.date_from), ("date_received", "<=", self.date_to)]
        if self.agency_ids:
            domain.append(("agency_id", "in", self.agency_ids.ids))
        Report = self.env["iso.gratification.report"]
        states = dict(Report._fields["state"]._description_selection(self.env))
        lines = {}
        for agency, state, is_late, upg_late, forward_late, count, value in Report._read_group(
            domain,
            ["agency_id", "state", "is_late", "upg_late", "forward_late"],
            ["__count", "value:sum"],
        ):
            line = lines.setdefault(
                agency,
                {
                    "agency": agency,
                    "count": 0,
                    "value": 0.0,
                    "late": 0,
                    "upg_late": 0,
                    "forward_late": 0,
                    "states": dict.fromkeys(states, 0),
                },
            )
            line["count"] += count
            line["value"] += value
            line["late"] += count if is_late else 0
            line["upg_late"] += count if upg_late else 0
            line["forward_late"] += count if forward_late else 0
            line["states"][state] += count
        return sorted(lines.values(), key=lambda line: line["agency"].complete_name or "")

    def action_print(self):
        self.ensure_one()
        return self.env.ref(
            "iso_compliance_anti_bribery.iso_gratification_report_recap"
        ).report_action(self)
