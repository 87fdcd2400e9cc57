from odoo import api, fields, models
from odoo.exceptions import ValidationError

EXCEPTION_TYPES = [
    ("ceremony", "Wedding or religious ceremony gift"),
    ("colleague", "Non-cash gift between colleagues"),
]


class IsoGratificationThreshold(models.Model):
    """A reporting exception of the gratification regulation, with the amounts it allows and
    the period it is in force: a new amendment is a new record, not a code change."""

    _name = "iso.gratification.threshold"
    _description = "Gratification Reporting Exception"
    _order = "exception_type, date_from desc"

    name = fields.Char(required=True, translate=True)
    exception_type = fields.Selection(EXCEPTION_TYPES, required=True)
    amount_per_giver = fields.Monetary(
        required=True,
        help="Highest value per giver and occasion that need not be reported.",
    )
    amount_per_year = fields.Monetary(
        help="Highest total a year from the same giver that need not be reported; 0 for no "
        "yearly limit.",
    )
    date_from = fields.Date(string="Valid From", required=True)
    date_to = fields.Date(string="Valid Until", help="Empty while the regulation is in force.")
    regulation = fields.Char(
        required=True, help="The regulation that sets these amounts, e.g. Peraturan KPK 1/2026."
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    active = fields.Boolean(default=True)

    @api.constrains("amount_per_giver", "amount_per_year", "date_from", "date_to")
    def _check_amounts_and_period(self):
        for threshold in self:
            if threshold.amount_per_giver <= 0 or threshold.amount_per_year < 0:
                raise ValidationError(
                    self.env._("The amounts of a reporting exception must be positive.")
                )
            if threshold.date_to and threshold.date_to < threshold.date_from:
                raise ValidationError(
                    self.env._("A reporting exception cannot end before it starts.")
                )
            overlap = self.search_count(
                [
                    ("id", "!=", threshold.id),
                    ("company_id", "=", threshold.company_id.id),
                    ("exception_type", "=", threshold.exception_type),
                    "|",
                    ("date_to", "=", False),
                    ("date_to", ">=", threshold.date_from),
                    *([("date_from", "<=", threshold.date_to)] if threshold.date_to else []),
                ]
            )
            if overlap:
                raise ValidationError(
                    self.env._(
                        "Another %(exception)s is in force during this period: end it before "
                        "the new one starts.",
                        exception=threshold.name,
                    )
                )

    @api.model
    def _in_force(self, exception_type, day, company):
        """The exception of this type in force on `day` in `company`, if any."""
        return self.search(
            [
                ("company_id", "=", company.id),
                ("exception_type", "=", exception_type),
                ("date_from", "<=", day),
                "|",
                ("date_to", "=", False),
                ("date_to", ">=", day),
            ],
            limit=1,
        )
