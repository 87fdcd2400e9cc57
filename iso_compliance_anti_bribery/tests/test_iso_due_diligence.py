from datetime import date

from freezegun import freeze_time

from odoo.addons.iso_compliance.tests.common import IsoComplianceCase
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged


@tagged("post_install", "-at_install")
class TestDueDiligence(IsoComplianceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.partner_id.tz = "Asia/Jakarta"
        cls.DueDiligence = cls.env["iso.due.diligence"]
        cls.contractor = cls.env["res.partner"].create(
            {"name": "CV Karya Banten Mandiri", "is_company": True}
        )
        cls.cron = cls.env.ref("iso_compliance_anti_bribery.ir_cron_due_diligence")
        cls.lapse_type = cls.env.ref(
            "iso_compliance_anti_bribery.mail_activity_type_due_diligence_lapse"
        )

    def make(self, user=None, agency=None, **vals):
        return self.DueDiligence.with_user(user or self.env.user).create(
            {
                "agency_id": (agency or self.agency_a).id,
                "subject_type": "partner",
                "partner_id": self.contractor.id,
                "reason": "Road tender above Rp1 billion",
                "checks": "AHU, tax status, LKPP blacklist",
                "decision": "proceed",
                "valid_until": "2027-03-01",
                **vals,
            }
        )

    def run_cron(self, moment):
        with freeze_time(moment):
            self.cron.method_direct_trigger()
        self.env.invalidate_all()

    def test_missing_business_associate(self):
        """Issue 19, item 15: an id that does not exist gets a sentence naming the field."""
        with self.assertRaisesRegex(ValidationError, "Business Associate: the record given"):
            self.make(user=self.officer_a, partner_id=987654321)
        record = self.make(user=self.officer_a)
        with self.assertRaisesRegex(ValidationError, "Business Associate: the record given"):
            record.with_user(self.officer_a).write({"partner_id": 987654321})
        self.assertEqual(record.partner_id, self.contractor)

    def test_subject_required(self):
        with self.assertRaisesRegex(ValidationError, "business associate"):
            self.make(partner_id=False)
        with self.assertRaisesRegex(ValidationError, "position"):
            self.make(subject_type="position", partner_id=False, position="  ")
        position = self.make(
            subject_type="position", partner_id=False, position="Pejabat Pengadaan"
        )
        self.assertEqual(position.display_name, "DISDUKCAPIL: Pejabat Pengadaan")

    @freeze_time("2026-03-02 03:00:00")
    def test_decision_and_partner_status(self):
        self.assertEqual(self.contractor.iso_due_diligence_status, "No due diligence")
        record = self.make(decision=False)
        with self.assertRaisesRegex(UserError, "choose a decision"):
            record.action_decide()
        record.write({"decision": "conditions"})
        with self.assertRaisesRegex(UserError, "conditions"):
            record.action_decide()
        record.write({"conditions": "Integrity pact signed by the directors"})
        record.action_decide()
        self.assertEqual((record.state, record.decided_on), ("decided", date(2026, 3, 2)))
        self.assertEqual(record.decided_by_id, self.env.user)
        self.contractor.invalidate_recordset()
        self.assertEqual(
            self.contractor.iso_due_diligence_status,
            "Proceed with Conditions, valid until 03/01/2027",
        )
        with self.assertRaisesRegex(UserError, "not changed"):
            record.with_user(self.officer_a).write({"decision": "proceed"})
        with self.assertRaisesRegex(UserError, "already decided"):
            record.action_decide()

    @freeze_time("2026-03-02 03:00:00")
    def test_validity_after_decision(self):
        record = self.make(valid_until="2026-03-02")
        with self.assertRaisesRegex(ValidationError, "remain valid after"):
            record.action_decide()

    def test_lapse_reminder_once_then_lapsed(self):
        with freeze_time("2026-03-02 03:00:00"):
            record = self.make(valid_until="2026-06-30")
            record.action_decide()

        def activities():
            return self.env["mail.activity"].search(
                [("res_id", "=", record.id), ("activity_type_id", "=", self.lapse_type.id)]
            )

        # 30 days before 30 June is 31 May.
        self.run_cron("2026-05-30 03:00:00")
        self.assertFalse(activities())
        self.run_cron("2026-05-31 03:00:00")
        self.run_cron("2026-06-10 03:00:00")
        self.assertEqual(activities().user_id, self.officer_a, "the agency's officer, once")
        self.run_cron("2026-06-30 03:00:00")
        self.assertEqual(record.state, "decided", "valid through its last day")
        self.run_cron("2026-06-30 18:00:00")  # 1 July, 01:00 in Serang
        self.assertEqual(record.state, "lapsed")
        self.contractor.invalidate_recordset()
        self.assertIn("Lapsed", self.contractor.iso_due_diligence_status)

    def test_access(self):
        mine = self.make(user=self.officer_a)
        other = self.make(agency=self.agency_b)
        self.assertEqual(self.DueDiligence.with_user(self.officer_a).search([]), mine)
        with self.assertRaises(AccessError):
            self.make(user=self.officer_a, agency=self.agency_b)
        with self.assertRaises(AccessError):
            other.with_user(self.officer_a).read(["reason"])
        with self.assertRaisesRegex(AccessError, "not allowed to change"):
            mine.with_user(self.officer_a).write({"state": "decided"})
        self.assertEqual(self.DueDiligence.with_user(self.mentor).search([]), mine | other)
        mine.with_user(self.mentor).write({"findings": "Nothing found"})
        with self.assertRaises(AccessError):
            other.with_user(self.mentor).write({"findings": "Nothing found"})
        with self.assertRaises(AccessError):
            mine.with_user(self.manager).unlink()
        with self.assertRaisesRegex(UserError, "never deleted"):
            mine.sudo().unlink()


@tagged("post_install", "-at_install")
class TestDueDiligenceOnActivitiesAndRisks(TestDueDiligence):
    """ISO 37001 clause 8.2 (a): a transaction, project or activity, and the assessed risk
    (clause 4.5) that calls for the due diligence, one of the same agency's."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Risk = cls.env["iso.bribery.risk"]
        vals = {"process": "Pengadaan alat kesehatan", "process_type": "procurement"}
        cls.risk_a = Risk.create(
            {
                "name": "Komisi dari penyedia alat kesehatan",
                "agency_id": cls.agency_a.id,
                "likelihood": "4",
                "impact": "5",
                "owner_id": cls.officer_a.id,
                **vals,
            }
        )
        cls.risk_b = Risk.create(
            {"name": "Komisi di agency B", "agency_id": cls.agency_b.id, **vals}
        )

    def test_activity_as_subject(self):
        with self.assertRaises(ValidationError) as cm:
            self.make(subject_type="activity", partner_id=False, activity="  ")
        self.assertRegex(str(cm.exception), "transaction, project or activity")
        record = self.make(
            user=self.officer_a,
            subject_type="activity",
            partner_id=False,
            activity="Paket pengadaan alat kesehatan 2026",
            risk_id=self.risk_a.id,
        )
        self.assertEqual(record.display_name, "DISDUKCAPIL: Paket pengadaan alat kesehatan 2026")
        self.assertEqual(record.risk_id, self.risk_a)

    def test_risk_of_the_same_agency_only(self):
        count = self.DueDiligence.search_count([])
        with self.assertRaises(ValidationError) as cm:
            self.make(risk_id=self.risk_b.id)
        self.assertRegex(str(cm.exception), "belongs to another agency")
        self.assertEqual(self.DueDiligence.search_count([]), count)
        record = self.make(user=self.officer_a, risk_id=self.risk_a.id)
        with self.assertRaises(ValidationError):
            record.with_user(self.manager).write({"agency_id": self.agency_b.id})
        with self.assertRaises(ValidationError):
            record.with_user(self.manager).write({"risk_id": self.risk_b.id})
        self.env.invalidate_all()
        self.assertEqual((record.agency_id, record.risk_id), (self.agency_a, self.risk_a))

    def test_the_risk_sets_the_depth_of_the_checks(self):
        # Likelihood 4 x impact 5 = 20: very high on the default bands (17-25).
        with Form(self.DueDiligence.with_user(self.officer_a)) as form:
            form.agency_id = self.agency_a
            form.subject_type = "activity"
            form.activity = "Paket pengadaan alat kesehatan 2026"
            form.reason = "Nilai paket besar"
            form.risk_id = self.risk_a
            self.assertEqual(form.risk_level, "very_high")
        self.assertEqual(form.record.risk_id, self.risk_a)
