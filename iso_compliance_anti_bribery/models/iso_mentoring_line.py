from odoo import fields, models

# The ISO 37001 clauses whose evidence is one of the agency's anti-bribery registers.
REGISTER_CLAUSES = ("4.5", "8.2", "8.7")


class IsoMentoringLine(models.Model):
    """On the checklist lines of ISO 37001 clauses 4.5, 8.2 and 8.7, the live state of the
    agency's register that is their evidence."""

    _inherit = "iso.mentoring.line"

    register_state = fields.Char(
        string="Register",
        compute="_compute_register_state",
        help="For clauses 4.5 (bribery risks), 8.2 (due diligence) and 8.7 (gratification "
        "control) of ISO 37001: the live state of the agency's register.",
    )

    def _compute_register_state(self):
        """Counts only (through sudo): a mentor verifying the line sees the whole register's
        figures, whatever records of it the mentor may open. A few grouped queries for all
        the lines."""
        lines = self.filtered(
            lambda line: (
                line.standard_id.code == "ISO 37001" and line.clause_id.number in REGISTER_CLAUSES
            )
        )
        (self - lines).register_state = False
        if not lines:
            return
        agencies = lines.mentoring_id.agency_id
        today = fields.Date.context_today(self)
        risks = self._count_by_agency(
            "iso.bribery.risk",
            [
                ("agency_id", "in", agencies.ids),
                ("state", "in", ("assessed", "treated", "accepted")),
            ],
        )
        risks_due = self._count_by_agency(
            "iso.bribery.risk", [("agency_id", "in", agencies.ids), ("is_review_due", "=", True)]
        )
        dd_valid = self._count_by_agency(
            "iso.due.diligence", [("agency_id", "in", agencies.ids), ("state", "=", "decided")]
        )
        dd_lapsed = self._count_by_agency(
            "iso.due.diligence", [("agency_id", "in", agencies.ids), ("state", "=", "lapsed")]
        )
        year = [("date_received", ">=", today.replace(month=1, day=1))]
        reports = self._count_by_agency(
            "iso.gratification.report", [("agency_id", "in", agencies.ids), *year]
        )
        late = self._count_by_agency(
            "iso.gratification.report",
            [("agency_id", "in", agencies.ids), ("is_late", "=", True), *year],
        )
        for line in lines:
            agency = line.mentoring_id.agency_id.id
            number = line.clause_id.number
            if number == "4.5":
                line.register_state = self.env._(
                    "Risks assessed: %(count)s; overdue for review: %(due)s",
                    count=risks.get(agency, 0),
                    due=risks_due.get(agency, 0),
                )
            elif number == "8.2":
                line.register_state = self.env._(
                    "Due diligence valid: %(valid)s; lapsed: %(lapsed)s",
                    valid=dd_valid.get(agency, 0),
                    lapsed=dd_lapsed.get(agency, 0),
                )
            else:
                line.register_state = self.env._(
                    "Gratification reports this year: %(count)s; late: %(late)s",
                    count=reports.get(agency, 0),
                    late=late.get(agency, 0),
                )

    def _count_by_agency(self, model, domain):
        groups = self.env[model].sudo()._read_group(domain, ["agency_id"], ["__count"])
        return {agency.id: count for agency, count in groups}
