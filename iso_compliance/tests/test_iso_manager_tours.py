import math

from odoo import Command, http
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestManagerScreensTour(HttpCase):
    """The Inspector's screens in a real browser: the programme parameters and the readiness
    distribution."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Read every addon's manifest before the server thread does (see the board tour).
        cls.addons_with_statics = http.root.statics
        cls.inspector = new_test_user(
            cls.env,
            login="inspector_tour",
            password="inspector_tour",
            groups="iso_compliance.group_iso_compliance_manager",
            name="Inspector",
        )

    def test_manager_saves_the_programme_parameters(self):
        self.assertFalse(self.inspector.has_group("base.group_system"))
        self.start_tour(
            "/odoo/action-iso_compliance.iso_compliance_settings_action",
            "iso_compliance_settings_tour",
            login="inspector_tour",
        )
        self.assertEqual(
            self.env["ir.config_parameter"].get_param("iso_compliance.mentoring_stall_days"), "14"
        )

    def test_readiness_distribution_in_order_with_whole_counts(self):
        Mentoring = self.env["iso.mentoring"]
        iso_37001 = self.env.ref("iso_compliance.standard_iso_37001_2016")
        Mentoring.search([]).action_archive()
        engagements = Mentoring
        for index, share in enumerate((1.0, 1 / 3, 0.0)):
            agency = self.env["iso.agency"].create(
                {"name": f"Readiness Agency {index}", "code": f"READY{index}"}
            )
            engagement = Mentoring.create(
                {"agency_id": agency.id, "standard_ids": [Command.link(iso_37001.id)]}
            )
            lines = engagement.line_ids
            lines[: math.ceil(len(lines) * share)].write({"status": "verified"})
            engagements |= engagement
        self.assertEqual(engagements.mapped("readiness_band"), ["100", "025", "000"])
        self.start_tour(
            "/odoo/action-iso_compliance.iso_mentoring_action_readiness",
            "iso_readiness_graph_tour",
            login="inspector_tour",
        )
