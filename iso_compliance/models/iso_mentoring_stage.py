from odoo import api, fields, models
from odoo.exceptions import UserError


class IsoMentoringStage(models.Model):
    """A step of the roadmap the Inspectorate walks an agency through, from commitment to
    certification; the columns of the mentoring board."""

    _name = "iso.mentoring.stage"
    _description = "Mentoring Roadmap Stage"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    fold = fields.Boolean(
        string="Folded on the Board",
        help="The column of this stage is folded on the mentoring board.",
    )
    description = fields.Text(
        translate=True,
        help="What the agency must achieve in this stage before moving to the next one.",
    )
    is_certified = fields.Boolean(
        string="Certified Stage",
        help="Engagements reach this stage only when the agency holds an active certificate "
        "for every standard it pursues; they move here by themselves when the last such "
        "certificate is activated.",
    )
    active = fields.Boolean(default=True)

    @api.ondelete(at_uninstall=False)
    def _unlink_if_unused(self):
        if (
            self.env["iso.mentoring"]
            .with_context(active_test=False)
            .search_count([("stage_id", "in", self.ids)], limit=1)
        ):
            raise UserError(
                self.env._("A stage that engagements are in cannot be deleted; archive it.")
            )
