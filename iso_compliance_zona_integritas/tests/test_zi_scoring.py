"""The LKE's scoring formula (PermenPANRB 90/2021 Lampiran III), by hand-worked cases: the
test vector of the filled puskesmas sheet, each answer type, each computed percentage, and
the pass marks on both sides of each limit. Expected values are worked out from the
regulation's formula, not read back from the code."""

from odoo.tests import tagged

from .common import ZiCase


@tagged("post_install", "-at_install")
class TestZiScoring(ZiCase):
    def score(self, code, side="unit"):
        node = self.template.node_ids.filtered(lambda n: n.code == code)
        self.assertEqual(len(node), 1, code)
        score = self.assessment.score_ids.filtered(lambda s: s.node_id == node)
        return score[f"{side}_score"]

    def test_sheet_2026(self):
        """127 questions as PortalRB's master list: 17 Ya/Tidak, 36 A/B/C, 33 A/B/C/D,
        17 A/B/C/D/E, 22 counts, 2 indices; 8 computed percentages; weights 60 + 40."""
        questions = self.template.question_ids
        counts = {
            t: len(questions.filtered(lambda q, t=t: q.answer_type == t))
            for t in ("yes_no", "abc", "abcd", "abcde", "count", "index", "computed")
        }
        self.assertEqual(
            counts,
            {
                "yes_no": 17,
                "abc": 36,
                "abcd": 33,
                "abcde": 17,
                "count": 22,
                "index": 2,
                "computed": 8,
            },
        )
        self.assertEqual(self.template.question_count, 127)
        self.assertEqual(self.template.total_weight, 100)
        self.assertEqual(
            sorted(questions.filtered("soal_id").mapped("soal_id")), list(range(1, 128))
        )
        abcd = questions.filtered(lambda q: q.answer_type == "abcd")[0]
        self.assertEqual(abcd.option_ids.sorted("sequence").mapped("value"), [1.0, 0.67, 0.33, 0.0])
        self.assertEqual(len(self.assessment.line_ids), 135)

    def test_vector(self):
        """Section 3.5: Pemenuhan at maximum 30; Reform 25.632601; Hasil 40; total
        95.632601 (the official workbook shows 95.576190 because of two cell errors)."""
        self.answer_all_best()
        self.answer(
            {
                88: 7,
                89: 7,  # change agents 7, changes 7: 1.0
                90: 7,
                91: 1,  # changes 7, integrated 1: 1/7
                105: 5,
                106: 3,  # goals 5, reached 3: 0.6
                110: 6,
                111: 5,
                112: 1,  # complaints 6, completed 1: 1/6
                113: 1,
                114: 1,
                115: 13,
                116: 13,  # LHKPN: 13 of 15
                117: 0,
                118: 1,
                119: 12,
                120: 12,  # LHKASN: 12 of 13
                102: 0,
                103: 0,  # no violation either year: 1
            }
        )
        self.assertAlmostEqual(self.score("A.I"), 30.0, places=6)
        # MP: mean(1, 1/7) x 2 = 1.142857 + 1 + 1
        self.assertAlmostEqual(self.score("A.II.1.i"), 8 / 7, places=6)
        self.assertAlmostEqual(self.score("A.II.1"), 8 / 7 + 2, places=6)
        self.assertAlmostEqual(self.score("A.II.4.i"), 1.2, places=6)
        self.assertAlmostEqual(self.score("A.II.5.ii"), 0.5, places=6)
        # LHK = LHKPN 13/15 + LHKASN 12/13, a sum of two weighted parts, not an average.
        self.assertAlmostEqual(self.score("A.II.5.iii"), 13 / 15 + 12 / 13, places=6)
        self.assertAlmostEqual(self.score("A.II"), 25.632601, places=6)
        self.assertAlmostEqual(self.score("A"), 55.632601, places=6)
        self.assertAlmostEqual(self.score("B"), 40.0, places=6)
        self.assertAlmostEqual(self.assessment.unit_total, 95.632601, places=6)
        self.assertEqual(self.assessment.answered_count, 127)

    def test_answer_types(self):
        """Ya/Tidak 1/0; A/B/C 1/0.5/0; A/B/C/D 1/0.67/0.33/0 (the sheet's rounded values);
        A-E by quarters; a sub-area is the mean of its answered items x its weight."""
        # A.I.1.i (weight 0.5): Ya (1) and B of A/B/C (0.5): mean 0.75 -> 0.375
        self.answer({1: "Ya", 2: "B"})
        self.assertAlmostEqual(self.score("A.I.1.i"), 0.375, places=6)
        self.answer({1: "Tidak", 2: "C"})
        self.assertEqual(self.score("A.I.1.i"), 0.0)
        # A.I.1.iii (weight 1): A/B/C/D B, C, D -> (0.67 + 0.33 + 0) / 3
        self.answer({6: "B", 7: "C", 8: "D"})
        self.assertAlmostEqual(self.score("A.I.1.iii"), 1.0 / 3, places=6)
        # A.I.2.i (weight 1): A/B/C/D B (0.67) and two A-E: B (0.75), D (0.25) -> 1.67 / 3
        self.answer({13: "B", 14: "B", 15: "D"})
        self.assertAlmostEqual(self.score("A.I.2.i"), 1.67 / 3, places=6)
        # Unanswered items are left out of the mean, not counted as 0 (the sheet's "Blm Diisi").
        self.answer({22: "Ya"})
        self.assertAlmostEqual(self.score("A.I.3.i"), 0.25, places=6)

    def test_hasil(self):
        """Survey index / 4 x 17.5; performance option x 5: an index of 3.60 gives exactly
        15.75, 3.20 gives 14.00."""
        self.answer({125: "3.6", 126: "C", 127: "3.2"})
        self.assertAlmostEqual(self.score("B.I"), 15.75 + 2.5, places=9)
        self.assertAlmostEqual(self.score("B.II"), 14.0, places=9)
        self.answer({125: "3,60"})  # a comma is a decimal point too
        self.assertEqual(self.line(125).unit_figure, "3.6")

    def test_computed_percentages(self):
        """min(1, numerator / denominator), capped; a decrease of violations; a blank input
        leaves the item blank; a 0 denominator takes the sheet's documented value."""
        self.answer({88: 4, 89: 9})  # more changes than agents: capped at 1
        self.assertAlmostEqual(self.line("A.II.1.i.a").unit_value, 1.0)
        self.answer({90: 8, 91: 2})
        self.assertAlmostEqual(self.line("A.II.1.i.b").unit_value, 0.25)
        self.assertAlmostEqual(self.score("A.II.1.i"), (1 + 0.25) / 2 * 2, places=6)
        self.answer({102: 8, 103: 6})  # violations 8 -> 6: 25 % fewer
        self.assertAlmostEqual(self.line("A.II.3.iii.a").unit_value, 0.25)
        self.answer({103: 9})  # more violations than the year before: 0, not negative
        self.assertEqual(self.line("A.II.3.iii.a").unit_value, 0.0)
        self.answer({102: 0, 103: 0})
        self.assertEqual(self.line("A.II.3.iii.a").unit_value, 1.0)
        self.answer({102: 0, 103: 2})  # from none to two: no decrease
        self.assertEqual(self.line("A.II.3.iii.a").unit_value, 0.0)
        # A blank input: the percentage is blank and the sub-area has nothing to average.
        self.assertFalse(self.line(106).unit_figure)
        self.answer({105: 4})
        self.assertEqual(self.score("A.II.4.i"), 0.0)
        self.answer({106: 3})
        self.assertAlmostEqual(self.score("A.II.4.i"), 1.5, places=6)
        # Nobody obliged to report LHKPN: the documented choice, 1 by default, 0 if set.
        self.answer({113: 0, 114: 0, 115: 0, 116: 0})
        self.assertEqual(self.line("A.II.5.iii.a (%)").unit_value, 1.0)
        self.template.zero_denominator_value = 0.0
        self.assessment.invalidate_recordset()
        self.assessment.line_ids.invalidate_recordset()
        self.assertEqual(self.line("A.II.5.iii.a (%)").unit_value, 0.0)

    def _ready(self, category):
        self.assessment.invalidate_recordset()
        missing = self.assessment[f"{category}_missing"] or ""
        return self.assessment[f"{category}_ready"], missing

    def test_pass_marks_both_sides(self):
        """WBK: total 75, Pengungkit 40, each area 60 %, Birokrasi bersih 18.25, IPAK
        15.75, capaian 2.5, Pelayanan prima 14; WBBM: 85, 48, 75 %, 19.5, 15.75, 3.75,
        15.75. Each limit met exactly passes; just under fails."""
        self.answer_all_best()
        self.assertEqual(self._ready("wbk"), (True, ""))
        self.assertEqual(self._ready("wbbm"), (True, ""))
        # IPKP 3.60 -> 15.75: still WBBM; 3.59 -> 15.70625: not WBBM, still WBK.
        self.answer({127: "3.6"})
        self.assertTrue(self._ready("wbbm")[0])
        self.answer({127: "3.59"})
        ready, missing = self._ready("wbbm")
        self.assertFalse(ready)
        self.assertIn("Pelayanan publik yang prima", missing)
        self.assertTrue(self._ready("wbk")[0])
        # IPKP 3.20 -> 14.00 meets WBK exactly; 3.19 does not.
        self.answer({127: "3.2"})
        self.assertTrue(self._ready("wbk")[0])
        self.answer({127: "3.19"})
        self.assertFalse(self._ready("wbk")[0])
        self.answer({127: "4"})
        # IPAK 3.60 -> 15.75 meets both; 3.59 meets neither.
        self.answer({125: "3.6"})
        self.assertTrue(self._ready("wbk")[0] and self._ready("wbbm")[0])
        self.answer({125: "3.59"})
        self.assertIn("Nilai IPAK", self._ready("wbk")[1])
        self.assertIn("Nilai IPAK", self._ready("wbbm")[1])
        self.answer({125: "4"})
        # Capaian kinerja: C (2.5) meets WBK, not WBBM (3.75 wants B); D meets neither.
        self.answer({126: "C"})
        self.assertTrue(self._ready("wbk")[0])
        self.assertIn("Capaian kinerja", self._ready("wbbm")[1])
        self.answer({126: "B"})
        self.assertTrue(self._ready("wbbm")[0])
        self.answer({126: "D"})
        self.assertIn("Capaian kinerja", self._ready("wbk")[1])
        self.answer({126: "A"})

    def test_area_minimum(self):
        """Penguatan Akuntabilitas weighs 5 + 5: 60 % is 6.00 and 75 % is 7.50 (combined).
        Pemenuhan Akuntabilitas at 0 and Reform at maximum gives 5.00 = 50 %: below both;
        half of the Pemenuhan items (sub-area ii at 0) gives 7.5 = 75 %: both met."""
        self.answer_all_best()
        self.answer(
            {
                40: "C",
                41: "C",
                42: "D",
                43: "Tidak",
                44: "Tidak",
                45: "Tidak",
                46: "D",
                47: "Tidak",
                48: "C",
                49: "Tidak",
                50: "C",
            }
        )
        self.assertEqual(self.score("A.I.4"), 0.0)
        ready, missing = self._ready("wbk")
        self.assertFalse(ready)
        self.assertIn("Penguatan Akuntabilitas: 5.00 of 10.00 (50.00%), at least 60.00%", missing)
        self.answer({40: "A", 41: "A", 42: "A"})  # sub-area i (2.5) back to its maximum
        self.assertAlmostEqual(self.score("A.I.4"), 2.5, places=6)
        self.assertTrue(self._ready("wbk")[0])
        self.assertTrue(self._ready("wbbm")[0])
        # Split: each half must reach the minimum on its own: Pemenuhan 2.5 of 5 = 50 %.
        self.template.area_minimum_mode = "split"
        self.assessment.line_ids[:1].sudo().write({"unit_note": "x"})
        self.assessment._compute_scores()
        self.assertIn("A.I.4 Penguatan Akuntabilitas", self._ready("wbk")[1])

    def test_tpi_side_scored_apart(self):
        """The TPI's answers are scored beside the unit's: correcting one item lowers the
        TPI's total only."""
        self.answer_all_best()
        self.answer_all_best(side="tpi")
        self.answer({1: "Tidak"}, side="tpi")  # A.I.1.i, weight 0.5: mean(0, 1) -> 0.25
        self.assertAlmostEqual(self.assessment.unit_total, 100.0, places=6)
        self.assertAlmostEqual(self.assessment.tpi_total, 99.75, places=6)
