import io

from freezegun import freeze_time
from lxml import etree
from PyPDF2 import PdfReader

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

from .common import IsoComplianceCase, figure_tables, report_tables


class IsoMentoringCase(IsoComplianceCase):
    """Engagements on the agencies of the base class, with the roadmap shipped as data."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Mentoring = cls.env["iso.mentoring"]
        cls.Line = cls.env["iso.mentoring.line"]
        cls.Clause = cls.env["iso.standard.clause"]
        cls.stage_commitment = cls.env.ref("iso_compliance.mentoring_stage_commitment")
        cls.stage_gap = cls.env.ref("iso_compliance.mentoring_stage_gap_analysis")
        cls.stage_certified = cls.env.ref("iso_compliance.mentoring_stage_certified")

    @classmethod
    def make_engagement(cls, agency=None, standards=None, **vals):
        standards = cls.iso_37001 | cls.iso_9001 if standards is None else standards
        return cls.Mentoring.create(
            {
                "agency_id": (agency or cls.agency_a).id,
                "standard_ids": [Command.set(standards.ids)],
                **vals,
            }
        )

    def assessable(self, standard):
        return self.Clause.search([("standard_id", "=", standard.id), ("is_assessable", "=", True)])


@tagged("post_install", "-at_install")
class TestMentoring(IsoMentoringCase):
    def test_new_engagement_proposes_people_and_first_stage(self):
        engagement = self.make_engagement()
        self.assertEqual(engagement.stage_id, self.stage_commitment)
        self.assertEqual(engagement.user_id, self.mentor, "the agency's mentor leads")
        self.assertEqual(engagement.officer_ids, self.officer_a)
        self.assertEqual(engagement.company_id, self.agency_a.company_id)
        self.assertEqual(engagement.kanban_state, "normal")

    def test_engagement_without_inspectorate_mentor(self):
        engagement = self.make_engagement(agency=self.agency_b)
        self.assertFalse(engagement.user_id)
        self.assertFalse(engagement.mentor_ids)
        self.assertIn(engagement, self.Mentoring.search([]))

    def test_checklist_has_one_line_per_assessable_clause(self):
        engagement = self.make_engagement()
        expected = self.assessable(self.iso_37001) | self.assessable(self.iso_9001)
        self.assertEqual(engagement.line_ids.clause_id, expected)
        self.assertEqual(len(engagement.line_ids), len(expected))
        self.assertTrue(all(line.status == "not_started" for line in engagement.line_ids))
        self.assertEqual(engagement.readiness, 0.0)

    def test_readiness_counts_verified_fully_and_implemented_half(self):
        engagement = self.make_engagement()
        lines = engagement.line_ids
        total = len(lines)
        lines[:10].write({"status": "verified"})
        lines[10:30].write({"status": "implemented"})
        lines[30:40].write({"status": "in_progress"})
        self.assertAlmostEqual(engagement.readiness, round(100 * (10 + 0.5 * 20) / total, 1))
        lines.write({"status": "verified"})
        self.assertEqual(engagement.readiness, 100.0)
        self.assertEqual(engagement.readiness_band, "100")

    def test_readiness_is_recomputed_without_per_line_queries(self):
        """Two standards, ~70 lines: the recomputation costs the same few queries whatever
        the number of engagements and lines, and a status change costs as many queries for 5
        lines as for 60."""
        engagement = self.make_engagement()
        other = self.make_engagement(agency=self.agency_b)
        self.assertGreater(len(engagement.line_ids), 60)
        self.env.flush_all()
        self.env.invalidate_all()
        # the lines, the agencies' register documents (none here), the pursued standards,
        # one update of both engagements
        with self.assertQueryCount(4):
            (engagement | other)._compute_readiness()
        self.env.flush_all()
        lines = engagement.line_ids
        self.env.invalidate_all()
        with self.assertQueryCount(6):
            lines[:5].write({"status": "implemented"})
            self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(6):
            lines[5:65].write({"status": "implemented"})
            self.env.flush_all()
        self.assertAlmostEqual(engagement.readiness, round(100 * 0.5 * 65 / len(lines), 1))

    def test_dropping_a_standard_keeps_the_work_done(self):
        engagement = self.make_engagement()
        line_9001 = engagement.line_ids.filtered(lambda ln: ln.standard_id == self.iso_9001)
        worked = line_9001[:2]
        worked[0].status = "verified"
        worked[1].note = "Quality policy drafted"
        self.assertGreater(engagement.readiness, 0)
        engagement.standard_ids = [Command.unlink(self.iso_9001.id)]
        self.assertEqual(engagement.line_ids.standard_id, self.iso_37001)
        self.assertEqual(engagement.readiness, 0, "archived lines no longer count")
        self.assertEqual(engagement.line_count, len(self.assessable(self.iso_37001)))
        archived = self.Line.with_context(active_test=False).search(
            [("mentoring_id", "=", engagement.id), ("active", "=", False)]
        )
        self.assertEqual(archived, worked, "untouched lines are deleted, worked ones archived")
        engagement.standard_ids = [Command.link(self.iso_9001.id)]
        self.assertEqual(
            len(engagement.line_ids), len(self.assessable(self.iso_37001)) + len(line_9001)
        )
        self.assertIn(worked[1], engagement.line_ids)
        self.assertEqual(worked[1].note, "Quality policy drafted")
        self.assertGreater(engagement.readiness, 0, "restored lines count again")

    def test_refresh_checklist_adds_new_clauses(self):
        engagement = self.make_engagement(standards=self.iso_37001)
        clause = self.Clause.create(
            {"standard_id": self.iso_37001.id, "number": "11", "name": "Extra clause"}
        )
        engagement.action_sync_lines()
        self.assertIn(clause, engagement.line_ids.clause_id)

    def test_changing_stage_resets_kanban_state(self):
        engagement = self.make_engagement(kanban_state="done")
        engagement.stage_id = self.stage_gap
        self.assertEqual(engagement.kanban_state, "normal")

    def test_form_creates_engagement_for_agency_not_started(self):
        not_started = self.env.ref("iso_compliance.iso_agency_action_not_started")
        domain = safe_eval(not_started.domain)
        self.assertIn(self.agency_b, self.Agency.search(domain))
        action = self.agency_b.action_start_mentoring()
        with Form(self.Mentoring.with_context(**action["context"])) as form:
            form.standard_ids.add(self.iso_37001)
        engagement = form.record
        self.assertEqual(engagement.agency_id, self.agency_b)
        self.assertNotIn(self.agency_b, self.Agency.search(domain))


@tagged("post_install", "-at_install")
class TestMentoringStageGate(IsoMentoringCase):
    def test_certified_stage_needs_an_active_certificate_per_standard(self):
        engagement = self.make_engagement()
        with self.assertRaisesRegex(ValidationError, "ISO 37001:2016, ISO 9001:2015"):
            engagement.stage_id = self.stage_certified
        self.make_certificate(standard=self.iso_37001)
        with self.assertRaisesRegex(ValidationError, "no active certificate for ISO 9001:2015"):
            engagement.stage_id = self.stage_certified
        self.make_certificate(standard=self.iso_9001, state="draft")
        with self.assertRaises(ValidationError):
            engagement.stage_id = self.stage_certified

    def test_drag_and_drop_to_certified_is_refused_for_mentors(self):
        """The board's drag and drop is a write of stage_id by the user."""
        engagement = self.make_engagement()
        with self.assertRaisesRegex(ValidationError, "cannot reach the stage Certified"):
            engagement.with_user(self.mentor).write({"stage_id": self.stage_certified.id})
        engagement.with_user(self.mentor).write({"stage_id": self.stage_gap.id})
        self.assertEqual(engagement.stage_id, self.stage_gap)

    def test_board_cards_are_draggable_for_those_who_may_move_them(self):
        def board(user):
            views = self.env["iso.mentoring"].with_user(user).get_views([(False, "kanban")])
            return etree.fromstring(views["views"]["kanban"]["arch"])

        officer_board = board(self.officer_a)
        self.assertEqual(officer_board.get("records_draggable"), "0")
        self.assertEqual(officer_board.get("edit"), "False")
        for user in (self.mentor, self.manager):
            self.assertIsNone(board(user).get("records_draggable"), user.login)

    def test_engagement_without_standard_cannot_be_certified(self):
        engagement = self.make_engagement(standards=self.iso_37001.browse())
        with self.assertRaisesRegex(ValidationError, "pursues no standard"):
            engagement.stage_id = self.stage_certified

    def test_activating_the_last_certificate_moves_the_engagement(self):
        engagement = self.make_engagement()
        engagement_b = self.make_engagement(agency=self.agency_b, standards=self.iso_37001)
        self.make_certificate(standard=self.iso_37001)
        self.assertEqual(engagement.stage_id, self.stage_commitment, "9001 is still missing")
        cert_9001 = self.make_certificate(standard=self.iso_9001, state="draft")
        cert_9001.action_activate()
        self.assertEqual(engagement.stage_id, self.stage_certified)
        self.assertIn("moved to Certified", engagement.message_ids[0].body)
        self.assertEqual(engagement_b.stage_id, self.stage_commitment, "another agency's stays")

    def test_another_edition_of_the_standard_counts(self):
        engagement = self.make_engagement(standards=self.iso_37001)
        self.make_certificate(standard=self.iso_37001_2025)
        self.assertEqual(engagement.stage_id, self.stage_certified)


@tagged("post_install", "-at_install")
class TestMentoringAccess(IsoMentoringCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.officer_b = new_test_user(
            cls.env,
            login="officer_b",
            groups="iso_compliance.group_iso_compliance_officer",
            name="Officer of B",
        )
        cls.agency_b.officer_ids = cls.officer_b
        cls.engagement_a = cls.make_engagement()
        cls.engagement_b = cls.make_engagement(agency=cls.agency_b)

    def test_officer_sees_only_own_agency_engagement(self):
        Mentoring = self.Mentoring.with_user(self.officer_a)
        self.assertEqual(Mentoring.search([]), self.engagement_a)
        with self.assertRaises(AccessError):
            self.engagement_b.with_user(self.officer_a).read(["readiness"])
        with self.assertRaises(AccessError):
            self.engagement_a.with_user(self.officer_b).read(["readiness"])
        self.assertEqual(self.Mentoring.with_user(self.officer_b).search([]), self.engagement_b)
        lines = self.Line.with_user(self.officer_a).search([])
        self.assertEqual(lines.mentoring_id, self.engagement_a)

    def test_officer_updates_lines_but_cannot_verify(self):
        line = self.engagement_a.line_ids[0].with_user(self.officer_a)
        evidence = self.env["ir.attachment"].create(
            {
                "name": "SK Tim SMAP.pdf",
                "raw": b"%PDF-1.4",
                "res_model": line._name,
                "res_id": line.id,
            }
        )
        line.write(
            {
                "status": "implemented",
                "note": "Decree signed",
                "attachment_ids": [Command.link(evidence.id)],
            }
        )
        self.assertEqual(line.status, "implemented")
        with self.assertRaisesRegex(AccessError, "Only an Inspectorate mentor"):
            line.write({"status": "verified"})
        with self.assertRaisesRegex(AccessError, "Only an Inspectorate mentor"):
            line.action_verify()
        self.assertEqual(line.status, "implemented")
        with self.assertRaises(AccessError):
            self.engagement_b.line_ids[0].with_user(self.officer_a).write({"status": "implemented"})
        with self.assertRaises(AccessError):
            self.engagement_a.with_user(self.officer_a).write({"kanban_state": "done"})

    def test_mentor_verifies_and_officer_cannot_undo_it(self):
        line = self.engagement_a.line_ids[0]
        line.with_user(self.mentor).action_verify()
        self.assertEqual(line.status, "verified")
        self.assertEqual(line.verified_by_id, self.mentor)
        self.assertTrue(line.verified_on)
        with self.assertRaisesRegex(AccessError, "already verified"):
            line.with_user(self.officer_a).write({"status": "in_progress"})
        line.with_user(self.mentor).write({"status": "in_progress"})
        self.assertFalse(line.verified_by_id)

    def test_mentor_edits_own_engagements_and_reads_the_others(self):
        self.engagement_a.with_user(self.mentor).write({"kanban_state": "blocked"})
        self.assertEqual(
            self.Mentoring.with_user(self.mentor).search([]), self.engagement_a | self.engagement_b
        )
        with self.assertRaises(AccessError):
            self.engagement_b.with_user(self.mentor).write({"kanban_state": "blocked"})
        with self.assertRaises(AccessError):
            self.engagement_b.line_ids[0].with_user(self.mentor).action_verify()
        self.engagement_b.mentor_ids = self.mentor
        self.engagement_b.with_user(self.mentor).write({"kanban_state": "blocked"})

    def test_officer_sees_own_sessions_only(self):
        Session = self.env["iso.mentoring.session"]
        session_a = Session.create({"mentoring_id": self.engagement_a.id, "name": "Kick-off"})
        Session.create({"mentoring_id": self.engagement_b.id, "name": "Kick-off"})
        self.assertEqual(Session.with_user(self.officer_a).search([]), session_a)
        with self.assertRaises(AccessError):
            session_a.with_user(self.officer_a).write({"name": "Changed"})

    def test_other_company_engagements_are_hidden(self):
        other = self.env["res.company"].create({"name": "Kota Serang"})
        agency = self.Agency.create(
            {"name": "Dinkes Kota", "code": "DINKES", "company_id": other.id}
        )
        agency.mentor_ids = self.mentor
        engagement = self.make_engagement(agency=agency)
        self.assertNotIn(engagement, self.Mentoring.with_user(self.mentor).search([]))
        self.assertNotIn(engagement, self.Mentoring.with_user(self.manager).search([]))


@tagged("post_install", "-at_install")
class TestMentoringSessions(IsoMentoringCase):
    def test_holding_a_session_updates_the_engagement_dates(self):
        engagement = self.make_engagement()
        Session = self.env["iso.mentoring.session"]
        past = Session.create(
            {"mentoring_id": engagement.id, "name": "Sesi", "date": "2025-01-10 09:00:00"}
        )
        future = Session.create(
            {"mentoring_id": engagement.id, "name": "Sesi", "date": "2099-01-10 09:00:00"}
        )
        self.assertFalse(engagement.last_session_date)
        self.assertEqual(str(engagement.next_session_date), "2025-01-10 09:00:00")
        past.with_user(self.mentor).action_hold()
        self.assertEqual(str(engagement.last_session_date), "2025-01-10 09:00:00")
        self.assertEqual(str(engagement.next_session_date), "2099-01-10 09:00:00")
        with self.assertRaisesRegex(Exception, "before its date"):
            future.action_hold()
        future.action_cancel()
        self.assertFalse(engagement.next_session_date)
        with self.assertRaisesRegex(UserError, "Only cancelled sessions"):
            past.action_plan()  # a held session stays held
        future.action_plan()
        self.assertEqual(str(engagement.next_session_date), "2099-01-10 09:00:00")

    def test_follow_up_is_an_activity_on_the_engagement(self):
        engagement = self.make_engagement()
        session = self.env["iso.mentoring.session"].create(
            {"mentoring_id": engagement.id, "name": "Kick-off"}
        )
        action = session.action_schedule_follow_up()
        self.assertEqual(action["res_model"], "mail.activity.schedule")
        self.assertEqual(action["context"]["active_ids"], engagement.ids)
        engagement.activity_schedule(
            "iso_compliance.mail_activity_type_mentoring_follow_up",
            user_id=self.officer_a.id,
            summary="Sign the anti-bribery policy",
        )
        self.assertEqual(session.follow_up_ids.summary, "Sign the anti-bribery policy")


@tagged("post_install", "-at_install")
class TestMentoringReports(IsoMentoringCase):
    def test_progress_reports_render(self):
        engagement = self.make_engagement()
        engagement.line_ids[:3].write({"status": "verified"})
        Report = self.env["ir.actions.report"]
        html, _ = Report._render_qweb_html(
            "iso_compliance.iso_mentoring_report_progress", engagement.ids
        )
        self.assertIn(b"Dinas Kependudukan", html)
        self.assertIn(b"Verified by Mentor", html)
        action = self.Mentoring.with_user(self.manager).action_print_regency_report()
        self.assertEqual(action["report_name"], "iso_compliance.report_iso_mentoring_regency")
        html, _ = Report._render_qweb_html(
            "iso_compliance.iso_mentoring_report_regency", engagement.ids
        )
        self.assertIn(b"Certification Progress of the Regency", html)

    def test_overview_orders_readiness_bands_and_counts_agencies(self):
        """Bands come in readiness order, not alphabetically ("100%" last); the overview
        counts agencies, not engagements: an agency pursuing two engagements counts once."""
        full = self.make_engagement(standards=self.iso_37001)
        full.line_ids.write({"status": "verified"})
        third = self.make_engagement(agency=self.agency_b, standards=self.iso_37001)
        third.line_ids[: -(-len(third.line_ids) // 3)].write({"status": "verified"})
        self.assertTrue(25 <= third.readiness < 50, third.readiness)
        zero = self.make_engagement(standards=self.iso_9001)  # agency A again
        Mentoring = self.Mentoring.with_user(self.manager)
        domain = [("id", "in", (full | third | zero).ids)]
        labels = dict(Mentoring._fields["readiness_band"]._description_selection(self.env))
        for lazy in (True, False):  # a grouped list, and the graph
            groups = Mentoring.read_group(
                domain, ["agency_id:count_distinct"], ["readiness_band"], lazy=lazy
            )
            self.assertEqual(
                [labels[group["readiness_band"]] for group in groups],
                ["Below 25%", "25% to 50%", "100%"],
            )
        arch = Mentoring.get_views([(False, "pivot")])["views"]["pivot"]["arch"]
        self.assertIn('<field name="agency_id" string="Agencies" type="measure"/>', arch)
        (stage_group,) = Mentoring.read_group(
            domain, ["agency_id:count_distinct"], ["stage_id"], lazy=False
        )
        self.assertEqual((stage_group["__count"], stage_group["agency_id"]), (3, 2))

    @freeze_time("2026-08-17 03:30:00")
    def test_reports_in_indonesian_use_its_numbers_and_dates(self):
        """Printed in Indonesian: a decimal comma in the readiness, Indonesian month names in
        the place and date of signing, times in Serang's zone without seconds."""
        self.env["res.lang"]._activate_lang("id_ID")
        self.env.company.city = "Serang"
        self.env.user.tz = "Asia/Jakarta"
        self.env["ir.config_parameter"].set_param("report.url", "http://127.0.0.1:9")
        engagement = self.make_engagement(standards=self.iso_37001)
        lines = engagement.line_ids
        lines[:2].write({"status": "verified"})
        lines[2:3].write({"status": "implemented"})
        # 2.5 of the checklist's clauses done, by hand: 250 / len(lines) percent
        expected = f"{round(250 / len(lines), 1):.1f}".replace(".", ",")
        self.assertNotIn(",0", expected, "choose a readiness with a decimal")
        session = self.env["iso.mentoring.session"].create(
            {"mentoring_id": engagement.id, "name": "Kick-off", "date": "2026-08-10 03:30:00"}
        )
        session.action_hold()
        Report = self.env["ir.actions.report"].with_context(
            force_report_rendering=True, lang="id_ID", tz="Asia/Jakarta"
        )
        texts = {}
        for report in ("progress", "regency"):
            pdf, _kind = Report._render_qweb_pdf(
                f"iso_compliance.iso_mentoring_report_{report}", res_ids=engagement.ids
            )
            text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
            texts[report] = text = " ".join(text.split())
            self.assertRegex(text, rf"\b{expected} ?%", report)
            self.assertIn("Serang, 17 Agustus 2026", text, report)
            self.assertIn("17/08/2026 10:30", text, report)  # printed at
            self.assertNotIn("10:30:00", text, report)
        self.assertIn("10/08/2026 10:30 Kick-off", texts["progress"])
        self.assertIn("Lead Mentor Inspectorate Mentor", texts["progress"])

    def test_share_of_agencies_certified_per_standard(self):
        agencies = self.env["iso.agency"].search_count([])
        self.make_certificate()  # agency A, ISO 37001
        self.make_certificate(agency=self.agency_b, standard=self.iso_37001_2025)
        self.make_certificate(standard=self.iso_9001, state="draft")
        shares = {code: rest for code, *rest in self.Mentoring._certification_shares()}
        self.assertEqual(shares["ISO 37001"], [2, agencies, round(200.0 / agencies, 1)])
        self.assertEqual(shares["ISO 9001"], [0, agencies, 0.0])
        html, _ = self.env["ir.actions.report"]._render_qweb_html(
            "iso_compliance.iso_mentoring_report_regency", self.make_engagement().ids
        )
        self.assertIn(b"Agencies certified, by standard", html)


@tagged("post_install", "-at_install")
class TestRegencyPage(IsoMentoringCase):
    """Issue 21, item 6: one page and one PDF with the same figures, agencies counted (not
    engagements), worked out by hand."""

    @freeze_time("2026-01-01 03:00:00")
    def test_page_and_pdf_show_the_same_figures(self):
        agencies = self.env["iso.agency"].search_count([])
        certificate = self.make_certificate(issue_date="2023-03-02")  # expires 2026-03-01
        self.make_certificate(agency=self.agency_b, standard=self.iso_9001, state="draft")
        engagement = self.make_engagement(standards=self.iso_37001)
        engagement.line_ids[:19].write({"status": "verified"})  # 19 of 38: 50.0 %
        sections = self.Mentoring.with_user(self.manager).get_regency_figures()
        figures = figure_tables(sections)
        self.assertEqual(
            figures["certified"],
            [
                ["ISO 37001", f"1 / {agencies}", f"{100 / agencies:.1f} %"],
                ["ISO 9001", f"0 / {agencies}", "0.0 %"],
            ],
        )
        self.assertEqual(
            figures["readiness"],
            [["Dinas Kependudukan dan Pencatatan Sipil", "ISO 37001:2016", "Commitment", "50.0 %"]],
        )
        self.assertEqual(
            figures["expiring"],
            [
                [
                    "Dinas Kependudukan dan Pencatatan Sipil",
                    "ISO 37001:2016",
                    certificate.name,
                    "03/01/2026",
                    "59",
                ]
            ],
        )
        by_key = {section["key"]: section for section in sections}
        self.assertEqual(
            by_key["readiness"]["rows"][0]["action"],
            {"res_model": "iso.mentoring", "res_id": engagement.id},
        )
        drill = by_key["certified"]["rows"][0]["action"]
        self.assertEqual(self.env[drill["res_model"]].search(drill["domain"]), certificate)
        # The PDF prints the same texts, cell by cell, whatever engagements it is given.
        html, _ = (
            self.env["ir.actions.report"]
            .with_user(self.manager)
            ._render_qweb_html("iso_compliance.iso_mentoring_report_regency", engagement.ids)
        )
        printed = report_tables(html)
        for key, rows in figures.items():
            with self.subTest(section=key):
                self.assertEqual(printed[key], rows)
        # What waits for the manager comes first, on the page only: one overdue to-do.
        engagement.activity_schedule(
            "mail.mail_activity_data_todo", date_deadline="2025-12-30", user_id=self.manager.id
        )
        sections = self.Mentoring.with_user(self.manager).get_regency_figures()
        self.assertEqual(sections[0]["key"], "todo")
        self.assertTrue(sections[0]["page_only"])
        self.assertEqual([row["cells"][1:] for row in sections[0]["rows"]], [["1", "1"]])
        drill = sections[0]["rows"][0]["action"]
        self.assertEqual(self.env["mail.activity"].search(drill["domain"]).res_id, engagement.id)
        html, _ = (
            self.env["ir.actions.report"]
            .with_user(self.manager)
            ._render_qweb_html("iso_compliance.iso_mentoring_report_regency", engagement.ids)
        )
        self.assertNotIn("todo", report_tables(html))
        # What the user reads: an officer's page holds her agency only.
        officer_figures = figure_tables(
            self.Mentoring.with_user(self.officer_a).get_regency_figures()
        )
        self.assertEqual(
            [row[0] for row in officer_figures["readiness"]],
            ["Dinas Kependudukan dan Pencatatan Sipil"],
        )


@tagged("post_install", "-at_install")
class TestMentoringBoardPerformance(IsoMentoringCase):
    """The board as the web client reads it: groups by stage, the progress bars, then the
    cards of each unfolded column with the fields the card shows."""

    SPEC = {
        "agency_id": {"fields": {"display_name": {}}},
        "standard_ids": {"fields": {"display_name": {}}},
        "readiness": {},
        "next_session_date": {},
        "priority": {},
        "kanban_state": {},
        "color": {},
        "active": {},
        "stage_id": {"fields": {"display_name": {}}},
        "user_id": {"fields": {"display_name": {}}},
        "mentor_ids": {"fields": {"display_name": {}}},
        "activity_ids": {},
        "activity_state": {},
        "activity_summary": {},
        "activity_type_icon": {},
        "activity_exception_decoration": {},
        "activity_exception_icon": {},
        "activity_type_id": {"fields": {"display_name": {}}},
    }

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        standard = cls.env["iso.standard"].create(
            {"code": "ISO 99999", "edition": "2030", "name": "Board test standard"}
        )
        for number in ("1", "2", "3"):
            cls.Clause.create({"standard_id": standard.id, "number": number, "name": f"C{number}"})
        agencies = cls.Agency.create(
            [
                {"name": f"Agency {i}", "code": f"AG{i}", "mentor_ids": cls.mentor.ids}
                for i in range(20)
            ]
        )
        stages = cls.env["iso.mentoring.stage"].search([("is_certified", "=", False)])
        cls.engagements = cls.Mentoring.create(
            [
                {
                    "agency_id": agencies[i % 20].id,
                    "standard_ids": [Command.set((standard | cls.iso_37001).ids[:1])],
                    "stage_id": stages[i % len(stages)].id,
                    "kanban_state": ("normal", "blocked", "done")[i % 3],
                }
                for i in range(500)
            ]
        )
        cls.env["mail.activity"].create(
            [
                {
                    "res_model_id": cls.env["ir.model"]._get_id("iso.mentoring"),
                    "res_id": engagement.id,
                    "activity_type_id": cls.env.ref(
                        "iso_compliance.mail_activity_type_mentoring_follow_up"
                    ).id,
                    "user_id": cls.mentor.id,
                    "date_deadline": "2030-01-01",
                }
                for engagement in cls.engagements[::5]
            ]
        )

    def read_board(self):
        Mentoring = self.Mentoring.with_user(self.mentor)
        groups = Mentoring.web_read_group([], ["kanban_state"], ["stage_id"])["groups"]
        Mentoring.read_progress_bar(
            [],
            "stage_id",
            {"field": "kanban_state", "colors": {"done": "success", "blocked": "danger"}},
        )
        cards = 0
        for group in groups:
            if not group.get("__fold"):
                cards += len(
                    Mentoring.web_search_read(group["__domain"], self.SPEC, limit=40)["records"]
                )
        return groups, cards

    def test_board_reads_500_engagements_within_a_fixed_budget(self):
        self.env.flush_all()
        self.env.invalidate_all()
        self.env.registry.clear_cache()
        self.read_board()  # warm the caches (access rules, views)
        self.env.invalidate_all()
        # About ten queries a column (cards, their count, agencies, standards, mentors,
        # activities), whatever the number of engagements in it.
        with self.assertQueryCount(93):
            groups, cards = self.read_board()
        self.assertEqual(len(groups), 9, "every roadmap stage is a column")
        self.assertEqual(sum(g["stage_id_count"] for g in groups), 500)
        self.assertEqual(cards, 8 * 40)
