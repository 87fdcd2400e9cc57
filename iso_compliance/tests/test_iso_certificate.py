import base64
from datetime import date

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import IsoComplianceCase


@tagged("post_install", "-at_install")
class TestCertificateRules(IsoComplianceCase):
    def test_expiry_defaults_from_issue_date_and_validity(self):
        with Form(self.Certificate.with_user(self.manager)) as form:
            form.agency_id = self.agency_a
            form.standard_id = self.iso_37001
            form.issue_date = date(2025, 2, 24)
        cert = form.save()
        self.assertEqual(cert.expiry_date, date(2028, 2, 23))
        self.assertEqual(cert.state, "draft")
        with Form(cert) as form:
            form.issue_date = date(2025, 3, 1)  # a corrected issue date moves the proposal
        self.assertEqual(cert.expiry_date, date(2028, 2, 29))
        self.assertEqual(cert.company_id, self.agency_a.company_id)

    def test_changing_a_standard_keeps_issued_expiry_dates(self):
        cert = self.make_certificate(issue_date="2025-02-24", expiry_date="2028-03-31")
        self.iso_37001.validity_years = 4
        self.env.flush_all()
        self.assertEqual(cert.expiry_date, date(2028, 3, 31))
        draft = self.make_certificate(agency=self.agency_b, state="draft", issue_date="2026-01-01")
        self.assertEqual(draft.expiry_date, date(2029, 12, 31), "new ones use the new validity")

    def test_expiry_must_follow_issue(self):
        with self.assertRaisesRegex(ValidationError, "must come after its issue date"):
            self.make_certificate(state="draft", expiry_date="2025-02-24")

    def test_decision_not_after_issue(self):
        with self.assertRaisesRegex(ValidationError, "decision .* cannot come after its issue"):
            self.make_certificate(state="draft", decision_date="2025-03-01")

    def test_number_unique_per_certification_body(self):
        self.make_certificate(state="draft", name="MAL-1")
        other_body = self.body.copy({"name": "Other body"})
        self.make_certificate(state="draft", name="MAL-1", certification_body_id=other_body.id)
        with self.assertRaisesRegex(ValidationError, "already issued the number MAL-1"):
            self.make_certificate(state="draft", name=" mal-1 ")
        # The database refuses it too, whatever the case, for writes that skip the ORM.
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.env.cr.execute(
                "INSERT INTO iso_certificate (name, agency_id, standard_id, "
                "certification_body_id, state) VALUES ('mal-1', %s, %s, %s, 'draft')",
                [self.agency_b.id, self.iso_9001.id, self.body.id],
            )

    def test_numbers_differing_only_by_case_or_spaces_are_refused(self):
        Certificate = self.Certificate.with_user(self.manager)
        first = self.make_certificate(state="draft", name="QMS 01/2025")
        self.assertEqual(first.number_key, "QMS01/2025")
        base = {"agency_id": self.agency_b.id, "standard_id": self.iso_9001.id}
        for number in ("qms01/2025", " Qms  01/2025", "QMS\t01/ 2025"):
            with (
                self.subTest(number=number),
                self.assertRaisesRegex(
                    ValidationError, "already issued the number QMS 01/2025, to Dinas Kependudukan"
                ),
            ):
                Certificate.create(dict(base, name=number, certification_body_id=self.body.id))
        other_body = self.body.copy({"name": "Other body"})
        second = Certificate.create(
            dict(base, name="qms01/2025", certification_body_id=other_body.id)
        )
        with self.assertRaisesRegex(ValidationError, "already issued the number QMS 01/2025"):
            second.certification_body_id = self.body  # moving it to the first one's body
        self.assertEqual(second.certification_body_id, other_body)
        # Twice in one batch, as an import would create them.
        with self.assertRaisesRegex(ValidationError, "already issued the number MAL 7, to"):
            Certificate.create(
                [
                    dict(base, name="MAL 7", certification_body_id=self.body.id),
                    dict(base, name="mal7", certification_body_id=self.body.id),
                ]
            )
        # Renumbering a certificate to its own number in another spelling is no duplicate.
        first.with_user(self.manager).name = "qms 01/2025"
        self.assertEqual(first.number_key, "QMS01/2025")
        # The database refuses a duplicate key too.
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.env.cr.execute(
                "INSERT INTO iso_certificate (name, number_key, agency_id, standard_id, "
                "certification_body_id, state) VALUES ('Q M S 01/2025', 'QMS01/2025', "
                "%s, %s, %s, 'draft')",
                [self.agency_b.id, self.iso_9001.id, self.body.id],
            )

    def test_creating_a_certificate_costs_the_same_queries_however_many_exist(self):
        """The duplicate check is one look-up on the unique index of (certification body,
        number key), not a scan of the body's certificates (see bench/): the same queries with
        1 or 51 certificates of the body. The bound counts the programme's checks on every
        create too: the agency, standard and body looked up (a link to a missing record is
        refused with a sentence) and the number key's index."""
        Certificate = self.Certificate.with_user(self.manager)
        vals = {
            "agency_id": self.agency_b.id,
            "standard_id": self.iso_9001.id,
            "certification_body_id": self.body.id,
            "issue_date": "2025-02-24",
        }
        Certificate.create(dict(vals, name="WARM-UP"))  # caches: rules, fields, sequences
        self.env.flush_all()
        with self.assertQueryCount(9):
            Certificate.create(dict(vals, name="ONE-1"))
            self.env.flush_all()
        self.Certificate.create(
            [dict(vals, name=f"MANY-{i:03d}", agency_id=self.agency_a.id) for i in range(50)]
        )
        self.env.flush_all()
        with self.assertQueryCount(9):
            Certificate.create(dict(vals, name="ONE-2"))
            self.env.flush_all()

    def test_one_active_certificate_per_agency_and_standard_code(self):
        self.make_certificate()
        second = self.make_certificate(state="draft", standard=self.iso_37001_2025)
        with self.assertRaisesRegex(ValidationError, "already holds an active ISO 37001"):
            second.action_activate()
        self.make_certificate(standard=self.iso_9001)  # another standard is fine
        self.make_certificate(agency=self.agency_b)  # another agency too

    def test_two_suspended_twins_cannot_both_be_reinstated(self):
        first = self.make_certificate()
        first._suspend("x")
        second = self.make_certificate(standard=self.iso_37001_2025)
        second._suspend("y")
        with self.assertRaisesRegex(ValidationError, "already holds an active ISO 37001"):
            (first | second).action_reinstate()

    def test_activation_needs_number_and_body(self):
        cert = self.make_certificate(state="draft", name=False, certification_body_id=False)
        with self.assertRaisesRegex(UserError, "Certificate Number, Certification Body"):
            cert.action_activate()

    def test_only_drafts_are_deleted(self):
        draft = self.make_certificate(state="draft")
        active = self.make_certificate(standard=self.iso_9001)
        with self.assertRaisesRegex(UserError, "Only draft certificates"):
            active.unlink()
        draft.unlink()
        self.assertFalse(draft.exists())


@tagged("post_install", "-at_install")
class TestCertificateTransitions(IsoComplianceCase):
    def _wizard(self, cert, action, reason):
        result = getattr(cert, f"action_{action}")()
        wizard = Form(self.env[result["res_model"]].with_context(**result["context"]))
        wizard.reason = reason
        return wizard.save().action_confirm()

    def test_suspend_reinstate_withdraw(self):
        cert = self.make_certificate()
        self._wizard(cert, "suspend", "Surveillance audit refused")
        self.assertEqual(cert.state, "suspended")
        self.assertEqual(cert.suspension_reason, "Surveillance audit refused")
        self.assertIn("Surveillance audit refused", cert.message_ids[0].body)
        cert.action_reinstate()
        self.assertEqual(cert.state, "active")
        self.assertFalse(cert.suspension_date)
        self._wizard(cert, "withdraw", "Serious failure")
        self.assertEqual(cert.state, "withdrawn")
        self.assertEqual(cert.withdrawal_reason, "Serious failure")

    def test_illegal_transitions_are_refused(self):
        draft = self.make_certificate(state="draft")
        with self.assertRaisesRegex(UserError, "cannot be suspended: it is Draft"):
            draft._suspend("x")
        with self.assertRaisesRegex(UserError, "cannot be reinstated: it is Draft"):
            draft.action_reinstate()
        with self.assertRaisesRegex(UserError, "cannot be renewed: it is Draft"):
            draft.action_renew()
        active = self.make_certificate(standard=self.iso_9001)
        with self.assertRaisesRegex(UserError, "cannot be activated: it is Active"):
            active.action_activate()
        active._withdraw("x")
        with self.assertRaisesRegex(UserError, "cannot be withdrawn: it is Withdrawn"):
            active._withdraw("x")

    def test_renewal_supersedes_on_activation(self):
        old = self.make_certificate(decision_date="2025-02-20")
        action = old.action_renew()
        renewal = self.Certificate.browse(action["res_id"])
        self.assertEqual(renewal.state, "draft")
        self.assertEqual(renewal.previous_certificate_id, old)
        self.assertEqual(renewal.initial_certification_date, date(2025, 2, 20))
        self.assertEqual(old.action_renew()["res_id"], renewal.id, "a second renewal was made")
        self.assertEqual(old.state, "active", "the old certificate stays valid until then")
        renewal.write({"name": "CERT-RENEWED", "issue_date": "2028-02-20"})
        renewal.action_activate()
        self.assertEqual(renewal.state, "active")
        self.assertEqual(old.state, "superseded")
        self.assertEqual(old.superseded_by_id, renewal)

    @freeze_time("2025-01-15 03:00:00")
    def test_renewal_form_proposes_the_continued_expiry(self):
        """DOMAIN.md: a re-certification decided on or before expiry continues the cycle,
        validity running on from the day after the old expiry: 28 Feb 2025 + 3 years ends
        29 Feb 2028, whatever day in January the decision was taken. Restored within 6
        months of expiry, still 29 Feb 2028. Later, a new cycle from the decision."""
        old = self.make_certificate(issue_date="2022-03-01")
        self.assertEqual(old.expiry_date, date(2025, 2, 28))
        renewal = self.Certificate.browse(old.with_user(self.manager).action_renew()["res_id"])
        with Form(renewal.with_user(self.manager)) as form:
            form.decision_date = date(2025, 1, 10)
            self.assertEqual(form.expiry_date, date(2028, 2, 29))
            form.decision_date = date(2025, 8, 28)  # restored: 6 months after expiry
            self.assertEqual(form.expiry_date, date(2028, 2, 29))
            form.decision_date = date(2025, 8, 29)  # too late to continue the old cycle
            self.assertEqual(form.expiry_date, date(2028, 8, 28))
            form.decision_date = date(2025, 1, 10)
            form.expiry_date = date(2028, 1, 31)  # as printed on the certificate
        self.assertEqual(renewal.expiry_date, date(2028, 1, 31), "a corrected date is kept")

    @freeze_time("2026-11-24")
    def test_expiry_status_and_search(self):
        valid = self.make_certificate(issue_date="2025-02-24")
        soon = self.make_certificate(
            agency=self.agency_b, issue_date="2024-01-01", expiry_date="2027-01-15"
        )
        late = self.make_certificate(
            standard=self.iso_9001, issue_date="2023-01-01", expiry_date="2026-11-01"
        )
        self.assertEqual(
            (valid.expiry_status, soon.expiry_status, late.expiry_status),
            ("valid", "expiring", "expired"),
        )
        self.assertEqual(soon.days_to_expiry, 52)
        mine = [("id", "in", (valid | soon | late).ids)]
        search = self.Certificate.search
        self.assertEqual(search([*mine, ("expiry_status", "=", "expiring")]), soon)
        self.assertEqual(search([*mine, ("expiry_status", "=", "expired")]), late)
        self.assertEqual(
            search([*mine, ("expiry_status", "in", ["valid", "expired"])]), valid | late
        )

    @freeze_time("2026-11-24")
    def test_colour_escalates_towards_expiry(self):
        """Red from 30 days before expiry, orange from 90, green before; a suspension has
        its own badge and keeps the colour of its expiry."""
        cert = self.make_certificate(issue_date="2024-01-01", expiry_date="2027-06-12")
        for expiry, days_left, colour in (
            ("2027-06-12", 200, 10),
            ("2027-02-23", 91, 10),
            ("2027-02-22", 90, 2),
            ("2026-12-25", 31, 2),
            ("2026-12-24", 30, 1),
            ("2026-11-24", 0, 1),
            ("2026-11-23", -1, 1),
        ):
            cert.expiry_date = expiry
            self.assertEqual((cert.days_to_expiry, cert.color), (days_left, colour), expiry)
        cert.expiry_date = "2027-06-12"
        cert._suspend("Surveillance audit refused")
        self.assertEqual(cert.color, 10, "a suspension does not turn the card orange")
        cert.expiry_date = "2026-12-01"
        self.assertEqual(cert.color, 1)

    def test_agency_summary_shows_each_standard(self):
        self.make_certificate(issue_date="2025-02-24")
        summary = str(self.agency_a.certification_summary)
        self.assertIn("ISO 37001", summary)
        self.assertIn("Active, until 02/23/2028", summary)
        self.assertIn("ISO 9001", summary)
        self.assertIn("Not certified", summary)
        self.assertEqual(self.agency_a.certificate_count, 1)
        action = self.agency_a.action_view_certificates()
        self.assertEqual(action["domain"], [("agency_id", "=", self.agency_a.id)])


@tagged("post_install", "-at_install")
class TestCertificateAccess(IsoComplianceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cert_a = cls.make_certificate()
        cls.cert_b = cls.make_certificate(agency=cls.agency_b)

    def test_officer_reads_only_own_agency(self):
        as_officer = self.Certificate.with_user(self.officer_a)
        self.assertEqual(as_officer.search([]), self.cert_a)
        with self.assertRaises(AccessError):
            self.cert_b.with_user(self.officer_a).read(["name"])

    def test_officer_cannot_change_states(self):
        cert = self.cert_a.with_user(self.officer_a)
        for action in (cert.action_reinstate, lambda: cert._suspend("x"), cert.action_renew):
            with self.assertRaises(AccessError):
                action()
        with self.assertRaises(AccessError):
            cert.write({"expiry_date": "2030-01-01"})

    def test_officer_attaches_documents(self):
        cert = self.cert_a.with_user(self.officer_a)
        attachment = (
            self.env["ir.attachment"]
            .with_user(self.officer_a)
            .create(
                {
                    "name": "audit-plan.pdf",
                    "datas": base64.b64encode(b"%PDF-1.4 plan"),
                    "res_model": "mail.compose.message",
                    "res_id": 0,
                }
            )
        )
        message = cert.message_post(body="Audit plan attached", attachment_ids=[attachment.id])
        self.assertEqual(message.attachment_ids, attachment)
        self.assertEqual(attachment.sudo().res_model, "iso.certificate")

    def test_mentor_reads_all_but_changes_nothing(self):
        as_mentor = self.Certificate.with_user(self.mentor)
        self.assertEqual(as_mentor.search([]), self.cert_a | self.cert_b)
        with self.assertRaises(AccessError):
            self.cert_a.with_user(self.mentor).action_renew()

    def test_manager_runs_the_cycle(self):
        cert = self.cert_b.with_user(self.manager)
        cert._suspend("Not audited")
        cert.action_reinstate()
        self.assertEqual(cert.state, "active")
