from odoo import fields, models
from odoo.tools import format_date


class ResPartner(models.Model):
    """A business associate's due diligence, on its contact."""

    _inherit = "res.partner"

    iso_due_diligence_ids = fields.One2many(
        "iso.due.diligence", "partner_id", string="Due Diligence"
    )
    iso_due_diligence_status = fields.Char(
        string="Due Diligence Status",
        compute="_compute_iso_due_diligence_status",
        groups="iso_compliance.group_iso_compliance_officer",
        help="The latest due diligence decided on this business associate, and until when it "
        "holds.",
    )

    def _compute_iso_due_diligence_status(self):
        DueDiligence = self.env["iso.due.diligence"]
        latest = {}
        for record in DueDiligence.search(
            [("partner_id", "in", self.ids), ("state", "in", ("decided", "lapsed"))],
            order="decided_on desc, id desc",
        ):
            latest.setdefault(record.partner_id.id, record)
        decisions = dict(DueDiligence._fields["decision"]._description_selection(self.env))
        for partner in self:
            record = latest.get(partner.id)
            if not record:
                partner.iso_due_diligence_status = self.env._("No due diligence")
            elif record.state == "lapsed":
                partner.iso_due_diligence_status = self.env._(
                    "Lapsed on %(date)s: repeat it", date=format_date(self.env, record.valid_until)
                )
            else:
                partner.iso_due_diligence_status = self.env._(
                    "%(decision)s, valid until %(date)s",
                    decision=decisions[record.decision],
                    date=format_date(self.env, record.valid_until),
                )

    def action_view_iso_due_diligence(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "iso_compliance_anti_bribery.iso_due_diligence_action"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id, "default_subject_type": "partner"}
        return action
