from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class IsoClauseMapping(models.Model):
    """Two clauses of different standards that ask for the same thing (the harmonized
    structure ISO 9001 and ISO 37001 share): documented information serving one serves the
    other, so that an agency pursuing both proves a shared clause once."""

    _name = "iso.clause.mapping"
    _description = "Clause Mapping"
    _order = "clause_id, mapped_clause_id"

    clause_id = fields.Many2one(
        "iso.standard.clause",
        required=True,
        index=True,
        ondelete="cascade",
        domain=[("is_assessable", "=", True)],
    )
    standard_id = fields.Many2one(related="clause_id.standard_id", store=True, string="Standard")
    mapped_clause_id = fields.Many2one(
        "iso.standard.clause",
        string="Corresponding Clause",
        required=True,
        index=True,
        ondelete="cascade",
        domain=[("is_assessable", "=", True)],
        help="The clause of the other standard that the same documented information serves.",
    )
    mapped_standard_id = fields.Many2one(
        related="mapped_clause_id.standard_id", store=True, string="Corresponding Standard"
    )
    note = fields.Char(help="Why the two clauses correspond, or where they differ.")

    _sql_constraints = [
        (
            "pair_uniq",
            "unique(clause_id, mapped_clause_id)",
            "These two clauses are already mapped.",
        ),
    ]

    @api.constrains("clause_id", "mapped_clause_id")
    def _check_pair(self):
        for mapping in self:
            if mapping.clause_id.standard_id == mapping.mapped_clause_id.standard_id:
                raise ValidationError(
                    self.env._(
                        "Clause %(clause)s and clause %(mapped)s belong to the same standard: "
                        "a mapping links clauses of two different standards.",
                        clause=mapping.clause_id.display_name,
                        mapped=mapping.mapped_clause_id.display_name,
                    )
                )
            reverse = self.search_count(
                [
                    ("clause_id", "=", mapping.mapped_clause_id.id),
                    ("mapped_clause_id", "=", mapping.clause_id.id),
                ],
                limit=1,
            )
            if reverse:
                raise ValidationError(
                    self.env._(
                        "Clause %(clause)s and clause %(mapped)s are already mapped the other "
                        "way round: a mapping works both ways.",
                        clause=mapping.clause_id.display_name,
                        mapped=mapping.mapped_clause_id.display_name,
                    )
                )

    @api.model
    def _equivalents(self, clause_ids):
        """{clause id: the ids of that clause and of the clauses mapped to it, either way},
        for the given clause ids, in one query."""
        clause_ids = set(clause_ids)
        result = defaultdict(set)
        for clause_id in clause_ids:
            result[clause_id].add(clause_id)
        if not clause_ids:
            return result
        mappings = self.sudo().search_fetch(
            [
                "|",
                ("clause_id", "in", list(clause_ids)),
                ("mapped_clause_id", "in", list(clause_ids)),
            ],
            ["clause_id", "mapped_clause_id"],
        )
        for mapping in mappings:
            one, other = mapping.clause_id.id, mapping.mapped_clause_id.id
            if one in clause_ids:
                result[one].add(other)
            if other in clause_ids:
                result[other].add(one)
        return result
