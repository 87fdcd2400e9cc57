"""The register of documented information: versions and approval, the review job, evidence
that stays true in readiness, the clause mapping between the standards, the document pack."""

import base64
import io
import re
import zipfile
from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.addons.iso_compliance.tests.common import IsoComplianceCase
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from ..models.iso_document import minimal_pdf
from ..wizard.iso_document_pack import INDEX_NAME

# Assessable clauses, counted by hand from the clause tables (DOMAIN.md): ISO 37001:2016
# 4.1-4.5, 5.1.1, 5.1.2, 5.2, 5.3.1-5.3.3, 6.1, 6.2, 7.1, 7.2.1, 7.2.2, 7.3, 7.4,
# 7.5.1-7.5.3, 8.1-8.10, 9.1, 9.2, 9.3.1, 9.3.2, 9.4, 10.1, 10.2.
CLAUSES_37001_2016 = 38
# ISO 9001:2015: 4 (4.x) + 5 (5.x) + 3 (6.x) + 13 (7.x) + 22 (8.x) + 7 (9.x) + 3 (10.x).
CLAUSES_9001_2015 = 57


def pdf(text):
    return base64.b64encode(minimal_pdf([text]))


class DocumentCase(IsoComplianceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.head_partner = cls.env["res.partner"].create({"name": "Kepala Disdukcapil"})
        cls.head = new_test_user(
            cls.env,
            login="head_a",
            groups="iso_compliance.group_iso_compliance_officer",
            name="Kepala Disdukcapil",
        )
        cls.head.partner_id = cls.head_partner
        cls.approver = new_test_user(
            cls.env,
            login="approver_a",
            groups="iso_compliance.group_iso_compliance_officer",
            name="Sekretaris Disdukcapil",
        )
        cls.agency_a.write(
            {
                "head_id": cls.head_partner.id,
                "document_approver_ids": [Command.link(cls.approver.id)],
            }
        )
        cls.Document = cls.env["iso.document"]
        cls.Version = cls.env["iso.document.version"]

    @classmethod
    def clause(cls, standard, number):
        return cls.env["iso.standard.clause"].search(
            [("standard_id", "=", standard.id), ("number", "=", number)]
        )

    @classmethod
    def register(cls, code, clauses, approve=True, agency=None, officer=None, **vals):
        """A document registered by the agency's officer with a first version, sent for
        approval and, unless told otherwise, approved by the head of agency."""
        officer = officer or cls.officer_a
        document = cls.Document.with_user(officer).create(
            {
                "code": code,
                "name": f"Dokumen {code}",
                "agency_id": (agency or cls.agency_a).id,
                "clause_ids": [Command.set(clauses.ids)],
                **vals,
            }
        )
        cls.Version.with_user(officer).create(
            {"document_id": document.id, "file": pdf(code), "filename": f"{code}.pdf"}
        )
        if approve:
            document.with_user(officer).action_submit()
            document.with_user(cls.head).action_approve()
        return document.with_env(cls.env)


@tagged("post_install", "-at_install")
class TestVersionsAndApproval(DocumentCase):
    def test_a_version_goes_through_approval_and_replaces_the_previous_one(self):
        clause = self.clause(self.iso_37001, "5.2")
        with freeze_time("2026-03-02"):
            document = self.register("KEB-AP-01", clause, approve=False)
            as_officer = document.with_user(self.officer_a)
            as_officer.action_submit()
            self.assertEqual(document.state, "in_review")
            v1 = document.version_ids
            self.assertEqual(
                (v1.name, v1.state, v1.prepared_by_id), ("1", "in_review", self.officer_a)
            )
            approvals = document.activity_ids.filtered(
                lambda a: (
                    a.activity_type_id
                    == self.env.ref("iso_compliance_document.mail_activity_type_document_approval")
                )
            )
            self.assertEqual(approvals.user_id, self.head | self.approver)
            # The author is no approver; a mentor reads and comments only.
            with self.assertRaises(AccessError):
                as_officer.action_approve()
            with self.assertRaises(AccessError):
                document.with_user(self.mentor).action_approve()
            document.with_user(self.approver).action_approve()
            self.assertEqual(document.state, "approved")
            self.assertEqual(document.current_version_id, v1)
            self.assertEqual(document.approved_by_id, self.approver)
            self.assertEqual(document.effective_date, date(2026, 3, 2))
            self.assertEqual(document.next_review_date, date(2027, 3, 2))
            self.assertTrue(document.is_effective)
            self.assertFalse(document.activity_ids)

        with freeze_time("2026-09-15"):
            v2 = self.Version.with_user(self.officer_a).create(
                {"document_id": document.id, "file": pdf("v2"), "filename": "KEB-AP-01.pdf"}
            )
            self.assertEqual(v2.name, "2")
            with self.assertRaisesRegex(UserError, "already has a version in preparation"):
                self.Version.with_user(self.officer_a).create(
                    {"document_id": document.id, "file": pdf("v3")}
                )
            as_officer.action_submit()
            # The current version stays in force while the new one waits for approval.
            self.assertEqual(document.state, "approved")
            self.assertEqual(document.current_version_id, v1)
            document.with_user(self.head).action_approve()
            self.assertEqual(document.current_version_id, v2)
            self.assertEqual((v1.state, v2.state), ("obsolete", "approved"))
            self.assertEqual(document.next_review_date, date(2027, 9, 15))
            # Both versions are kept with their files.
            self.assertEqual(document.version_count, 2)
            self.assertTrue(v1.file and v2.file)

        with self.assertRaisesRegex(UserError, "cannot be changed"):
            v1.with_user(self.officer_a).write({"change_note": "Rewritten history"})
        with self.assertRaisesRegex(UserError, "part of the document's history"):
            v1.unlink()
        with self.assertRaisesRegex(UserError, "archive it instead"):
            document.unlink()
        document.with_user(self.manager).write({"active": False})
        self.assertFalse(document.active)

    def test_never_approved_by_its_author_alone(self):
        """The head prepares a version: another approver must approve it."""
        document = self.register(
            "SK-FKAP-01", self.clause(self.iso_37001, "5.3.2"), officer=self.head, approve=False
        )
        document.with_user(self.head).action_submit()
        with self.assertRaisesRegex(UserError, "another approver of the agency must approve it"):
            document.with_user(self.head).action_approve()
        document.with_user(self.approver).action_approve()
        self.assertEqual(document.approved_by_id, self.approver)

    def test_return_to_author_and_withdraw(self):
        document = self.register("SOP-01", self.clause(self.iso_37001, "8.2"), approve=False)
        document.with_user(self.officer_a).action_submit()
        document.with_user(self.approver).action_return()
        self.assertEqual((document.state, document.version_ids.state), ("draft", "draft"))
        document.version_ids.with_user(self.officer_a).write({"change_note": "Corrected."})
        document.with_user(self.officer_a).action_submit()
        document.with_user(self.approver).action_approve()
        with self.assertRaises(AccessError):
            document.with_user(self.officer_a).action_withdraw()
        document.with_user(self.approver).action_withdraw()
        self.assertEqual((document.state, document.version_ids.state), ("obsolete", "obsolete"))
        self.assertFalse(document.is_effective)
        with self.assertRaisesRegex(UserError, "is obsolete: register a new document"):
            self.Version.with_user(self.officer_a).create(
                {"document_id": document.id, "file": pdf("v2")}
            )

    def test_states_move_only_through_the_actions(self):
        document = self.register("SOP-02", self.clause(self.iso_37001, "8.3"), approve=False)
        for role_user in (self.officer_a, self.manager):
            with self.assertRaises(AccessError):
                document.with_user(role_user).write({"state": "approved"})
            with self.assertRaises(AccessError):
                document.with_user(role_user).write({"last_review_date": "2030-01-01"})
        with self.assertRaises(AccessError):
            self.Document.with_user(self.officer_a).create(
                {
                    "code": "X-1",
                    "name": "Bypass",
                    "agency_id": self.agency_a.id,
                    "state": "approved",
                }
            )
        with self.assertRaisesRegex(ValidationError, "needs its File"):
            document.version_ids.with_user(self.officer_a).write({"file": False})
        self.assertTrue(document.version_ids.file)

    def test_a_version_is_saved_only_with_its_file(self):
        """Issue "first week", item 9: a version without its file (a row left half filled,
        an import, a call) is refused with a sentence and nothing is saved, so no empty
        draft blocks the next version as "already in preparation"."""
        document = self.register("SOP-03", self.clause(self.iso_37001, "7.5.2"))
        as_officer = self.Version.with_user(self.officer_a)
        for vals in ({}, {"file": False}, {"file": b""}):
            with self.subTest(vals=vals), self.assertRaisesRegex(ValidationError, "needs its File"):
                as_officer.create({"document_id": document.id, "change_note": "Revisi", **vals})
        with self.assertRaisesRegex(ValidationError, "needs its File"):
            self.Document.with_user(self.officer_a).create(
                {
                    "code": "SOP-04",
                    "name": "Dokumen SOP-04",
                    "agency_id": self.agency_a.id,
                    "version_ids": [Command.create({"change_note": "Terbitan pertama"})],
                }
            )
        self.assertEqual(len(document.version_ids), 1)
        self.assertFalse(document.pending_version_id)
        v2 = as_officer.create(
            {"document_id": document.id, "change_note": "Revisi", "file": pdf("SOP-03 v2")}
        )
        self.assertEqual((v2.name, document.pending_version_id), ("2", v2))
        with self.assertRaisesRegex(ValidationError, "needs its File"):
            v2.write({"file": False, "change_note": "Tanpa file"})
        self.assertEqual((v2.change_note, bool(v2.file)), ("Revisi", True))


@tagged("post_install", "-at_install")
class TestReviewJob(DocumentCase):
    def review_activities(self, document):
        kind = self.env.ref("iso_compliance_document.mail_activity_type_document_review")
        return document.activity_ids.filtered(lambda a: a.activity_type_id == kind)

    def run_cron(self):
        self.env.ref("iso_compliance_document.ir_cron_document_review").method_direct_trigger()

    def test_owner_reminded_once_per_period_and_overdue_flagged(self):
        cron_user_date = "2026-01-10 03:00:00"  # 10:00 in Serang (WIB)
        with freeze_time(cron_user_date):
            document = self.register("SOP-RP-01", self.clause(self.iso_37001, "4.5"))
        self.assertEqual(document.next_review_date, date(2027, 1, 10))
        # 30 days before (the default lead): not yet on 10 December.
        with freeze_time("2026-12-10 03:00:00"):
            self.run_cron()
        self.assertFalse(self.review_activities(document))
        with freeze_time("2026-12-11 03:00:00"):
            self.run_cron()
        activity = self.review_activities(document)
        self.assertEqual(activity.user_id, self.officer_a)
        self.assertEqual(activity.date_deadline, date(2027, 1, 10))
        with freeze_time("2026-12-12 03:00:00"):
            self.run_cron()
        self.assertEqual(len(self.review_activities(document)), 1, "once per period")
        self.assertTrue(document.is_effective)
        # The day after the review date, the document no longer counts, and says so.
        with freeze_time("2027-01-11 03:00:00"):
            self.run_cron()
        self.assertTrue(document.review_overdue)
        self.assertFalse(document.is_effective)
        self.assertIn("no longer counts as evidence", document.message_ids[0].body)
        self.assertEqual(self.agency_a.document_overdue_count, 1)
        self.assertEqual(self.agency_a.document_effective_count, 0)
        with freeze_time("2027-01-12 03:00:00"):
            document.with_user(self.officer_a).action_confirm_review()
        self.assertEqual(document.next_review_date, date(2028, 1, 12))
        self.assertFalse(document.review_overdue)
        self.assertFalse(self.review_activities(document), "the review activity is done")
        # A new period, a new reminder.
        with freeze_time("2027-12-13 03:00:00"):
            self.run_cron()
        self.assertEqual(self.review_activities(document).date_deadline, date(2028, 1, 12))

    def test_only_owner_or_approver_confirms_a_review(self):
        document = self.register("SOP-03", self.clause(self.iso_37001, "8.4"))
        other = new_test_user(
            self.env, login="officer_a2", groups="iso_compliance.group_iso_compliance_officer"
        )
        self.agency_a.officer_ids = [Command.link(other.id)]
        with self.assertRaisesRegex(AccessError, "Only the owner"):
            document.with_user(other).action_confirm_review()


@tagged("post_install", "-at_install")
class TestEvidenceInReadiness(DocumentCase):
    def test_readiness_drops_with_obsolete_or_overdue_documents_and_rises_when_renewed(self):
        with freeze_time("2026-02-02 03:00:00"):
            engagement = self.env["iso.mentoring"].create(
                {"agency_id": self.agency_a.id, "standard_ids": [Command.set(self.iso_37001.ids)]}
            )
            self.assertEqual(engagement.line_count, CLAUSES_37001_2016)
            lines = {line.clause_id.number: line for line in engagement.line_ids}
            for number in ("5.2", "7.5.1", "7.5.2", "7.5.3"):
                lines[number].status = "verified"
            # 4 of 38 verified.
            self.assertEqual(engagement.readiness, 10.5)
            # Reviewed every 6 months, the others every 12.
            policy = self.register(
                "KEB-AP-01", self.env["iso.standard.clause"], review_interval_months=6
            )
            lines["5.2"].with_user(self.officer_a).document_ids = [Command.link(policy.id)]
            control = self.register(
                "SOP-PI-01",
                self.clause(self.iso_37001, "7.5.1")
                | self.clause(self.iso_37001, "7.5.2")
                | self.clause(self.iso_37001, "7.5.3"),
            )
            self.assertEqual(lines["7.5.1"].evidence_document_ids, control)
            self.assertEqual(lines["7.5.1"].evidence_status, "effective")
            self.assertEqual(engagement.readiness, 10.5)
            # Withdrawn: the three clauses it served no longer count (1 of 38).
            control.with_user(self.approver).action_withdraw()
            self.assertEqual(engagement.readiness, 2.6)
            self.assertEqual(lines["7.5.2"].evidence_status, "not_effective")
            self.assertIn(
                "SOP-PI-01 Dokumen SOP-PI-01 is obsolete.", lines["7.5.2"].evidence_warning
            )
            # Its successor is approved: they count again.
            self.register("SOP-PI-02", control.clause_ids)
            self.assertEqual(engagement.readiness, 10.5)
            self.assertEqual(lines["7.5.2"].evidence_status, "effective")
        # The policy passes its review date (2026-08-02): the review job takes it out (3 of 38).
        with freeze_time("2026-08-03 03:00:00"):
            self.env.ref("iso_compliance_document.ir_cron_document_review").method_direct_trigger()
            self.assertEqual(engagement.readiness, 7.9)
            self.assertRegex(lines["5.2"].evidence_warning, "overdue for review since")
            policy.with_user(self.officer_a).action_confirm_review()
            self.assertEqual(engagement.readiness, 10.5)

    def test_query_count_of_readiness_with_two_standards_and_300_documents(self):
        engagement = self.env["iso.mentoring"].create(
            {
                "agency_id": self.agency_a.id,
                "standard_ids": [Command.set((self.iso_37001 | self.iso_9001).ids)],
            }
        )
        lines = engagement.line_ids
        total = CLAUSES_37001_2016 + CLAUSES_9001_2015
        self.assertEqual(len(lines), total)
        lines.write({"status": "verified"})
        today = date.today()
        documents = self.Document._workflow_create(
            [
                {
                    "code": f"DOC-{i:03d}",
                    "name": f"Dokumen {i}",
                    "agency_id": self.agency_a.id,
                    "clause_ids": [Command.set(lines[i % total].clause_id.ids)],
                    "state": "approved",
                    "last_review_date": today,
                }
                for i in range(300)
            ]
        )
        self.assertEqual(engagement.readiness, 100.0)
        # The documents serving ISO 37001 8.2, a clause no other standard shares, the 23rd
        # line (index 22: 4.1-4.5, 5.x six, 6.x two, 7.x eight, 8.1): documents 22, 117 and
        # 212 are withdrawn, and 94 of the 95 lines count.
        line = lines[22]
        self.assertEqual(line.clause_id, self.clause(self.iso_37001, "8.2"))
        serving = documents.filtered(lambda d: d.clause_ids == line.clause_id)
        self.assertEqual(serving.mapped("code"), ["DOC-022", "DOC-117", "DOC-212"])
        self.env.flush_all()
        self.env.invalidate_all()
        # Withdrawing them and recomputing readiness costs the same few queries whatever the
        # number of lines and documents (the write, the engagements of the agency, the lines,
        # their documents, the mapping, the standards, the update).
        with self.assertQueryCount(13):
            serving._workflow_write({"state": "obsolete"})
            self.env.flush_all()
        self.assertEqual(engagement.readiness, 98.9)

    def test_line_without_register_documents_counts_as_before(self):
        """Free attachments and mentors' verification keep their meaning for one-off
        records: only register documents that stopped being effective take a line out."""
        engagement = self.env["iso.mentoring"].create(
            {"agency_id": self.agency_a.id, "standard_ids": [Command.set(self.iso_37001.ids)]}
        )
        engagement.line_ids[:2].write({"status": "verified"})
        self.assertEqual(engagement.line_ids[0].evidence_status, "none")
        self.assertEqual(engagement.readiness, 5.3)  # 2 of 38


@tagged("post_install", "-at_install")
class TestClauseMapping(DocumentCase):
    def test_one_document_serves_both_standards(self):
        engagement = self.env["iso.mentoring"].create(
            {
                "agency_id": self.agency_a.id,
                "standard_ids": [Command.set((self.iso_37001 | self.iso_9001).ids)],
            }
        )
        line_37001 = engagement.line_ids.filtered(
            lambda ln: ln.standard_id == self.iso_37001 and ln.clause_id.number == "7.5.3"
        )
        line_9001 = engagement.line_ids.filtered(
            lambda ln: ln.standard_id == self.iso_9001 and ln.clause_id.number == "7.5.3"
        )
        (line_37001 | line_9001).write({"status": "verified"})
        document = self.register("SOP-PI-01", line_37001.clause_id)
        self.assertEqual(line_9001.evidence_document_ids, document)
        self.assertEqual(line_9001.evidence_status, "effective")
        # ISO 9001 10.2 (nonconformity) is 10.1 of ISO 37001:2016 and 10.2 of the 2025 edition.
        equivalents = self.env["iso.clause.mapping"]._equivalents(
            self.clause(self.iso_9001, "10.2").ids
        )[self.clause(self.iso_9001, "10.2").id]
        self.assertEqual(
            equivalents,
            {
                self.clause(self.iso_9001, "10.2").id,
                self.clause(self.iso_37001, "10.1").id,
                self.clause(self.iso_37001_2025, "10.2").id,
            },
        )
        # Withdrawn, it stops counting on both standards' lines: 2 lines of 95 -> 0.
        self.assertEqual(engagement.readiness, 2.1)
        document.with_user(self.approver).action_withdraw()
        self.assertEqual(engagement.readiness, 0.0)
        self.assertEqual(line_9001.evidence_status, "not_effective")

    def test_operation_and_monitoring_mapped_in_both_editions(self):
        Mapping = self.env["iso.clause.mapping"]
        for number_9001, number_37001 in (("8.1", "8.1"), ("9.1.1", "9.1"), ("9.1.3", "9.1")):
            clause = self.clause(self.iso_9001, number_9001)
            self.assertLessEqual(
                {
                    self.clause(self.iso_37001, number_37001).id,
                    self.clause(self.iso_37001_2025, number_37001).id,
                },
                Mapping._equivalents(clause.ids)[clause.id],
                number_9001,
            )

    def test_mapping_is_edited_by_managers_and_checked(self):
        Mapping = self.env["iso.clause.mapping"]
        one, other = self.clause(self.iso_37001, "8.2"), self.clause(self.iso_37001, "8.3")
        with self.assertRaises(AccessError):
            Mapping.with_user(self.mentor).create(
                {"clause_id": one.id, "mapped_clause_id": self.clause(self.iso_9001, "8.4.1").id}
            )
        with self.assertRaisesRegex(ValidationError, "belong to the same standard"):
            Mapping.with_user(self.manager).create(
                {"clause_id": one.id, "mapped_clause_id": other.id}
            )
        with self.assertRaisesRegex(ValidationError, "already mapped the other way round"):
            Mapping.with_user(self.manager).create(
                {
                    "clause_id": self.clause(self.iso_37001, "9.2").id,
                    "mapped_clause_id": self.clause(self.iso_9001, "9.2").id,
                }
            )
        mapping = Mapping.with_user(self.manager).create(
            {"clause_id": one.id, "mapped_clause_id": self.clause(self.iso_9001, "8.4.1").id}
        )
        self.assertIn(self.clause(self.iso_9001, "8.4.1").id, Mapping._equivalents(one.ids)[one.id])
        self.assertTrue(mapping.with_user(self.officer_a).read(["clause_id"]))


@tagged("post_install", "-at_install")
class TestDocumentPack(DocumentCase):
    def test_every_clause_label_printed_names_its_standard(self):
        """Issue 21, item 1: the pack index and the audit report print each clause with its
        edition ("ISO 37001:2016 5.2 Anti-bribery policy"), never a bare "5.2"."""
        from lxml import html as lxml_html

        self.register("KEB-AP-01", self.clause(self.iso_37001, "5.2"))
        html, _ = self.env["ir.actions.report"]._render_qweb_html(
            "iso_compliance_document.iso_document_pack_report",
            self.agency_a.ids,
            data={"standard_id": self.iso_37001.id},
        )
        labels = [
            " ".join(row.xpath("./td")[0].text_content().split())
            for row in lxml_html.fromstring(html).xpath("//table//tbody/tr")
            if row.xpath("./td") and row.xpath("./td")[0].text_content().strip()
        ]
        self.assertEqual(len(labels), CLAUSES_37001_2016)
        self.assertIn("ISO 37001:2016 5.2 Anti-bribery policy", labels)
        self.assertEqual([label for label in labels if not label.startswith("ISO 37001:2016 ")], [])

    def test_pack_zip_and_index(self):
        clause = self.clause
        policy = self.register("KEB-AP-01", clause(self.iso_37001, "5.2"))
        control = self.register(
            "SOP-PI-01", clause(self.iso_9001, "7.5.1") | clause(self.iso_9001, "7.5.2")
        )
        old = self.register("SOP-LAMA", clause(self.iso_37001, "8.3"))
        old.with_user(self.approver).action_withdraw()
        self.register("SOP-DRAFT", clause(self.iso_37001, "8.4"), approve=False)
        self.register("SOP-9001", clause(self.iso_9001, "8.5.1"))
        pack = (
            self.env["iso.document.pack"]
            .with_user(self.officer_a)
            .create({"agency_id": self.agency_a.id, "standard_id": self.iso_37001.id})
        )
        action = pack.action_generate()
        attachment = self.env["ir.attachment"].search(
            [("res_model", "=", "iso.agency"), ("res_id", "=", self.agency_a.id)]
        )
        self.assertEqual(action["url"], f"/web/content/{attachment.id}?download=true")
        self.assertEqual(attachment.name, "DISDUKCAPIL-ISO-37001-2016.zip")
        with zipfile.ZipFile(io.BytesIO(attachment.raw)) as archive:
            names = archive.namelist()
            self.assertEqual(
                names,
                [
                    INDEX_NAME,
                    "KEB-AP-01 v1 - Dokumen KEB-AP-01.pdf",
                    "SOP-PI-01 v1 - Dokumen SOP-PI-01.pdf",
                ],
            )
            self.assertTrue(archive.read(INDEX_NAME).startswith(b"%PDF"))
            self.assertEqual(
                archive.read(names[1]), base64.b64decode(policy.current_version_id.file)
            )
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(
            "iso_compliance_document.iso_document_pack_report",
            self.agency_a.ids,
            data={"standard_id": self.iso_37001.id},
        )
        html = html.decode()
        # 5.2, 7.5.1 and 7.5.2 (through the mapping) are covered: 35 of 38 are missing.
        self.assertIn("Clauses covered:", html)
        self.assertIn("3 / 38", " ".join(html.split()))
        self.assertEqual(html.count("iso-missing-clause"), CLAUSES_37001_2016 - 3)
        self.assertIn("KEB-AP-01", html)
        self.assertIn(control.approved_by_id.name, html)
        self.assertNotIn("SOP-LAMA", html)
        self.assertNotIn("SOP-DRAFT", html)

    def test_audit_report_lists_the_cited_documents(self):
        """The audit report shows the documents an auditor cited on a clause (with their
        version) and the one a finding is about, and says when one no longer counts."""
        clause_52 = self.clause(self.iso_37001, "5.2")
        policy = self.register("KEB-AP-01", clause_52)
        old_sop = self.register("SOP-LAMA", clause_52)
        old_sop.with_user(self.head).action_withdraw()
        audit = self.env["iso.audit"].create(
            {
                "agency_id": self.agency_a.id,
                "standard_ids": [Command.set(self.iso_37001.ids)],
                "window_start": "2026-03-01",
                "window_end": "2026-03-31",
                "lead_auditor_id": self.mentor.id,
            }
        )
        audit.action_confirm()
        line = audit.line_ids.filtered(lambda line: line.clause_id == clause_52)
        line.with_user(self.mentor).write(
            {"result": "minor", "document_ids": [Command.set((policy | old_sop).ids)]}
        )
        audit.finding_ids.with_user(self.mentor).write({"document_id": old_sop.id})
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(
            "iso_compliance.action_report_iso_audit", audit.ids
        )
        html = html.decode()

        def text(fragment):
            return " ".join(re.sub(r"<[^>]+>", " ", fragment).split())

        cells = [
            text(part.split(">", 1)[1].split("</td>")[0])
            for part in html.split('class="o_iso_cited_documents"')[1:]
        ]
        filled = [cell for cell in cells if cell]
        self.assertEqual(len(filled), 1, "only clause 5.2 cites documents")
        self.assertIn("KEB-AP-01 Dokumen KEB-AP-01 (v1)", filled[0])
        self.assertIn("SOP-LAMA Dokumen SOP-LAMA", filled[0])
        self.assertIn(text(line.document_warning), filled[0])
        finding_row = html.split('class="o_iso_finding_document">')[1].split("</tr>")[0]
        self.assertIn("SOP-LAMA Dokumen SOP-LAMA", text(finding_row))
        self.assertIn(text(audit.finding_ids.document_warning), text(finding_row))

    def test_pack_of_another_agency_is_refused(self):
        pack = (
            self.env["iso.document.pack"]
            .with_user(self.officer_a)
            .create({"agency_id": self.agency_b.id, "standard_id": self.iso_37001.id})
        )
        with self.assertRaises(AccessError):
            pack.action_generate()


@tagged("post_install", "-at_install")
class TestDocumentAccess(DocumentCase):
    def test_each_role_both_ways(self):
        document = self.register("KEB-AP-01", self.clause(self.iso_37001, "5.2"))
        officer_b = new_test_user(
            self.env, login="officer_b", groups="iso_compliance.group_iso_compliance_officer"
        )
        self.agency_b.officer_ids = [Command.link(officer_b.id)]
        # Another agency's officer neither sees nor registers documents here.
        self.assertFalse(self.Document.with_user(officer_b).search([("id", "=", document.id)]))
        with self.assertRaises(AccessError):
            document.with_user(officer_b).read(["name"])
        with self.assertRaises(AccessError):
            self.Document.with_user(officer_b).create(
                {"code": "X", "name": "Intruder", "agency_id": self.agency_a.id}
            )
        # The officer cannot move her document to another agency; the manager may.
        with self.assertRaises(AccessError):
            document.with_user(self.officer_a).write({"agency_id": self.agency_b.id})
        # Mentors read and comment, and write nothing.
        as_mentor = document.with_user(self.mentor)
        self.assertEqual(as_mentor.name, "Dokumen KEB-AP-01")
        as_mentor.message_post(body="Mohon cantumkan nomor SK.", message_type="comment")
        with self.assertRaises(AccessError):
            as_mentor.write({"name": "Renamed"})
        with self.assertRaises(AccessError):
            self.Document.with_user(self.mentor).create(
                {"code": "M-1", "name": "By a mentor", "agency_id": self.agency_a.id}
            )
        document.with_user(self.manager).write({"agency_id": self.agency_b.id})
        self.assertEqual(document.agency_id, self.agency_b)

    def test_multi_company(self):
        company_2 = self.env["res.company"].create({"name": "Pemerintah Kota Serang"})
        agency_c = self.Agency.create(
            {"name": "Dinas Kota", "code": "KOTA", "company_id": company_2.id}
        )
        self.register(
            "KOTA-01",
            self.clause(self.iso_37001, "5.2"),
            agency=agency_c,
            approve=False,
            officer=self.env.user,
        )
        self.assertFalse(
            self.Document.with_user(self.manager).search([("agency_id", "=", agency_c.id)])
        )
        self.assertFalse(
            self.Document.with_user(self.mentor).search([("agency_id", "=", agency_c.id)])
        )


@tagged("post_install", "-at_install")
class TestDocumentSideDoors(DocumentCase):
    """Issue 19, items 8 and 9: a version's file through ``ir.attachment``, approval rights
    granted to oneself, and whoever last changed a file as its author."""

    def file_of(self, version):
        return (
            self.env["ir.attachment"]
            .sudo()
            .search(
                [
                    ("res_model", "=", "iso.document.version"),
                    ("res_id", "=", version.id),
                    ("res_field", "=", "file"),
                ]
            )
        )

    def assertFileFrozen(self, version, users):
        original = version.file
        attachment = self.file_of(version)
        self.assertEqual(len(attachment), 1)
        for user in users:
            with self.subTest(version=version.state, user=user.login):
                mine = attachment.with_user(user)
                with self.assertRaisesRegex(AccessError, "can no longer change"):
                    mine.write({"datas": pdf("forged")})
                with self.assertRaisesRegex(AccessError, "can no longer change"):
                    mine.unlink()
                with self.assertRaisesRegex(AccessError, "can no longer change"):
                    self.env["ir.attachment"].with_user(user).create(
                        {
                            "name": "planted.pdf",
                            "datas": pdf("planted"),
                            "res_model": "iso.document.version",
                            "res_id": version.id,
                            "res_field": "file",
                        }
                    )
                with self.assertRaises(UserError):
                    version.with_user(user).write({"file": pdf("forged")})
                # A file of one's own, then moved onto the version's file field.
                loose = (
                    self.env["ir.attachment"]
                    .with_user(user)
                    .create({"name": "loose.pdf", "datas": pdf("loose")})
                )
                with self.assertRaisesRegex(AccessError, "can no longer change"):
                    loose.write(
                        {
                            "res_model": "iso.document.version",
                            "res_id": version.id,
                            "res_field": "file",
                        }
                    )
        version.invalidate_recordset()
        self.assertEqual(version.file, original)
        self.assertEqual(self.file_of(version), attachment)

    def test_versions_sent_for_approval_and_after_are_immutable(self):
        document = self.register("SOP-FZ-01", self.clause(self.iso_37001, "5.2"))
        v1 = document.current_version_id
        self.assertFileFrozen(v1, (self.officer_a, self.manager, self.head))
        self.assertEqual(base64.b64decode(document.current_file), minimal_pdf(["SOP-FZ-01"]))
        v2 = self.Version.with_user(self.officer_a).create(
            {"document_id": document.id, "file": pdf("v2"), "filename": "v2.pdf"}
        )
        document.with_user(self.officer_a).action_submit()
        self.assertFileFrozen(v2, (self.officer_a, self.manager))
        document.with_user(self.head).action_approve()
        self.assertEqual(v1.state, "obsolete")
        self.assertFileFrozen(v1, (self.officer_a, self.manager))

    def test_draft_file_follows_the_field_rights(self):
        document = self.register("SOP-FZ-02", self.clause(self.iso_37001, "5.2"), approve=False)
        version = document.version_ids
        attachment = self.file_of(version)
        # The mentor reads the draft but writes none of its fields, its file neither.
        with self.assertRaises(AccessError):
            attachment.with_user(self.mentor).write({"datas": pdf("mentor")})
        with self.assertRaises(AccessError):
            attachment.with_user(self.mentor).unlink()
        self.assertEqual(base64.b64decode(version.file), minimal_pdf(["SOP-FZ-02"]))
        # The officer replaces her draft's file either way.
        attachment.with_user(self.officer_a).write({"datas": pdf("second draft")})
        version.invalidate_recordset()
        self.assertEqual(base64.b64decode(version.file), minimal_pdf(["second draft"]))
        self.assertEqual(version.file_changed_by_id, self.officer_a)

    def test_whoever_last_changed_the_file_does_not_approve(self):
        self.agency_a.officer_ids = [Command.link(self.head.id)]
        document = self.register("SOP-FZ-03", self.clause(self.iso_37001, "5.2"), approve=False)
        version = document.version_ids
        # The head rewrites the officer's draft through ir.attachment, then sends it.
        self.file_of(version).with_user(self.head).write({"datas": pdf("head's text")})
        self.assertEqual(version.file_changed_by_id, self.head)
        self.assertEqual(version.prepared_by_id, self.officer_a)
        document.with_user(self.officer_a).action_submit()
        with self.assertRaisesRegex(UserError, "You last changed the file of version 1"):
            document.with_user(self.head).action_approve()
        self.assertEqual(version.state, "in_review")
        # Returned; the head rewrites it through the form this time: still his.
        document.with_user(self.approver).action_return()
        version.with_user(self.head).write({"file": pdf("head again")})
        document.with_user(self.officer_a).action_submit()
        with self.assertRaisesRegex(UserError, "You last changed the file"):
            document.with_user(self.head).action_approve()
        document.with_user(self.approver).action_approve()
        self.assertEqual((version.state, version.approved_by_id), ("approved", self.approver))

    def test_a_mentor_does_not_grant_himself_approval_rights(self):
        as_mentor = self.agency_a.with_user(self.mentor)
        # assertRaises, unlike assertRaisesRegex, rolls back what the call did.
        with self.assertRaises(AccessError) as caught:
            as_mentor.write({"document_approver_ids": [Command.link(self.mentor.id)]})
        self.assertRegex(str(caught.exception), "cannot name yourself in Document Approvers")
        with self.assertRaises(AccessError) as caught:
            as_mentor.write({"head_id": self.mentor.partner_id.id})
        self.assertRegex(str(caught.exception), "cannot name yourself in Head of Agency")
        self.env.invalidate_all()
        self.assertEqual(self.agency_a.document_approver_ids, self.approver)
        self.assertEqual(self.agency_a.head_id, self.head_partner)
        document = self.register("SOP-FZ-04", self.clause(self.iso_37001, "5.2"), approve=False)
        document.with_user(self.officer_a).action_submit()
        with self.assertRaises(AccessError):
            document.with_user(self.mentor).action_approve()
        # Granting the right to someone else is the mentor's to do.
        other = new_test_user(
            self.env, login="approver_b", groups="iso_compliance.group_iso_compliance_officer"
        )
        as_mentor.write({"document_approver_ids": [Command.link(other.id)]})
        document.with_user(other).action_approve()
        self.assertEqual(document.state, "approved")


def docx(text):
    """A minimal Word document (OOXML) holding `text`."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
            'package/2006/content-types"/>',
        )
        archive.writestr("word/document.xml", f"<w:document>{text}</w:document>")
    return base64.b64encode(buffer.getvalue())


# An executable's first bytes (the "MZ" header) and a web page a browser would run.
EXECUTABLE = base64.b64encode(b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 64)
WEB_PAGE = base64.b64encode(b"<!DOCTYPE html><html><script>alert(1)</script></html>")


@tagged("post_install", "-at_install")
class TestEvidenceStaysHonest(DocumentCase):
    """Issue 19, items 10 and 12: readiness does not come back by clearing a withdrawn
    document's clauses or archiving it; a review period is not reopened by rewriting its
    interval; headings are not served; a version's file is a document, by every path."""

    def test_a_withdrawn_or_archived_document_keeps_its_clauses(self):
        engagement = self.env["iso.mentoring"].create(
            {"agency_id": self.agency_a.id, "standard_ids": [Command.set(self.iso_37001.ids)]}
        )
        lines = {line.clause_id.number: line for line in engagement.line_ids}
        for number in ("7.5.1", "7.5.2", "8.4"):
            lines[number].status = "verified"
        # 3 verified of 38, no register document yet: they count (7.9 %).
        self.assertEqual(engagement.readiness, 7.9)
        control = self.register("SOP-PI-01", self.clause(self.iso_37001, "7.5.1"))
        gifts = self.register("SOP-GR-01", self.clause(self.iso_37001, "8.4"))
        control.with_user(self.approver).action_withdraw()
        # 7.5.1 no longer counts: 2 of 38.
        self.assertEqual(engagement.readiness, 5.3)
        for user in (self.officer_a, self.manager):
            with self.subTest(user=user.login), self.assertRaises(UserError) as caught:
                control.with_user(user).write({"clause_ids": [Command.clear()]})
            self.assertRegex(str(caught.exception), "keeps the clauses it served")
            self.assertRegex(str(caught.exception), "7.5.1")
        self.env.invalidate_all()
        self.assertEqual(control.clause_ids, self.clause(self.iso_37001, "7.5.1"))
        # Archiving the withdrawn document changes nothing either.
        control.with_user(self.manager).action_archive()
        self.assertEqual(engagement.readiness, 5.3)
        self.assertEqual(lines["7.5.1"].evidence_status, "not_effective")
        # An approved document archived stops counting, and keeps its clauses too: 1 of 38.
        gifts.with_user(self.manager).action_archive()
        self.assertFalse(gifts.is_effective)
        self.assertEqual(engagement.readiness, 2.6)
        self.assertIn("SOP-GR-01 Dokumen SOP-GR-01 is archived.", lines["8.4"].evidence_warning)
        with self.assertRaises(UserError):
            gifts.with_user(self.manager).write({"clause_ids": [Command.clear()]})
        # Only a new approved document brings a clause back: 2 of 38.
        self.register("SOP-GR-02", self.clause(self.iso_37001, "8.4"))
        self.assertEqual(engagement.readiness, 5.3)
        # An effective document may be corrected: its clause stops counting (1 of 38).
        current = self.Document.search([("code", "=", "SOP-GR-02")])
        current.with_user(self.officer_a).write(
            {"clause_ids": [Command.set(self.clause(self.iso_37001, "8.5").ids)]}
        )
        self.assertEqual(engagement.readiness, 2.6)

    def test_rewriting_an_unchanged_interval_sends_no_second_reminder(self):
        kind = self.env.ref("iso_compliance_document.mail_activity_type_document_review")
        cron = self.env.ref("iso_compliance_document.ir_cron_document_review")
        with freeze_time("2026-01-10 03:00:00"):
            document = self.register("SOP-RV-01", self.clause(self.iso_37001, "9.1"))
        with freeze_time("2026-12-11 03:00:00"):
            cron.method_direct_trigger()
        reminders = document.activity_ids.filtered(lambda a: a.activity_type_id == kind)
        self.assertEqual(len(reminders), 1)
        reminders.action_feedback(feedback="Sudah dibaca")
        with freeze_time("2026-12-12 03:00:00"):
            document.with_user(self.officer_a).write({"review_interval_months": 12})
            self.assertTrue(document.review_reminded)
            cron.method_direct_trigger()
        self.assertFalse(
            document.activity_ids.filtered(lambda a: a.activity_type_id == kind),
            "the same review date: no second reminder",
        )
        # A new interval is a new review date (10 February 2027): reminded again.
        with freeze_time("2026-12-13 03:00:00"):
            document.with_user(self.officer_a).write({"review_interval_months": 13})
            self.assertEqual(document.next_review_date, date(2027, 2, 10))
            self.assertFalse(document.review_reminded)
        with freeze_time("2027-01-12 03:00:00"):
            cron.method_direct_trigger()
        reminder = document.activity_ids.filtered(lambda a: a.activity_type_id == kind)
        self.assertEqual(reminder.date_deadline, date(2027, 2, 10))

    def test_a_heading_is_not_served(self):
        heading = self.clause(self.iso_9001, "7.5")
        self.assertTrue(heading.child_ids)
        with self.assertRaises(ValidationError) as caught:
            self.register("SOP-DI-01", heading, approve=False)
        self.assertRegex(str(caught.exception), "7.5 .* is a heading")
        self.assertRegex(str(caught.exception), "7.5.1, 7.5.2, 7.5.3")
        document = self.register("SOP-DI-01", self.clause(self.iso_9001, "7.5.1"), approve=False)
        with self.assertRaises(ValidationError):
            document.with_user(self.officer_a).write({"clause_ids": [Command.link(heading.id)]})
        self.assertEqual(document.clause_ids, self.clause(self.iso_9001, "7.5.1"))

    def test_a_versions_file_is_a_document_by_every_path(self):
        document = self.register("SOP-FL-01", self.clause(self.iso_37001, "5.2"), approve=False)
        version = document.version_ids
        Version = self.Version.with_user(self.officer_a)
        other = self.Document.with_user(self.officer_a).create(
            {"code": "SOP-FL-02", "name": "SOP Berkas", "agency_id": self.agency_a.id}
        )
        refused = [
            ({"file": EXECUTABLE, "filename": "sop.pdf"}, "sop.pdf is not an accepted file"),
            ({"file": WEB_PAGE, "filename": "sop.html"}, "sop.html is not an accepted file"),
            ({"file": pdf("text"), "filename": "sop.exe"}, "sop.exe is not an accepted file"),
            ({"file": WEB_PAGE}, "is not an accepted file"),
        ]
        for vals, message in refused:
            with self.subTest(vals=vals.get("filename")):
                with self.assertRaises(ValidationError) as caught:
                    Version.create({"document_id": other.id, **vals})
                self.assertRegex(str(caught.exception), message)
                with self.assertRaises(ValidationError):
                    version.with_user(self.officer_a).write(vals)
        self.assertFalse(other.version_ids)
        # Through ir.attachment: new content, or a file of one's own moved onto the field.
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .search(
                [
                    ("res_model", "=", "iso.document.version"),
                    ("res_id", "=", version.id),
                    ("res_field", "=", "file"),
                ]
            )
        )
        with self.assertRaises(ValidationError):
            attachment.with_user(self.officer_a).write({"datas": WEB_PAGE})
        loose = (
            self.env["ir.attachment"]
            .with_user(self.officer_a)
            .create({"name": "halaman.pdf", "datas": EXECUTABLE})
        )
        with self.assertRaises(ValidationError):
            loose.write(
                {"res_model": "iso.document.version", "res_id": version.id, "res_field": "file"}
            )
        attachment.unlink()
        with self.assertRaises(ValidationError):
            self.env["ir.attachment"].with_user(self.officer_a).create(
                {
                    "name": "file",
                    "datas": EXECUTABLE,
                    "res_model": "iso.document.version",
                    "res_id": version.id,
                    "res_field": "file",
                }
            )
        # Office documents are documents.
        version.with_user(self.officer_a).write({"file": docx("SOP"), "filename": "sop.docx"})
        self.assertEqual(version.filename, "sop.docx")


@tagged("post_install", "-at_install")
class TestClauseOfAnotherEdition(DocumentCase):
    def test_a_document_for_a_standard_not_pursued_says_so(self):
        """Issue 21, item 1: the officer picked ISO 37001:2025's 8.1 while her agency works to
        the 2016 edition; the form says the document counts nowhere there."""
        self.env["iso.mentoring"].create(
            {"agency_id": self.agency_a.id, "standard_ids": [Command.set(self.iso_37001.ids)]}
        )
        wrong = self.register("SOP-OP-01", self.clause(self.iso_37001_2025, "8.1"), approve=False)
        self.assertRegex(
            wrong.clause_warning,
            r"Dinas Kependudukan.* does not pursue the standard of ISO 37001:2025 8\.1 .*"
            r"\(it pursues ISO 37001:2016\)",
        )
        wrong.with_user(self.officer_a).write(
            {"clause_ids": [Command.set(self.clause(self.iso_37001, "8.1").ids)]}
        )
        self.assertFalse(wrong.clause_warning)
        # ISO 9001 5.2.1 is mapped to ISO 37001 5.2: it counts, no warning.
        mapped = self.register("KEB-MT-01", self.clause(self.iso_9001, "5.2.1"), approve=False)
        self.assertFalse(mapped.clause_warning)


@tagged("post_install", "-at_install")
class TestDocumentBadInput(DocumentCase):
    def test_codes_titles_and_intervals(self):
        Document = self.Document.with_user(self.officer_a)
        self.register("KEB-AP-01", self.clause(self.iso_37001, "5.2"), approve=False)
        cases = [
            ({"code": "  ", "name": "Kebijakan"}, "needs a Code"),
            ({"code": "SOP-9", "name": " "}, "needs a Title"),
            ({"code": " keb-ap-01 ", "name": "Kebijakan"}, "already used by Dokumen KEB-AP-01"),
            ({"code": "SOP-9", "name": "SOP", "review_interval_months": 0}, "from 1 to 60 months"),
            (
                {"code": "SOP-9", "name": "SOP", "document_type": "memo"},
                "not a valid value of Type",
            ),
            ({"code": "S" * 41, "name": "SOP"}, "at most 40 characters"),
        ]
        for vals, message in cases:
            # Odoo's assertRaises rolls back what the call did, as a failed request does.
            with self.subTest(vals=vals), self.assertRaises(ValidationError) as caught:
                Document.create({"agency_id": self.agency_a.id, **vals})
            self.assertRegex(str(caught.exception), message)
        self.assertEqual(self.Document.search_count([("agency_id", "=", self.agency_a.id)]), 1)
        # The same code is free in another agency's register.
        self.register(
            "KEB-AP-01",
            self.clause(self.iso_37001, "5.2"),
            agency=self.agency_b,
            officer=self.manager,
            approve=False,
        )

    def test_the_owner_is_one_of_the_regencys_users(self):
        """The public user (or a portal user) never owns a document, by create or write."""
        public = self.env.ref("base.public_user")
        Document = self.Document.with_user(self.manager)
        # assertRaises (unlike assertRaisesRegex) rolls back what the call did.
        with self.assertRaises(ValidationError) as caught:
            Document.create(
                {
                    "code": "SOP-77",
                    "name": "SOP Pelayanan",
                    "agency_id": self.agency_a.id,
                    "owner_id": public.id,
                }
            )
        self.assertRegex(str(caught.exception), "own users: Public user is not")
        document = Document.create(
            {"code": "SOP-77", "name": "SOP Pelayanan", "agency_id": self.agency_a.id}
        )
        self.assertEqual(document.owner_id, self.manager)
        with self.assertRaises(ValidationError) as caught:
            document.write({"owner_id": public.id})
        self.assertRegex(str(caught.exception), "own users")
        self.assertEqual(document.owner_id, self.manager)

    def test_errors_in_indonesian(self):
        self.env["res.lang"]._activate_lang("id_ID")
        self.env["ir.module.module"]._load_module_terms(
            ["iso_compliance", "iso_compliance_document"], ["id_ID"], overwrite=True
        )
        self.officer_a.lang = "id_ID"
        self.head.lang = "id_ID"
        self.register("KEB-AP-01", self.clause(self.iso_37001, "5.2"), approve=False)
        with self.assertRaisesRegex(ValidationError, "sudah dipakai oleh Dokumen KEB-AP-01"):
            self.Document.with_user(self.officer_a).with_context(lang="id_ID").create(
                {"code": "KEB-AP-01", "name": "Kebijakan", "agency_id": self.agency_a.id}
            )
        document = self.register(
            "SK-01", self.clause(self.iso_37001, "5.3.2"), officer=self.head, approve=False
        )
        document.with_user(self.head).action_submit()
        with self.assertRaisesRegex(UserError, "harus disetujui oleh pemberi persetujuan lain"):
            document.with_user(self.head).with_context(lang="id_ID").action_approve()


@tagged("post_install", "-at_install")
class TestAgencyButtons(DocumentCase):
    def test_smart_buttons_and_pack_from_the_agency(self):
        self.env["iso.mentoring"].create(
            {"agency_id": self.agency_a.id, "standard_ids": [Command.set(self.iso_9001.ids)]}
        )
        effective = self.register("KEB-AP-01", self.clause(self.iso_37001, "5.2"))
        self.register("SOP-01", self.clause(self.iso_37001, "8.2"), approve=False)
        agency = self.agency_a.with_user(self.officer_a)
        self.assertEqual((agency.document_effective_count, agency.document_overdue_count), (1, 0))
        action = agency.action_view_effective_documents()
        self.assertEqual(self.env["iso.document"].search(action["domain"]), effective)
        # The pack proposes the standard the agency pursues.
        context = agency.action_document_pack()["context"]
        self.assertEqual(context["default_standard_id"], self.iso_9001.id)
        pack = (
            self.env["iso.document.pack"]
            .with_user(self.officer_a)
            .with_context(**context)
            .create({})
        )
        self.assertEqual((pack.agency_id, pack.standard_id), (self.agency_a, self.iso_9001))
