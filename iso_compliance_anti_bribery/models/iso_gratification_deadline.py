from odoo import api, fields, models
from odoo.exceptions import ValidationError

DEADLINE_TYPES = [
    ("upg", "Report to the UPG"),
    ("forward", "UPG forwards to KPK"),
    ("kpk", "Report reaches KPK"),
    ("completion", "Incomplete report completed"),
    ("decision", "KPK decides on the report"),
]
# The report's date each deadline counts from (a field of iso.gratification.report).
START_EVENTS = [
    ("date_received", "Receipt of the gift"),
    ("report_date", "Date of reporting"),
    ("completion_requested_date", "Request for completion"),
    ("forward_date", "Date the report reached KPK"),
]
# The stored deadline field of iso.gratification.report for each deadline type.
DEADLINE_FIELDS = {
    "upg": "upg_deadline_date",
    "forward": "forward_deadline_date",
    "kpk": "deadline_date",
    "completion": "completion_due_date",
    "decision": "decision_deadline_date",
}


class IsoGratificationDeadline(models.Model):
    """A deadline of the gratification rules: how many working days, counted from which of
    the report's dates, in force during which period. The rule applied to a report is the
    one whose period holds the date it counts from (a report dated up to 19 January 2026
    follows Peraturan KPK 2/2019, one dated from 20 January its amendment 1/2026)."""

    _name = "iso.gratification.deadline"
    _description = "Gratification Deadline Rule"
    _order = "deadline_type, date_from desc"

    name = fields.Char(required=True, translate=True)
    deadline_type = fields.Selection(DEADLINE_TYPES, required=True)
    working_days = fields.Integer(required=True)
    start_event = fields.Selection(
        START_EVENTS,
        string="Counted From",
        required=True,
        help="The report's date the working days are counted from (that day not counted).",
    )
    date_from = fields.Date(string="Valid From", required=True)
    date_to = fields.Date(string="Valid Until", help="Empty while the rule is in force.")
    regulation = fields.Char(
        required=True, help="The regulation that sets the deadline, e.g. Peraturan KPK 1/2026."
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    active = fields.Boolean(default=True)

    @api.constrains("working_days", "date_from", "date_to", "deadline_type", "company_id")
    def _check_days_and_period(self):
        for rule in self:
            if rule.working_days <= 0:
                raise ValidationError(
                    self.env._("A deadline is at least one working day after its start.")
                )
            if rule.date_to and rule.date_to < rule.date_from:
                raise ValidationError(self.env._("A deadline rule cannot end before it starts."))
            overlap = self.search_count(
                [
                    ("id", "!=", rule.id),
                    ("company_id", "=", rule.company_id.id),
                    ("deadline_type", "=", rule.deadline_type),
                    "|",
                    ("date_to", "=", False),
                    ("date_to", ">=", rule.date_from),
                    *([("date_from", "<=", rule.date_to)] if rule.date_to else []),
                ]
            )
            if overlap:
                raise ValidationError(
                    self.env._(
                        "Another rule for %(deadline)s is in force during this period: end it "
                        "before the new one starts.",
                        deadline=rule.name,
                    )
                )

    @api.model
    def _rules(self, company):
        """The rules of `company` by deadline type, newest first."""
        rules = {}
        for rule in self.sudo().search([("company_id", "=", company.id)]):
            rules.setdefault(rule.deadline_type, []).append(rule)
        return rules

    @staticmethod
    def _applicable(rules, record):
        """(rule, start date) of the rule among `rules` whose period holds the date of
        `record` it counts from; (None, None) if none does."""
        for rule in rules:
            start = record[rule.start_event]
            if start and rule.date_from <= start and (not rule.date_to or start <= rule.date_to):
                return rule, start
        return None, None

    def write(self, vals):
        result = super().write(vals)
        self.env["iso.gratification.report"]._iso_recompute_deadlines()
        return result

    @api.model_create_multi
    def create(self, vals_list):
        rules = super().create(vals_list)
        self.env["iso.gratification.report"]._iso_recompute_deadlines()
        return rules
