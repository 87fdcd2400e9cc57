from odoo import api, fields, models


class IsoZiScore(models.Model):
    """The score of one part of the sheet (area, component...) in one assessment, on the
    unit's and on the TPI's answers: kept so that the recap and the dashboards by area read
    stored figures. Made and recomputed by the system only."""

    _name = "iso.zi.score"
    _description = "Zona Integritas Score by Area"
    _inherit = ["iso.access.mixin"]
    _order = "assessment_id, node_sequence, id"

    assessment_id = fields.Many2one(
        "iso.zi.assessment", required=True, index=True, ondelete="cascade"
    )
    node_id = fields.Many2one(
        "iso.zi.node", string="Part", required=True, index=True, ondelete="cascade"
    )
    node_sequence = fields.Char(related="node_id.sort_path", store=True)
    code = fields.Char(related="node_id.code", store=True)
    level = fields.Selection(related="node_id.level", store=True)
    weight = fields.Float(related="node_id.weight", store=True)
    agency_id = fields.Many2one(related="assessment_id.agency_id", store=True, string="Unit")
    period_id = fields.Many2one(related="assessment_id.period_id", store=True, string="Evaluation")
    company_id = fields.Many2one(related="assessment_id.company_id", store=True)
    state = fields.Selection(related="assessment_id.state", store=True, string="Status")
    unit_score = fields.Float(compute="_compute_scores", store=True, aggregator="avg")
    tpi_score = fields.Float(
        string="TPI Score", compute="_compute_scores", store=True, aggregator="avg"
    )
    unit_percent = fields.Float(
        string="Unit %", compute="_compute_scores", store=True, aggregator="avg"
    )
    tpi_percent = fields.Float(
        string="TPI %", compute="_compute_scores", store=True, aggregator="avg"
    )

    @api.depends(
        "assessment_id.unit_total",
        "assessment_id.tpi_total",
        "assessment_id.line_ids.unit_option_id",
        "assessment_id.line_ids.unit_figure",
        "assessment_id.line_ids.tpi_option_id",
        "assessment_id.line_ids.tpi_figure",
    )
    def _compute_scores(self):
        results = self.assessment_id._score_results()
        for score in self:
            unit, tpi = results.get(score.assessment_id.id, (None, None))
            node = score.node_id.id
            score.unit_score = unit.nodes.get(node, 0.0) if unit else 0.0
            score.tpi_score = tpi.nodes.get(node, 0.0) if tpi else 0.0
            weight = score.node_id.weight
            score.unit_percent = 100.0 * score.unit_score / weight if weight else 0.0
            score.tpi_percent = 100.0 * score.tpi_score / weight if weight else 0.0

    @api.depends("node_id", "assessment_id")
    def _compute_display_name(self):
        for score in self:
            score.display_name = score.node_id.display_name
