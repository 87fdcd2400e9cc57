"""The side doors to a case (issue #19): Odoo's shared mail tables, followers whose rights
changed, the existence oracle, content read without a log line, rewriting what must stay,
and the web client's own routes; acting as the users who would try them."""

from odoo import Command
from odoo.addons.iso_compliance.tests.common import IsoHttpCase
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.tests import new_test_user, tagged

from .test_iso_concern import HANDLER, IsoConcernCase

ANSWER = "Kejadiannya tanggal 3 Maret di loket dua."


@tagged("post_install", "-at_install")
class TestConcernSideDoors(IsoConcernCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False))
        cls.Concern = cls.env["iso.concern"]
        cls.group = cls.env.ref(HANDLER)
        cls.officer_handler = new_test_user(
            cls.env,
            login="officer_handler",
            groups=f"iso_compliance.group_iso_compliance_officer,{HANDLER}",
            name="Officer and Handler",
            notification_type="email",
            email="officer.handler@example.com",
        )
        cls.agency_b.officer_ids = [Command.link(cls.officer_handler.id)]
        cls.employee = new_test_user(cls.env, login="employee", groups="base.group_user")
        cls.administrator = new_test_user(
            cls.env,
            login="side_admin",
            groups="iso_compliance.group_iso_compliance_manager,base.group_system",
            name="Pak Admin",
        )
        (cls.handler | cls.handler_2).write(
            {"notification_type": "email", "email": "handler@example.com"}
        )

    def report(self, agency=None):
        case, _secret = self.Concern._create_from_web(
            {
                "agency_id": (agency or self.agency_a).id,
                "description": "Petugas loket meminta uang agar KTP-el selesai hari itu.",
            },
            {"name": "Ahmad Fauzi", "contact": "ahmad@example.com"},
            [("bukti.pdf", b"%PDF-1.4\n% bukti\n", "application/pdf")],
        )
        # The public page's transaction ends; the web client loads the case afresh.
        self.flush_tracking()
        return self.Concern.browse(case.id)

    def flush_tracking(self):
        """Odoo writes tracked changes when the transaction commits."""
        self.env.flush_all()
        self.env.cr.precommit.run()

    def reaches(self, user, message):
        """Whether `message` notified `user` or queued a mail to her."""
        notified = (
            self.env["mail.notification"]
            .sudo()
            .search(
                [("mail_message_id", "=", message.id), ("res_partner_id", "=", user.partner_id.id)]
            )
        )
        mailed = (
            self.env["mail.mail"]
            .sudo()
            .search(
                [("mail_message_id", "=", message.id), ("recipient_ids", "in", user.partner_id.ids)]
            )
        )
        return bool(notified or mailed)

    def reads_any_message(self, user, case):
        env = self.env(user=user)
        messages = env["mail.message"].search(
            [("model", "=", "iso.concern"), ("res_id", "=", case.id)]
        )
        notifications = env["mail.notification"].search(
            [("mail_message_id", "in", case.sudo().message_ids.ids)]
        )
        return bool(messages or notifications)

    # ------------------------------------------------------------------ 1. notifications

    def test_no_employee_reads_the_notifications_of_cases(self):
        case = self.report()
        case._post_reporter_answer(ANSWER)
        messages = case.sudo().message_ids
        self.assertTrue(
            self.env["mail.notification"].sudo().search([("mail_message_id", "in", messages.ids)])
        )
        for user in (self.employee, self.officer_a, self.manager, self.administrator):
            with self.subTest(user=user.login):
                Notification = self.env["mail.notification"].with_user(user)
                groups = Notification.read_group([], ["mail_message_id"], ["mail_message_id"])
                seen = {g["mail_message_id"][0] for g in groups if g["mail_message_id"]}
                self.assertFalse(seen & set(messages.ids))
                self.assertFalse(Notification.search([("mail_message_id", "in", messages.ids)]))
                self.assertFalse(
                    Notification.search_read([("mail_message_id.model", "=", "iso.concern")])
                )

    # ------------------------------------------------------------------ 2. followers

    def test_a_correction_to_her_agency_unfollows_her(self):
        case = self.report()
        self.assertIn(self.officer_handler.partner_id, case.message_partner_ids)
        self.assertTrue(self.reads_any_message(self.officer_handler, case))
        case.with_user(self.handler).action_acknowledge()
        case.with_user(self.handler).write({"agency_id": self.agency_b.id})
        self.assertNotIn(self.officer_handler.partner_id, case.message_partner_ids)
        answer = case._post_reporter_answer(ANSWER)
        self.assertTrue(self.reaches(self.handler, answer))
        self.assertFalse(self.reaches(self.officer_handler, answer))
        self.assertFalse(self.reads_any_message(self.officer_handler, case))

    def test_a_handler_removed_from_the_group_stops_following_and_reading(self):
        for how in ("user", "group"):
            with self.subTest(how=how):
                former = new_test_user(
                    self.env,
                    login=f"former_{how}",
                    groups=HANDLER,
                    notification_type="email",
                    email=f"former.{how}@example.com",
                )
                case = self.report()
                self.assertIn(former.partner_id, case.message_partner_ids)
                self.assertTrue(self.reads_any_message(former, case))
                if how == "user":
                    former.write({"groups_id": [Command.unlink(self.group.id)]})
                else:
                    self.group.write({"users": [Command.unlink(former.id)]})
                self.assertNotIn(former.partner_id, case.message_partner_ids)
                answer = case._post_reporter_answer(ANSWER)
                self.assertFalse(self.reaches(former, answer))
                # Not even the messages she was notified of before.
                self.assertFalse(self.reads_any_message(former, case))

    def test_roles_given_on_the_agency_unfollow_too(self):
        case = self.report()
        self.assertIn(self.handler_2.partner_id, case.message_partner_ids)
        self.agency_a.officer_ids = [Command.link(self.handler_2.id)]
        self.assertNotIn(self.handler_2.partner_id, case.message_partner_ids)
        self.assertIn(self.handler.partner_id, case.message_partner_ids)

    # ------------------------------------------------------------------ 3. officer-handler

    def test_a_handler_officer_sees_nothing_of_a_case_about_her_agency(self):
        case = self.report(self.agency_b)
        case.with_user(self.handler).read(["description"])  # a log line, a follower
        self.assertTrue(case.sudo().access_log_ids)
        env = self.env(user=self.officer_handler)
        self.assertFalse(
            env["mail.followers"].search(
                [("res_model", "=", "iso.concern"), ("res_id", "=", case.id)]
            )
        )
        self.assertFalse(env["iso.concern.access.log"].search([("concern_id", "=", case.id)]))
        with self.assertRaises(UserError):
            env["iso.concern.access.log"].browse(case.sudo().access_log_ids.ids).read(["user_id"])

    def test_a_case_about_her_agency_looks_like_a_missing_id(self):
        case = self.report(self.agency_b)
        missing = self.Concern.browse(
            self.Concern.sudo().search([], order="id desc", limit=1).id + 99
        )
        # In debug mode (technical features) too: no case named, no rule quoted.
        self.officer_handler.groups_id = [Command.link(self.env.ref("base.group_no_one").id)]
        Concern = self.Concern.with_user(self.officer_handler)
        self.assertEqual(Concern.browse(case.id).read(["name"]), [])
        self.assertEqual(Concern.browse(missing.id).read(["name"]), [])
        self.assertFalse(Concern.search([("id", "in", [case.id, missing.id])]))
        answers = []
        for target in (case, missing):
            with self.assertRaises(MissingError) as caught:
                Concern.browse(target.id).write({"persons_involved": "x"})
            text = str(caught.exception)
            self.assertNotIn(case.name, text)
            self.assertNotIn("rule", text.lower())
            answers.append(text.split("\n")[0])
        self.assertEqual(answers[0], answers[1])

    # ------------------------------------------------------------------ 4. administrator

    def test_the_administrator_reads_no_mail_of_a_case(self):
        case = self.report()
        case.with_user(self.handler).action_acknowledge()
        self.flush_tracking()
        # Queued, as when the mail server is slow, rather than sent at once.
        case.with_context(mail_notify_force_send=False)._post_reporter_answer(ANSWER)
        mails = (
            self.env["mail.mail"]
            .sudo()
            .search([("model", "=", "iso.concern"), ("res_id", "=", case.id)])
        )
        self.assertTrue(mails.filtered(lambda m: ANSWER in (m.body_html or "")))
        Mail = self.env["mail.mail"].with_user(self.administrator)
        self.assertFalse(Mail.search([("id", "in", mails.ids)]))
        self.assertFalse(Mail.search_read([("body_html", "ilike", "loket dua")], ["body_html"]))
        with self.assertRaises(UserError):
            Mail.browse(mails[:1].id).read(["body_html"])
        # The tracked changes (state, handlers) neither.
        tracked = (
            self.env["mail.tracking.value"]
            .sudo()
            .search(
                [
                    ("mail_message_id.model", "=", "iso.concern"),
                    ("mail_message_id.res_id", "=", case.id),
                ]
            )
        )
        self.assertTrue(tracked)
        Tracking = self.env["mail.tracking.value"].with_user(self.administrator)
        self.assertFalse(Tracking.search([("id", "in", tracked.ids)]))
        # A mail that cannot be sent keeps no copy of the answer.
        mails._postprocess_sent_message(success_pids=[], failure_type="mail_smtp")
        for mail in mails.exists():
            self.assertNotIn("loket dua", mail.body_html or "")
        # Erasing the identity clears the queue.
        case._erase_identity()
        self.assertFalse(mails.exists())

    # ------------------------------------------------------------------ 5. reading unlogged

    def test_content_is_not_read_without_a_log_line(self):
        case = self.report()
        Concern = self.Concern.with_user(self.handler_2)
        for groupby, aggregates in (
            (["description"], ["__count"]),
            (["state"], ["description:count_distinct"]),
            (["persons_involved"], ["__count"]),
        ):
            with self.subTest(groupby=groupby, aggregates=aggregates), self.assertRaises(UserError):
                Concern.read_group([], aggregates, groupby)
        self.assertTrue(Concern.read_group([], ["state"], ["state"]))

        def logged():
            return case.sudo().access_log_ids.filtered(lambda log: log.user_id == self.handler_2)

        reads = {
            "copy_data": lambda: case.with_user(self.handler_2).copy_data(),
            "mail.message search_read": lambda: (
                self.env["mail.message"]
                .with_user(self.handler_2)
                .search_read([("model", "=", "iso.concern"), ("res_id", "=", case.id)], ["body"])
            ),
        }
        for name, read in reads.items():
            with self.subTest(read=name):
                logged().sudo().unlink()
                read()
                self.assertTrue(logged(), name)

    # ------------------------------------------------------------------ 6. rewriting

    def test_nobody_rewrites_the_reporter_messages(self):
        case = self.report()
        case.with_user(self.handler).action_acknowledge()
        answer = case._post_reporter_answer(ANSWER)
        for user in (self.handler, self.handler_2):
            with self.subTest(user=user.login):
                message = answer.with_user(user)
                self.assertTrue(message.read(["body"]))
                with self.assertRaises(AccessError):
                    message.write({"body": "Diganti."})
                with self.assertRaises(AccessError):
                    message.unlink()
        self.assertIn("loket dua", answer.body)
        # Her own note, a handler still corrects.
        note = case.with_user(self.handler).message_post(body="Catatan.", message_type="comment")
        note.with_user(self.handler).write({"body": "Catatan yang dibetulkan."})

    def test_the_outcome_is_not_rewritten(self):
        case = self.report().with_user(self.handler)
        case.action_acknowledge()
        case.assessment = "<p>Tidak dalam lingkup sistem manajemen anti penyuapan.</p>"
        case.action_assess()
        case.conclusion = "out_of_scope"
        case.action_conclude()
        with self.assertRaises(UserError):
            case.conclusion = "unsubstantiated"
        with self.assertRaises(UserError):
            case.conclusion_note = "<p>Ditulis ulang.</p>"
        case.description = "Masih boleh dilengkapi sebelum ditutup."
        case.action_close()
        for fname, value in (
            ("description", "Ditulis ulang."),
            ("received_date", "2020-01-01 00:00:00"),
        ):
            with self.subTest(field=fname), self.assertRaises(UserError):
                case.write({fname: value})
        self.assertEqual(case.conclusion, "out_of_scope")
        # The same value, as the web client sends it back, is no change.
        case.write({"description": case.description})

    def test_taking_a_case_is_acknowledging_it_and_recorded(self):
        case = self.report().with_user(self.handler)
        with self.assertRaises(UserError):
            case.write({"handler_ids": [Command.link(self.handler.id)]})
        self.assertFalse(case.handler_ids)
        self.assertFalse(case.reporter_name)
        case.action_acknowledge()
        self.assertEqual(case.handler_ids, self.handler)
        self.assertEqual(case.reporter_name, "Ahmad Fauzi")
        self.flush_tracking()
        tracked = case.sudo().message_ids.tracking_value_ids.field_id.mapped("name")
        self.assertIn("handler_ids", tracked)
        self.assertIn("state", tracked)

    def test_an_administrator_becoming_handler_leaves_a_trace(self):
        case = self.report()
        self.administrator.write({"groups_id": [Command.link(self.group.id)]})
        notes = case.sudo().message_ids.filtered(lambda m: "Pak Admin" in (m.body or ""))
        self.assertEqual(len(notes), 1)
        self.assertIn("concern handler", notes.body)
        other = new_test_user(self.env, login="through_group", name="Bu Lain")
        self.group.write({"users": [Command.link(other.id)]})
        self.assertTrue(case.sudo().message_ids.filtered(lambda m: "Bu Lain" in (m.body or "")))
        # A user created a handler at once leaves the same trace, and reads the cases'
        # notifications in Odoo (no mail server needed).
        created = new_test_user(self.env, login="born_handler", name="Bu Baru", groups=HANDLER)
        self.assertTrue(case.sudo().message_ids.filtered(lambda m: "Bu Baru" in (m.body or "")))
        self.assertEqual(created.notification_type, "inbox")
        self.assertEqual(other.notification_type, "inbox", "a user who joins the channel too")


@tagged("post_install", "-at_install")
class TestConcernSideDoorRoutes(IsoHttpCase):
    """The web client's own routes read a case too: each read is logged."""

    def test_thread_messages_and_evidence_downloads_are_logged(self):
        handler = self.users["handler"]
        case, _secret = self.env["iso.concern"]._create_from_web(
            {"agency_id": self.agency_not_started.id, "description": ANSWER * 2},
            {},
            [("bukti.pdf", b"%PDF-1.4\n% bukti\n", "application/pdf")],
        )
        Log = self.env["iso.concern.access.log"].sudo()
        self.authenticate(handler.login, handler.login)
        routes = {
            "/mail/thread/messages": lambda: self.make_jsonrpc_request(
                "/mail/thread/messages", {"thread_model": "iso.concern", "thread_id": case.id}
            ),
            "/web/content": lambda: self.url_open(
                f"/web/content/{case.attachment_ids.id}?download=true"
            ),
        }
        for route, call in routes.items():
            with self.subTest(route=route):
                Log.search([("concern_id", "=", case.id)]).unlink()
                call()
                self.assertEqual(Log.search([("concern_id", "=", case.id)]).user_id, handler)
        # An outsider's call reads nothing and is refused.
        self.authenticate(self.login_as("administrator"), self.login_as("administrator"))
        result = self.make_jsonrpc_request(
            "/mail/thread/messages", {"thread_model": "iso.concern", "thread_id": case.id}
        )
        self.assertFalse(result.get("messages"))
        self.assertNotIn(b"bukti", self.url_open(f"/web/content/{case.attachment_ids.id}").content)
