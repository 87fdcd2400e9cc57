from odoo import api, fields, models
from odoo.exceptions import ValidationError


class IsoZiEvidence(models.Model):
    """A link or a file a unit gives as evidence for one answer, when the registers of the
    programme do not hold it (a news page, a photo of the complaint box)."""

    _name = "iso.zi.evidence"
    _description = "Zona Integritas Evidence"
    _inherit = ["iso.access.mixin"]
    _order = "line_id, id"
    _iso_parent_fields = frozenset({"line_id"})
    _iso_file_fields = {"file": "filename"}
    _iso_char_limits = {"name": 200, "url": 1000, "filename": 200}

    line_id = fields.Many2one(
        "iso.zi.assessment.line", string="Answer", required=True, index=True, ondelete="cascade"
    )
    assessment_id = fields.Many2one(related="line_id.assessment_id", store=True, index=True)
    company_id = fields.Many2one(related="line_id.company_id", store=True)
    name = fields.Char(string="Description", required=True)
    url = fields.Char(string="Link")
    file = fields.Binary(attachment=True)
    filename = fields.Char()

    _iso_write_fields = dict.fromkeys(
        ("officer", "mentor", "manager"), frozenset({"name", "url", "file", "filename"})
    )

    def _iso_writable_fields(self):
        """The role's fields, only while the user may give evidence on the answer (the
        unit's officers, while the unit holds the sheet)."""
        for evidence in self:
            if (
                "evidence_ids"
                not in evidence.sudo().line_id.with_env(self.env)._iso_writable_fields()
            ):
                return frozenset()
        return super()._iso_writable_fields()

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            line = self.env["iso.zi.assessment.line"].browse(vals.get("line_id"))
            if line and not self.env.su and "evidence_ids" not in line._iso_writable_fields():
                line._iso_refuse({"evidence_ids"})
        return super().create(vals_list)

    @api.constrains("name", "url", "file")
    def _check_content(self):
        for evidence in self:
            if not evidence.url and not evidence.file:
                raise ValidationError(self.env._("Evidence needs a link or a file."))
            if evidence.url and not evidence.url.startswith(("https://", "http://")):
                raise ValidationError(self.env._("A link starts with https:// or http://."))

    def _iso_attachment_frozen(self):
        return self.filtered(lambda e: e.line_id.assessment_id.state not in ("draft", "revision"))
