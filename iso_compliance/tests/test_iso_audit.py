import io
from datetime import date

from freezegun import freeze_time
from PyPDF2 import PdfReader

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import IsoComplianceCase


class AuditCase(IsoComplianceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Audit = cls.env["iso.audit"]
        cls.Finding = cls.env["iso.audit.finding"]

    @classmethod
    def make_audit(cls, standards=None, agency=None, **vals):
        return cls.Audit.create(
            {
                "agency_id": (agency or cls.agency_a).id,
                "standard_ids": [(6, 0, (standards or cls.iso_37001).ids)],
                "window_start": "2026-03-01",
                "window_end": "2026-03-31",
                "lead_auditor_id": cls.mentor.id,
                **vals,
            }
        )

    def assess_all(self, audit, result="conforming"):
        audit.line_ids.filtered(lambda line: line.result == "not_assessed").write(
            {"result": result}
        )

    def cycle(self, cert):
        audits = self.Audit.search([("certificate_id", "=", cert.id)])
        return {a.cycle_step: (a.window_start, a.window_end, a) for a in audits}


@tagged("post_install", "-at_install")
class TestCycleEngine(AuditCase):
    """The cycle's dates, case by case, are in test_iso_cycle.py."""

    def test_activation_plans_the_cycle_audits(self):
        cert = self.make_certificate(decision_date="2025-01-31", issue_date="2025-02-03")
        cycle = self.cycle(cert)
        self.assertEqual(set(cycle), {"surveillance_1", "surveillance_2", "recertification"})
        s1 = cycle["surveillance_1"][2]
        self.assertEqual((s1.audit_type, s1.state), ("surveillance", "planned"))
        self.assertEqual(cycle["recertification"][2].audit_type, "recertification")
        self.assertEqual(cert.audit_count, 3)
        action = cert.action_view_audits()
        self.assertEqual(
            self.Audit.search(action["domain"]),
            s1 | cycle["recertification"][2] | cycle["surveillance_2"][2],
        )
        self.assertEqual(s1.standard_ids, self.iso_37001)

    def test_a_cancelled_step_planned_again_is_not_planned_twice(self):
        cert = self.make_certificate(decision_date="2025-02-20", issue_date="2025-02-24")
        domain = [("certificate_id", "=", cert.id), ("cycle_step", "=", "surveillance_1")]
        s1 = self.Audit.search(domain)
        s1.action_cancel()
        replacement = self.Audit.search([*domain, ("state", "!=", "cancelled")])
        self.assertEqual(len(replacement), 1)
        self.assertNotEqual(replacement, s1)
        with self.assertRaisesRegex(UserError, "planned as"):
            s1.action_reset_to_planned()
        self.assertEqual(s1.state, "cancelled")

    def test_only_a_recertification_audit_renews(self):
        cert = self.make_certificate(decision_date="2025-02-20", issue_date="2025-02-24")
        s1 = self.cycle(cert)["surveillance_1"][2]
        s1.action_confirm()
        with freeze_time("2025-12-01"):
            s1.action_start()
            s1.action_report()
        s1.write({"decision_date": "2025-12-05", "new_certificate_number": "X"})
        with self.assertRaisesRegex(UserError, "Only a re-certification audit"):
            s1.action_record_decision()


@tagged("post_install", "-at_install")
class TestAuditRules(AuditCase):
    def test_checklist_generated_on_confirm_one_line_per_assessable_clause(self):
        audit = self.make_audit(standards=self.iso_37001 | self.iso_9001)
        self.assertFalse(audit.line_ids)
        audit.action_confirm()
        clauses = (self.iso_37001 | self.iso_9001).clause_ids.filtered("is_assessable")
        self.assertEqual(audit.line_ids.clause_id, clauses)
        audit.line_ids.filtered(lambda line: line.standard_id == self.iso_9001)[
            :1
        ].result = "conforming"
        audit.standard_ids = self.iso_37001
        kept = audit.line_ids.filtered(lambda line: line.standard_id == self.iso_9001)
        self.assertEqual(len(kept), 1, "assessed lines are kept, untouched ones go")
        audit.standard_ids = self.iso_37001 | self.iso_9001
        self.assertEqual(audit.line_ids.clause_id, clauses, "regenerated without duplicates")

    def test_checklist_generation_queries_do_not_grow_per_clause(self):
        def queries(standards):
            audit = self.make_audit(standards=standards, state="confirmed")
            self.env.flush_all()
            before = self.env.cr.sql_log_count
            audit._generate_checklist()
            self.env.flush_all()
            return self.env.cr.sql_log_count - before, len(audit.line_ids)

        queries(self.iso_37001_2025)  # warm the caches
        few, few_lines = queries(self.iso_9001)
        many, many_lines = queries(self.iso_37001 | self.iso_9001)
        self.assertGreater(many_lines, few_lines * 1.5)
        # Measured once and pinned: the same however many clauses the standards have.
        self.assertEqual((few, many), (4, 4))
        audit = self.make_audit(standards=self.iso_37001, state="confirmed")
        with self.assertQueryCount(4):
            audit._generate_checklist()
            self.env.flush_all()

    def test_nonconforming_result_creates_its_finding(self):
        audit = self.make_audit()
        audit.action_confirm()
        line = audit.line_ids[0]
        line.write({"result": "major", "notes": "No bribery risk assessment since 2023"})
        self.assertEqual(line.finding_id.grade, "major")
        self.assertEqual(line.finding_id.statement, "No bribery risk assessment since 2023")
        self.assertEqual(
            line.finding_id.due_date, date.today().fromordinal(date.today().toordinal() + 60)
        )
        line.result = "minor"
        self.assertEqual(line.finding_id.grade, "minor")
        self.assertEqual(
            line.finding_id.due_date,
            date.today().fromordinal(date.today().toordinal() + 90),
            "the deadline follows the grade",
        )
        self.assertEqual(audit.finding_count, 1)

    def test_close_needs_every_clause_assessed_and_no_open_major(self):
        audit = self.make_audit()
        audit.action_confirm()
        audit.action_start()
        audit.line_ids[0].result = "major"
        audit.action_report()
        with self.assertRaisesRegex(UserError, r"clauses of its checklist are not assessed"):
            audit.action_close()
        self.assess_all(audit)
        with self.assertRaisesRegex(UserError, "while 1 major nonconformities are open"):
            audit.action_close()
        finding = audit.finding_ids
        finding.corrective_action = "Risk assessment redone"
        finding.action_plan()
        finding.action_implement()
        finding.action_verify_effective()
        finding.action_close()
        audit.action_close()
        self.assertEqual(audit.state, "closed")

    def test_stage_2_needs_a_reported_stage_1(self):
        stage_2 = self.make_audit(audit_type="stage_2")
        with self.assertRaisesRegex(UserError, "needs a reported stage 1 audit for ISO 37001:2016"):
            stage_2.action_confirm()
        stage_1 = self.make_audit(audit_type="stage_1")
        stage_1.action_confirm()
        stage_1.action_start()
        stage_1.action_report()
        stage_2.action_confirm()
        self.assertEqual(stage_2.state, "confirmed")

    def test_date_rules(self):
        with self.assertRaisesRegex(ValidationError, "planned window ends before it starts"):
            self.make_audit(window_end="2026-02-01")
        audit = self.make_audit()
        with self.assertRaisesRegex(ValidationError, "the audit ends before it starts"):
            audit.write({"date_start": "2026-03-10", "date_end": "2026-03-09"})
        with self.assertRaisesRegex(ValidationError, "lasts at most 30 days"):
            audit.write({"date_start": "2026-03-10", "date_end": "2026-05-09"})
        later = self.make_audit()
        later.action_confirm()
        later.action_start()
        later.date_end = date.fromordinal(later.date_start.toordinal() + 3)
        with (
            freeze_time(later.date_start),
            self.assertRaisesRegex(UserError, "cannot be reported before it ends"),
        ):
            later.action_report()

    def test_illegal_transitions(self):
        audit = self.make_audit()
        with self.assertRaisesRegex(UserError, "cannot be closed: it is Planned"):
            audit.action_close()
        audit.action_cancel()
        with self.assertRaisesRegex(UserError, "cannot be confirmed: it is Cancelled"):
            audit.action_confirm()
        audit.action_reset_to_planned()
        self.assertEqual(audit.state, "planned")

    def test_audit_with_findings_is_cancelled_not_deleted(self):
        audit = self.make_audit()
        audit.action_confirm()
        audit.line_ids[0].result = "minor"
        with self.assertRaisesRegex(UserError, "Cancel it instead"):
            audit.unlink()
        empty = self.make_audit()
        empty.unlink()
        self.assertFalse(empty.exists())

    def test_nonconformity_closes_only_after_effective_verification(self):
        audit = self.make_audit()
        audit.action_confirm()
        audit.line_ids[0].result = "minor"
        finding = audit.finding_ids
        with self.assertRaisesRegex(UserError, "must be verified as effective"):
            finding.action_close()
        with self.assertRaisesRegex(UserError, "Describe the correction"):
            finding.action_plan()
        finding.correction = "Fixed"
        finding.action_plan()
        finding.action_implement()
        finding.action_verify_not_effective()
        self.assertEqual(finding.state, "action_planned")
        self.assertEqual(finding.verification_outcome, "not_effective")
        audit.line_ids[1].result = "ofi"
        audit.line_ids[1].finding_id.action_close()  # an opportunity closes without verification


@tagged("post_install", "-at_install")
class TestAuditAccess(AuditCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.audit_a = cls.make_audit()
        cls.audit_a.action_confirm()
        cls.audit_a.line_ids[0].result = "minor"
        cls.finding = cls.audit_a.finding_ids
        cls.audit_b = cls.make_audit(agency=cls.agency_b)

    def test_officer_reads_own_agency_audits_only(self):
        self.assertEqual(self.Audit.with_user(self.officer_a).search([]), self.audit_a)
        with self.assertRaises(AccessError):
            self.audit_b.with_user(self.officer_a).read(["name"])
        self.assertTrue(self.audit_a.line_ids.with_user(self.officer_a).read(["result"]))

    def test_officer_fills_the_action_but_cannot_grade(self):
        finding = self.finding.with_user(self.officer_a)
        finding.write({"root_cause": "No deputy", "corrective_action": "Deputy named"})
        self.assertEqual(self.finding.root_cause, "No deputy")
        with self.assertRaises(AccessError):
            finding.write({"grade": "observation"})
        with self.assertRaises(AccessError):
            finding.action_plan()
        with self.assertRaises(AccessError):
            self.audit_a.line_ids[1].with_user(self.officer_a).write({"result": "major"})

    def test_officer_discusses_a_finding_with_evidence(self):
        attachment = (
            self.env["ir.attachment"]
            .with_user(self.officer_a)
            .create(
                {"name": "register.pdf", "raw": b"%PDF-1.4", "res_model": "mail.compose.message"}
            )
        )
        message = self.finding.with_user(self.officer_a).message_post(
            body="Register updated", attachment_ids=[attachment.id]
        )
        self.assertEqual(message.attachment_ids, attachment)

    def test_mentor_plans_and_grades(self):
        audit = self.make_audit(agency=self.agency_b).with_user(self.mentor)
        audit.action_confirm()
        audit.line_ids[0].result = "major"
        self.assertEqual(audit.finding_ids.grade, "major")
        with self.assertRaises(AccessError):
            self.make_audit(agency=self.agency_b).with_user(self.mentor).unlink()


@tagged("post_install", "-at_install")
class TestAuditCron(AuditCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cron = cls.env.ref("iso_compliance.ir_cron_audit_lifecycle")

    def run_cron(self, day):
        with freeze_time(day):
            self.cron.method_direct_trigger()
        self.env.invalidate_all()

    def test_reminders_fire_once_per_threshold(self):
        audit = self.make_audit(window_start="2026-06-01", window_end="2026-06-30")
        people = self.officer_a | self.mentor
        for day in ("2026-03-30", "2026-04-02", "2026-04-02", "2026-04-20"):
            self.run_cron(day)
        self.assertEqual(audit.reminder_days_sent, 60)
        self.assertEqual(audit.activity_ids.user_id, people)
        self.assertEqual(len(audit.activity_ids), len(people))
        self.run_cron("2026-05-25")  # catch-up: 30 skipped, 7 due
        self.assertEqual(audit.reminder_days_sent, 7)
        self.assertEqual(len(audit.activity_ids), 2 * len(people))

    def test_missed_surveillance_puts_the_certificate_at_risk(self):
        other = self.env["res.company"].create({"name": "Kabupaten Lain"})
        other_manager = new_test_user(
            self.env,
            login="other_manager",
            groups="iso_compliance.group_iso_compliance_manager",
            company_id=other.id,
            company_ids=[(6, 0, other.ids)],
        )
        cert = self.make_certificate(decision_date="2025-02-20", issue_date="2025-02-24")
        s1 = self.cycle(cert)["surveillance_1"][2]
        self.run_cron(s1.window_end)
        self.assertFalse(cert.at_risk)
        self.run_cron(date.fromordinal(s1.window_end.toordinal() + 1))
        self.assertTrue(s1.window_flagged)
        self.assertTrue(cert.at_risk)
        self.assertIn(self.manager, s1.activity_ids.user_id)
        self.assertNotIn(other_manager, s1.activity_ids.user_id, "another company's manager")
        count = len(s1.activity_ids)
        self.run_cron(date.fromordinal(s1.window_end.toordinal() + 2))
        self.assertEqual(len(s1.activity_ids), count, "flagged once")
        s1.action_confirm()
        s1.action_start()
        self.assertTrue(cert.at_risk, "still at risk while the late audit runs")
        s1.action_report()
        self.assertFalse(cert.at_risk, "held at last: no longer at risk")

    def test_moved_window_is_watched_and_reminded_again(self):
        audit = self.make_audit(window_start="2026-06-01", window_end="2026-06-30")
        self.run_cron("2026-05-28")
        self.assertEqual(audit.reminder_days_sent, 7)
        self.run_cron("2026-07-01")
        self.assertTrue(audit.window_flagged)
        audit.write({"window_start": "2026-09-01", "window_end": "2026-09-30"})
        self.assertFalse(audit.window_flagged, "a moved window has not passed")
        self.assertEqual(audit.reminder_days_sent, 0)
        self.run_cron("2026-07-05")  # 58 days before the new start
        self.assertEqual(audit.reminder_days_sent, 60)

    def test_overdue_finding_escalated_once_per_overdue_period(self):
        audit = self.make_audit(date_start="2026-03-02", date_end="2026-03-03")
        audit.action_confirm()
        audit.line_ids[0].result = "minor"
        finding = audit.finding_ids
        self.assertEqual(finding.due_date, date(2026, 6, 1))
        self.assertEqual(finding.responsible_id, self.officer_a, "the agency's officer")
        self.run_cron("2026-06-01")
        self.assertFalse(finding.activity_ids)
        self.run_cron("2026-06-02")
        self.run_cron("2026-06-03")
        escalated = finding.activity_ids
        managers = finding._managers_by_company()[finding.company_id]
        self.assertIn(self.manager, managers)
        self.assertEqual(escalated.user_id, self.mentor | managers)
        finding.due_date = "2026-07-01"
        self.run_cron("2026-07-02")
        self.assertEqual(len(finding.activity_ids), 2 * len(escalated))


@tagged("post_install", "-at_install")
class TestAuditReport(AuditCase):
    def render_pdf_text(self, report, records, **context):
        # wkhtmltopdf loads the report's styles from report.url; with them its web fonts are
        # drawn as outlines, which leaves no text to check. Without (as here, pointing at a
        # closed port) it writes real text, whatever happens to listen on Odoo's port.
        self.env["ir.config_parameter"].set_param("report.url", "http://127.0.0.1:9")
        pdf, kind = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True, **context)
            ._render_qweb_pdf(report, res_ids=records.ids)
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"), "wkhtmltopdf did not produce a PDF")
        text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
        return " ".join(text.split())

    @freeze_time("2026-08-17 03:30:00")
    def test_pdf_report_renders_the_audit(self):
        self.env.company.city = "Serang"
        self.agency_a.head_id = self.env["res.partner"].create({"name": "Dr. Kepala Dukcapil"})
        audit = self.make_audit(
            standards=self.iso_37001 | self.iso_9001, scope="Civil registration"
        )
        audit.action_confirm()
        lines_9001 = audit.line_ids.filtered(lambda line: line.standard_id == self.iso_9001)
        lines_9001[0].write({"result": "minor", "notes": "Customer survey not analysed"})
        lines_9001[1:3].write({"result": "conforming"})
        audit.finding_ids.write(
            {
                "root_cause": "No one is assigned to the survey",
                "correction": "Survey of July analysed",
            }
        )
        text = self.render_pdf_text(
            "iso_compliance.action_report_iso_audit", audit, tz="Asia/Jakarta"
        )
        for expected in (
            audit.name,
            "Dinas Kependudukan",
            "Customer survey not analysed",
            # the results summary, counted by hand: three 9001 clauses assessed
            "Summary of Results",
            f"Not Assessed {len(audit.line_ids) - 3}",
            "Conforming 2",
            "Minor Nonconformity 1",
            # each finding with its root cause and correction
            "No one is assigned to the survey",
            "Survey of July analysed",
            # printed at 10:30 in Serang, without seconds; signed there that day
            "Printed on 08/17/2026 10:30",
            "Serang, 17 August 2026",
            "Lead Auditor",
            "Inspectorate Mentor",
            "Head of Agency",
            "Dr. Kepala Dukcapil",
        ):
            self.assertIn(expected, text)
        self.assertNotIn("10:30:00", text)
        checklist = text[text.index("Checklist Standard Clause Result Notes") :]
        checklist = checklist[: checklist.index("Findings")]
        # clauses grouped under a heading per standard, each with its standard
        first, second = sorted(audit.standard_ids, key=lambda s: checklist.index(s.display_name))
        self.assertLess(
            checklist.rindex(f"{first.code} "),
            checklist.index(second.display_name),
            "the clauses of the two standards are mixed",
        )
        self.assertEqual(checklist.count(f"{self.iso_9001.code} "), len(lines_9001))
