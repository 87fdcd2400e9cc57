"""Query bounds on the hot paths: scoring an assessment of 127 questions (one answer
written, every score of the tree recomputed) and the Regent's recap over 60 units."""

from odoo.tests import tagged

from .common import ZiCase


@tagged("post_install", "-at_install")
class TestZiQueries(ZiCase):
    def test_scoring_127_questions(self):
        self.answer_all_best()
        self.assessment.invalidate_recordset()
        self.env.invalidate_all()
        line = self.line(2)
        option = self.option(line, "B")
        # Write one answer, then read the totals and the 62 scores of the tree: the
        # sheet's structure and the 135 lines are read in a few queries, not one per item.
        with self.assertQueryCount(__system__=18):
            line.write({"unit_option_id": option.id})
            self.assessment.score_ids.mapped("unit_score")
            total = self.assessment.unit_total
        self.assertAlmostEqual(total, 99.875, places=6)

    def test_recap_60_units(self):
        Agency = self.env["iso.agency"]
        units = Agency.create(
            [{"name": f"Unit Uji {i:02d}", "code": f"UU{i:02d}"} for i in range(59)]
        )
        self.env["iso.zi.assessment"].with_user(self.lead).create(
            [{"period_id": self.period.id, "agency_id": unit.id} for unit in units]
        )
        self.answer_all_best()
        self.env.invalidate_all()
        with self.assertQueryCount(__system__=30):
            data = self.period._recap_report_data()
        self.assertEqual(len(data["rows"]), 60)
        self.assertEqual(len(data["columns"]), 6)
        first = data["rows"][0]
        self.assertEqual(first["unit"], "Unit Layanan Adminduk")
        self.assertEqual(first["total"], "100.00")
        self.assertEqual(first["cells"], ["8.00", "7.00", "10.00", "10.00", "15.00", "10.00"])
