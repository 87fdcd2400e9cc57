from odoo import fields, models


class IsoCertificateStateWizard(models.TransientModel):
    """Asks for the reason of a suspension or withdrawal, which the chatter keeps."""

    _name = "iso.certificate.state.wizard"
    _description = "Suspend or Withdraw Certificates"

    certificate_ids = fields.Many2many("iso.certificate", string="Certificates", required=True)
    action = fields.Selection(
        [("suspend", "Suspend"), ("withdraw", "Withdraw")], required=True, readonly=True
    )
    reason = fields.Text(
        required=True,
        help="Why the certification body suspends or withdraws the certificate, e.g. "
        "surveillance audit not held, serious nonconformity.",
    )

    def action_confirm(self):
        self.ensure_one()
        if self.action == "suspend":
            self.certificate_ids._suspend(self.reason)
            body = self.env._("Certificate suspended: %(reason)s", reason=self.reason)
        else:
            self.certificate_ids._withdraw(self.reason)
            body = self.env._("Certificate withdrawn: %(reason)s", reason=self.reason)
        for cert in self.certificate_ids:
            cert.message_post(body=body)
        return {"type": "ir.actions.act_window_close"}
