from odoo import api, fields, models
from odoo.exceptions import ValidationError

# The seventeen exceptions of Peraturan KPK 2/2019 Pasal 2 ayat (3), letters a to q, as the
# amendment 1/2026 left them (it deletes letter n and changes l and o): the amounts, the
# conditions and the periods are data (iso.gratification.threshold, seeded in
# data/iso_gratification_threshold_data.xml), the types are the law's list.
EXCEPTION_TYPES = [
    ("family", "Gift within the family, without conflict of interest"),
    ("investment", "Returns on personal deposits or investments open to all"),
    ("cooperative", "Benefit from a cooperative or staff association"),
    ("training_kit", "Seminar, workshop or training kit"),
    ("promotion", "Promotional item open to all"),
    ("prize", "Prize of a competition entered at one's own cost"),
    ("award", "Award from the government"),
    ("raffle", "Raffle prize, discount, voucher or points open to all"),
    ("professional_fee", "Professional fee outside official duty"),
    ("official_fee", "Official honorarium or travel within the cost standard"),
    ("flowers", "Congratulatory flowers"),
    (
        "ceremony",
        "Gift at an engagement, wedding, birth or customary or religious ceremony",
    ),
    ("disaster", "Help after a disaster or misfortune"),
    (
        "colleague_farewell",
        "Gift between colleagues at a farewell, retirement, promotion or birthday",
    ),
    ("colleague", "Other non-cash gift between colleagues"),
    ("food", "Food and drink served to all"),
    ("souvenir", "Souvenir or plaque given to the institution"),
]


class IsoGratificationThreshold(models.Model):
    """A reporting exception of the gratification regulation (Peraturan KPK 2/2019 Pasal 2
    ayat (3) as amended), with the amounts it allows, its conditions and the period it is in
    force: a new amendment is a new record, not a code change. A report gets the exception in
    force on its date of receipt, never one for a gift from a supplier or a service applicant
    (see iso.gratification.report._exception_candidates)."""

    _name = "iso.gratification.threshold"
    _description = "Gratification Reporting Exception"
    _order = "exception_type, date_from desc"

    name = fields.Char(required=True, translate=True)
    exception_type = fields.Selection(EXCEPTION_TYPES, required=True)
    legal_basis = fields.Char(
        help="Where the regulation sets the exception, e.g. Pasal 2 ayat (3) huruf l."
    )
    amount_per_giver = fields.Monetary(
        string="Per Gift",
        help="Highest value of one gift from one giver that need not be reported; 0 where "
        "the regulation sets no amount.",
    )
    amount_per_event = fields.Monetary(
        string="Per Giver and Event",
        help="Highest total of the gifts of one giver at one event (e.g. a wedding) that need "
        "not be reported; 0 where the regulation sets no such amount.",
    )
    amount_per_year = fields.Monetary(
        string="Per Year",
        help="Highest total a year from the same giver that need not be reported; 0 for no "
        "yearly limit.",
    )
    no_conflict_required = fields.Boolean(
        string="Only Without Conflict of Interest",
        help="The exception applies only when the giver has no conflict of interest with the "
        "recipient's position.",
    )
    money_excluded = fields.Boolean(
        string="Not for Money",
        help="The exception never covers money or other means of exchange: cash, vouchers, "
        "gift cards, e-money.",
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

    @api.constrains(
        "amount_per_giver",
        "amount_per_event",
        "amount_per_year",
        "date_from",
        "date_to",
        "exception_type",
        "company_id",
    )
    def _check_amounts_and_period(self):
        for threshold in self:
            if (
                min(
                    threshold.amount_per_giver,
                    threshold.amount_per_event,
                    threshold.amount_per_year,
                )
                < 0
            ):
                raise ValidationError(
                    self.env._(
                        "The amounts of a reporting exception cannot be negative: enter 0 "
                        "where the regulation sets no amount."
                    )
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

    def _admits(self, report):
        """Whether this exception covers the gift of `report` (an iso.gratification.report):
        its form, the giver's conflict of interest and its amounts against this record's
        conditions. Whether the exception is in force and may apply to the giver at all is
        the report's to decide."""
        self.ensure_one()
        if self.money_excluded and report._is_money():
            return False
        if self.no_conflict_required and report.conflict_of_interest:
            return False
        if self.amount_per_giver and report.value > self.amount_per_giver:
            return False
        if self.amount_per_event and report._event_total() > self.amount_per_event:
            return False
        return not (
            self.amount_per_year
            and report._year_total(money=not self.money_excluded) > self.amount_per_year
        )

    @api.model_create_multi
    def create(self, vals_list):
        thresholds = super().create(vals_list)
        thresholds._recompute_report_exceptions()
        return thresholds

    def write(self, vals):
        result = super().write(vals)
        self._recompute_report_exceptions()
        return result

    def _recompute_report_exceptions(self):
        """The open reports follow the exceptions' data; a migration that recomputes every
        report itself afterwards skips it (context key iso_skip_exception_recompute)."""
        if not self.env.context.get("iso_skip_exception_recompute"):
            self.env["iso.gratification.report"]._iso_recompute_exceptions()
