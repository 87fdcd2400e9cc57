"""The public whistleblowing pages, as an anonymous visitor (and an attacker) meets them:
/lapor to report, /lapor/status to follow a case, in Indonesian unless asked otherwise."""

import io
import re
import secrets
import time
import zipfile
from datetime import datetime, timedelta
from unittest.mock import patch

from odoo.addons.base.models.ir_mail_server import IrMailServer
from odoo.addons.iso_compliance.tests.common import IsoHttpCase
from odoo.tests import tagged
from odoo.tools import mute_logger
from odoo.tools.misc import hmac

from ..controllers import concern as concern_controller
from ..models.iso_concern import IsoConcern

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
ERRORS = re.compile(r'<div class="alert alert-danger o_concern_errors"[^>]*>(.*?)</div>', re.S)
CODE = re.compile(r'class="o_concern_code">([^<]+)<')
SECRET = re.compile(r'class="o_concern_secret">([^<]+)<')
DESCRIPTION = "Petugas loket meminta uang Rp200.000 agar KTP-el selesai hari itu juga."
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def docx():
    content = io.BytesIO()
    with zipfile.ZipFile(content, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return content.getvalue()


@tagged("post_install", "-at_install")
class TestConcernPublicPage(IsoHttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Concern = cls.env["iso.concern"]

    # ------------------------------------------------------------------ helpers

    def csrf(self, url="/lapor"):
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        return CSRF.search(response.text).group(1)

    def aged_token(self, seconds=10):
        """A form token as the page gives it, `seconds` ago (a person filled the form)."""
        signed = f"{int(time.time()) - seconds}.{secrets.token_hex(8)}"
        return f"{signed}.{hmac(self.env(su=True), 'iso_concern_form', signed)}"

    def submit(self, files=None, **data):
        payload = {
            "csrf_token": self.csrf(),
            "form_token": self.aged_token(),
            "agency_id": str(self.agency.id),
            "description": DESCRIPTION,
            **data,
        }
        return self.url_open("/lapor/kirim", data=payload, files=files)

    def errors(self, response):
        found = ERRORS.search(response.text)
        return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", found.group(1))).strip() if found else ""

    def stored(self):
        """What the page stored: cases and their attachments."""
        return (
            self.Concern.search_count([]),
            self.env["ir.attachment"].search_count([("res_model", "=", "iso.concern")]),
        )

    @staticmethod
    def mail_server(fails):
        """A stand-in for the mail server's send_email, and the messages it was given."""
        sent = []

        def send_email(server, message, *args, **kwargs):
            if fails:
                raise ConnectionRefusedError("SMTP server down")
            sent.append(message)
            return message["Message-Id"]

        return sent, send_email

    def set_param(self, key, value):
        self.env["ir.config_parameter"].sudo().set_param(f"iso_compliance.{key}", value)

    def look_up(self, code, secret, url="/lapor/status", **data):
        return self.url_open(
            url,
            data={"csrf_token": self.csrf("/lapor/status"), "code": code, "secret": secret, **data},
        )

    # ------------------------------------------------------------------ the form

    def test_form_in_indonesian_with_the_agency_fixed_by_the_link(self):
        # The link the agency's form gives to publish.
        link = self.agency.concern_url
        self.assertTrue(link.endswith("/lapor?agency=DISDUKCAPIL"), link)
        response = self.url_open(link[link.index("/lapor") :])
        self.assertIn(f'name="agency_id" value="{self.agency.id}"', response.text)
        # Typed by hand, the code's case does not matter.
        response = self.url_open("/lapor?agency=disdukcapil")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Cache-Control"], "no-store")
        self.assertEqual(response.headers["X-Frame-Options"], "DENY")
        self.assertIn("Kirim laporan", response.text)
        self.assertIn(f'name="agency_id" value="{self.agency.id}"', response.text)
        self.assertNotIn("<select", response.text, "the link fixed the agency")
        # Without the link, the reporter chooses among the agencies; English on request.
        response = self.url_open("/lapor?lang=en")
        self.assertIn("Send the report", response.text)
        self.assertIn("<select", response.text)
        self.assertIn("Dinas Sosial", response.text)
        # An unknown code in a link is not an error: the agency is chosen on the form.
        response = self.url_open("/lapor?agency=NOPE")
        self.assertEqual(response.status_code, 200)
        self.assertIn("<select", response.text)

    def test_report_with_evidence_gives_a_code_and_secret_once(self):
        response = self.submit(
            files=[
                ("evidence", ("kuitansi.pdf", PDF, "application/pdf")),
                ("evidence", ("foto loket.png", PNG, "image/png")),
                ("evidence", ("kronologi.docx", docx(), "application/octet-stream")),
            ],
            incident_period="Awal Maret 2026",
            persons_involved="Petugas loket 3",
            reporter_name="Ahmad Fauzi",
            reporter_contact="0812-0000-0000",
        )
        self.assertEqual(response.status_code, 200, self.errors(response))
        self.assertEqual(response.headers["Cache-Control"], "no-store")
        code, secret = CODE.search(response.text).group(1), SECRET.search(response.text).group(1)
        case = self.Concern.search([("name", "=", code)])
        self.assertEqual(len(case), 1)
        self.assertEqual(
            (case.channel, case.state, case.agency_id), ("web", "received", self.agency)
        )
        self.assertEqual(case.description, DESCRIPTION)
        self.assertEqual(case.persons_involved, "Petugas loket 3")
        attachments = case.attachment_ids
        self.assertEqual(
            sorted(attachments.mapped("mimetype")),
            [
                "application/pdf",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "image/png",
            ],
        )
        self.assertEqual(set(attachments.mapped("res_model")), {"iso.concern"})
        self.assertFalse(any(attachments.mapped("public")))
        identity = self.env["iso.concern.identity"].search([("concern_id", "=", case.id)])
        self.assertEqual((identity.name, identity.contact), ("Ahmad Fauzi", "0812-0000-0000"))
        # Only a hash of the secret is kept.
        self.env.flush_all()
        self.env.cr.execute("SELECT secret_hash FROM iso_concern WHERE id = %s", [case.id])
        (stored,) = self.env.cr.fetchone()
        self.assertNotIn(secret.replace("-", ""), stored)
        self.assertNotIn(secret, stored)
        # The code and secret open the case.
        response = self.look_up(code, secret)
        self.assertEqual(response.status_code, 200)
        self.assertIn("Diterima", response.text)
        self.assertIn(code, response.text)

    def test_code_emailed_only_when_asked_and_to_an_address(self):
        self.set_param("concern_submit_limit", "100")  # many tries from one address here
        Mail = self.env["mail.mail"].sudo()
        before = self.stored()
        # Asked, but the contact is a telephone number: refused, nothing stored.
        response = self.submit(email_code="1", reporter_contact="0812-0000-0000")
        self.assertEqual(response.status_code, 400)
        self.assertIn("alamat e-mail", self.errors(response))
        self.assertEqual(self.stored(), before)
        # An address, not asked: nothing is e-mailed.
        response = self.submit(reporter_contact="pelapor@example.com")
        self.assertEqual(response.status_code, 200, self.errors(response))
        self.assertFalse(Mail.search([("email_to", "=", "pelapor@example.com")]))
        self.assertNotIn("o_concern_emailed", response.text)
        # Asked, with an address: one message with the code and the secret, outside the case,
        # sent at once and kept nowhere: neither in the outgoing queue (the administrator
        # reads it) nor among the messages, even when it could not be sent.
        self.env.company.email = "pengaduan@serangkab.go.id"
        for fails in (False, True):
            with self.subTest(fails=fails):
                sent, send_email = self.mail_server(fails)
                with (
                    patch.object(IrMailServer, "send_email", send_email),
                    patch.object(IrMailServer, "connect", lambda *args, **kwargs: None),
                    mute_logger("odoo.addons.mail.models.mail_mail"),
                ):
                    response = self.submit(
                        email_code="1", reporter_contact="Pelapor <pelapor@example.com>"
                    )
                self.assertEqual(response.status_code, 200, self.errors(response))
                code = CODE.search(response.text).group(1)
                secret = SECRET.search(response.text).group(1)
                self.assertIn("o_concern_emailed", response.text)
                if not fails:
                    self.assertEqual(len(sent), 1)
                    body = sent[0].get_body().get_content()
                    self.assertIn(code, body)
                    self.assertIn(secret, body)
                    self.assertIn("Kode pengaduan", body)
                    self.assertEqual(sent[0]["To"], "pelapor@example.com")
                self.assertFalse(Mail.search([("email_to", "ilike", "pelapor@example.com")]))
                self.assertFalse(
                    self.env["mail.message"].sudo().search([("body", "ilike", secret)])
                )

    def test_bad_uploads_are_refused_and_nothing_is_stored(self):
        self.set_param("concern_submit_limit", "100")  # many tries from one address here
        before = self.stored()
        big = b"%PDF-1.4\n" + b"0" * (5 * 1024 * 1024)
        part = b"%PDF-1.4\n" + b"0" * (4 * 1024 * 1024)
        cases = [
            (
                [("evidence", ("bukti.pdf", b"MZ\x90\x00program", "application/pdf"))],
                "bukan berkas",
            ),
            (
                [("evidence", ("foto.png", b"<html><script>alert(1)</script>", "image/png"))],
                "bukan berkas",
            ),
            ([("evidence", ("skrip.js", b"alert(1)", "text/javascript"))], "bukan berkas"),
            ([("evidence", ("besar.pdf", big, "application/pdf"))], "terlalu besar"),
            (
                [("evidence", (f"bukti{i}.pdf", PDF, "application/pdf")) for i in range(6)],
                "Paling banyak 5",
            ),
            (
                [("evidence", (f"bagian{i}.pdf", part, "application/pdf")) for i in range(5)],
                "20 MB",
            ),
        ]
        for files, message in cases:
            with self.subTest(file=files[0][1][0]):
                response = self.submit(files=files)
                self.assertEqual(response.status_code, 400)
                self.assertIn(message, self.errors(response))
                # What the reporter wrote is kept for the next try.
                self.assertIn(DESCRIPTION, response.text)
        self.assertEqual(self.stored(), before)

    def test_bots_and_forged_forms_are_refused(self):
        self.set_param("concern_submit_limit", "100")  # many tries from one address here
        before = self.stored()
        # The honeypot field people leave empty.
        response = self.submit(website_url="http://spam.example")
        self.assertEqual(response.status_code, 400)
        self.assertIn("terlalu cepat", self.errors(response))
        # Sent as soon as it was served (a bot does not read).
        response = self.url_open("/lapor")
        token = re.search(r'name="form_token" value="([^"]+)"', response.text).group(1)
        response = self.submit(form_token=token)
        self.assertEqual(response.status_code, 400)
        # A token not signed by the server, or too old.
        for token in (f"{int(time.time()) - 60}.forged", self.aged_token(5 * 3600), "x"):
            with self.subTest(token=token):
                self.assertEqual(self.submit(form_token=token).status_code, 400)
        # Without Odoo's CSRF token, nothing goes through.
        with mute_logger("odoo.http"):
            response = self.url_open(
                "/lapor/kirim",
                data={
                    "form_token": self.aged_token(),
                    "agency_id": str(self.agency.id),
                    "description": DESCRIPTION,
                },
            )
        self.assertEqual(response.status_code, 400)
        # No agency, or a description too short to act upon.
        response = self.submit(agency_id="999999", description="uang")
        self.assertEqual(response.status_code, 400)
        self.assertIn("Pilih instansi", self.errors(response))
        self.assertIn("paling sedikit 20 karakter", self.errors(response))
        self.assertEqual(self.stored(), before)

    def test_a_form_is_sent_once(self):
        """One form token, thirty submissions: the first is received, the others get the
        page's own refusal and store nothing."""
        self.set_param("concern_submit_limit", "100")  # many tries from one address here
        token = self.aged_token()
        self.assertEqual(self.submit(form_token=token).status_code, 200)
        before = self.stored()
        for _attempt in range(29):
            response = self.submit(form_token=token)
            self.assertEqual(response.status_code, 400)
            self.assertIn("terlalu cepat", self.errors(response))
        self.assertEqual(self.stored(), before)

    def test_every_refusal_is_the_channel_page(self):
        """Without Odoo's CSRF token, or larger than the route accepts: the channel's own
        page in Indonesian, with a fresh form, and nothing stored."""
        self.set_param("concern_submit_limit", "100")  # many tries from one address here
        before = self.stored()
        with mute_logger("odoo.http"):
            response = self.url_open(
                "/lapor/kirim",
                data={
                    "form_token": self.aged_token(),
                    "agency_id": str(self.agency.id),
                    "description": DESCRIPTION,
                },
            )
        self.assertEqual(response.status_code, 400)
        self.assertIn("terlalu cepat", self.errors(response))
        self.assertIn("Kirim laporan", response.text)
        self.assertNotIn("Bad Request", response.text)
        case, secret = self.Concern._create_from_web(
            {"agency_id": self.agency.id, "description": DESCRIPTION}, {}, []
        )
        before = self.stored()
        for url in ("/lapor/status", "/lapor/jawab"):
            with self.subTest(url=url), mute_logger("odoo.http"):
                response = self.url_open(
                    url, data={"code": case.name, "secret": secret, "answer": "Jawaban palsu."}
                )
                self.assertEqual(response.status_code, 400)
                self.assertIn("terlalu cepat", self.errors(response))
                self.assertNotIn(case.name, response.text.replace(f'value="{case.name}"', ""))
        self.assertFalse(case._reporter_messages())
        # Over the route's limit (lowered here to keep the test small).
        with patch.object(concern_controller, "MAX_REQUEST", 64 * 1024), mute_logger("odoo.http"):
            response = self.submit(
                files=[("evidence", ("besar.pdf", PDF + b"0" * 128 * 1024, "application/pdf"))]
            )
        self.assertEqual(response.status_code, 413)
        self.assertIn("20 MB", self.errors(response))
        self.assertIn("Kirim laporan", response.text)
        self.assertIn('name="form_token"', response.text)
        self.assertNotIn("Request Entity Too Large", response.text)
        self.assertEqual(self.stored(), before)
        # The route takes every file at its largest: the "20 MB in all" check is reached.
        self.assertGreater(
            concern_controller.MAX_REQUEST,
            concern_controller.MAX_FILES * concern_controller.MAX_FILE_MB * 1024 * 1024,
        )

    def test_a_flood_from_one_address_is_refused(self):
        self.set_param("concern_submit_limit", "2")
        self.assertEqual(self.submit().status_code, 200)
        self.assertEqual(self.submit().status_code, 200)
        before = self.stored()
        response = self.submit()
        self.assertEqual(response.status_code, 429)
        self.assertIn("Terlalu banyak laporan", self.errors(response))
        self.assertEqual(self.stored(), before)
        # The address is kept as a keyed hash only.
        counters = self.env["iso.concern.rate.limit"].sudo().search([("scope", "=", "submit")])
        self.assertEqual(counters.mapped("count"), [3])
        self.assertNotIn("127.0.0.1", counters.key)

    # ------------------------------------------------------------------ following a case

    def test_wrong_or_guessed_codes_get_one_constant_answer_then_a_limit(self):
        case, secret = self.Concern._create_from_web(
            {"agency_id": self.agency.id, "description": DESCRIPTION}, {}, []
        )
        self.set_param("concern_status_limit", "4")
        wrong_secret = self.look_up(case.name, "AAAAA-BBBBB-CCCCC-DDDDD")
        unknown_code = self.look_up("WBS-ZZZZZZZZ", secret)
        empty = self.look_up("", "")
        # The same page whatever exists, the code typed given back in the form (never the
        # secret) so that a typo is corrected, not typed again.
        answers = set()
        for typed, r in ((case.name, wrong_secret), ("WBS-ZZZZZZZZ", unknown_code), ("", empty)):
            self.assertIn(f'value="{typed}"' if typed else 'name="code"', r.text)
            self.assertNotIn("AAAAA-BBBBB", r.text)
            text = r.text.replace(f'value="{typed}"', "") if typed else r.text
            answers.add((r.status_code, self.errors(r), case.name in text))
        self.assertEqual(
            answers,
            {
                (
                    200,
                    "Tidak ada pengaduan yang cocok dengan kode dan kata sandi ini. Periksa "
                    "keduanya lalu coba lagi.",
                    False,
                )
            },
        )
        self.assertEqual(self.look_up(case.name, secret).status_code, 200)
        # The fifth look-up within the hour is refused, even with the right code and secret.
        response = self.look_up(case.name, secret)
        self.assertEqual(response.status_code, 429)
        self.assertIn("Terlalu banyak percobaan", self.errors(response))
        # Only as typed, in the form: nothing of the case.
        self.assertNotIn(case.name, response.text.replace(f'value="{case.name}"', ""))
        # Answering counts too.
        response = self.look_up(case.name, secret, url="/lapor/jawab", answer="Ini jawaban saya.")
        self.assertEqual(response.status_code, 429)
        self.assertFalse(case._reporter_messages())

    def test_the_reporter_answers_anonymously_until_the_case_is_closed(self):
        case, secret = self.Concern._create_from_web(
            {"agency_id": self.agency.id, "description": DESCRIPTION}, {}, []
        )
        handler = self.users["handler"]
        case.with_user(handler).message_post(body="Catatan internal: jangan bocorkan.")
        case.with_user(handler).reporter_question = "Kapan tepatnya kejadian itu?"
        case.with_user(handler).action_send_to_reporter()
        # Sent at 17:30 UTC on 2 March 2026: 00:30 on 3 March in Serang (WIB, UTC+7).
        self.env.company.partner_id.tz = "Asia/Jakarta"
        case._reporter_messages().sudo().date = datetime(2026, 3, 2, 17, 30)
        response = self.look_up(case.name, secret)
        self.assertIn("Kapan tepatnya kejadian itu?", response.text)
        self.assertIn("3 Maret 2026 00:30 WIB", response.text)
        months = "Januari Februari Maret April Mei Juni Juli Agustus September Oktober "
        months = (months + "November Desember").split()
        received = (case.received_date + timedelta(hours=7)).date()  # in WIB
        self.assertIn(f"{received.day} {months[received.month - 1]} {received.year}", response.text)
        self.assertNotIn("Catatan internal", response.text)
        self.assertNotIn(handler.name, response.text)
        # A wrong secret posts nothing.
        self.look_up(case.name, "AAAAA-BBBBB-CCCCC-DDDDD", url="/lapor/jawab", answer="Palsu")
        self.assertEqual(len(case._reporter_messages()), 1)
        response = self.look_up(case.name, secret, url="/lapor/jawab", answer="Tanggal 3 Maret.")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Tanggal 3 Maret.", response.text)
        answer = case._reporter_messages()[-1]
        self.assertEqual(answer.author_id, self.env.ref("iso_compliance_concern.partner_reporter"))
        case.sudo().write({"state": "closed"})
        response = self.look_up(case.name, secret, url="/lapor/jawab", answer="Tambahan.")
        self.assertEqual(response.status_code, 400)
        self.assertEqual(len(case._reporter_messages()), 2)

    def test_case_attachments_are_not_served_to_others(self):
        case, _secret = self.Concern._create_from_web(
            {"agency_id": self.agency.id, "description": DESCRIPTION},
            {},
            [("bukti.pdf", PDF, "application/pdf")],
        )
        attachment = case.attachment_ids
        for role in ("officer", "mentor", "manager", "administrator", None):
            with self.subTest(role=role):
                if role:
                    self.authenticate(self.login_as(role), self.login_as(role))
                else:
                    self.logout()
                response = self.url_open(f"/web/content/{attachment.id}?download=true")
                self.assertIn(response.status_code, (403, 404))
                self.assertNotIn(PDF, response.content)
        self.authenticate(self.login_as("handler"), self.login_as("handler"))
        response = self.url_open(f"/web/content/{attachment.id}?download=true")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, PDF)

    # ------------------------------------------------------------------ in the browser

    def test_public_flow_in_chromium(self):
        """An anonymous reporter fills the form in Chromium (no login), writes down the code
        and secret, follows the case, reads the handler's question and answers it."""
        handler = self.users["handler"]
        original = IsoConcern._create_from_web

        def and_the_handler_asks(model, vals, identity, files):
            case, secret = original(model, vals, identity, files)
            case = case.with_user(handler)
            case.reporter_question = "Kapan tepatnya kejadian itu?"
            case.action_send_to_reporter()
            return case, secret

        with patch.object(IsoConcern, "_create_from_web", and_the_handler_asks):
            self.start_tour("/lapor?agency=DISDUKCAPIL", "iso_concern_public_tour")
        case = self.Concern.search([("agency_id", "=", self.agency.id)])
        self.assertEqual(len(case), 1)
        self.assertIn("loket", case.description)
        self.assertFalse(self.env["iso.concern.identity"].search([("concern_id", "=", case.id)]))
        answer = case._reporter_messages()[-1]
        self.assertIn("Tanggal 3 Maret", answer.body)
        self.assertEqual(answer.author_id, self.env.ref("iso_compliance_concern.partner_reporter"))
