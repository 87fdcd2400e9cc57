import base64

from odoo import Command
from odoo.addons.iso_compliance.tests.common import IsoHttpCase
from odoo.tests import new_test_user, tagged

from ..models.iso_document import minimal_pdf


@tagged("post_install", "-at_install")
class TestDocumentTour(IsoHttpCase):
    """In the browser, in Indonesian: an officer uploads a document and sends it for
    approval, the agency's approver approves it and sees readiness move."""

    def test_upload_send_approve_and_readiness_moves(self):
        approver = new_test_user(
            self.env,
            login="iso_approver",
            password="iso_approver",
            groups="iso_compliance.group_iso_compliance_officer",
            name="Sekretaris Dinas",
            lang="id_ID",
            tz="Asia/Jakarta",
        )
        self.agency.write(
            {
                "officer_ids": [Command.link(approver.id)],
                "document_approver_ids": [Command.link(approver.id)],
            }
        )
        engagement = self.env["iso.mentoring"].create(
            {"agency_id": self.agency.id, "standard_ids": [Command.link(self.iso_37001.id)]}
        )
        line = engagement.line_ids.filtered(lambda ln: ln.clause_id.number == "5.2")
        line.status = "verified"
        # Its evidence was a policy since withdrawn: the clause does not count.
        old = self.env["iso.document"].create(
            {
                "code": "KEB-01",
                "name": "Kebijakan lama",
                "agency_id": self.agency.id,
                "clause_ids": [Command.set(line.clause_id.ids)],
            }
        )
        self.env["iso.document.version"].with_user(self.users["officer"]).create(
            {"document_id": old.id, "file": base64.b64encode(minimal_pdf(["KEB-01"]))}
        )
        old.with_user(self.users["officer"]).action_submit()
        old.with_user(approver).action_approve()
        old.with_user(approver).action_withdraw()
        self.assertEqual(engagement.readiness, 0.0)

        self.start_tour(
            "/odoo/action-iso_compliance_document.iso_document_action",
            "iso_document_officer_tour",
            login=self.login_as("officer"),
        )
        document = self.env["iso.document"].search([("code", "=", "KEB-02")])
        self.assertEqual(document.state, "in_review")
        self.assertEqual(document.version_ids.filename, "KEB-02.pdf")
        self.assertEqual(document.version_ids.prepared_by_id, self.users["officer"])
        self.start_tour(
            "/odoo/action-iso_compliance_document.iso_document_action",
            "iso_document_approver_tour",
            login="iso_approver",
        )
        self.assertEqual(document.approved_by_id, approver)
        self.assertEqual(engagement.readiness, 2.6)

    def test_the_head_of_agency_approves_from_his_home(self):
        """Issue 21, item 2: the head lands on his agency's engagement, finds what waits for
        him, approves it, and sees readiness move."""
        head = new_test_user(
            self.env,
            login="iso_head",
            password="iso_head",
            groups="iso_compliance.group_iso_compliance_officer",
            name="Kepala Dinas",
            lang="id_ID",
            tz="Asia/Jakarta",
        )
        head.action_id = self.env.ref("iso_compliance.iso_mentoring_action_home").id
        self.agency.head_id = head.partner_id
        engagement = self.env["iso.mentoring"].create(
            {"agency_id": self.agency.id, "standard_ids": [Command.link(self.iso_37001.id)]}
        )
        line = engagement.line_ids.filtered(lambda ln: ln.clause_id.number == "5.2")
        line.status = "verified"
        officer = self.users["officer"]
        # Its evidence was a policy since withdrawn: the clause does not count (0 %).
        old = (
            self.env["iso.document"]
            .with_user(officer)
            .create(
                {
                    "code": "KEB-04",
                    "name": "Kebijakan lama",
                    "agency_id": self.agency.id,
                    "clause_ids": [Command.set(line.clause_id.ids)],
                }
            )
        )
        self.env["iso.document.version"].with_user(officer).create(
            {"document_id": old.id, "file": base64.b64encode(minimal_pdf(["KEB-04"]))}
        )
        old.with_user(officer).action_submit()
        old.with_user(head).action_approve()
        old.with_user(head).action_withdraw()
        self.assertEqual(engagement.readiness, 0.0)
        policy = (
            self.env["iso.document"]
            .with_user(officer)
            .create(
                {
                    "code": "KEB-05",
                    "name": "Kebijakan Anti Penyuapan",
                    "agency_id": self.agency.id,
                    "clause_ids": [Command.set(line.clause_id.ids)],
                }
            )
        )
        self.env["iso.document.version"].with_user(officer).create(
            {
                "document_id": policy.id,
                "file": base64.b64encode(minimal_pdf(["KEB-05"])),
                "filename": "KEB-05.pdf",
            }
        )
        policy.with_user(officer).action_submit()
        self.assertEqual(engagement.with_user(head).document_to_approve_count, 1)
        self.assertEqual(engagement.with_user(officer).document_to_approve_count, 0)
        self.start_tour("/odoo", "iso_document_head_tour", login="iso_head")
        self.assertEqual((policy.state, policy.approved_by_id), ("approved", head))
        self.assertEqual(engagement.readiness, 2.6)

    def test_a_version_row_left_without_its_file_is_not_saved(self):
        """Issue "first week", item 9: a new version row with only its change note, left by
        the breadcrumb, was saved as a draft without a file, and the next version was then
        refused as "already in preparation". The form now says the file is missing and
        saves nothing."""
        officer = self.users["officer"]
        approver = new_test_user(
            self.env,
            login="iso_approver",
            groups="iso_compliance.group_iso_compliance_officer",
        )
        self.agency.document_approver_ids = [Command.link(approver.id)]
        document = (
            self.env["iso.document"]
            .with_user(officer)
            .create({"code": "KEB-06", "name": "Kebijakan", "agency_id": self.agency.id})
        )
        Version = self.env["iso.document.version"].with_user(officer)
        v1 = Version.create(
            {"document_id": document.id, "file": base64.b64encode(minimal_pdf(["KEB-06"]))}
        )
        document.with_user(officer).action_submit()
        document.with_user(approver).action_approve()

        self.start_tour(
            "/odoo/action-iso_compliance_document.iso_document_action",
            "iso_document_version_without_file_tour",
            login=self.login_as("officer"),
        )
        self.assertEqual(document.version_ids, v1)
        self.assertFalse(document.pending_version_id)
        v2 = Version.create(
            {
                "document_id": document.id,
                "file": base64.b64encode(minimal_pdf(["KEB-06 v2"])),
                "change_note": "Revisi berkala",
            }
        )
        self.assertEqual((v2.name, document.pending_version_id), ("2", v2))
