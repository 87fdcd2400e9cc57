from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression

# Longest certificate validity a standard may set.
MAX_VALIDITY_YEARS = 10


class IsoStandard(models.Model):
    """One edition of a management-system standard, e.g. ISO 37001:2016, with its clauses."""

    _name = "iso.standard"
    _description = "ISO Standard"
    _order = "code, edition desc"
    _rec_names_search = ["code", "name", "national_designation"]

    code = fields.Char(required=True, help="Number of the standard, e.g. ISO 37001.")
    edition = fields.Char(required=True, help="Year of the edition, e.g. 2016.")
    name = fields.Char(
        string="Title",
        required=True,
        translate=True,
        help="Title of the standard, e.g. Anti-bribery management systems.",
    )
    national_designation = fields.Char(
        help="The national adoption that certificates name, e.g. SNI ISO 37001:2016."
    )
    validity_years = fields.Integer(
        string="Certificate Validity (years)",
        default=3,
        required=True,
        help="How long a certificate to this standard is valid; proposes the expiry date.",
    )
    clause_ids = fields.One2many("iso.standard.clause", "standard_id", string="Clauses")
    clause_count = fields.Integer(compute="_compute_clause_count")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_edition_uniq", "unique(code, edition)", "This edition of the standard exists."),
        (
            "validity_positive",
            "CHECK(validity_years > 0)",
            "The validity of a certificate must be at least one year.",
        ),
    ]

    @api.depends("code", "edition")
    def _compute_display_name(self):
        for standard in self:
            standard.display_name = f"{standard.code}:{standard.edition}"

    @api.model
    def _search_display_name(self, operator, value):
        """Find a standard as every screen shows it ("ISO 9001:2015"), besides its code, title
        and national designation ("SNI ISO 9001:2015"): what an import file or a user types."""
        domain = super()._search_display_name(operator, value)
        if (
            isinstance(value, str)
            and ":" in value
            and operator in ("=", "ilike", "=ilike", "like", "=like")
        ):
            code, edition = (part.strip() for part in value.rsplit(":", 1))
            if code and edition:
                exact = "=ilike" if operator in ("=", "=ilike") else operator
                domain = expression.OR(
                    [domain, [("code", exact, code), ("edition", exact, edition)]]
                )
        return domain

    @api.model
    def name_search(self, name="", args=None, operator="ilike", limit=100):
        """The editions an agency holds or pursues first (context `iso_agency_id`): typing
        "37001" for an agency certified to the 2016 edition proposes that one first."""
        result = super().name_search(name=name, args=args, operator=operator, limit=limit)
        agency_id = self.env.context.get("iso_agency_id")
        if not agency_id or len(result) < 2:
            return result
        agency = self.env["iso.agency"].browse(agency_id)
        own = set(agency._pursued_standards().ids)
        return sorted(result, key=lambda item: item[0] not in own)

    def _assessable_clauses(self):
        """The assessable clauses of these standards, by standard, in one query: what audit
        checklists and mentoring readiness checklists are made of."""
        clauses = self.env["iso.standard.clause"].search(
            [("standard_id", "in", self.ids), ("is_assessable", "=", True)]
        )
        return clauses.grouped("standard_id")

    @api.constrains("validity_years")
    def _check_validity(self):
        for standard in self:
            if not 1 <= standard.validity_years <= MAX_VALIDITY_YEARS:
                raise ValidationError(
                    self.env._(
                        "A certificate to %(standard)s is valid from 1 to %(max)s years.",
                        standard=standard.display_name,
                        max=MAX_VALIDITY_YEARS,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_if_unused(self):
        """A standard that certificates, audits or engagements name is archived: deleting
        it would take their checklists with it."""
        for model in ("iso.certificate", "iso.mentoring", "iso.audit"):
            field = "standard_id" if model == "iso.certificate" else "standard_ids"
            used = (
                self.env[model]
                .sudo()
                .with_context(active_test=False)
                .search_count([(field, "in", self.ids)], limit=1)
            )
            if used:
                raise UserError(
                    self.env._(
                        "A standard that certificates, audits or engagements use cannot be "
                        "deleted: archive it."
                    )
                )

    def _compute_clause_count(self):
        counts = dict(
            self.env["iso.standard.clause"]._read_group(
                [("standard_id", "in", self.ids)], ["standard_id"], ["__count"]
            )
        )
        for standard in self:
            standard.clause_count = counts.get(standard, 0)
