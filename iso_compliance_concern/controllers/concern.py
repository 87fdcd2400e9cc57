"""The public whistleblowing channel (ISO 37001 8.9): /lapor to report, /lapor/status to
follow a case with its code and secret. No login, no JavaScript needed, no outside service.

What an attacker meets: Odoo's CSRF token on every form; a signed, single-use form token
that refuses forms sent sooner than MIN_FILL_SECONDS after they were served (or older than
MAX_FORM_AGE) and a honeypot field that people leave empty; an hourly limit per internet
address (iso.concern.rate.limit); uploads limited in number, size and type, checked on their
content; and the same answer whether or not a case has the code given. Everything is
checked before anything is stored, and every refusal is the channel's own page, in the
reporter's language (a request too large: see ir.http._handle_error)."""

import os
import re
import secrets
import time
from datetime import datetime, timezone

import pytz
from babel.dates import format_date as babel_format_date

from odoo import http
from odoo.addons.iso_compliance.models.file_types import accepted_mimetype, refused_file_message
from odoo.http import request
from odoo.tools import consteq, email_normalize
from odoo.tools.misc import hmac

MIN_FILL_SECONDS = 3
MAX_FORM_AGE = 4 * 3600
HONEYPOT = "website_url"
MAX_FILES = 5
# Odoo refuses form parts over 10 MB before the page sees them: stay under it, so that the
# reporter reads why a file was refused.
MAX_FILE_MB = 5
MAX_TOTAL_MB = 20
# Room for every file at its largest, so that the reporter reads which limit was passed
# (each file's, the total's) on the page; beyond it, ir.http answers with the channel's page.
MAX_REQUEST = (MAX_FILES * MAX_FILE_MB + 2) * 1024 * 1024
MIN_DESCRIPTION = 20
TEXT_LIMITS = {
    "description": 10000,
    "incident_period": 200,
    "persons_involved": 2000,
    "reporter_name": 200,
    "reporter_contact": 200,
    "answer": 5000,
}
# Never cached, never framed, never sent on as a referrer: the pages hold codes and secrets.
HEADERS = {
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
}


class ConcernController(http.Controller):
    # ------------------------------------------------------------------ helpers

    def _set_lang(self, params):
        """Indonesian unless the reporter chose English (and Indonesian is installed)."""
        wanted = "en_US" if params.get("lang") == "en" else "id_ID"
        installed = {code for code, _name in request.env["res.lang"].get_installed()}
        lang = wanted if wanted in installed else "en_US"
        request.update_context(lang=lang)
        return "en" if lang == "en_US" else "id"

    def _address(self):
        return request.httprequest.remote_addr or "unknown"

    def _render(self, template, values, status=200):
        return request.render(
            template,
            {"page_lang": values.get("page_lang", "id"), **values},
            headers=HEADERS,
            status=status,
        )

    def _form_token(self):
        signed = f"{int(time.time())}.{secrets.token_hex(8)}"
        return f"{signed}.{hmac(request.env(su=True), 'iso_concern_form', signed)}"

    def _form_token_valid(self, token):
        """Signed by the server, filled by a person in time, and never sent before."""
        signed, _dot, signature = str(token or "").rpartition(".")
        stamp = signed.partition(".")[0]
        if not stamp.isdigit() or not signature:
            return False
        expected = hmac(request.env(su=True), "iso_concern_form", signed)
        age = time.time() - int(stamp)
        if not (consteq(expected, signature) and MIN_FILL_SECONDS <= age <= MAX_FORM_AGE):
            return False
        served = datetime.fromtimestamp(int(stamp), timezone.utc).replace(tzinfo=None)
        return request.env["iso.concern.rate.limit"]._use_form_once(signed, served)

    def _agencies(self):
        return request.env["iso.agency"].sudo().search([], order="name")

    def _fixed_agency(self, reference):
        """The agency a published link names, by its short code (case does not matter)."""
        reference = str(reference or "").strip().upper()[:40]
        if not reference:
            return request.env["iso.agency"].sudo()
        return request.env["iso.agency"].sudo().search([("code", "=", reference)], limit=1)

    def _form(self, page_lang, values=None, errors=(), agency=None, status=200):
        return self._render(
            "iso_compliance_concern.concern_form_page",
            {
                "page_lang": page_lang,
                "agencies": self._agencies(),
                "fixed_agency": agency or request.env["iso.agency"].sudo(),
                "values": values or {},
                "errors": list(errors),
                "form_token": self._form_token(),
                "honeypot": HONEYPOT,
                "file_hint": request.env._(
                    "PDF documents, images (JPG, PNG) or office documents; at most %(count)s "
                    "files of %(size)s MB each.",
                    count=MAX_FILES,
                    size=MAX_FILE_MB,
                ),
            },
            status=status,
        )

    def _clean_name(self, filename):
        name = os.path.basename(str(filename or "").replace("\\", "/"))
        name = re.sub(r"[^\w .()\-]", "_", name).strip(" .") or "lampiran"
        return name[-120:]

    def _read_files(self, env):
        """The evidence files sent, as (name, content, mimetype), and the errors found."""
        files, errors, total = [], [], 0
        uploads = [
            upload
            for upload in request.httprequest.files.getlist("evidence")
            if upload and upload.filename
        ]
        if len(uploads) > MAX_FILES:
            return [], [env._("At most %(count)s files can be attached.", count=MAX_FILES)]
        for upload in uploads:
            name = self._clean_name(upload.filename)
            content = upload.read(MAX_FILE_MB * 1024 * 1024 + 1)
            if not content:
                continue
            total += len(content)
            if len(content) > MAX_FILE_MB * 1024 * 1024:
                errors.append(
                    env._(
                        "%(name)s is too large: each file may be at most %(size)s MB.",
                        name=name,
                        size=MAX_FILE_MB,
                    )
                )
                continue
            mimetype = accepted_mimetype(content, name)
            if not mimetype:
                errors.append(refused_file_message(env, name))
                continue
            files.append((name, content, mimetype))
        if total > MAX_TOTAL_MB * 1024 * 1024:
            errors.append(
                env._(
                    "The files are too large together: at most %(size)s MB in all.",
                    size=MAX_TOTAL_MB,
                )
            )
        return files, errors

    def _too_large(self):
        """The page for a request larger than the route accepts (see ir.http)."""
        page_lang = self._set_lang(request.httprequest.args)
        response = self._form(
            page_lang,
            errors=[
                request.env._(
                    "The files are too large together: at most %(size)s MB in all.",
                    size=MAX_TOTAL_MB,
                )
            ],
            status=413,
        )
        response.flatten()
        return response

    # ------------------------------------------------------------------ reporting

    @http.route("/lapor", type="http", auth="public", methods=["GET"], sitemap=False)
    def concern_form(self, agency=None, **params):
        page_lang = self._set_lang(params)
        return self._form(page_lang, agency=self._fixed_agency(agency))

    @http.route(
        "/lapor/kirim",
        type="http",
        auth="public",
        methods=["POST"],
        sitemap=False,
        # Read at each request (tests lower it); checked by the page itself below.
        max_content_length=lambda _controller: MAX_REQUEST,
        csrf=False,
    )
    def concern_submit(self, **post):
        page_lang = self._set_lang(post)
        env = request.env
        # Odoo's CSRF check, made here so that a refusal is this page, not Odoo's own.
        csrf_valid = request.validate_csrf(post.pop("csrf_token", None))
        values = {key: str(post.get(key) or "").strip() for key in TEXT_LIMITS if key != "answer"}
        values["agency_id"] = str(post.get("agency_id") or "")
        values["email_code"] = bool(post.get("email_code"))
        fixed = self._fixed_agency(post.get("fixed_agency"))
        if not env["iso.concern.rate.limit"]._hit("submit", self._address()):
            return self._form(
                page_lang,
                values,
                [
                    env._(
                        "Too many reports were sent from your internet address. Please try "
                        "again in an hour."
                    )
                ],
                agency=fixed,
                status=429,
            )
        if (
            not csrf_valid
            or post.get(HONEYPOT)
            or not self._form_token_valid(post.get("form_token"))
        ):
            return self._form(
                page_lang,
                values,
                [
                    env._(
                        "The form was sent too quickly or has expired. Please check it and "
                        "send it again."
                    )
                ],
                agency=fixed,
                status=400,
            )
        errors = []
        agency = env["iso.agency"].sudo()
        if values["agency_id"].isdigit():
            agency = agency.browse(int(values["agency_id"])).exists().filtered("active")
        if not agency:
            errors.append(env._("Choose the agency your report concerns."))
        if len(values["description"]) < MIN_DESCRIPTION:
            errors.append(
                env._(
                    "Describe what happened in at least %(count)s characters.",
                    count=MIN_DESCRIPTION,
                )
            )
        email = email_normalize(values["reporter_contact"]) if values["email_code"] else False
        if values["email_code"] and not email:
            errors.append(
                env._(
                    "To receive the case code by e-mail, give your e-mail address as your "
                    "contact, or leave the e-mail box unticked."
                )
            )
        if any(len(values[key]) > TEXT_LIMITS[key] for key in values if key in TEXT_LIMITS):
            errors.append(env._("A text is too long: please shorten it and send it again."))
        files, file_errors = self._read_files(env)
        errors += file_errors
        if errors:
            return self._form(page_lang, values, errors, agency=fixed, status=400)
        case, secret = env["iso.concern"]._create_from_web(
            {
                "agency_id": agency.id,
                "description": values["description"],
                "incident_period": values["incident_period"] or False,
                "persons_involved": values["persons_involved"] or False,
            },
            {
                "name": values["reporter_name"] or False,
                "contact": values["reporter_contact"] or False,
            },
            files,
        )
        if email:
            case._email_code_to_reporter(email, secret)
        return self._render(
            "iso_compliance_concern.concern_submitted_page",
            {"page_lang": page_lang, "code": case.name, "secret": secret, "emailed": bool(email)},
        )

    # ------------------------------------------------------------------ following a case

    def _status(self, page_lang, case=None, code="", secret="", errors=(), notice=None, status=200):
        values = {
            "page_lang": page_lang,
            "case": case,
            "code": code,
            "secret": secret,
            "errors": list(errors),
            "notice": notice,
        }
        if case:
            case = case.with_context(lang=request.env.lang)
            states = dict(case._fields["state"]._description_selection(case.env))
            conclusions = dict(case._fields["conclusion"]._description_selection(case.env))
            values.update(
                state_label=states[case.state],
                conclusion_label=conclusions.get(case.conclusion)
                if case.state in ("concluded", "closed")
                else False,
                received=self._local_time(case)(case.received_date),
                local_time=self._local_time(case),
                exchange=case._reporter_messages(),
                from_reporter=request.env.ref("iso_compliance_concern.mt_concern_from_reporter"),
            )
        return self._render("iso_compliance_concern.concern_status_page", values, status=status)

    def _local_time(self, case):
        """Message times as the agency's people read them: in the company's time zone (WIB
        for Serang), with its abbreviation."""
        tz = pytz.timezone(case.sudo().company_id.partner_id.tz or "Asia/Jakarta")

        def local_time(moment):
            local = pytz.utc.localize(moment).astimezone(tz)
            return f"{self._long_date(local.date())} {local.strftime('%H:%M %Z')}"

        return local_time

    def _long_date(self, value):
        """A date as the reporter reads it, in the page's language: "3 Desember 2026"."""
        if not value:
            return ""
        return babel_format_date(value, format="long", locale=request.env.lang or "id_ID")

    def _lookup(self, post):
        """(case, errors): the case the code and secret open, or the constant refusal."""
        env = request.env
        # Odoo's CSRF check, made here so that a refusal is this page, not Odoo's own.
        if not request.validate_csrf(post.pop("csrf_token", None)):
            return (
                None,
                [
                    env._(
                        "The form was sent too quickly or has expired. Please check it and "
                        "send it again."
                    )
                ],
                400,
            )
        if not env["iso.concern.rate.limit"]._hit("status", self._address()):
            return (
                None,
                [
                    env._(
                        "Too many attempts were made from your internet address. Please try again "
                        "in an hour."
                    )
                ],
                429,
            )
        case = env["iso.concern"]._find_by_code(post.get("code"), post.get("secret"))
        if not case:
            return (
                None,
                [env._("No case matches this code and secret. Check both and try again.")],
                200,
            )
        return case, [], 200

    @http.route("/lapor/status", type="http", auth="public", methods=["GET"], sitemap=False)
    def concern_status_form(self, **params):
        return self._status(self._set_lang(params))

    @http.route(
        "/lapor/status", type="http", auth="public", methods=["POST"], sitemap=False, csrf=False
    )
    def concern_status(self, **post):
        page_lang = self._set_lang(post)
        case, errors, status = self._lookup(post)
        if not case:
            # The code stays in the form (the secret never does): a typo is corrected, not
            # typed again.
            code = (post.get("code") or "")[:64]
            return self._status(page_lang, code=code, errors=errors, status=status)
        return self._status(page_lang, case, post.get("code"), post.get("secret"))

    @http.route(
        "/lapor/jawab", type="http", auth="public", methods=["POST"], sitemap=False, csrf=False
    )
    def concern_answer(self, **post):
        page_lang = self._set_lang(post)
        env = request.env
        case, errors, status = self._lookup(post)
        if not case:
            return self._status(page_lang, errors=errors, status=status)
        code, secret = post.get("code"), post.get("secret")
        answer = str(post.get("answer") or "").strip()
        if case.state == "closed":
            errors = [env._("This case is closed: it can no longer be answered.")]
        elif not answer:
            errors = [env._("Write your answer first.")]
        elif len(answer) > TEXT_LIMITS["answer"]:
            errors = [env._("A text is too long: please shorten it and send it again.")]
        if errors:
            return self._status(page_lang, case, code, secret, errors, status=400)
        case._post_reporter_answer(answer)
        return self._status(
            page_lang, case, code, secret, notice=env._("Your answer was sent to the handlers.")
        )
