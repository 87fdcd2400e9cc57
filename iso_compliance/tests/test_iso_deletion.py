"""No history is lost: a record with history cannot disappear, by any role, whatever writes
come first. Such records are archived or cancelled; uninstalling the app still removes
everything (tests/test_module_lifecycle.py)."""

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import IsoComplianceCase


@tagged("post_install", "-at_install")
class TestNoHistoryLost(IsoComplianceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.roles = {"officer": cls.officer_a, "mentor": cls.mentor, "manager": cls.manager}

    def assertStays(self, records, as_roles=("officer", "mentor", "manager")):
        """Every role's unlink of `records` is refused (by access rights or a guard), and
        the records remain."""
        for role in as_roles:
            with self.subTest(role=role):
                with self.assertRaises(Exception) as caught:
                    records.with_user(self.roles[role]).unlink()
                self.assertIsInstance(caught.exception, (UserError, AccessError))
                self.assertEqual(records.exists(), records)

    def make_audit(self, standards=None):
        return self.env["iso.audit"].create(
            {
                "agency_id": self.agency_a.id,
                "standard_ids": [Command.set((standards or self.iso_37001).ids)],
                "window_start": "2026-03-01",
                "window_end": "2026-03-31",
            }
        )

    def test_active_certificate_cannot_go_back_to_draft_and_be_deleted(self):
        cert = self.make_certificate()
        for role in ("officer", "mentor", "manager"):
            with self.subTest(role=role), self.assertRaises(AccessError):
                cert.with_user(self.roles[role]).write({"state": "draft"})
        self.assertEqual(cert.state, "active")
        self.assertStays(cert)
        draft = self.make_certificate(state="draft", agency=self.agency_b)
        draft.with_user(self.manager).unlink()
        self.assertFalse(draft.exists())

    def test_audit_emptied_of_its_findings_stays(self):
        audit = self.make_audit()
        audit.action_confirm()
        audit.line_ids[0].result = "minor"
        finding = audit.finding_ids
        # An open finding of an audit under way may go (a result set by mistake)...
        finding.with_user(self.manager).unlink()
        audit.line_ids[0].with_user(self.mentor).result = "not_assessed"
        # ... but the audit was confirmed: its checklist stays, and so does the audit,
        # cancelled or planned again.
        self.assertStays(audit)
        self.assertStays(audit.line_ids, as_roles=("mentor", "manager"))
        audit.with_user(self.mentor).action_cancel()
        audit.with_user(self.mentor).action_reset_to_planned()
        self.assertStays(audit)
        fresh = self.make_audit()
        fresh.with_user(self.manager).unlink()
        self.assertFalse(fresh.exists())

    def test_closed_finding_stays(self):
        audit = self.make_audit()
        audit.action_confirm()
        audit.line_ids[0].result = "observation"
        finding = audit.finding_ids
        finding.with_user(self.mentor).action_close()
        self.assertStays(finding)
        with self.assertRaises(AccessError):
            finding.with_user(self.manager).write({"state": "open"})
        self.assertStays(finding)

    def test_assessed_line_of_a_closed_audit_stays(self):
        audit = self.make_audit()
        audit.action_confirm()
        audit.line_ids.write({"result": "conforming"})
        audit.action_start()
        audit.action_report()
        audit.action_close()
        line = audit.line_ids[0]
        self.assertStays(line, as_roles=("mentor", "manager"))
        with self.assertRaises(UserError):
            line.with_user(self.mentor).write({"result": "not_assessed"})
        self.assertStays(line, as_roles=("mentor", "manager"))

    def test_deleting_a_standard_keeps_checklists_and_readiness(self):
        engagement = self.env["iso.mentoring"].create(
            {"agency_id": self.agency_a.id, "standard_ids": [Command.set(self.iso_9001.ids)]}
        )
        engagement.line_ids[:10].with_user(self.mentor).write({"status": "verified"})
        readiness = engagement.readiness
        self.assertLess(readiness, 100)
        with self.assertRaises(UserError):
            self.iso_9001.with_user(self.manager).unlink()
        clauses = engagement.line_ids[:10].clause_id
        with self.assertRaises(UserError):
            clauses.with_user(self.manager).unlink()
        self.assertEqual(len(engagement.line_ids), engagement.line_count)
        self.assertEqual(engagement.readiness, readiness)
        self.iso_9001.with_user(self.manager).action_archive()
        self.assertEqual(engagement.readiness, readiness)

    def test_checklist_lines_of_a_pursued_standard_stay(self):
        engagement = self.env["iso.mentoring"].create(
            {"agency_id": self.agency_a.id, "standard_ids": [Command.set(self.iso_37001.ids)]}
        )
        lines = engagement.line_ids
        lines[:5].write({"status": "verified"})
        readiness = engagement.readiness
        self.assertStays(lines[5:], as_roles=("officer", "mentor", "manager"))
        with self.assertRaises(AccessError):
            lines[5:].with_user(self.officer_a).write({"active": False})
        self.assertEqual(engagement.readiness, readiness)
        # Dropping the standard deletes the untouched lines and archives the worked ones.
        engagement.with_user(self.mentor).write({"standard_ids": [Command.clear()]})
        self.assertEqual(
            self.env["iso.mentoring.line"]
            .with_context(active_test=False)
            .search([("mentoring_id", "=", engagement.id)]),
            lines[:5],
        )

    def test_engagement_with_history_is_archived_not_deleted(self):
        engagement = self.env["iso.mentoring"].create(
            {"agency_id": self.agency_a.id, "standard_ids": [Command.set(self.iso_37001.ids)]}
        )
        engagement.line_ids[0].with_user(self.officer_a).write({"status": "implemented"})
        self.assertStays(engagement)
        engagement.with_user(self.manager).action_archive()
        self.assertFalse(engagement.active)
        fresh = self.env["iso.mentoring"].create(
            {"agency_id": self.agency_b.id, "standard_ids": [Command.set(self.iso_37001.ids)]}
        )
        fresh.with_user(self.manager).unlink()
        self.assertFalse(fresh.exists())

    def test_held_session_stays(self):
        engagement = self.env["iso.mentoring"].create(
            {"agency_id": self.agency_a.id, "standard_ids": [Command.set(self.iso_37001.ids)]}
        )
        session = self.env["iso.mentoring.session"].create(
            {"mentoring_id": engagement.id, "name": "Gap analysis", "date": "2026-01-10 02:00:00"}
        )
        session.with_user(self.mentor).action_hold()
        self.assertStays(session)
        with self.assertRaises(UserError):
            session.with_user(self.mentor).action_cancel()
        with self.assertRaises(AccessError):
            session.with_user(self.mentor).write({"state": "cancelled"})
        self.assertStays(session)

    def test_agency_with_history_is_archived_not_deleted(self):
        self.make_certificate(state="draft", agency=self.agency_b)
        self.assertStays(self.agency_b)
        self.agency_b.with_user(self.manager).action_archive()
        self.assertFalse(self.agency_b.active)
