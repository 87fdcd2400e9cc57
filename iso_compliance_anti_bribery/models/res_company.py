from odoo import api, fields, models
from odoo.exceptions import ValidationError

# Where each bribery risk level starts, as a score (likelihood x impact, 1 to 25).
DEFAULT_RISK_BANDS = {"medium": 5, "high": 10, "very_high": 17}
MAX_RISK_SCORE = 25


class ResCompany(models.Model):
    _inherit = "res.company"

    bribery_risk_medium_from = fields.Integer(
        string="Medium Risk From Score",
        default=DEFAULT_RISK_BANDS["medium"],
        help="Lowest score (likelihood x impact) of a medium bribery risk; lower scores are "
        "low risks.",
    )
    bribery_risk_high_from = fields.Integer(
        string="High Risk From Score",
        default=DEFAULT_RISK_BANDS["high"],
        help="Lowest score (likelihood x impact) of a high bribery risk.",
    )
    bribery_risk_very_high_from = fields.Integer(
        string="Very High Risk From Score",
        default=DEFAULT_RISK_BANDS["very_high"],
        help="Lowest score (likelihood x impact) of a very high bribery risk.",
    )

    @api.constrains(
        "bribery_risk_medium_from", "bribery_risk_high_from", "bribery_risk_very_high_from"
    )
    def _check_bribery_risk_bands(self):
        for company in self:
            if not (
                2
                <= company.bribery_risk_medium_from
                < company.bribery_risk_high_from
                < company.bribery_risk_very_high_from
                <= MAX_RISK_SCORE
            ):
                raise ValidationError(
                    self.env._(
                        "The bribery risk levels must start at rising scores between 2 and "
                        "25: medium first, then high, then very high."
                    )
                )

    def _bribery_risk_level(self, score):
        """The level of a bribery risk with this score under the company's bands."""
        self.ensure_one()
        if not score:
            return False
        if score >= self.bribery_risk_very_high_from:
            return "very_high"
        if score >= self.bribery_risk_high_from:
            return "high"
        if score >= self.bribery_risk_medium_from:
            return "medium"
        return "low"
