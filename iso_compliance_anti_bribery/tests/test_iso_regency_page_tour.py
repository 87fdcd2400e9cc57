from datetime import timedelta

from odoo import Command, fields
from odoo.addons.iso_compliance.tests.common import IsoHttpCase
from odoo.tests import tagged


@tagged("post_install", "-at_install")
class TestRegencyPageTour(IsoHttpCase):
    """Issue 21, item 6: the Inspector's regency page in a real browser, in Indonesian."""

    def test_the_inspector_reads_the_regency_and_opens_a_heat_map_cell(self):
        self.env["iso.mentoring"].create(
            {"agency_id": self.agency.id, "standard_ids": [Command.link(self.iso_37001.id)]}
        )
        self.env["iso.certificate"].create(
            {
                "name": "SMAP-TOUR-01",
                "agency_id": self.agency.id,
                "standard_id": self.iso_37001.id,
                "certification_body_id": self.body.id,
                "issue_date": fields.Date.today() - timedelta(days=100),
            }
        ).action_activate()
        Risk = self.env["iso.bribery.risk"]
        for agency, lk, im in (
            (self.agency, "4", "3"),
            (self.agency, "4", "3"),
            (self.agency_not_started, "2", "2"),
        ):
            Risk.create(
                {
                    "name": f"Risiko {agency.code} {lk}{im}",
                    "process": "Loket",
                    "agency_id": agency.id,
                    "likelihood": lk,
                    "impact": im,
                    "owner_id": self.users["mentor"].id,
                }
            ).action_assess()
        self.assertEqual(self.env["iso.agency"].search_count([]), 2)
        self.start_tour(
            "/odoo/action-iso_compliance.iso_regency_action_page",
            "iso_regency_page_tour",
            login=self.users["manager"].login,
        )
