from odoo import fields, models


class IsoGratificationNote(models.Model):
    """The reporter's personal notes on a gratification report: kept apart from the report
    so that the record rules show them to the reporter, the agency's officers and managers,
    never to the mentors who read the report."""

    _name = "iso.gratification.note"
    _description = "Gratification Report Personal Note"
    _order = "id"

    report_id = fields.Many2one(
        "iso.gratification.report", required=True, index=True, ondelete="cascade"
    )
    body = fields.Text(string="Note", required=True)
    company_id = fields.Many2one(related="report_id.company_id", store=True, index=True)
