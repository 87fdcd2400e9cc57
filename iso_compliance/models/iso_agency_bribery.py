from odoo import fields, models

from .iso_bribery_risk import LIVE_STATES


class IsoAgency(models.Model):
    """The agency's bribery risk register: counts, the heat map and the PDF register."""

    _inherit = "iso.agency"

    bribery_risk_ids = fields.One2many("iso.bribery.risk", "agency_id")
    bribery_risk_count = fields.Integer(
        compute="_compute_bribery_risk_matrix", string="Bribery Risks (count)"
    )
    bribery_risk_matrix = fields.Html(
        compute="_compute_bribery_risk_matrix",
        sanitize=False,
        help="The agency's live bribery risks by likelihood and impact (inherent).",
    )

    gratification_count = fields.Integer(
        compute="_compute_gratification_count", string="Gratification Reports (count)"
    )

    due_diligence_count = fields.Integer(
        compute="_compute_due_diligence_count", string="Due Diligence (count)"
    )

    def _compute_bribery_risk_matrix(self):
        """One query for any number of agencies and risks."""
        Risk = self.env["iso.bribery.risk"]
        totals, matrices = Risk._matrix_counts_by_agency(self)
        for agency in self:
            agency.bribery_risk_count = totals.get(agency.id, 0)
            agency.bribery_risk_matrix = Risk._matrix_html(
                matrices.get(agency.id, {}), agency.company_id or self.env.company
            )

    def _compute_gratification_count(self):
        groups = self.env["iso.gratification.report"]._read_group(
            [("agency_id", "in", self.ids)], ["agency_id"], ["__count"]
        )
        counts = {agency.id: count for agency, count in groups}
        for agency in self:
            agency.gratification_count = counts.get(agency.id, 0)

    def action_view_gratification_reports(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "iso_compliance.iso_gratification_report_action"
        )
        action["domain"] = [("agency_id", "=", self.id)]
        action["context"] = {"default_agency_id": self.id}
        return action

    def _compute_due_diligence_count(self):
        groups = self.env["iso.due.diligence"]._read_group(
            [("agency_id", "in", self.ids)], ["agency_id"], ["__count"]
        )
        counts = {agency.id: count for agency, count in groups}
        for agency in self:
            agency.due_diligence_count = counts.get(agency.id, 0)

    def action_view_due_diligence(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "iso_compliance.iso_due_diligence_action"
        )
        action["domain"] = [("agency_id", "=", self.id)]
        action["context"] = {"default_agency_id": self.id}
        return action

    def action_view_bribery_risks(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "iso_compliance.iso_bribery_risk_action"
        )
        action["domain"] = [("agency_id", "=", self.id)]
        action["context"] = {"default_agency_id": self.id}
        return action

    def _bribery_risk_report_data(self):
        """What the PDF register prints for this agency: the live risks, both matrices."""
        self.ensure_one()
        Risk = self.env["iso.bribery.risk"]
        domain = [("agency_id", "=", self.id), ("state", "in", LIVE_STATES)]
        company = self.company_id
        return {
            "risks": Risk.search(domain),
            "inherent": Risk._matrix_html(Risk._matrix_counts(domain, "inherent"), company),
            "residual": Risk._matrix_html(Risk._matrix_counts(domain, "residual"), company),
        }
