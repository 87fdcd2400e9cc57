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

    risk_high_count = fields.Integer(
        compute="_compute_register_figures",
        string="High Risks",
        help="Live bribery risks of high or very high inherent level.",
    )
    risk_review_due_count = fields.Integer(
        compute="_compute_register_figures",
        string="Reviews Due",
        help="Live bribery risks whose review date has come.",
    )
    gratification_year_count = fields.Integer(
        compute="_compute_register_figures",
        string="Gratification This Year",
        help="Gratification reports of gifts received this calendar year.",
    )
    gratification_year_value = fields.Monetary(
        compute="_compute_register_figures",
        string="Gratification Value This Year",
        currency_field="currency_id",
    )
    gratification_late_count = fields.Integer(
        compute="_compute_register_figures",
        string="Late Gratification Reports",
        help="Reports of this year made, or still not made, after their KPK deadline.",
    )
    gratification_upg_late_count = fields.Integer(
        compute="_compute_register_figures",
        string="Late to the UPG",
        help="Reports of this year made, or still not made, after their UPG deadline.",
    )
    gratification_forward_late_count = fields.Integer(
        compute="_compute_register_figures",
        string="Forwarded Late",
        help="Reports of this year forwarded, or still not forwarded, to KPK after their "
        "forwarding deadline.",
    )
    due_diligence_lapsed_count = fields.Integer(
        compute="_compute_register_figures",
        string="Lapsed Due Diligence",
    )
    currency_id = fields.Many2one(related="company_id.currency_id")

    def _compute_register_figures(self):
        """The regency overview's figures: one grouped query per register for all agencies."""
        today = fields.Date.context_today(self)
        ids = [("agency_id", "in", self.ids)]

        def grouped(model, domain, aggregate="__count"):
            groups = self.env[model]._read_group([*ids, *domain], ["agency_id"], [aggregate])
            return {agency.id: value for agency, value in groups}

        high = grouped(
            "iso.bribery.risk",
            [("state", "in", LIVE_STATES), ("inherent_level", "in", ("high", "very_high"))],
        )
        due = grouped("iso.bribery.risk", [("is_review_due", "=", True)])
        year = [("date_received", ">=", today.replace(month=1, day=1))]
        grat_count = grouped("iso.gratification.report", year)
        grat_value = grouped("iso.gratification.report", year, "value:sum")
        late = grouped("iso.gratification.report", [*year, ("is_late", "=", True)])
        upg_late = grouped("iso.gratification.report", [*year, ("upg_late", "=", True)])
        forward_late = grouped("iso.gratification.report", [*year, ("forward_late", "=", True)])
        lapsed = grouped("iso.due.diligence", [("state", "=", "lapsed")])
        for agency in self:
            agency.risk_high_count = high.get(agency.id, 0)
            agency.risk_review_due_count = due.get(agency.id, 0)
            agency.gratification_year_count = grat_count.get(agency.id, 0)
            agency.gratification_year_value = grat_value.get(agency.id, 0.0)
            agency.gratification_late_count = late.get(agency.id, 0)
            agency.gratification_upg_late_count = upg_late.get(agency.id, 0)
            agency.gratification_forward_late_count = forward_late.get(agency.id, 0)
            agency.due_diligence_lapsed_count = lapsed.get(agency.id, 0)

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
            "iso_compliance_anti_bribery.iso_gratification_report_action"
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
            "iso_compliance_anti_bribery.iso_due_diligence_action"
        )
        action["domain"] = [("agency_id", "=", self.id)]
        action["context"] = {"default_agency_id": self.id}
        return action

    def action_view_bribery_risks(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "iso_compliance_anti_bribery.iso_bribery_risk_action"
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
