import re

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression


class IsoStandardClause(models.Model):
    """A clause of a standard's edition; leaves are assessed in audits and checklists,
    clauses with sub-clauses are headings."""

    _name = "iso.standard.clause"
    _description = "Clause of a Standard"
    _order = "standard_id, sort_key, id"
    _rec_names_search = ["number", "name", "standard_id.code"]

    standard_id = fields.Many2one("iso.standard", required=True, index=True, ondelete="cascade")
    number = fields.Char(required=True, help="Clause number as the standard writes it, e.g. 8.7.")
    name = fields.Char(string="Title", required=True, translate=True)
    parent_id = fields.Many2one(
        "iso.standard.clause",
        string="Parent Clause",
        index=True,
        ondelete="cascade",
        domain="[('standard_id', '=', standard_id)]",
    )
    child_ids = fields.One2many("iso.standard.clause", "parent_id", string="Sub-clauses")
    sort_key = fields.Char(
        compute="_compute_sort_key",
        store=True,
        index=True,
        help="The number with each part zero-padded, so that 8.2 sorts before 8.10.",
    )
    guidance = fields.Text(
        translate=True, help="What auditors and mentors look for when assessing this clause."
    )
    is_assessable = fields.Boolean(
        string="Assessable",
        compute="_compute_is_assessable",
        store=True,
        help="Clauses without sub-clauses are assessed; the others are headings.",
    )

    _sql_constraints = [
        ("number_standard_uniq", "unique(standard_id, number)", "This clause number exists."),
    ]

    @api.depends("number")
    def _compute_sort_key(self):
        for clause in self:
            parts = re.findall(r"\d+|[^\d.]+", clause.number or "")
            clause.sort_key = ".".join(p.zfill(4) if p.isdigit() else p for p in parts)

    @api.depends("child_ids")
    def _compute_is_assessable(self):
        for clause in self:
            clause.is_assessable = not clause.child_ids

    @api.depends("number", "name", "standard_id.code", "standard_id.edition")
    def _compute_display_name(self):
        """Every label names the standard's edition: "8.1 Operational planning" exists in
        ISO 9001:2015, ISO 37001:2016 and ISO 37001:2025, and only one counts for an
        agency."""
        for clause in self:
            standard = clause.standard_id.sudo()
            prefix = f"{standard.code}:{standard.edition} " if standard else ""
            clause.display_name = f"{prefix}{clause.number} {clause.name}"

    @api.model
    def name_search(self, name="", args=None, operator="ilike", limit=100):
        """Pickers offer the clauses of the standards the agency in the context pursues
        first (``iso_agency_id``), then the others: the edition an agency works to comes
        before the ones it does not."""
        agency_id = self.env.context.get("iso_agency_id")
        agency = self.env["iso.agency"].browse(agency_id).exists() if agency_id else None
        standards = agency._pursued_standards() if agency else None
        if not standards:
            return super().name_search(name, args, operator, limit)
        args = list(args or [])
        first = super().name_search(
            name, expression.AND([args, [("standard_id", "in", standards.ids)]]), operator, limit
        )
        if limit and len(first) >= limit:
            return first
        rest = super().name_search(
            name,
            expression.AND([args, [("standard_id", "not in", standards.ids)]]),
            operator,
            limit and limit - len(first),
        )
        return first + rest

    @api.ondelete(at_uninstall=False)
    def _unlink_if_unused(self):
        """A clause assessed in an audit, or worked on in a readiness checklist, stays: its
        lines and findings would go with it."""
        all_ids = self.search([("id", "child_of", self.ids)]).ids
        Line = self.env["iso.mentoring.line"].sudo().with_context(active_test=False)
        worked = Line.search([("clause_id", "in", all_ids)]).filtered(
            lambda line: not line._is_untouched()
        )
        audited = self.env["iso.audit.line"].sudo().search_count(
            [("clause_id", "in", all_ids)], limit=1
        ) or self.env["iso.audit.finding"].sudo().search_count(
            [("clause_id", "in", all_ids)], limit=1
        )
        if worked or audited:
            raise UserError(
                self.env._(
                    "A clause that audits assessed or checklists worked on cannot be deleted: "
                    "archive its standard, or keep the clause."
                )
            )

    @api.constrains("parent_id", "standard_id")
    def _check_parent_id(self):
        for clause in self:
            if clause.parent_id and clause.parent_id.standard_id != clause.standard_id:
                raise ValidationError(
                    self.env._(
                        "Clause %(clause)s and its parent clause must belong to the same standard.",
                        clause=clause.number,
                    )
                )
        if self._has_cycle():
            raise ValidationError(self.env._("A clause cannot be its own parent."))
