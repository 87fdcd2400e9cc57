from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged
from odoo.tools.misc import file_open

from .common import IsoComplianceCase

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@tagged("post_install", "-at_install")
class TestFirstDay(IsoComplianceCase):
    """What a first day in Serang needs of the models behind the screens."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Mentoring = cls.env["iso.mentoring"]
        cls.Audit = cls.env["iso.audit"]
        cls.engagement = cls.Mentoring.create(
            {"agency_id": cls.agency_a.id, "standard_ids": [Command.link(cls.iso_37001.id)]}
        )
        cls.engagement_b = cls.Mentoring.create(
            {"agency_id": cls.agency_b.id, "standard_ids": [Command.link(cls.iso_9001.id)]}
        )

    def make_audit(self, **vals):
        return self.Audit.create(
            {
                "agency_id": self.agency_a.id,
                "window_start": "2026-03-01",
                "window_end": "2026-03-31",
                "lead_auditor_id": self.mentor.id,
                **vals,
            }
        )

    # ------------------------------------------------------------ checklist in place (2, 6)

    def test_officer_updates_checklist_lines_through_the_engagement(self):
        line = self.engagement.line_ids[0]
        engagement = self.engagement.with_user(self.officer_a)
        engagement.write(
            {"line_ids": [Command.update(line.id, {"status": "in_progress", "note": "Draf SK"})]}
        )
        self.assertEqual((line.status, line.note), ("in_progress", "Draf SK"))
        # Never verified by her, even in place.
        with self.assertRaises(AccessError):
            engagement.write({"line_ids": [Command.update(line.id, {"status": "verified"})]})
        # Nothing else of the engagement, and no line added or removed.
        for vals in (
            {"kanban_state": "done"},
            {"line_ids": [Command.create({"clause_id": line.clause_id.id})]},
            {"line_ids": [Command.delete(line.id)]},
            {"line_ids": [Command.update(line.id, {"status": "implemented"})], "priority": "1"},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                engagement.write(vals)
        # Not another agency's engagement.
        other_line = self.engagement_b.line_ids[0]
        with self.assertRaises(AccessError):
            self.engagement_b.with_user(self.officer_a).write(
                {"line_ids": [Command.update(other_line.id, {"status": "implemented"})]}
            )
        self.assertEqual(other_line.status, "not_started")

    def test_mentor_sets_every_status_in_place(self):
        line = self.engagement.line_ids[0]
        self.engagement.with_user(self.mentor).write(
            {"line_ids": [Command.update(line.id, {"status": "verified"})]}
        )
        self.assertEqual((line.status, line.verified_by_id), ("verified", self.mentor))

    def test_officer_form_is_read_only_but_for_the_checklist(self):
        self.assertTrue(self.engagement.with_user(self.officer_a).user_is_officer_only)
        self.assertFalse(self.engagement.with_user(self.mentor).user_is_officer_only)
        arch = self.Mentoring.with_user(self.officer_a).get_view(view_type="kanban")["arch"]
        self.assertIn('records_draggable="0"', arch)

    # ------------------------------------------------------------ landing, blocking (7)

    def test_officer_lands_on_own_engagement(self):
        action = self.Mentoring.with_user(self.officer_a).action_open_home()
        self.assertEqual(
            (action["res_model"], action["res_id"]), ("iso.mentoring", self.engagement.id)
        )
        self.assertEqual(action["views"], [(False, "form")])
        board = self.env.ref("iso_compliance.iso_mentoring_action_board")
        # The id of an action on the app's menu: the web client shows the app's menu bar.
        self.assertEqual(action["id"], board.id)
        self.assertTrue(
            self.env["ir.ui.menu"]
            .with_user(self.officer_a)
            .search([("action", "=", f"ir.actions.act_window,{board.id}")])
        )

    def test_mentor_lands_on_what_waits_for_her(self):
        """Issue 21: a mentor (and a manager) lands on the regency page, which opens with her
        open and overdue activities, from the app's menu (its menu bar shows)."""
        page = self.env.ref("iso_compliance.iso_regency_action_page")
        for user in (self.mentor, self.manager):
            with self.subTest(user=user.login):
                action = self.Mentoring.with_user(user).action_open_home()
                self.assertEqual(
                    (action["id"], action["type"], action["tag"]),
                    (page.id, "ir.actions.client", "iso_compliance.regency_page"),
                )
                self.assertTrue(
                    self.env["ir.ui.menu"]
                    .with_user(user)
                    .search([("action", "=", f"ir.actions.client,{page.id}")])
                )
        # The page's figures as the mentor reads them: every engagement of the regency.
        self.engagement.activity_schedule(
            "mail.mail_activity_data_todo", date_deadline="2020-01-01", user_id=self.mentor.id
        )
        sections = {
            section["key"]: section
            for section in self.Mentoring.with_user(self.mentor).get_regency_figures()
        }
        self.assertEqual([row["cells"][1:] for row in sections["todo"]["rows"]], [["1", "1"]])
        self.assertEqual(len(sections["readiness"]["rows"]), 2)

    def test_the_head_of_agency_lands_on_his_agency_and_reads_it(self):
        """Issue 21, item 2: the head (a user whose contact is the agency's head) reads his
        agency's engagement, readiness, certificates and audits, changes none of them, and
        lands on the engagement; another agency stays closed to him."""
        head = new_test_user(
            self.env,
            login="kepala_a",
            groups="iso_compliance.group_iso_compliance_officer",
            name="Kepala Disdukcapil",
        )
        self.agency_a.head_id = head.partner_id
        certificate = self.make_certificate(agency=self.agency_a)
        audit = self.make_audit()
        line = self.engagement.line_ids[0]
        line.status = "implemented"
        action = self.Mentoring.with_user(head).action_open_home()
        self.assertEqual(
            (action["res_id"], action["views"]), (self.engagement.id, [(False, "form")])
        )
        mine = self.engagement.with_user(head)
        self.assertEqual(mine.readiness, self.engagement.readiness)
        self.assertEqual(mine.line_ids.with_user(head).mapped("status")[0], "implemented")
        self.assertFalse(mine.iso_user_can_write)
        self.assertTrue(self.engagement.with_user(self.officer_a).iso_user_can_write)
        self.assertEqual(certificate.with_user(head).read(["name"])[0]["name"], certificate.name)
        self.assertTrue(audit.with_user(head).read(["name"]))
        self.assertEqual(self.Mentoring.with_user(head).search([]), self.engagement)
        with self.assertRaises(AccessError):
            mine.write({"line_ids": [Command.update(line.id, {"note": "Kepala menulis"})]})
        with self.assertRaises(AccessError):
            line.with_user(head).write({"status": "in_progress"})
        with self.assertRaises(AccessError):
            self.engagement_b.with_user(head).read(["readiness"])

    def test_blocking_reason_is_kept_while_blocked_only(self):
        self.engagement.write({"kanban_state": "blocked", "blocked_reason": "SK belum terbit"})
        self.assertEqual(self.engagement.blocked_reason, "SK belum terbit")
        self.engagement.write({"kanban_state": "normal"})
        self.assertFalse(self.engagement.blocked_reason)

    # ------------------------------------------------------------ calendar (3, 9)

    def test_day_clicked_on_calendar_plans_the_audit(self):
        context = {"default_calendar_start": "2026-05-20", "default_calendar_stop": "2026-05-20"}
        defaults = self.Audit.with_context(**context).default_get(["scheduled_start"])
        self.assertEqual(defaults["scheduled_start"], date(2026, 5, 20))
        audit = self.Audit.create(
            {
                "agency_id": self.agency_a.id,
                "calendar_start": "2026-05-20",
                "calendar_stop": "2026-05-21",
            }
        )
        self.assertEqual(
            (audit.scheduled_start, audit.scheduled_end), (date(2026, 5, 20), date(2026, 5, 21))
        )
        self.assertEqual(
            (audit.window_start, audit.window_end), (date(2026, 5, 20), date(2026, 5, 21))
        )
        # The engagement's standard is proposed, so the audit can be confirmed at once.
        self.assertEqual(audit.standard_ids, self.iso_37001)
        audit.action_confirm()
        self.assertEqual(audit.state, "confirmed")

    def test_calendar_draws_audit_days_not_the_window(self):
        audit = self.make_audit(standard_ids=[Command.link(self.iso_37001.id)])
        # No audit day agreed yet: one day, the window's first.
        self.assertEqual((audit.calendar_start, audit.calendar_stop), (date(2026, 3, 1),) * 2)
        audit.write({"scheduled_start": "2026-03-10", "scheduled_end": "2026-03-11"})
        self.assertEqual(
            (audit.calendar_start, audit.calendar_stop), (date(2026, 3, 10), date(2026, 3, 11))
        )
        # Moved on the calendar: the audit days move, the window stays.
        audit.write({"calendar_start": "2026-03-17", "calendar_stop": "2026-03-18"})
        self.assertEqual(
            (audit.scheduled_start, audit.scheduled_end), (date(2026, 3, 17), date(2026, 3, 18))
        )
        self.assertEqual(
            (audit.window_start, audit.window_end), (date(2026, 3, 1), date(2026, 3, 31))
        )
        with self.assertRaises(ValidationError):
            audit.write({"calendar_start": "2026-04-02", "calendar_stop": "2026-04-02"})
        # Held: the actual days.
        audit.write({"date_start": "2026-03-18", "date_end": "2026-03-19"})
        self.assertEqual(
            (audit.calendar_start, audit.calendar_stop), (date(2026, 3, 18), date(2026, 3, 19))
        )

    def test_standards_are_found_as_displayed_and_the_agencys_edition_first(self):
        Standard = self.env["iso.standard"]
        for typed in ("ISO 9001:2015", "iso 9001:2015", "SNI ISO 9001:2015", "ISO 9001"):
            with self.subTest(typed=typed):
                self.assertEqual(
                    [r[0] for r in Standard.name_search(typed, operator="=")][:1], self.iso_9001.ids
                )
        self.assertEqual(Standard.name_search("ISO 37001:2016")[0][0], self.iso_37001.id)
        self.assertEqual(
            [r[0] for r in Standard.name_search("37001")],
            [self.iso_37001_2025.id, self.iso_37001.id],
        )
        for_agency = Standard.with_context(iso_agency_id=self.agency_a.id).name_search("37001")
        self.assertEqual([r[0] for r in for_agency], [self.iso_37001.id, self.iso_37001_2025.id])

    # ------------------------------------------------------------ import, bulk activation (4)

    def test_templates_headers_match_fields_in_indonesian(self):
        self.env["res.lang"]._activate_lang("id_ID")
        self.env["ir.module.module"]._load_module_terms(["iso_compliance"], ["id_ID"])
        expected = {
            "iso.certificate": [
                "name",
                "agency_id",
                "standard_id",
                "certification_body_id",
                "scope",
                "decision_date",
                "issue_date",
                "expiry_date",
            ],
            "iso.agency": ["name", "code", "agency_type", "parent_id", "is_public_service"],
        }
        for model, fields_expected in expected.items():
            with self.subTest(model=model):
                template = self.env[model].get_import_templates()[0]["template"]
                with file_open(template.lstrip("/"), "rb") as f:
                    content = f.read()
                wizard = (
                    self.env["base_import.import"]
                    .with_user(self.manager)
                    .with_context(lang="id_ID")
                    .create({"res_model": model, "file": content, "file_type": XLSX})
                )
                preview = wizard.parse_preview({"has_headers": True})
                matched = [preview["matches"][i][0] for i in range(len(preview["headers"]))]
                self.assertEqual(matched, fields_expected)

    def test_agencies_import_from_template(self):
        self.agency_b.write({"name": "Dinas Kesehatan (lama)", "code": "DINKES-OLD"})
        with file_open("iso_compliance/static/xls/iso_agency_import_template.xlsx", "rb") as f:
            content = f.read()
        wizard = (
            self.env["base_import.import"]
            .with_user(self.manager)
            .create({"res_model": "iso.agency", "file": content, "file_type": XLSX})
        )
        fields_ = ["name", "code", "agency_type", "parent_id", "is_public_service"]
        result = wizard.execute_import(fields_, fields_, {"has_headers": True})
        self.assertFalse(result["messages"], result["messages"])
        dinkes, puskesmas = self.Agency.browse(result["ids"])
        self.assertEqual((dinkes.code, dinkes.agency_type), ("DINKES", "dinas"))
        self.assertEqual((puskesmas.agency_type, puskesmas.parent_id), ("puskesmas", dinkes))
        self.assertTrue(puskesmas.is_public_service)

    def test_certificates_import_and_activate_in_bulk(self):
        self.body.name = "PT Mutu Agung Lestari"
        self.agency_a.code = "DISDUKCAPIL"
        with file_open("iso_compliance/static/xls/iso_certificate_import_template.xlsx", "rb") as f:
            content = f.read()
        wizard = (
            self.env["base_import.import"]
            .with_user(self.manager)
            .create({"res_model": "iso.certificate", "file": content, "file_type": XLSX})
        )
        fields_ = [
            "name",
            "agency_id",
            "standard_id",
            "certification_body_id",
            "scope",
            "decision_date",
            "issue_date",
            "expiry_date",
        ]
        result = wizard.execute_import(
            fields_, fields_, {"has_headers": True, "date_format": "%Y-%m-%d"}
        )
        self.assertFalse(result["messages"], result["messages"])
        certificates = self.Certificate.browse(result["ids"])
        self.assertEqual(certificates.standard_id, self.iso_37001 | self.iso_9001)
        self.assertEqual(set(certificates.mapped("state")), {"draft"})
        action = self.env.ref("iso_compliance.iso_certificate_action_activate")
        context = {"active_model": "iso.certificate", "active_ids": certificates.ids}
        # Managers only: certificate states are theirs.
        with self.assertRaises(AccessError):
            action.with_user(self.mentor).with_context(**context).run()
        action.with_user(self.manager).with_context(**context).run()
        self.assertEqual(set(certificates.mapped("state")), {"active"})
        # The same checks as the button: an active certificate is not activated again.
        with self.assertRaises(UserError):
            action.with_user(self.manager).with_context(**context).run()

    # ------------------------------------------------------------ findings (5, 14)

    def test_officer_hands_in_the_action_plan(self):
        self.officer_a.lang = "en_US"
        audit = self.make_audit(standard_ids=[Command.link(self.iso_37001.id)])
        audit.action_confirm()
        audit.line_ids[:2].write({"result": "minor"})
        finding = audit.finding_ids[0]
        # New findings leave a note on the audit, with a link to each.
        note = audit.message_ids.filtered(lambda m: "New findings" in (m.body or ""))
        self.assertEqual(len(note), 1)
        for each in audit.finding_ids:
            self.assertIn(each.name, note.body)
        as_officer = finding.with_user(self.officer_a)
        self.assertTrue(as_officer.user_is_officer_only)
        with self.assertRaises(UserError):
            as_officer.action_submit_plan()  # nothing planned yet
        as_officer.corrective_action = "Sosialisasi kebijakan."
        as_officer.action_submit_plan()
        self.assertEqual(finding.state, "action_planned")
        activity = finding.activity_ids
        self.assertEqual(activity.user_id, self.mentor)
        self.assertEqual(activity.summary, f"Review the action plan of {finding.name}")
        with self.assertRaises(UserError):
            as_officer.action_submit_plan()
        # Another agency's officer cannot.
        other = audit.finding_ids[1]
        other.corrective_action = "x"
        officer_b = self.env["res.users"].create(
            {
                "name": "Officer B",
                "login": "officer_b_first_day",
                "groups_id": [
                    Command.link(self.env.ref("iso_compliance.group_iso_compliance_officer").id)
                ],
            }
        )
        self.agency_b.officer_ids = officer_b
        with self.assertRaises(AccessError):
            other.with_user(officer_b).action_submit_plan()
        self.assertEqual(other.state, "open")

    # ------------------------------------------------------------ sessions, help (14)

    def test_a_half_filled_session_is_not_saved_blank(self):
        """Issue 21, item 9: leaving a new session's form without a topic does not auto-save
        a blank session (the form wants its topic, as the web client's auto-save does)."""
        Session = self.env["iso.mentoring.session"].with_user(self.mentor)
        form = Form(Session.with_context(default_mentoring_id=self.engagement.id))
        with self.assertRaises(AssertionError):
            form.save()
        self.assertFalse(Session.search([("mentoring_id", "=", self.engagement.id)]))
        form.name = "Register risiko penyuapan"
        self.assertEqual(form.save().name, "Register risiko penyuapan")

    def test_a_session_without_topic_is_refused_by_the_model(self):
        """Issue 21: not only the form: a session created or written without a topic (an
        import, a call, another view) is refused with a sentence, and nothing is saved."""
        Session = self.env["iso.mentoring.session"].with_user(self.mentor)
        for vals in ({}, {"name": "   "}, {"name": False}):
            with self.subTest(vals=vals), self.assertRaisesRegex(ValidationError, "Topic"):
                Session.create({"mentoring_id": self.engagement.id, **vals})
        self.assertFalse(Session.search([("mentoring_id", "=", self.engagement.id)]))
        session = Session.create({"mentoring_id": self.engagement.id, "name": " Kick-off "})
        self.assertEqual(session.name, "Kick-off")
        with self.assertRaisesRegex(ValidationError, "Topic"):
            session.write({"name": ""})

    def test_session_proposes_the_agencys_officers(self):
        session = (
            self.env["iso.mentoring.session"]
            .with_user(self.mentor)
            .create({"mentoring_id": self.engagement.id, "name": "Kick-off"})
        )
        self.assertEqual(session.attendee_ids, self.officer_a.partner_id)

    def test_officer_is_not_told_to_plan_audits(self):
        action = self.env.ref("iso_compliance.iso_audit_action")
        for user, expected in (
            (self.officer_a, "No audit of your agency yet"),
            (self.mentor, "Plan an audit"),
        ):
            with self.subTest(user=user.login):
                help_html = self.Audit.with_user(user).get_empty_list_help(action.help)
                self.assertIn(expected, help_html)
        help_html = self.Mentoring.with_user(self.officer_a).get_empty_list_help("")
        self.assertIn("The Inspectorate starts one with your agency", help_html)
