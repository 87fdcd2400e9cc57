from freezegun import freeze_time
from lxml import html as lxml_html

from odoo.addons.iso_compliance.tests.common import IsoComplianceCase
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged


class IsoBriberyRiskCase(IsoComplianceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Risk = cls.env["iso.bribery.risk"]
        cls.company.partner_id.tz = "Asia/Jakarta"

    @classmethod
    def make_risk(cls, agency=None, likelihood="3", impact="4", **vals):
        return cls.Risk.create(
            {
                "name": "Fee asked to speed up an ID card",
                "process": "Issuing electronic ID cards",
                "agency_id": (agency or cls.agency_a).id,
                "likelihood": likelihood,
                "impact": impact,
                "owner_id": cls.officer_a.id,
                **vals,
            }
        )


@tagged("post_install", "-at_install")
class TestBriberyRiskRules(IsoBriberyRiskCase):
    def test_level_from_score_with_default_bands(self):
        # Bands: low 1-4, medium 5-9, high 10-16, very high 17-25.
        expected = {
            ("1", "4"): (4, "low"),
            ("1", "5"): (5, "medium"),
            ("3", "3"): (9, "medium"),
            ("2", "5"): (10, "high"),
            ("4", "4"): (16, "high"),
            ("4", "5"): (20, "very_high"),
            ("5", "5"): (25, "very_high"),
        }
        for (lk, im), (score, level) in expected.items():
            risk = self.make_risk(likelihood=lk, impact=im)
            self.assertEqual((risk.inherent_score, risk.inherent_level), (score, level), (lk, im))

    def test_levels_follow_the_company_bands(self):
        risk_12 = self.make_risk(likelihood="3", impact="4")
        risk_4 = self.make_risk(likelihood="1", impact="4")
        self.assertEqual((risk_12.inherent_level, risk_4.inherent_level), ("high", "low"))
        settings = self.env["iso.compliance.settings"].create(
            {
                "iso_bribery_risk_medium_from": 4,
                "iso_bribery_risk_high_from": 13,
                "iso_bribery_risk_very_high_from": 20,
            }
        )
        settings.execute()
        # 12 is now below 13 (medium); 4 reaches the medium band.
        self.assertEqual((risk_12.inherent_level, risk_4.inherent_level), ("medium", "medium"))

    def test_bands_must_rise(self):
        for bands in ((10, 10, 17), (5, 12, 11), (1, 10, 17), (5, 10, 26)):
            with self.assertRaisesRegex(ValidationError, "rising scores"):
                self.company.write(
                    dict(
                        zip(
                            (
                                "bribery_risk_medium_from",
                                "bribery_risk_high_from",
                                "bribery_risk_very_high_from",
                            ),
                            bands,
                            strict=True,
                        )
                    )
                )

    def test_residual_level_and_its_limit(self):
        risk = self.make_risk(likelihood="4", impact="5")
        risk.write({"residual_likelihood": "2", "residual_impact": "4"})
        self.assertEqual((risk.residual_score, risk.residual_level), (8, "medium"))
        with self.assertRaisesRegex(ValidationError, "cannot be higher than its inherent"):
            risk.write({"residual_likelihood": "5", "residual_impact": "5"})

    def test_review_interval_is_at_most_a_year(self):
        for months in (0, 13):
            with self.assertRaisesRegex(ValidationError, "at least once a year"):
                self.make_risk(review_interval_months=months)

    @freeze_time("2026-03-10 05:00:00")
    def test_workflow(self):
        risk = self.make_risk(owner_id=False)
        with self.assertRaisesRegex(UserError, "an owner"):
            risk.action_assess()
        risk.owner_id = self.officer_a
        risk.action_assess()
        self.assertEqual(risk.state, "assessed")
        self.assertEqual(str(risk.last_review_date), "2026-03-10")
        self.assertEqual(str(risk.next_review_date), "2027-03-10")
        with self.assertRaisesRegex(UserError, "treatment plan"):
            risk.action_treat()
        risk.write(
            {"treatment_plan": "Online queue", "residual_likelihood": "2", "residual_impact": "4"}
        )
        risk.action_treat()
        risk.action_accept()
        self.assertEqual(risk.state, "accepted")
        with self.assertRaisesRegex(UserError, "cannot be marked treated"):
            risk.action_treat()
        risk.action_retire()
        self.assertEqual((risk.state, risk.next_review_date), ("retired", False))
        with self.assertRaisesRegex(UserError, "cannot be reviewed"):
            risk.action_review()
        risk.action_reopen()
        self.assertEqual(risk.state, "draft")

    def test_changed_since_review(self):
        with freeze_time("2026-03-10 05:00:00"):
            risk = self.make_risk()
            risk.action_assess()
        self.assertFalse(risk.changed_since_review)
        risk.name = "Fee asked for a same-day ID card"
        self.assertFalse(risk.changed_since_review, "the title is not the assessment")
        risk.likelihood = "4"
        self.assertTrue(risk.changed_since_review)
        self.assertEqual(self.Risk.search([("changed_since_review", "=", True)]), risk)
        with freeze_time("2026-04-01 05:00:00"):
            risk.action_review()
        self.assertFalse(risk.changed_since_review)
        self.assertEqual(str(risk.next_review_date), "2027-04-01")

    def test_recorded_with_its_review_it_has_not_changed_since(self):
        """Issue 21, item 9: a risk recorded with its last review (the demo, an import) shows
        no "changed since last review" banner until its assessment changes."""
        risk = self.make_risk(last_review_date="2026-01-05", state="assessed")
        self.assertFalse(risk.changed_since_review)
        risk.impact = "5"
        self.assertTrue(risk.changed_since_review)

    def test_never_deleted_archived_instead(self):
        risk = self.make_risk()
        with self.assertRaises(AccessError):
            risk.with_user(self.manager).unlink()
        with self.assertRaisesRegex(UserError, "never deleted"):
            risk.sudo().unlink()
        risk.with_user(self.officer_a).action_archive()
        self.assertFalse(risk.active)
        self.assertTrue(risk.exists())


@tagged("post_install", "-at_install")
class TestBriberyRiskReviewCron(IsoBriberyRiskCase):
    """The real scheduled action under frozen time; dates are the company's (WIB, UTC+7)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cron = cls.env.ref("iso_compliance_anti_bribery.ir_cron_bribery_risk_review")
        cls.review_type = cls.env.ref(
            "iso_compliance_anti_bribery.mail_activity_type_bribery_risk_review"
        )

    def run_cron(self, moment):
        with freeze_time(moment):
            self.cron.method_direct_trigger()
        self.env.invalidate_all()

    def review_activities(self, risk):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "iso.bribery.risk"),
                ("res_id", "=", risk.id),
                ("activity_type_id", "=", self.review_type.id),
            ]
        )

    def test_cron_record_calls_the_job(self):
        self.assertEqual(self.cron.code.strip(), "model._cron_bribery_risk_review()")

    def test_one_reminder_per_review_period(self):
        with freeze_time("2026-01-15 05:00:00"):
            risk = self.make_risk(review_interval_months=3)
            risk.action_assess()
        draft = self.make_risk()  # drafts are not in the live register: never reminded
        self.assertEqual(str(risk.next_review_date), "2026-04-15")
        # 14 April 17:00 in Serang: the review is tomorrow.
        self.run_cron("2026-04-14 10:00:00")
        self.assertFalse(self.review_activities(risk))
        # 14 April 18:00 UTC is 15 April 01:00 in Serang: the review date has come.
        self.run_cron("2026-04-14 18:00:00")
        activity = self.review_activities(risk)
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.officer_a)
        self.assertEqual(str(activity.date_deadline), "2026-04-15")
        self.run_cron("2026-04-16 02:00:00")
        self.run_cron("2026-04-20 02:00:00")
        self.assertEqual(len(self.review_activities(risk)), 1, "once per period")
        self.assertFalse(self.review_activities(draft))
        with freeze_time("2026-04-20 05:00:00"):
            risk.with_user(self.officer_a).action_review()
        self.assertFalse(self.review_activities(risk), "the review closes the reminder")
        self.assertEqual(str(risk.next_review_date), "2026-07-20")
        self.run_cron("2026-07-19 02:00:00")
        self.assertFalse(self.review_activities(risk))
        self.run_cron("2026-07-20 02:00:00")
        self.assertEqual(len(self.review_activities(risk)), 1, "a new period, a new reminder")

    def test_risk_without_owner_reminds_the_officers(self):
        with freeze_time("2025-01-10 05:00:00"):
            risk = self.make_risk()
            risk.action_assess()
            risk.sudo().owner_id = False
        self.run_cron("2026-01-12 02:00:00")
        self.assertEqual(self.review_activities(risk).user_id, self.officer_a)
        self.assertTrue(self.Risk.search([("id", "=", risk.id), ("is_review_due", "=", True)]))


@tagged("post_install", "-at_install")
class TestBriberyRiskAccess(IsoBriberyRiskCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.risk_a = cls.make_risk()
        cls.risk_b = cls.make_risk(agency=cls.agency_b)

    def test_officer_keeps_their_agency_register_only(self):
        Risk = self.Risk.with_user(self.officer_a)
        self.assertEqual(Risk.search([]), self.risk_a)
        risk = Risk.create(
            {"name": "Gift after a permit", "process": "Permits", "agency_id": self.agency_a.id}
        )
        self.assertEqual(risk.agency_id, self.agency_a)
        risk.write({"likelihood": "2", "impact": "2", "owner_id": self.officer_a.id})
        risk.action_assess()
        with self.assertRaises(AccessError):
            Risk.create({"name": "X", "process": "Y", "agency_id": self.agency_b.id})
        with self.assertRaises(AccessError):
            self.risk_b.with_user(self.officer_a).read(["name"])
        with self.assertRaises(AccessError):
            risk.write({"agency_id": self.agency_b.id})

    def test_workflow_fields_only_through_buttons(self):
        risk = self.risk_a.with_user(self.officer_a)
        for vals in (
            {"state": "accepted"},
            {"next_review_date": "2030-01-01"},
            {"changed_since_review": True},
        ):
            with self.assertRaisesRegex(AccessError, "not allowed to change"):
                risk.write(vals)
        with self.assertRaises(AccessError):
            self.Risk.with_user(self.manager).create(
                {"name": "X", "process": "Y", "agency_id": self.agency_a.id, "state": "accepted"}
            )

    def test_mentor_reads_all_and_works_on_mentored_agencies(self):
        Risk = self.Risk.with_user(self.mentor)
        self.assertEqual(Risk.search([]), self.risk_a | self.risk_b)
        self.risk_a.with_user(self.mentor).write({"existing_controls": "CCTV at the counter"})
        with self.assertRaises(AccessError):
            self.risk_b.with_user(self.mentor).write({"existing_controls": "CCTV"})
        with self.assertRaises(AccessError):
            Risk.create({"name": "X", "process": "Y", "agency_id": self.agency_b.id})

    def test_manager_everything_but_deletion(self):
        Risk = self.Risk.with_user(self.manager)
        self.assertEqual(Risk.search([]), self.risk_a | self.risk_b)
        self.risk_b.with_user(self.manager).write({"impact": "5"})
        self.risk_b.with_user(self.manager).action_assess()

    def test_users_outside_the_programme_see_nothing(self):
        outsider = new_test_user(self.env, login="outsider", groups="base.group_user")
        with self.assertRaises(AccessError):
            self.Risk.with_user(outsider).search([])

    def test_other_company_kept_apart(self):
        company_2 = self.env["res.company"].create({"name": "Pemerintah Kota Cilegon"})
        agency_2 = self.Agency.create(
            {"name": "Dinas Kesehatan Kota", "code": "DINKES2", "company_id": company_2.id}
        )
        risk_2 = self.make_risk(agency=agency_2)
        self.assertEqual(risk_2.company_id, company_2)
        self.assertNotIn(risk_2, self.Risk.with_user(self.manager).search([]))


@tagged("post_install", "-at_install")
class TestBriberyRiskMatrix(IsoBriberyRiskCase):
    def cell(self, agency, likelihood, impact):
        """The text of the heat-map cell (likelihood row from 5 down, impact column 1-5)."""
        tree = lxml_html.fromstring(str(agency.bribery_risk_matrix))
        row = tree.xpath("//tbody/tr")[5 - likelihood]
        return row.xpath("./td")[impact - 1].text_content().strip()

    def live(self, risks):
        risks.sudo().write({"state": "assessed"})
        return risks

    def test_heat_map_counts_live_risks_in_their_cells(self):
        self.live(self.make_risk(likelihood="4", impact="5"))
        self.live(self.make_risk(likelihood="4", impact="5"))
        self.live(self.make_risk(likelihood="1", impact="2"))
        self.make_risk(likelihood="3", impact="3")  # a draft is not in the matrix
        retired = self.live(self.make_risk(likelihood="3", impact="3"))
        retired.action_retire()
        self.live(self.make_risk(agency=self.agency_b, likelihood="4", impact="5"))
        self.agency_a.invalidate_recordset()
        self.assertEqual(self.cell(self.agency_a, 4, 5), "2")
        self.assertEqual(self.cell(self.agency_a, 1, 2), "1")
        self.assertEqual(self.cell(self.agency_a, 3, 3), "")
        self.assertEqual(self.agency_a.bribery_risk_count, 5)
        # Cells take the colour of their level: 4 x 5 = 20 is very high, 1 x 2 = 2 low.
        self.assertIn("#f44336", str(self.agency_a.bribery_risk_matrix).split("</tr>")[2])

    def test_matrix_of_500_risks_in_a_few_queries(self):
        self.Risk.sudo().create(
            [
                {
                    "name": f"Risk {i}",
                    "process": "Counter",
                    "agency_id": self.agency_a.id,
                    "likelihood": str(i % 5 + 1),
                    "impact": str(i // 5 % 5 + 1),
                    "state": "assessed",
                }
                for i in range(500)
            ]
        )
        agency = self.agency_a.with_user(self.officer_a)
        agency.invalidate_recordset()
        self.env.flush_all()
        warm = agency.bribery_risk_matrix  # the user's groups and rules, cached from now on
        agency.invalidate_recordset()
        # The counts of every cell in one query, and the agency's row.
        with self.assertQueryCount(2):
            matrix = agency.bribery_risk_matrix
        self.assertEqual(matrix, warm)
        self.assertEqual(self.cell(agency, 5, 5), "20")
        self.assertEqual(self.cell(agency, 1, 1), "20")

    def test_pdf_register(self):
        risk = self.make_risk(likelihood="4", impact="5", scheme="Broker pays the officer")
        risk.action_assess()
        Report = self.env["ir.actions.report"]
        html, _ = Report._render_qweb_html(
            "iso_compliance_anti_bribery.iso_bribery_risk_report_register", self.agency_a.ids
        )
        text = html.decode()
        self.assertIn("Bribery Risk Register", text)
        self.assertIn("Broker pays the officer", text)
        self.assertIn("o_iso_risk_matrix", text)
        pdf, kind = Report.with_context(force_report_rendering=True)._render_qweb_pdf(
            "iso_compliance_anti_bribery.iso_bribery_risk_report_register", self.agency_a.ids
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))


@tagged("post_install", "-at_install")
class TestBriberyRiskSideDoors(IsoBriberyRiskCase):
    """Issue 19, item 15: a blank title and a missing agency or owner get a sentence."""

    def test_blank_title_and_missing_links(self):
        Risk = self.Risk.with_user(self.officer_a)
        count = Risk.search_count([])
        with self.assertRaisesRegex(ValidationError, "needs a Risk: it cannot be blank"):
            self.make_risk(name=" \t ")
        risk = self.make_risk()
        with self.assertRaisesRegex(ValidationError, "needs a Risk: it cannot be blank"):
            risk.with_user(self.officer_a).write({"name": "  "})
        for fname, label in (("agency_id", "Agency"), ("owner_id", "Risk Owner")):
            with self.subTest(field=fname):
                with self.assertRaisesRegex(ValidationError, f"{label}: the record given"):
                    self.make_risk().with_user(self.officer_a).write({fname: 987654321})
                with self.assertRaisesRegex(ValidationError, f"{label}: the record given"):
                    Risk.create(
                        {
                            "name": "Fee",
                            "process": "ID cards",
                            "agency_id": self.agency_a.id,
                            "likelihood": "3",
                            "impact": "4",
                            fname: 987654321,
                        }
                    )
        self.assertEqual(risk.name, "Fee asked to speed up an ID card")
        self.assertEqual(Risk.search_count([]), count + 3)


@tagged("post_install", "-at_install")
class TestIndonesianWords(IsoBriberyRiskCase):
    def test_the_words_a_regency_uses(self):
        """Issue 21, item 9: medium risk is "Sedang" (not "Media"), the gift's form "Bentuk"
        (not "Formulir"), the report a note belongs to "Laporan" (not "Laporkan")."""
        self.env["res.lang"]._activate_lang("id_ID")
        self.env["ir.module.module"]._load_module_terms(
            ["iso_compliance_anti_bribery"], ["id_ID"], overwrite=True
        )
        env = self.env(context={"lang": "id_ID"})
        levels = dict(env["iso.bribery.risk"]._fields["inherent_level"]._description_selection(env))
        self.assertEqual(levels["medium"], "Sedang")
        report = env["iso.gratification.report"]._fields
        self.assertEqual(report["gift_form"].get_description(env)["string"], "Bentuk")
        note = env["iso.gratification.note"]._fields
        self.assertEqual(note["report_id"].get_description(env)["string"], "Laporan")


@tagged("post_install", "-at_install")
class TestHeadOfAgencyReadsTheRegister(IsoBriberyRiskCase):
    def test_the_head_reads_his_agencys_register_and_changes_nothing(self):
        """Issue 21, item 2: the head of agency (top management) reads his agency's bribery
        risks and due diligence, changes none, and reads no other agency's."""
        head = new_test_user(
            self.env, login="kepala_risk", groups="iso_compliance.group_iso_compliance_officer"
        )
        self.agency_a.head_id = head.partner_id
        mine = self.make_risk()
        other = self.make_risk(agency=self.agency_b)
        diligence = self.env["iso.due.diligence"].create(
            {
                "agency_id": self.agency_a.id,
                "partner_id": self.env.company.partner_id.id,
                "reason": "Tender jalan kabupaten",
            }
        )
        Risk = self.Risk.with_user(head)
        self.assertEqual(Risk.search([]), mine)
        self.assertEqual(self.env["iso.due.diligence"].with_user(head).search([]), diligence)
        with self.assertRaises(AccessError):
            mine.with_user(head).write({"likelihood": "5"})
        with self.assertRaises(AccessError):
            other.with_user(head).read(["name"])
