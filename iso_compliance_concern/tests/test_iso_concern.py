"""Cases of the whistleblowing channel: workflow, the reporter's identity, the access log,
messages with the reporter, the code and secret, and the daily job (ISO 37001 8.9, 8.10)."""

from datetime import datetime

from freezegun import freeze_time

from odoo import Command
from odoo.addons.iso_compliance.tests.common import IsoComplianceCase
from odoo.addons.iso_compliance.tests.test_iso_access import AccessCase
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from ..models.iso_concern import HANDLER_FIELDS

HANDLER = "iso_compliance_concern.group_iso_concern_handler"


class IsoConcernCase(IsoComplianceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.partner_id.tz = "Asia/Jakarta"
        cls.handler = new_test_user(cls.env, login="handler", groups=HANDLER, name="Rina Handler")
        cls.handler_2 = new_test_user(
            cls.env,
            login="handler_2",
            groups=f"{HANDLER},base.group_allow_export",
            name="Second Handler",
        )
        cls.Concern = cls.env["iso.concern"]

    @classmethod
    def report(cls, name="Ahmad Fauzi", contact="0812-0000-0000", **vals):
        """A case as the public page makes it; returns (case, secret)."""
        return cls.Concern._create_from_web(
            {
                "agency_id": cls.agency_a.id,
                "description": "Petugas loket meminta uang agar KTP-el selesai hari itu.",
                **vals,
            },
            {"name": name, "contact": contact},
            [],
        )


@tagged("post_install", "-at_install")
class TestConcern(IsoConcernCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.case, cls.secret = cls.report()

    def test_web_case_is_received_anonymous_by_default_and_followed_by_handlers(self):
        case, _secret = self.report(name="", contact="")
        self.assertEqual((case.state, case.channel), ("received", "web"))
        self.assertTrue(case.is_anonymous)
        self.assertFalse(self.case.is_anonymous)
        self.assertEqual(
            set(case.message_follower_ids.partner_id.ids),
            {self.handler.partner_id.id, self.handler_2.partner_id.id},
        )
        self.assertTrue(case.name.startswith("WBS-"))
        self.assertNotEqual(case.name, self.case.name)

    def test_states_move_through_the_buttons_only(self):
        case = self.case.with_user(self.handler)
        with self.assertRaises(AccessError):
            case.write({"state": "closed"})
        with self.assertRaises(AccessError):
            case.write({"name": "WBS-AAAAAAAA"})
        with self.assertRaises(UserError):
            case.action_assess()
        case.action_acknowledge()
        self.assertEqual(case.state, "acknowledged")
        self.assertEqual(case.handler_ids, self.handler, "who acknowledges handles the case")
        self.assertTrue(case.acknowledged_date)
        with self.assertRaises(UserError):
            case.action_assess()  # no assessment written
        case.assessment = "<p>Layak ditindaklanjuti.</p>"
        case.action_assess()
        with self.assertRaises(UserError):
            case.action_start_investigation()  # no investigator
        case.investigator_ids = [Command.link(self.handler_2.id)]
        case.conclusion = "substantiated"
        with self.assertRaises(UserError):
            case.action_conclude()  # substantiated needs an investigation
        case.action_start_investigation()
        case.action_conclude()
        case.action_close()
        self.assertEqual(case.state, "closed")
        self.assertTrue(case.closed_date)
        with self.assertRaises(UserError):
            case.action_close()

    def test_out_of_scope_is_concluded_without_investigation(self):
        case = self.case.with_user(self.handler)
        case.action_acknowledge()
        case.assessment = "<p>Bukan penyuapan: keluhan layanan.</p>"
        case.action_assess()
        case.conclusion = "out_of_scope"
        case.action_conclude()
        self.assertEqual(case.state, "concluded")

    def test_identity_only_for_the_assigned_handlers(self):
        case = self.case.with_user(self.handler)
        self.assertFalse(case.identity_visible)
        self.assertFalse(case.reporter_name, "nobody is assigned yet: nobody sees it")
        case.action_acknowledge()
        case.invalidate_recordset()
        self.assertEqual(case.reporter_name, "Ahmad Fauzi")
        self.assertEqual(case.reporter_contact, "0812-0000-0000")
        other = self.case.with_user(self.handler_2)
        self.assertFalse(other.identity_visible)
        self.assertEqual(
            other.read(["reporter_name", "reporter_contact"])[0],
            {"id": self.case.id, "reporter_name": False, "reporter_contact": False},
        )
        exported = other.export_data(["name", "reporter_name", "reporter_contact"])["datas"]
        self.assertEqual(exported[0][0], self.case.name)
        self.assertNotIn("Ahmad", str(exported))
        with self.assertRaises(AccessError):
            other.write({"reporter_name": "Someone else"})
        with self.assertRaises(AccessError):
            other.write({"handler_ids": [Command.link(self.handler_2.id)]})
        # The assigned handler adds a colleague, who then sees the identity.
        case.write({"handler_ids": [Command.link(self.handler_2.id)]})
        other.invalidate_recordset()
        self.assertEqual(other.reporter_name, "Ahmad Fauzi")
        # The identity is not on the case's table, nor searchable.
        self.env.flush_all()
        self.env.cr.execute("SELECT * FROM iso_concern WHERE id = %s", [self.case.id])
        self.assertNotIn("Ahmad Fauzi", str(self.env.cr.fetchall()))
        for fname in ("reporter_name", "reporter_contact"):
            with self.assertRaises(UserError):
                case.search([(fname, "ilike", "a")])
        with self.assertRaises(AccessError):
            self.env["iso.concern.identity"].with_user(self.handler).search([])

    def test_only_handlers_are_assigned_followed_and_given_activities(self):
        case = self.case.with_user(self.handler)
        case.action_acknowledge()
        with self.assertRaises(ValidationError):
            case.write({"handler_ids": [Command.link(self.mentor.id)]})
        with self.assertRaises(ValidationError):
            case.write({"investigator_ids": [Command.link(self.manager.id)]})
        with self.assertRaises(AccessError):
            case.message_subscribe(partner_ids=self.officer_a.partner_id.ids)
        with self.assertRaises(ValidationError):
            self.env["mail.followers"].sudo().create(
                {
                    "res_model": "iso.concern",
                    "res_id": self.case.id,
                    "partner_id": self.manager.partner_id.id,
                }
            )
        with self.assertRaises(UserError):  # refused as follower or as assignee
            case.activity_schedule("mail.mail_activity_data_todo", user_id=self.officer_a.id)
        with self.assertRaises(AccessError):
            case.message_post(body="Mohon cek", partner_ids=self.mentor.partner_id.ids)
        case.activity_schedule("mail.mail_activity_data_todo", user_id=self.handler_2.id)
        self.assertEqual(case.activity_ids.user_id, self.handler_2)

    def test_cases_are_never_deleted(self):
        with self.assertRaises(AccessError):
            self.case.with_user(self.handler).unlink()
        with self.assertRaises(UserError):
            self.case.unlink()

    def test_code_and_secret(self):
        self.assertNotIn(self.secret, self.case.sudo().secret_hash)
        self.assertTrue(self.case.sudo().secret_hash.startswith("pbkdf2_sha256$"))
        self.assertEqual(self.Concern._find_by_code(self.case.name, self.secret), self.case)
        # Typed loosely: lower case, spaces, without dashes.
        loose_code = " " + self.case.name.lower().replace("-", " ") + " "
        self.assertEqual(
            self.Concern._find_by_code(loose_code, self.secret.lower().replace("-", "")),
            self.case,
        )
        self.assertFalse(self.Concern._find_by_code(self.case.name, "AAAAA-BBBBB-CCCCC-DDDDD"))
        self.assertFalse(self.Concern._find_by_code("WBS-ZZZZZZZZ", self.secret))
        self.assertFalse(self.Concern._find_by_code("", ""))
        self.assertFalse(self.Concern._find_by_code(self.case.name, ""))
        # A case registered by a handler (a letter) has no secret: no code opens it.
        letter = self.Concern.with_user(self.handler).create(
            {"agency_id": self.agency_b.id, "description": "Surat kaleng tentang pungutan."}
        )
        self.assertEqual(letter.channel, "letter")
        self.assertFalse(self.Concern._find_by_code(letter.name, ""))

    def test_messages_with_the_reporter(self):
        case = self.case.with_user(self.handler)
        case.message_post(body="Catatan internal: saksi kunci adalah petugas loket 2.")
        case.reporter_question = "Kapan tepatnya kejadian itu?"
        case.action_send_to_reporter()
        self.assertFalse(case.reporter_question)
        self.case._post_reporter_answer("Tanggal 3 Maret, pukul 10 pagi.")
        exchange = self.case._reporter_messages()
        self.assertEqual(len(exchange), 2, "the internal note is not part of the exchange")
        self.assertIn("Kapan tepatnya", exchange[0].body)
        self.assertIn("Tanggal 3 Maret", exchange[1].body)
        self.assertEqual(
            exchange[1].author_id, self.env.ref("iso_compliance_concern.partner_reporter")
        )
        self.assertEqual(exchange[1].author_id.name, "Pelapor", 'not "Public user"')
        self.assertNotIn("Catatan internal", " ".join(exchange.mapped("body")))
        with self.assertRaises(UserError):
            case.action_send_to_reporter()  # nothing written

    def test_reads_are_logged_once_per_half_hour(self):
        Log = self.env["iso.concern.access.log"]
        case = self.case.with_user(self.handler)
        with freeze_time("2026-03-02 03:00:00"):
            case.read(["name", "state"])
            self.assertFalse(Log.search([]), "the list's columns are not the case's content")
            case.web_read({"description": {}, "persons_involved": {}})
            case.invalidate_recordset()
            case.read(["description"])
        with freeze_time("2026-03-02 03:29:00"):
            case.read(["description"])
        with freeze_time("2026-03-02 03:31:00"):
            case.search_read([("id", "=", case.id)], ["description"])
        with freeze_time("2026-03-02 04:00:00"):
            self.case.with_user(self.handler_2).read(["description"])
            self.case.read(["description"])  # the superuser is not a reader
        logs = Log.search([], order="date, id")
        self.assertEqual(
            [(log.user_id, log.date) for log in logs],
            [
                (self.handler, datetime(2026, 3, 2, 3, 0)),
                (self.handler, datetime(2026, 3, 2, 3, 31)),
                (self.handler_2, datetime(2026, 3, 2, 4, 0)),
            ],
        )
        self.assertEqual(case.access_log_ids, logs)
        with self.assertRaises(AccessError):
            Log.with_user(self.handler).browse(logs[0].id).write({"user_id": self.handler_2.id})
        with self.assertRaises(AccessError):
            Log.with_user(self.handler).browse(logs[0].id).unlink()


@tagged("post_install", "-at_install")
class TestConcernCron(IsoConcernCase):
    """The real scheduled action under frozen time. Serang is UTC+7; acknowledgement within
    3 days and assessment within 14 days of the day received (the shipped settings)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cron = cls.env.ref("iso_compliance_concern.ir_cron_concern_deadlines")
        # Received on Monday 2 March 2026 at 09:00 WIB (02:00 UTC): acknowledge by Thursday
        # 5 March, assess by Monday 16 March.
        with freeze_time("2026-03-02 02:00:00"):
            cls.case, _secret = cls.report()
        if "bribery_risk_id" in cls.Concern._fields:  # the bridge: 2026's working days
            cls.env.company.resource_calendar_id._iso_load_public_holidays([2026])

    def run_cron(self, moment):
        with freeze_time(moment):
            self.cron.method_direct_trigger()
        self.env.invalidate_all()

    def escalations(self):
        return self.env["mail.activity"].search(
            [("res_model", "=", "iso.concern"), ("res_id", "=", self.case.id)]
        )

    def test_cron_record_calls_the_job(self):
        self.assertEqual(self.cron.code.strip(), "model._cron_concern_deadlines()")
        self.assertEqual((self.cron.interval_number, self.cron.interval_type), (1, "days"))

    def test_each_step_escalates_once(self):
        # 3 days from Monday 2 March: Thursday 5 March, in calendar or working days.
        self.assertEqual(str(self.case.ack_deadline), "2026-03-05")
        # 14 days: Monday 16 March in calendar days. In working days, when the anti-bribery
        # registers (and their bridge) give the channel the regency's working calendar with
        # the 2026 joint decree: 3-6 Mar (4), 9-13 (9), 16, 17 (11), 18-24 off, 25-27 Mar (14).
        working_days = "bribery_risk_id" in self.case._fields
        assess = "2026-03-27" if working_days else "2026-03-16"
        self.assertEqual(str(self.case.assess_deadline), assess)
        # Thursday 5 March, 23:30 WIB: still the last day.
        self.run_cron("2026-03-05 16:30:00")
        self.assertFalse(self.escalations())
        # Friday 6 March, 00:30 WIB: overdue, both handlers (none assigned) are told.
        self.run_cron("2026-03-05 17:30:00")
        self.run_cron("2026-03-06 02:00:00")
        self.run_cron("2026-03-07 02:00:00")
        activities = self.escalations()
        self.assertEqual(activities.user_id, self.handler | self.handler_2)
        self.assertEqual(len(activities), 2, "once per step, however often the job runs")
        self.assertTrue(self.case.ack_escalated)
        self.assertFalse(self.case.assess_escalated)
        notes = self.case.message_ids.filtered(lambda m: "acknowledg" in (m.body or ""))
        self.assertEqual(len(notes), 1)
        # Acknowledged late by one handler, who alone is told about the assessment.
        self.case.with_user(self.handler).action_acknowledge()
        self.run_cron(f"{assess} 02:00:00")
        self.assertEqual(len(self.escalations()), 2, "the last day")
        self.run_cron(f"{assess} 17:30:00")  # the next day, 00:30 WIB
        self.run_cron(f"{assess} 20:00:00")
        self.assertEqual(len(self.escalations()), 3)
        self.assertEqual((self.escalations() - activities).user_id, self.handler)
        self.assertTrue(self.case.assess_escalated)

    def test_a_case_handled_in_time_is_not_escalated(self):
        case = self.case.with_user(self.handler)
        with freeze_time("2026-03-04 02:00:00"):
            case.action_acknowledge()
            case.assessment = "<p>Perlu investigasi.</p>"
            case.action_assess()
        self.run_cron("2026-03-20 02:00:00")
        self.assertFalse(self.escalations())

    def test_deadlines_come_from_the_settings(self):
        self.env["iso.compliance.settings"].create(
            {"iso_concern_ack_days": 1, "iso_concern_assess_days": 2}
        ).execute()
        self.run_cron("2026-03-03 17:30:00")  # Wednesday 4 March, 00:30 WIB
        self.assertTrue(self.case.ack_escalated)
        self.assertFalse(self.case.assess_escalated)
        self.run_cron("2026-03-04 17:30:00")  # Thursday 5 March, 00:30 WIB
        self.assertTrue(self.case.assess_escalated)

    def test_identity_erased_after_the_retention_period(self):
        case = self.case.with_user(self.handler)
        with freeze_time("2026-03-03 02:00:00"):
            case.action_acknowledge()
            case.assessment = "<p>Bukan penyuapan.</p>"
            case.action_assess()
            case.conclusion = "out_of_scope"
            case.action_conclude()
            case.action_close()
        Identity = self.env["iso.concern.identity"]
        self.run_cron("2031-03-02 02:00:00")  # 5 years on: the day before the end
        self.assertTrue(Identity.search([("concern_id", "=", self.case.id)]))
        self.run_cron("2031-03-04 02:00:00")
        self.assertFalse(Identity.search([("concern_id", "=", self.case.id)]))
        self.assertTrue(self.case.identity_erased)
        self.assertTrue(self.case.exists(), "the case itself stays")


# What a concern handler writes on a case, written here as well as in the model
# (HANDLER_FIELDS): every other field, the mail mixins' and Odoo's too, is refused.
HANDLER_WRITABLE = {
    "channel",
    "received_date",
    "agency_id",
    "description",
    "incident_period",
    "persons_involved",
    "reporter_name",
    "reporter_contact",
    "handler_ids",
    "investigator_ids",
    "assessment",
    "investigation_plan",
    "investigation_notes",
    "conclusion",
    "conclusion_note",
    "action_disciplinary",
    "action_control_change",
    "action_reported",
    "reported_to",
    "action_note",
    "finding_id",
    "reporter_question",
}


@tagged("post_install", "-at_install")
class TestConcernFieldAccess(AccessCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.handler = new_test_user(cls.env, login="handler", groups=HANDLER, name="Handler")
        cls.handler_2 = new_test_user(cls.env, login="handler_2", groups=HANDLER, name="Two")
        cls.case, _secret = cls.env["iso.concern"]._create_from_web(
            {"agency_id": cls.agency_a.id, "description": "Pungutan liar di loket pelayanan."},
            {"name": "Ahmad Fauzi", "contact": "0812-0000-0000"},
            [],
        )
        cls.case.with_user(cls.handler).action_acknowledge()

    def new_value(self, record, fname):
        special = {
            "agency_id": self.agency_b.id,
            "handler_ids": [Command.link(self.handler_2.id)],
            "investigator_ids": [Command.link(self.handler_2.id)],
            "finding_id": self.finding.id,
        }
        if record._name == "iso.concern" and fname in special:
            return special[fname]
        return super().new_value(record, fname)

    def test_the_handler_writes_exactly_the_listed_fields(self):
        """Every field of the case the channel declares; the fields other addons add to the
        case (the bridge with the registers: the related bribery risk) are their tests'."""
        self.assertEqual(set(HANDLER_FIELDS), HANDLER_WRITABLE)
        record = self.case
        added = {
            fname
            for fname, field in record._fields.items()
            if field._module and field._module.startswith("iso_compliance_concern_")
        }
        for fname in sorted(set(record._fields) - added):
            field = record._fields[fname]
            seen_as = (
                record.with_user(self.handler)
                if field.compute and not field.store and not field.inverse
                else record
            )
            value = self.new_value(seen_as, fname)
            with self.subTest(field=fname):
                if fname in HANDLER_WRITABLE:
                    scalar = field.type not in ("one2many", "many2many")
                    before = record.with_user(self.handler)[fname] if scalar else None
                    with self.rolled_back():
                        record.with_user(self.handler).write({fname: value})
                        if scalar:
                            self.assertNotEqual(record.with_user(self.handler)[fname], before)
                else:
                    with self.assertRaises(AccessError):
                        record.with_user(self.handler).write({fname: value})

    def test_the_programme_roles_write_nothing(self):
        for user in (self.officer_a, self.mentor, self.manager):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.case.with_user(user).write({"description": "Diubah."})


@tagged("post_install", "-at_install")
class TestConcernEvidenceFrozen(IsoConcernCase):
    """Issue 19, item 6 (files): nobody rewrites the evidence of a case, through
    ``ir.attachment`` either: not an unassigned handler, not the assigned one, not an
    administrator who made himself a handler."""

    def test_evidence_is_never_replaced_or_deleted(self):
        case, _secret = self.Concern._create_from_web(
            {"agency_id": self.agency_a.id, "description": "Pungutan di loket."},
            {"name": "", "contact": ""},
            [("bukti.jpg", b"\xff\xd8\xff original photo", "image/jpeg")],
        )
        case.write({"handler_ids": [Command.link(self.handler.id)]})
        other_case, _secret = self.report()
        admin = new_test_user(
            self.env, login="wbs_admin", groups=f"base.group_system,{HANDLER}", name="Admin"
        )
        evidence = case.attachment_ids
        self.assertEqual(len(evidence), 1)
        for user in (self.handler, self.handler_2, admin):
            with self.subTest(user=user.login):
                mine = evidence.with_user(user)
                self.assertEqual(mine.raw, b"\xff\xd8\xff original photo", "readable")
                with self.assertRaisesRegex(AccessError, "can no longer change"):
                    mine.write({"raw": b"forged"})
                with self.assertRaisesRegex(AccessError, "can no longer change"):
                    mine.write({"res_id": other_case.id})
                with self.assertRaisesRegex(AccessError, "can no longer change"):
                    mine.unlink()
        self.env.invalidate_all()
        self.assertEqual(case.attachment_ids, evidence)
        self.assertEqual(evidence.raw, b"\xff\xd8\xff original photo")
        # A handler still adds a file of her own to the case.
        added = (
            self.env["ir.attachment"]
            .with_user(self.handler)
            .create(
                {
                    "name": "notulen.pdf",
                    "raw": b"%PDF-1.4 notes",
                    "res_model": "iso.concern",
                    "res_id": case.id,
                }
            )
        )
        self.assertEqual(case.attachment_ids, evidence | added)
