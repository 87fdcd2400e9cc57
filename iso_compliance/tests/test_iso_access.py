"""Field-level write rights, workflow fields and re-parenting, as each role.

FIELD_ACCESS lists, for each model and each role, every field that role may write. Every
other field of the model, its own, the mail mixins' and Odoo's, is refused as that user. A
new field therefore fails this test until someone decides who may write it, here and in the
model's ``_iso_write_fields``."""

import base64
import contextlib
from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import IsoComplianceCase

AGENCY_MENTOR = {
    "name",
    "agency_type",
    "head_id",
    "partner_id",
    "is_public_service",
    "officer_ids",
    "note",
    "color",
}
AUDIT_AUDITOR = {
    "agency_id",
    "standard_ids",
    "audit_type",
    "certificate_id",
    "certification_body_id",
    "lead_auditor_id",
    "auditor_ids",
    "external_auditor_ids",
    "window_start",
    "window_end",
    "date_start",
    "date_end",
    "scope",
    "line_ids",
    "decision_date",
    "new_certificate_number",
    "scheduled_start",
    "scheduled_end",
    "calendar_start",
    "calendar_stop",
}
FINDING_OFFICER = {"root_cause", "correction", "corrective_action"}
FINDING_AUDITOR = FINDING_OFFICER | {
    "grade",
    "statement",
    "evidence",
    "responsible_id",
    "due_date",
    "verification_note",
}
ENGAGEMENT_MENTOR = {
    "standard_ids",
    "user_id",
    "mentor_ids",
    "officer_ids",
    "priority",
    "sequence",
    "date_start",
    "date_target",
    "stage_id",
    "kanban_state",
    "blocked_reason",
    "line_ids",
    "color",
    "note",
}
CHECKLIST_OFFICER = {"status", "note", "attachment_ids"}
SESSION_MENTOR = {
    "name",
    "mentoring_id",
    "date",
    "duration",
    "mentor_ids",
    "attendee_ids",
    "clause_ids",
    "minutes",
}

FIELD_ACCESS = {
    "iso.agency": {
        "officer": set(),
        "mentor": AGENCY_MENTOR,
        "manager": AGENCY_MENTOR
        | {"code", "parent_id", "priority", "company_id", "mentor_ids", "active"},
    },
    "iso.certificate": {
        "officer": set(),
        "mentor": set(),
        "manager": {
            "name",
            "agency_id",
            "standard_id",
            "certification_body_id",
            "scope",
            "initial_certification_date",
            "decision_date",
            "issue_date",
            "expiry_date",
            "certificate_file",
            "certificate_filename",
        },
    },
    "iso.audit": {"officer": set(), "mentor": AUDIT_AUDITOR, "manager": AUDIT_AUDITOR},
    "iso.audit.line": {
        "officer": set(),
        "mentor": {"result", "notes", "evidence"},
        "manager": {"result", "notes", "evidence"},
    },
    "iso.audit.finding": {
        "officer": FINDING_OFFICER,
        "mentor": FINDING_AUDITOR,
        "manager": FINDING_AUDITOR,
    },
    "iso.mentoring": {
        "officer": {"line_ids"},
        "mentor": ENGAGEMENT_MENTOR,
        "manager": ENGAGEMENT_MENTOR | {"agency_id", "active"},
    },
    "iso.mentoring.line": {
        "officer": CHECKLIST_OFFICER,
        "mentor": CHECKLIST_OFFICER | {"active"},
        "manager": CHECKLIST_OFFICER | {"active"},
    },
    "iso.mentoring.session": {
        "officer": set(),
        "mentor": SESSION_MENTOR,
        "manager": SESSION_MENTOR,
    },
}


class _Rollback(Exception):
    pass


class AccessCase(IsoComplianceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_2 = cls.env["res.company"].create({"name": "Pemerintah Kota Serang"})
        cls.manager.write({"company_ids": [Command.link(cls.company_2.id)]})
        cls.agency_c = cls.Agency.create(
            {"name": "Dinas Kesehatan Kota", "code": "DINKES-KOTA", "company_id": cls.company_2.id}
        )
        cls.mentor_2 = new_test_user(
            cls.env,
            login="mentor_2",
            groups="iso_compliance.group_iso_compliance_mentor",
            name="Second Mentor",
        )
        cls.officer_b = new_test_user(
            cls.env,
            login="officer_b",
            groups="iso_compliance.group_iso_compliance_officer",
            name="Officer of B",
        )
        cls.agency_b.write(
            {
                "officer_ids": [Command.link(cls.officer_b.id)],
                "mentor_ids": [Command.link(cls.mentor_2.id)],
            }
        )
        cls.partner = cls.env["res.partner"].create({"name": "Kepala Dinas"})
        cls.body_2 = cls.body.copy({"name": "PT Sertifikasi Dua"})
        cls.clause = cls.env["iso.standard.clause"].search(
            [("standard_id", "=", cls.iso_37001.id), ("is_assessable", "=", True)], limit=1
        )
        cls.certificate = cls.make_certificate(
            state="draft", decision_date="2025-02-20", issue_date="2025-02-24"
        )
        Audit = cls.env["iso.audit"]
        audit_vals = {
            "agency_id": cls.agency_a.id,
            "standard_ids": [Command.set(cls.iso_37001.ids)],
            "window_start": "2026-03-01",
            "window_end": "2026-03-31",
        }
        cls.audit = Audit.create(audit_vals)
        cls.held_audit = Audit.create(audit_vals)
        cls.held_audit.action_confirm()
        cls.audit_line = cls.held_audit.line_ids[0]
        cls.held_audit.line_ids[1].result = "minor"
        cls.finding = cls.held_audit.finding_ids
        Mentoring = cls.env["iso.mentoring"]
        cls.stages = cls.env["iso.mentoring.stage"].search([("is_certified", "=", False)])
        cls.engagement = Mentoring.create(
            {
                "agency_id": cls.agency_a.id,
                "standard_ids": [Command.set(cls.iso_37001.ids)],
                "date_start": "2026-01-05",
            }
        )
        cls.engagement_b = Mentoring.create(
            {
                "agency_id": cls.agency_b.id,
                "standard_ids": [Command.set(cls.iso_37001.ids)],
                "user_id": cls.mentor_2.id,
            }
        )
        cls.engagement_c = Mentoring.create(
            {"agency_id": cls.agency_c.id, "standard_ids": [Command.set(cls.iso_37001.ids)]}
        )
        cls.engagement_2 = Mentoring.create(
            {"agency_id": cls.agency_a.id, "standard_ids": [Command.set(cls.iso_9001.ids)]}
        )
        cls.checklist_line = cls.engagement.line_ids[0]
        cls.session = cls.env["iso.mentoring.session"].create(
            {"mentoring_id": cls.engagement.id, "name": "Bribery risk register"}
        )
        cls.attachment = cls.env["ir.attachment"].create(
            {
                "name": "SK Tim Kepatuhan.pdf",
                "datas": base64.b64encode(b"%PDF-1.4"),
                "res_model": "iso.mentoring.line",
                "res_id": cls.checklist_line.id,
            }
        )
        cls.users = {"officer": cls.officer_a, "mentor": cls.mentor, "manager": cls.manager}

    def record_of(self, model):
        """A record of `model` that each role may reach: agency A's, whose officer is
        officer_a and whose mentor is `mentor`."""
        return {
            "iso.agency": self.agency_a,
            "iso.certificate": self.certificate,
            "iso.audit": self.audit,
            "iso.audit.line": self.audit_line,
            "iso.audit.finding": self.finding,
            "iso.mentoring": self.engagement,
            "iso.mentoring.line": self.checklist_line,
            "iso.mentoring.session": self.session,
            **self.extra_records(),
        }[model]

    def extra_records(self):
        """Hook for the feature addons' access tests: {model: record} of their models."""
        return {}

    def extra_values(self):
        """Hook for the feature addons' access tests: {(model, field): value}."""
        return {}

    def new_value(self, record, fname):
        """A valid value for `fname` that differs from the record's."""
        special = {
            ("iso.agency", "company_id"): self.company_2.id,
            ("iso.agency", "parent_id"): self.agency_b.id,
            ("iso.agency", "mentor_ids"): [Command.link(self.mentor_2.id)],
            ("iso.agency", "officer_ids"): [Command.link(self.officer_b.id)],
            ("iso.certificate", "agency_id"): self.agency_b.id,
            ("iso.certificate", "standard_id"): self.iso_9001.id,
            ("iso.certificate", "certification_body_id"): self.body_2.id,
            ("iso.certificate", "initial_certification_date"): "2019-01-15",
            ("iso.audit", "agency_id"): self.agency_b.id,
            ("iso.audit", "certificate_id"): self.certificate.id,
            ("iso.audit", "standard_ids"): [Command.link(self.iso_9001.id)],
            ("iso.audit", "line_ids"): [Command.create({"clause_id": self.clause.id})],
            ("iso.audit", "lead_auditor_id"): self.mentor.id,
            ("iso.audit", "auditor_ids"): [Command.link(self.mentor_2.id)],
            ("iso.audit", "external_auditor_ids"): [Command.link(self.partner.id)],
            ("iso.audit.finding", "responsible_id"): self.officer_b.id,
            ("iso.mentoring", "agency_id"): self.agency_b.id,
            ("iso.mentoring", "standard_ids"): [Command.link(self.iso_9001.id)],
            ("iso.mentoring", "user_id"): self.mentor_2.id,
            ("iso.mentoring", "mentor_ids"): [Command.link(self.mentor_2.id)],
            ("iso.mentoring", "officer_ids"): [Command.link(self.officer_b.id)],
            ("iso.mentoring", "stage_id"): self.stages[1].id,
            ("iso.mentoring", "line_ids"): [
                Command.update(self.checklist_line.id, {"note": "Draft decree ready."})
            ],
            ("iso.mentoring.line", "attachment_ids"): [Command.link(self.attachment.id)],
            ("iso.mentoring.session", "mentoring_id"): self.engagement_2.id,
            ("iso.mentoring.session", "mentor_ids"): [Command.link(self.mentor_2.id)],
            ("iso.mentoring.session", "attendee_ids"): [Command.link(self.partner.id)],
            ("iso.mentoring.session", "clause_ids"): [Command.link(self.clause.id)],
            **self.extra_values(),
        }
        if (record._name, fname) in special:
            return special[(record._name, fname)]
        field = record._fields[fname]
        value = record[fname]
        if field.type in ("char", "text"):
            return f"{value or ''} updated"
        if field.type == "html":
            return "<p>Updated.</p>"
        if field.type == "boolean":
            return not value
        if field.type in ("integer", "float", "monetary"):
            return (value or 0) + 1
        if field.type == "date":
            return (value or fields.Date.today()) + timedelta(days=1)
        if field.type == "datetime":
            return (value or fields.Datetime.now()) + timedelta(hours=1)
        if field.type == "selection":
            keys = [key for key in field.get_values(self.env) if key != value]
            return keys[0]
        if field.type == "binary":
            return base64.b64encode(b"%PDF-1.4\n% updated\n")
        if field.type == "many2one":
            if value:
                return False
            return self.env[field.comodel_name].search([], limit=1).id or 1
        if field.type in ("one2many", "many2many"):
            return [Command.clear()]
        return f"{value} updated"

    @contextlib.contextmanager
    def rolled_back(self):
        with contextlib.suppress(_Rollback), self.env.cr.savepoint():
            yield
            raise _Rollback
        self.env.invalidate_all(flush=False)


class FieldAccessMixin:
    """Each role writes exactly the fields listed for it. An addon's access test lists the
    fields it declares: every field of its own models (its own, the mail mixins' and Odoo's),
    and the fields it adds to another addon's models; the other addons' tests check the rest.
    So every field of every model is checked once, whichever addons are installed."""

    FIELD_ACCESS = {}
    MODULE = None  # the addon whose fields this test checks

    def _checked_fields(self, model):
        """The fields of `model` this addon's test decides on: those the addon declares, and,
        on its own models, those of Odoo and the mail mixins."""
        Model = self.env[model]

        def owner(field):
            module = field._module or ""
            return module if module.startswith("iso_compliance") else Model._original_module

        return sorted(
            fname for fname, field in Model._fields.items() if owner(field) == self.MODULE
        )

    def test_field_access(self):
        """Each role writes exactly the fields listed for it, on a record it may write."""
        for model, by_role in self.FIELD_ACCESS.items():
            for role, writable in by_role.items():
                user = self.users[role]
                record = self.record_of(model)
                for fname in self._checked_fields(model):
                    field = record._fields[fname]
                    # A field computed per user (not stored, no inverse) differs from the
                    # user's own value only when read as that user.
                    seen_as = (
                        record.with_user(user)
                        if field.compute and not field.store and not field.inverse
                        else record
                    )
                    value = self.new_value(seen_as, fname)
                    with self.subTest(model=model, role=role, field=fname):
                        if fname in writable:
                            scalar = record._fields[fname].type not in ("one2many", "many2many")
                            before = record[fname] if scalar else None
                            with self.rolled_back():
                                record.with_user(user).write({fname: value})
                                if scalar:
                                    self.assertNotEqual(record[fname], before)
                        else:
                            with self.assertRaises(AccessError):
                                record.with_user(user).write({fname: value})

    def test_listed_fields_match_the_models(self):
        """The test's lists and the models' are the same: one decision, written twice."""
        for model, by_role in self.FIELD_ACCESS.items():
            declared = self.env[model]._iso_write_fields
            checked = set(self._checked_fields(model))
            for role, writable in by_role.items():
                self.assertEqual(set(declared.get(role, ())) & checked, writable, f"{model} {role}")


@tagged("post_install", "-at_install")
class TestFieldAccess(FieldAccessMixin, AccessCase):
    FIELD_ACCESS = FIELD_ACCESS
    MODULE = "iso_compliance"


@tagged("post_install", "-at_install")
class TestWorkflowFields(AccessCase):
    def test_mentor_cannot_close_a_major_nonconformity_by_writing(self):
        self.finding.grade = "major"
        with self.assertRaises(AccessError):
            self.finding.with_user(self.mentor).write({"state": "closed"})
        with self.assertRaisesRegex(UserError, "must be verified as effective"):
            self.finding.with_user(self.mentor).action_close()
        self.assertEqual(self.finding.state, "open")

    def test_mentor_cannot_close_an_unassessed_audit_by_writing(self):
        audit = self.held_audit.with_user(self.mentor)
        with self.assertRaises(AccessError):
            audit.write({"state": "closed"})
        audit.action_start()
        audit.action_report()
        with self.assertRaisesRegex(UserError, "clauses of its checklist are not assessed"):
            audit.action_close()
        self.assertEqual(audit.state, "reported")

    def test_verifier_is_recorded_by_the_action_only(self):
        with self.assertRaises(AccessError):
            self.finding.with_user(self.mentor).write({"verified_by_id": self.manager.id})
        with self.assertRaises(AccessError):
            self.finding.with_user(self.manager).write(
                {"verified_on": "2026-01-01", "verification_outcome": "effective"}
            )
        line = self.checklist_line.with_user(self.mentor)
        with self.assertRaises(AccessError):
            line.write({"verified_by_id": self.manager.id})
        line.action_verify()
        self.assertEqual(line.verified_by_id, self.mentor)
        self.assertEqual(line.status, "verified")

    def test_manager_cannot_activate_a_certificate_by_writing_or_creating(self):
        cert = self.certificate.with_user(self.manager)
        cert.name = False
        with self.assertRaises(AccessError):
            cert.write({"state": "active"})
        with self.assertRaisesRegex(UserError, "Fill in Certificate Number"):
            cert.action_activate()
        Certificate = self.env["iso.certificate"].with_user(self.manager)
        values = {
            "name": "BYPASS-1",
            "agency_id": self.agency_b.id,
            "standard_id": self.iso_9001.id,
        }
        with self.assertRaises(AccessError):
            Certificate.create(dict(values, state="active"))
        # A default from the context is not a way around it either.
        created = Certificate.with_context(default_state="active").create(values)
        self.assertEqual(created.state, "draft")
        self.assertFalse(self.env["iso.audit"].search([("certificate_id", "=", created.id)]))

    def test_actions_still_move_states(self):
        """The workflow path: actions write states as the role that presses them."""
        cert = self.make_certificate(state="draft", agency=self.agency_b)
        cert.with_user(self.manager).action_activate()
        self.assertEqual(cert.state, "active")
        self.assertTrue(self.env["iso.audit"].search([("certificate_id", "=", cert.id)]))
        wizard = self.env[cert.with_user(self.manager).action_suspend()["res_model"]]
        wizard.with_user(self.manager).create(
            {"certificate_ids": cert.ids, "action": "suspend", "reason": "Surveillance refused"}
        ).action_confirm()
        self.assertEqual(cert.state, "suspended")
        finding = self.finding.with_user(self.officer_a)
        finding.write({"correction": "Register corrected.", "corrective_action": "Training."})
        finding.with_user(self.mentor).action_plan()
        finding.with_user(self.mentor).action_implement()
        finding.with_user(self.mentor).action_verify_effective()
        self.assertEqual(finding.verified_by_id, self.mentor)
        finding.with_user(self.mentor).action_close()
        self.assertEqual(finding.state, "closed")

    def test_officer_cannot_archive_lines_to_raise_readiness(self):
        lines = self.engagement.line_ids
        lines[:3].write({"status": "verified"})
        before = self.engagement.readiness
        self.assertGreater(before, 0)
        with self.assertRaises(AccessError):
            lines[3:].with_user(self.officer_a).write({"active": False})
        self.assertEqual(self.engagement.readiness, before)
        # A mentor archives lines; readiness still counts them while the standard is pursued.
        lines[3:].with_user(self.mentor).write({"active": False})
        self.assertEqual(self.engagement.readiness, before)
        self.assertEqual(self.engagement.line_count, len(lines))

    def test_state_errors_are_whole_sentences(self):
        with self.assertRaisesRegex(UserError, r"^.*cannot be suspended: it is Draft\.$"):
            self.certificate.action_suspend()
        with self.assertRaisesRegex(UserError, r"cannot be withdrawn: it is Draft\.$"):
            self.certificate.action_withdraw()


@tagged("post_install", "-at_install")
class TestReparenting(AccessCase):
    """A record goes only under a parent the user could create it under; checked after
    the write, since Odoo checks record rules before it only."""

    def test_officer_cannot_move_her_checklist_line_to_another_engagement(self):
        line = self.checklist_line.with_user(self.officer_a)
        for target in (self.engagement_b, self.engagement_c):
            with self.assertRaises(AccessError):
                line.write({"mentoring_id": target.id})
        self.assertEqual(self.checklist_line.mentoring_id, self.engagement)
        # ... nor take another agency's line into her engagement.
        with self.assertRaises(AccessError):
            self.engagement_b.line_ids[0].with_user(self.officer_a).write(
                {"mentoring_id": self.engagement.id}
            )

    def test_mentor_moves_sessions_only_between_his_engagements(self):
        session = self.session.with_user(self.mentor)
        with self.assertRaises(AccessError):  # not on engagement B
            session.write({"mentoring_id": self.engagement_b.id})
        with self.assertRaises(AccessError):  # another company
            session.write({"mentoring_id": self.engagement_c.id})
        self.assertEqual(self.session.mentoring_id, self.engagement)
        other = self.engagement_b.sudo().session_ids.create(
            {"mentoring_id": self.engagement_b.id, "name": "Other team's session"}
        )
        with self.assertRaises(AccessError):  # from an engagement he is not on into his
            other.with_user(self.mentor).write({"mentoring_id": self.engagement.id})
        self.engagement_b.mentor_ids = [Command.link(self.mentor.id)]
        session.write({"mentoring_id": self.engagement_b.id})
        self.assertEqual(self.session.mentoring_id, self.engagement_b)

    def test_agency_company_moves_with_the_manager_only_within_his_companies(self):
        with self.assertRaises(AccessError):
            self.agency_a.with_user(self.mentor).write({"company_id": self.company_2.id})
        company_3 = self.env["res.company"].create({"name": "Kabupaten Lebak"})
        with self.assertRaises(AccessError):
            self.agency_a.with_user(self.manager).write({"company_id": company_3.id})
        self.assertEqual(self.agency_a.company_id, self.company)
        agency_3 = self.Agency.create(
            {"name": "Dinas Lebak", "code": "LEBAK", "company_id": company_3.id}
        )
        with self.assertRaises(AccessError):  # from a company he is not in
            agency_3.with_user(self.manager).write({"company_id": self.company.id})
        self.agency_b.with_user(self.manager).write({"company_id": self.company_2.id})
        self.assertEqual(self.engagement_b.company_id, self.company_2)

    def test_certificate_and_engagement_follow_agencies_the_manager_may_reach(self):
        company_3 = self.env["res.company"].create({"name": "Kabupaten Lebak"})
        agency_3 = self.Agency.create(
            {"name": "Dinas Lebak", "code": "LEBAK", "company_id": company_3.id}
        )
        for record in (self.certificate, self.engagement):
            with self.assertRaises(AccessError):
                record.with_user(self.manager).write({"agency_id": agency_3.id})
            self.assertEqual(record.agency_id, self.agency_a)
        with self.assertRaises(AccessError):
            self.engagement.with_user(self.mentor).write({"agency_id": self.agency_b.id})
        active = self.make_certificate(agency=self.agency_b)
        with self.assertRaisesRegex(UserError, "only while it is a draft"):
            active.with_user(self.manager).write({"agency_id": self.agency_a.id})

    def test_records_of_unreachable_agencies_cannot_be_taken_over(self):
        """The other direction: a record under a parent the user cannot reach is not pulled
        under one they can."""
        company_3 = self.env["res.company"].create({"name": "Kabupaten Lebak"})
        agency_3 = self.Agency.create(
            {"name": "Dinas Lebak", "code": "LEBAK", "company_id": company_3.id}
        )
        cert = self.make_certificate(state="draft", agency=agency_3)
        engagement = self.env["iso.mentoring"].create(
            {"agency_id": agency_3.id, "standard_ids": [Command.set(self.iso_37001.ids)]}
        )
        audit = self.env["iso.audit"].create(
            {
                "agency_id": agency_3.id,
                "standard_ids": [Command.set(self.iso_37001.ids)],
                "window_start": "2026-03-01",
                "window_end": "2026-03-31",
            }
        )
        for record, user in (
            (cert, self.manager),
            (engagement, self.manager),
            (audit, self.manager),
            (audit, self.mentor),
        ):
            with self.subTest(model=record._name, user=user.login):
                with self.assertRaises(AccessError):
                    record.with_user(user).write({"agency_id": self.agency_a.id})
                self.assertEqual(record.agency_id, agency_3)

    def test_audit_moves_to_agencies_of_the_auditors_companies_while_planned(self):
        audit = self.audit.with_user(self.mentor)
        with self.assertRaises(AccessError):
            audit.write({"agency_id": self.agency_c.id})
        self.assertEqual(self.audit.agency_id, self.agency_a)
        audit.write({"agency_id": self.agency_b.id})
        self.assertEqual(self.audit.agency_id, self.agency_b)
        with self.assertRaisesRegex(UserError, "only while the audit is planned"):
            self.held_audit.with_user(self.mentor).write({"agency_id": self.agency_b.id})

    def test_lines_and_findings_stay_with_their_audit(self):
        for record in (self.audit_line, self.finding):
            for role in ("officer", "mentor", "manager"):
                with self.subTest(model=record._name, role=role), self.assertRaises(AccessError):
                    record.with_user(self.users[role]).write({"audit_id": self.audit.id})
