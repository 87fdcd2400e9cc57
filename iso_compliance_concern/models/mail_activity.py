from odoo import api, models
from odoo.exceptions import ValidationError


class MailActivity(models.Model):
    _inherit = "mail.activity"

    @api.constrains("res_model", "res_id", "user_id")
    def _check_iso_concern_assignee(self):
        """An activity shows its record's name to its assignee: activities on a confidential
        case go to concern handlers only."""
        on_cases = self.filtered(lambda a: a.res_model == "iso.concern")
        if not on_cases:
            return
        handlers = self.env.ref("iso_compliance_concern.group_iso_concern_handler").sudo().users
        for activity in on_cases:
            if activity.user_id not in handlers:
                raise ValidationError(
                    self.env._("Activities on a case may be assigned to concern handlers only.")
                )
