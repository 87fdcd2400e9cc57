from odoo import fields, models


class IsoConcernIdentity(models.Model):
    """The identity a reporter chose to give, kept apart from the case: no user has access
    rights to this model; the case shows it (``reporter_name``, ``reporter_contact``) to the
    handlers assigned to it only, through the superuser."""

    _name = "iso.concern.identity"
    _description = "Reporter's Identity"

    concern_id = fields.Many2one(
        "iso.concern", required=True, ondelete="cascade", index=True, string="Case"
    )
    name = fields.Char(string="Reporter's Name")
    contact = fields.Char(string="Reporter's Contact")

    _sql_constraints = [
        ("concern_unique", "unique(concern_id)", "A case has one reporter's identity.")
    ]
