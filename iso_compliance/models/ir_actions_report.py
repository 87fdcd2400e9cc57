from odoo import fields, models


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    def _get_rendering_context(self, report, docids, data):
        """The addon's reports show when they were printed and date the signatures that day,
        in the reader's time zone: one moment for the whole document, from the ORM's clock."""
        values = super()._get_rendering_context(report, docids, data)
        if report.report_name.partition(".")[0].startswith("iso_compliance"):
            now = fields.Datetime.now()
            values["iso_printed_at"] = now
            values["iso_printed_on"] = fields.Date.context_today(self, now)
        return values
