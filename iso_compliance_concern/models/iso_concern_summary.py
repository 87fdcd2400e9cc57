from odoo import fields, models, tools

from .iso_concern import CONCLUSIONS, STATES


class IsoConcernSummary(models.Model):
    """How many cases each agency has, by state and conclusion, for the compliance function
    (ISO 37001 8.10, 9.4): counts only, never a reporter, a description or a case code. A
    database view over iso.concern, read by the programme's managers, who cannot read the
    cases themselves; not by an agency's officers or mentors, whom the handlers' independence
    keeps away from the cases about their agencies."""

    _name = "iso.concern.summary"
    _description = "Concern Summary"
    _auto = False
    _order = "agency_id, state, conclusion"

    agency_id = fields.Many2one("iso.agency", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    state = fields.Selection(STATES, readonly=True)
    conclusion = fields.Selection(CONCLUSIONS, readonly=True)
    year = fields.Integer(string="Year Received", readonly=True, aggregator=False)
    case_count = fields.Integer(string="Cases", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            f"""
            CREATE VIEW {self._table} AS (
                SELECT row_number() OVER (ORDER BY agency_id, state, conclusion, year) AS id,
                       agency_id, company_id, state, conclusion, year, case_count
                FROM (
                    SELECT c.agency_id, c.company_id, c.state, c.conclusion,
                           EXTRACT(YEAR FROM c.received_date)::int AS year,
                           count(*) AS case_count
                    FROM iso_concern c
                    GROUP BY c.agency_id, c.company_id, c.state, c.conclusion,
                             EXTRACT(YEAR FROM c.received_date)
                ) AS counts
            )
            """
        )
