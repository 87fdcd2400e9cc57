from odoo import fields, models
from odoo.addons.iso_compliance.models.iso_access_mixin import extend_write_fields
from odoo.addons.iso_compliance.models.iso_agency import IsoAgency as BaseAgency


class IsoAgency(models.Model):
    """The agency's document register: who approves its documents, how many count."""

    _inherit = "iso.agency"
    _iso_write_fields = extend_write_fields(
        BaseAgency._iso_write_fields,
        {"mentor": {"document_approver_ids"}, "manager": {"document_approver_ids"}},
    )
    _iso_grant_fields = BaseAgency._iso_grant_fields | {"document_approver_ids"}

    document_approver_ids = fields.Many2many(
        "res.users",
        "iso_agency_document_approver_rel",
        "agency_id",
        "user_id",
        string="Document Approvers",
        domain=lambda self: [
            ("groups_id", "in", self.env.ref("iso_compliance.group_iso_compliance_officer").id)
        ],
        tracking=True,
        help="Who approves the agency's documented information besides the head of agency "
        "(a user whose contact is the head). Nobody approves a version they prepared.",
    )
    document_effective_count = fields.Integer(
        compute="_compute_document_counts", string="Effective Documents"
    )
    document_overdue_count = fields.Integer(
        compute="_compute_document_counts", string="Documents Overdue for Review"
    )

    def _compute_document_counts(self):
        groups = self.env["iso.document"]._read_group(
            [("agency_id", "in", self.ids), ("state", "=", "approved")],
            ["agency_id", "review_overdue"],
            ["__count"],
        )
        counts = {(agency.id, overdue): count for agency, overdue, count in groups}
        for agency in self:
            agency.document_effective_count = counts.get((agency.id, False), 0)
            agency.document_overdue_count = counts.get((agency.id, True), 0)

    def _document_approvers(self):
        """Who approves this agency's documents: its designated approvers and the users whose
        contact is the head of agency."""
        self.ensure_one()
        heads = self.head_id.sudo().user_ids if self.head_id else self.env["res.users"]
        return (self.document_approver_ids | heads.with_env(self.env)).filtered("active")

    def _action_documents(self, domain, context=None):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "iso_compliance_document.iso_document_action"
        )
        action["domain"] = [("agency_id", "=", self.id), *domain]
        action["context"] = {"default_agency_id": self.id, **(context or {})}
        return action

    def action_view_effective_documents(self):
        return self._action_documents([("state", "=", "approved"), ("review_overdue", "=", False)])

    def action_view_overdue_documents(self):
        return self._action_documents([("state", "=", "approved"), ("review_overdue", "=", True)])

    def action_document_pack(self):
        """Open the document pack for this agency, its first pursued standard proposed."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "iso_compliance_document.iso_document_pack_action"
        )
        standard = self._pursued_standards()[:1]
        action["context"] = {"default_agency_id": self.id, "default_standard_id": standard.id}
        return action
