from odoo import Command, http
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestMentoringBoardTour(HttpCase):
    """The board in a real browser: a card dragged to the next roadmap stage stays there."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The server thread reads every addon's manifest (ast.literal_eval) on its first
        # static request. On CPython before 3.11.8 / 3.12.2, building ASTs in two threads at
        # once can fail with "SystemError: AST constructor recursion depth mismatch"
        # (python/cpython#106905), which broke this tour now and then: read them here first.
        cls.addons_with_statics = http.root.statics

    def test_drag_card_to_next_stage(self):
        agency = self.env["iso.agency"].create({"name": "Tour Agency", "code": "TOUR"})
        engagement = self.env["iso.mentoring"].create(
            {
                "agency_id": agency.id,
                "standard_ids": [
                    Command.link(self.env.ref("iso_compliance.standard_iso_37001_2016").id)
                ],
                "stage_id": self.env.ref("iso_compliance.mentoring_stage_commitment").id,
            }
        )
        self.start_tour(
            "/odoo/action-iso_compliance.iso_mentoring_action_board",
            "iso_mentoring_board_tour",
            login="admin",
        )
        engagement.invalidate_recordset()
        self.assertEqual(
            engagement.stage_id, self.env.ref("iso_compliance.mentoring_stage_gap_analysis")
        )
