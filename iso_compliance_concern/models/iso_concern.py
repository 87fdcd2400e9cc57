"""A concern raised through the whistleblowing channel (ISO 37001 8.9) and the investigation
behind it (8.10). Cases are read by the Concern Handler group only; the reporter's identity
by the handlers assigned to the case only; every read of a case's content is logged."""

import hashlib
import hmac
import secrets
from datetime import datetime, time, timedelta

import pytz
from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_date, plaintext2html

from .iso_concern_config import get_int_param

HANDLER_GROUP = "iso_compliance_concern.group_iso_concern_handler"
DEFAULT_ACK_DAYS = 3
DEFAULT_ASSESS_DAYS = 14
DEFAULT_FEEDBACK_DAYS = 30
DEFAULT_INVESTIGATION_DAYS = 60
DEFAULT_RETENTION_YEARS = 5
# Case codes and secrets: no letters that read alike (0/O, 1/I/L).
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_PREFIX = "WBS-"
CODE_LENGTH = 8
SECRET_GROUPS = 4
SECRET_GROUP_LENGTH = 5
# The secret is random (about 99 bits): its hash need not be slow, only salted and one-way.
HASH_ITERATIONS = 20000
# One entry in the access log per handler and case within this time.
ACCESS_LOG_INTERVAL = timedelta(minutes=30)

STATES = [
    ("received", "Received"),
    ("acknowledged", "Acknowledged"),
    ("assessed", "Assessed"),
    ("investigation", "Under Investigation"),
    ("concluded", "Concluded"),
    ("closed", "Closed"),
]
CONCLUSIONS = [
    ("substantiated", "Substantiated"),
    ("unsubstantiated", "Unsubstantiated"),
    ("out_of_scope", "Not Within Scope"),
]
# What the handlers may write; the identity fields only on the cases assigned to them
# (_inverse_reporter), who handles a case only once assigned to it (write).
HANDLER_FIELDS = frozenset(
    {
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
)
# Not rewritten once the case is concluded, and once it is closed (_check_frozen).
FROZEN_CONCLUDED = frozenset({"conclusion", "conclusion_note"})
FROZEN_CLOSED = frozenset({"description", "received_date"})
# Reading any of these is reading the case: it is logged.
LOGGED_FIELDS = frozenset(
    {
        "description",
        "incident_period",
        "persons_involved",
        "reporter_name",
        "reporter_contact",
        "assessment",
        "investigation_plan",
        "investigation_notes",
        "conclusion_note",
        "action_note",
        "attachment_ids",
        "message_ids",
    }
)


def generate_code():
    return CODE_PREFIX + "".join(secrets.choice(CODE_ALPHABET) for _i in range(CODE_LENGTH))


def generate_secret():
    return "-".join(
        "".join(secrets.choice(CODE_ALPHABET) for _i in range(SECRET_GROUP_LENGTH))
        for _g in range(SECRET_GROUPS)
    )


def hash_secret(secret, salt=None, iterations=HASH_ITERATIONS):
    """PBKDF2-SHA256 of a (normalized) secret, stored as ``pbkdf2_sha256$iterations$salt$hash``."""
    salt = salt or secrets.token_hex(16)
    digest = hashlib.pbkdf2_hmac("sha256", secret.encode(), salt.encode(), iterations).hex()
    return f"pbkdf2_sha256${iterations}${salt}${digest}"


def verify_secret(secret, stored):
    """Whether `secret` matches the `stored` hash, in constant time."""
    try:
        _algorithm, iterations, salt, _digest = stored.split("$")
        expected = hash_secret(secret, salt, int(iterations))
    except (AttributeError, ValueError):
        return False
    return hmac.compare_digest(expected, stored)


# Checked against when no case has the code given, so that a wrong code takes as long as a
# wrong secret.
_DUMMY_HASH = hash_secret("no case has this code")


def normalize_token(text):
    """A code or secret as typed by a reporter: case, spaces and dashes do not matter."""
    return "".join(ch for ch in str(text or "").upper() if ch.isalnum())[:64]


class IsoConcern(models.Model):
    """A report of suspected bribery (or another breach of the anti-bribery policy), its
    assessment, its investigation and the actions taken."""

    _name = "iso.concern"
    _description = "Concern (Pengaduan)"
    # The confidential mixin first: its message_subscribe, message_post and read come
    # before mail.thread's.
    _inherit = [
        "iso.confidential.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "iso.access.mixin",
        "iso.workflow.mixin",
        "iso.scheduled.mixin",
    ]
    _iso_reader_fields = frozenset({"agency_id"})
    _order = "received_date desc, id desc"
    _mail_post_access = "read"
    _iso_workflow_fields = frozenset(
        {
            "name",
            "state",
            "secret_hash",
            "acknowledged_date",
            "assessed_date",
            "concluded_date",
            "closed_date",
            "ack_escalated",
            "assess_escalated",
            "feedback_date",
            "feedback_escalated",
            "investigation_started_date",
            "investigation_escalated",
            "identity_erased",
        }
    )
    _iso_parent_fields = frozenset({"agency_id"})
    _iso_char_limits = {
        "incident_period": 200,
        "reporter_name": 200,
        "reporter_contact": 200,
        "reported_to": 200,
    }

    name = fields.Char(
        string="Case Code",
        required=True,
        readonly=True,
        copy=False,
        index=True,
        default=lambda self: generate_code(),
        help="The code the reporter follows the case with, on the public status page.",
    )
    secret_hash = fields.Char(
        string="Secret (hash)",
        readonly=True,
        copy=False,
        groups="base.group_system",
        prefetch=False,
    )
    received_date = fields.Datetime(
        string="Received On",
        required=True,
        default=fields.Datetime.now,
        tracking=True,
        help="When the report reached the agency; the deadlines count from this day.",
    )
    channel = fields.Selection(
        [
            ("web", "Web Page"),
            ("email", "E-mail"),
            ("letter", "Letter"),
            ("in_person", "In Person"),
        ],
        required=True,
        default="letter",
        tracking=True,
        help="How the report was received.",
    )
    agency_id = fields.Many2one(
        "iso.agency",
        string="Agency Concerned",
        required=True,
        ondelete="restrict",
        tracking=True,
        index=True,
    )
    company_id = fields.Many2one(
        "res.company", related="agency_id.company_id", store=True, index=True
    )
    description = fields.Text(string="What Happened", required=True)
    incident_period = fields.Char(
        string="When", help="When it happened, as precisely as the reporter knows."
    )
    persons_involved = fields.Text(string="Who Was Involved")
    attachment_ids = fields.One2many(
        "ir.attachment",
        "res_id",
        domain=[("res_model", "=", "iso.concern")],
        string="Evidence and Attachments",
        readonly=True,
    )
    reporter_name = fields.Char(
        compute="_compute_reporter",
        inverse="_inverse_reporter",
        search="_search_reporter",
        string="Reporter's Name",
        groups=HANDLER_GROUP,
        help="Confidential: shown only to the handlers assigned to the case.",
    )
    reporter_contact = fields.Char(
        compute="_compute_reporter",
        inverse="_inverse_reporter",
        search="_search_reporter",
        string="Reporter's Contact",
        groups=HANDLER_GROUP,
        help="Confidential: shown only to the handlers assigned to the case.",
    )
    identity_visible = fields.Boolean(
        string="Identity Shown to You",
        compute="_compute_reporter",
        help="Whether you are assigned to this case and may see the reporter's identity.",
    )
    is_anonymous = fields.Boolean(
        string="Anonymous",
        compute="_compute_is_anonymous",
        help="The reporter gave neither a name nor a contact.",
    )
    identity_erased = fields.Boolean(
        readonly=True,
        copy=False,
        help="The reporter's identity was erased at the end of the retention period.",
    )
    state = fields.Selection(
        STATES, required=True, default="received", readonly=True, tracking=True, index=True
    )
    handler_ids = fields.Many2many(
        "res.users",
        "iso_concern_handler_rel",
        "concern_id",
        "user_id",
        string="Assigned Handlers",
        domain=lambda self: [("groups_id", "in", self.env.ref(HANDLER_GROUP).id)],
        tracking=True,
        help="The handlers of this case: only they see the reporter's identity and only they "
        "may change who handles the case. The handler who acknowledges an unassigned case "
        "is assigned to it.",
    )
    investigator_ids = fields.Many2many(
        "res.users",
        "iso_concern_investigator_rel",
        "concern_id",
        "user_id",
        string="Investigators",
        domain=lambda self: [("groups_id", "in", self.env.ref(HANDLER_GROUP).id)],
        help="Concern handlers who investigate the case.",
    )
    acknowledged_date = fields.Datetime(string="Acknowledged On", readonly=True, copy=False)
    assessed_date = fields.Datetime(string="Assessed On", readonly=True, copy=False)
    concluded_date = fields.Datetime(string="Concluded On", readonly=True, copy=False)
    closed_date = fields.Datetime(string="Closed On", readonly=True, copy=False)
    ack_deadline = fields.Date(
        string="Acknowledge By",
        compute="_compute_deadlines",
        help="Acknowledgement deadline: the received day plus the days set in Settings.",
    )
    assess_deadline = fields.Date(
        string="Assess By",
        compute="_compute_deadlines",
        help="Assessment deadline: the received day plus the days set in Settings.",
    )
    feedback_deadline = fields.Date(
        string="Feedback By",
        compute="_compute_deadlines",
        help="The reporter is given feedback (a message sent to the reporter) by this day: the "
        "received day plus the days set in Settings.",
    )
    feedback_date = fields.Datetime(
        string="First Feedback On",
        readonly=True,
        copy=False,
        help="When the handlers first sent the reporter a message.",
    )
    investigation_started_date = fields.Datetime(
        string="Investigation Started On", readonly=True, copy=False
    )
    investigation_deadline = fields.Date(
        string="Investigate By",
        compute="_compute_deadlines",
        help="The investigation is concluded by this day: the day it started plus the days "
        "set in Settings.",
    )
    feedback_escalated = fields.Boolean(
        string="Feedback Overdue Escalated", readonly=True, copy=False
    )
    investigation_escalated = fields.Boolean(
        string="Investigation Overdue Escalated", readonly=True, copy=False
    )
    ack_escalated = fields.Boolean(
        string="Acknowledgement Overdue Escalated", readonly=True, copy=False
    )
    assess_escalated = fields.Boolean(
        string="Assessment Overdue Escalated", readonly=True, copy=False
    )
    assessment = fields.Html(
        help="Whether the report is credible and within the anti-bribery management "
        "system's scope, and whether it needs an investigation."
    )
    investigation_plan = fields.Html(help="Scope, method, people to hear, evidence to gather.")
    investigation_notes = fields.Html(
        string="Interviews and Evidence",
        help="Notes of the interviews held and the evidence gathered; attach the documents "
        "to the case.",
    )
    conclusion = fields.Selection(CONCLUSIONS, tracking=True)
    conclusion_note = fields.Html(string="Conclusion Report")
    action_disciplinary = fields.Boolean(
        string="Disciplinary Referral", help="The case was referred for disciplinary action."
    )
    action_control_change = fields.Boolean(
        string="Control Change",
        help="An anti-bribery control was changed or added because of the case.",
    )
    action_reported = fields.Boolean(
        string="Reported to Authorities",
        help="The case was reported to the authorities (APIP, KPK, police, prosecutor).",
    )
    reported_to = fields.Char(string="Authority", help="E.g. APIP, KPK, Polres Serang.")
    action_note = fields.Html(string="Actions Taken")
    finding_id = fields.Many2one(
        "iso.audit.finding",
        string="Related Finding",
        ondelete="set null",
        help="The audit finding the case leads to (a failing anti-bribery control).",
    )
    reporter_question = fields.Text(
        string="Message to the Reporter",
        help="Written here and sent with the button, it is shown to the reporter on the "
        "status page. Internal notes in the chatter never are.",
    )
    access_log_ids = fields.One2many("iso.concern.access.log", "concern_id", readonly=True)

    _sql_constraints = [("name_unique", "unique(name)", "The case code must be unique.")]

    # ------------------------------------------------------------------ computes

    @api.depends_context("uid")
    @api.depends("handler_ids")
    def _compute_reporter(self):
        identities = (
            self.env["iso.concern.identity"].sudo().search([("concern_id", "in", self.ids)])
        )
        by_case = {identity.concern_id.id: identity for identity in identities}
        for case in self:
            visible = case._identity_allowed()
            identity = by_case.get(case.id) if visible else None
            case.identity_visible = visible
            case.reporter_name = identity.name if identity else False
            case.reporter_contact = identity.contact if identity else False

    def _inverse_reporter(self):
        Identity = self.env["iso.concern.identity"].sudo()
        for case in self:
            if not case._identity_allowed():
                raise AccessError(
                    self.env._(
                        "Only the handlers assigned to a case may see or change the "
                        "reporter's identity."
                    )
                )
            identity = Identity.search([("concern_id", "=", case.id)])
            vals = {"name": case.reporter_name or False, "contact": case.reporter_contact or False}
            if identity:
                identity.write(vals)
            elif vals["name"] or vals["contact"]:
                Identity.create({"concern_id": case.id, **vals})

    def _search_reporter(self, operator, value):
        """Searching by identity would tell, case by case, who reported: refused."""
        raise UserError(self.env._("Cases cannot be searched by the reporter's identity."))

    def _compute_is_anonymous(self):
        named = set(
            self.env["iso.concern.identity"]
            .sudo()
            .search(
                [
                    ("concern_id", "in", self.ids),
                    "|",
                    ("name", "!=", False),
                    ("contact", "!=", False),
                ]
            )
            .concern_id.ids
        )
        for case in self:
            case.is_anonymous = case.id not in named

    @api.depends("received_date", "investigation_started_date", "assessed_date", "state")
    def _compute_deadlines(self):
        """Each deadline the days set in Settings after the day it counts from (not counted),
        as _add_days counts them; the investigation's only once it started (a case that
        started before the day was recorded counts from its assessment)."""
        ack_days, assess_days = self._deadline_days()
        feedback_days = self._feedback_days()
        investigation_days = self._investigation_days()
        for case in self:
            case.ack_deadline = case.assess_deadline = case.feedback_deadline = False
            case.investigation_deadline = False
            received = case._local_date(case.received_date)
            if received:
                case.ack_deadline = self._add_days(received, ack_days)
                case.assess_deadline = self._add_days(received, assess_days)
                case.feedback_deadline = self._add_days(received, feedback_days)
            started = case._local_date(
                case.investigation_started_date
                or (case.state == "investigation" and case.assessed_date)
            )
            if started:
                case.investigation_deadline = self._add_days(started, investigation_days)

    def _local_date(self, moment):
        """The company's calendar day of the UTC datetime `moment` (False for none)."""
        if not moment:
            return False
        return pytz.utc.localize(moment).astimezone(self._company_tz()).date()

    @api.model
    def _add_days(self, day, days):
        """The deadline `days` days after `day`: calendar days here; a bridge counts working
        days instead (iso_compliance_concern_anti_bribery). _received_before is its inverse
        and is overridden with it."""
        return day + timedelta(days=days)

    def _identity_allowed(self):
        self.ensure_one()
        return self.env.su or self.env.user in self.handler_ids

    # ------------------------------------------------------------------ access

    def _iso_writable_fields(self):
        if self.env.user.has_group(HANDLER_GROUP):
            return HANDLER_FIELDS
        return frozenset()

    @api.model
    def _handlers(self, company=None):
        """The concern handlers (of `company`, when given): active internal users."""
        users = (
            self.env.ref(HANDLER_GROUP).sudo().users.filtered(lambda u: u.active and not u.share)
        )
        if company:
            users = users.filtered(lambda u: company in u.company_ids)
        return users

    def _eligible_handlers(self):
        """The handlers who may handle this case: those of its company, except the agency's
        own officers and mentors (the record rule hides the case from them)."""
        self.ensure_one()
        agency = self.sudo().agency_id
        return self._handlers(self.company_id) - agency.officer_ids - agency.mentor_ids

    @api.constrains("handler_ids", "investigator_ids", "agency_id")
    def _check_handlers(self):
        handlers = self._handlers()
        for case in self:
            assigned = case.handler_ids | case.investigator_ids
            if assigned - handlers:
                raise ValidationError(
                    self.env._("Only concern handlers may be assigned to a case or investigate it.")
                )
            if assigned - case._eligible_handlers():
                raise ValidationError(
                    self.env._(
                        "The agency's own officers and mentors may not handle or investigate "
                        "a case about it."
                    )
                )

    def write(self, vals):
        if not self._iso_in_workflow():
            self._check_frozen(vals)
        if "handler_ids" in vals and not self.env.su:
            for case in self:
                if case.handler_ids and self.env.user not in case.handler_ids:
                    raise AccessError(
                        self.env._(
                            "Only the handlers assigned to a case may change who handles it."
                        )
                    )
                if not case.handler_ids and not self._iso_in_workflow():
                    raise UserError(
                        self.env._(
                            "%(case)s has no handler yet: acknowledge it to take it.",
                            case=case.name,
                        )
                    )
        return super().write(vals)

    def _check_frozen(self, vals):
        """What a case's outcome says is not rewritten: the conclusion once concluded, the
        report itself (what happened, when it was received) once closed."""
        for case in self:
            frozen = set()
            if case.state in ("concluded", "closed"):
                frozen |= FROZEN_CONCLUDED
            if case.state == "closed":
                frozen |= FROZEN_CLOSED
            changed = {
                fname for fname in frozen & set(vals) if not case._iso_unchanged(fname, vals[fname])
            }
            if changed:
                labels = ", ".join(
                    sorted(self._fields[f].get_description(self.env)["string"] for f in changed)
                )
                raise UserError(
                    self.env._(
                        "%(case)s is %(state)s: %(fields)s can no longer be changed.",
                        case=case.name,
                        state=dict(self._fields["state"]._description_selection(self.env))[
                            case.state
                        ],
                        fields=labels,
                    )
                )

    @api.model
    def _read_group(
        self, domain, groupby=(), aggregates=(), having=(), offset=0, limit=None, order=None
    ):
        """Grouping or aggregating by a case's content reads it without opening the case:
        refused."""
        specs = list(groupby) + [a for a in aggregates if a != "__count"]
        if not self.env.su and any(
            spec.split(":")[0].split(".")[0] in LOGGED_FIELDS for spec in specs
        ):
            raise UserError(self.env._("Cases cannot be grouped or counted by their content."))
        return super()._read_group(
            domain,
            groupby=groupby,
            aggregates=aggregates,
            having=having,
            offset=offset,
            limit=limit,
            order=order,
        )

    def copy_data(self, default=None):
        self._log_access()
        return super().copy_data(default=default)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(
            self.env._("Cases are never deleted: they are kept for the retention period.")
        )

    def _iso_attachment_frozen(self):
        """Evidence is never rewritten: once a file is on a case, nobody replaces or deletes
        it (new files may still be added)."""
        return self

    def _read_format(self, fnames, load="_classic_read"):
        result = super()._read_format(fnames, load=load)
        if LOGGED_FIELDS & set(fnames or ()):
            self._log_access()
        return result

    def export_data(self, fields_to_export):
        result = super().export_data(fields_to_export)
        self._log_access()
        return result

    def _log_access(self):
        """Record that the current user read these cases (once per user and case within
        ACCESS_LOG_INTERVAL). The superuser (scheduled actions, the public page) is not a
        reader."""
        if self.env.su or not self:
            return
        Log = self.env["iso.concern.access.log"].sudo()
        since = fields.Datetime.now() - ACCESS_LOG_INTERVAL
        logged = set(
            Log.search(
                [
                    ("concern_id", "in", self.ids),
                    ("user_id", "=", self.env.uid),
                    ("date", ">", since),
                ]
            ).concern_id.ids
        )
        new = [case_id for case_id in self.ids if case_id not in logged]
        if new:
            Log.create([{"concern_id": case_id, "user_id": self.env.uid} for case_id in new])

    # ------------------------------------------------------------------ mail

    def _allowed_partners(self):
        """Who may follow these cases or receive their messages: the handlers who may handle
        every one of them (a follower or a recipient reads the messages)."""
        partners = self._handlers().partner_id
        for case in self:
            partners &= case._eligible_handlers().partner_id
        return partners

    def _iso_allowed_partners(self, partners):
        """Only the handlers who may handle every one of these cases follow them, receive
        their messages and are given their activities."""
        return partners & self._allowed_partners()

    def _iso_log_read(self):
        self._log_access()

    @api.model
    def _iso_confidential_sample(self):
        """A case reported on the public page, acknowledged by a handler (so that it has
        followers, notifications and tracked changes), and a handler who is the officer of
        the agency concerned."""
        Users = self.env["res.users"].sudo().with_context(no_reset_password=True)
        group = self.env.ref(HANDLER_GROUP)
        officer_group = self.env.ref("iso_compliance.group_iso_compliance_officer")
        reader, outsider = Users.create(
            [
                {
                    "name": "Sample Handler",
                    "login": "iso_sample_handler",
                    "email": "sample.handler@example.com",
                    "groups_id": [(6, 0, group.ids)],
                },
                {
                    "name": "Sample Officer Handler",
                    "login": "iso_sample_officer_handler",
                    "email": "sample.officer.handler@example.com",
                    "groups_id": [(6, 0, (group | officer_group).ids)],
                },
            ]
        )
        agency = (
            self.env["iso.agency"]
            .sudo()
            .create(
                {"name": "Sample Agency", "code": "SAMPLE-CONF", "officer_ids": [(4, outsider.id)]}
            )
        )
        case, _secret = self._create_from_web(
            {"agency_id": agency.id, "description": "A sample report for the invariant test."},
            {"name": "Sample Reporter", "contact": "reporter@example.com"},
            [],
        )
        case.with_user(reader).with_context(tracking_disable=False).action_acknowledge()
        case._post_reporter_answer("A sample answer from the reporter.")
        return case.sudo(), reader, {"handler and officer of the agency": outsider}

    def _reporter_messages(self):
        """The exchange with the reporter, oldest first: the handlers' messages sent with
        *Send to Reporter* and the reporter's answers; never internal notes."""
        self.ensure_one()
        subtypes = self.env.ref("iso_compliance_concern.mt_concern_to_reporter") | self.env.ref(
            "iso_compliance_concern.mt_concern_from_reporter"
        )
        return (
            self.env["mail.message"]
            .sudo()
            .search(
                [
                    ("model", "=", self._name),
                    ("res_id", "=", self.id),
                    ("subtype_id", "in", subtypes.ids),
                ],
                order="date, id",
            )
        )

    def action_send_to_reporter(self):
        """Send the message written for the reporter: it appears on the status page."""
        self._check_state(
            ("received", "acknowledged", "assessed", "investigation", "concluded"),
            self.env._("%(record)s is %(state)s: the reporter can no longer be written to."),
        )
        for case in self:
            text = (case.reporter_question or "").strip()
            if not text:
                raise UserError(self.env._("Write the message to the reporter first."))
            case.message_post(
                body=plaintext2html(text),
                message_type="comment",
                subtype_xmlid="iso_compliance_concern.mt_concern_to_reporter",
            )
            case.reporter_question = False
            if not case.feedback_date:
                case._workflow_write({"feedback_date": fields.Datetime.now()})
        return True

    def _post_reporter_answer(self, text):
        """The reporter's answer from the status page, as the superuser: anonymous, signed
        "Pelapor" (the reporter)."""
        self.ensure_one()
        return self.sudo().message_post(
            body=plaintext2html(text),
            message_type="comment",
            subtype_xmlid="iso_compliance_concern.mt_concern_from_reporter",
            author_id=self.env.ref("iso_compliance_concern.partner_reporter").id,
        )

    # ------------------------------------------------------------------ public channel

    @api.model
    def _create_from_web(self, vals, identity, files):
        """A case reported on the public page, with its evidence files (name, content,
        mimetype) and the reporter's identity (name, contact); returns (case, secret).
        Runs as the superuser: the caller checked everything first."""
        secret = generate_secret()
        Concern = self.sudo().with_context(mail_create_nosubscribe=True, tracking_disable=True)
        for _attempt in range(5):
            code = generate_code()
            if not Concern.search_count([("name", "=", code)]):
                break
        case = Concern._workflow_create(
            [
                {
                    **vals,
                    "name": code,
                    "channel": "web",
                    "secret_hash": hash_secret(normalize_token(secret)),
                }
            ]
        )
        if identity.get("name") or identity.get("contact"):
            self.env["iso.concern.identity"].sudo().create({"concern_id": case.id, **identity})
        if files:
            self.env["ir.attachment"].sudo().create(
                [
                    {
                        "name": name,
                        "raw": content,
                        "mimetype": mimetype,
                        "res_model": self._name,
                        "res_id": case.id,
                        "public": False,
                    }
                    for name, content, mimetype in files
                ]
            )
        case._notify_handlers_of_new_case()
        return case, secret

    def _email_code_to_reporter(self, email, secret):
        """The reporter asked for the code and the secret by e-mail: one message to that
        address, in the page's language, outside the case's chatter (no model, no record, so
        no handler nor follower sees it). Sent at once and never left in the outgoing queue,
        sent or not: the administrator reads the queue, and the page showed the code and
        the secret anyway."""
        self.ensure_one()
        body = Markup("<p>%s</p><p>%s <b>%s</b><br/>%s <b>%s</b></p><p>%s</p>") % (
            self.env._("Your report was received. Keep this message safe."),
            self.env._("Case code:"),
            self.name,
            self.env._("Secret:"),
            secret,
            self.env._(
                "With them, follow your case and answer the handlers' questions on the status "
                "page (/lapor/status) of the agency's website."
            ),
        )
        company = self.sudo().company_id
        mail = (
            self.env["mail.mail"]
            .sudo()
            .create(
                {
                    "subject": self.env._("Your report %(code)s", code=self.name),
                    "email_to": email,
                    "email_from": company.email_formatted or company.partner_id.email_formatted,
                    "body_html": body,
                    "auto_delete": True,
                    "model": False,
                    "res_id": False,
                }
            )
        )
        message = mail.mail_message_id
        mail.send(raise_exception=False)
        mail.exists().unlink()
        message.exists().unlink()
        return True

    def _notify_handlers_of_new_case(self):
        """The company's handlers follow the new case and get a message about it (its content
        stays on the case: the message only says that it arrived)."""
        for case in self.sudo():
            handlers = case._eligible_handlers()
            if not handlers:
                continue
            case.message_subscribe(partner_ids=handlers.partner_id.ids)
            case.with_context(lang=case._company_lang()).message_post(
                body=Markup("<p>%s</p>")
                % case.with_context(lang=case._company_lang()).env._(
                    "A new report was received through the public page."
                ),
                message_type="notification",
                subtype_xmlid="mail.mt_comment",
                author_id=self.env.ref("base.partner_root").id,
            )

    @api.model
    def _find_by_code(self, code, secret):
        """The case with this code whose secret matches, else an empty recordset; as long
        whether or not a case has this code."""
        code = normalize_token(code)
        if code.startswith("WBS"):
            code = CODE_PREFIX + code[3:]
        case = self.sudo().search([("name", "=", code)], limit=1) if code else self.sudo()
        stored = case.secret_hash if case else None
        valid = verify_secret(normalize_token(secret), stored or _DUMMY_HASH)
        return case if (case and stored and valid) else self.sudo().browse()

    # ------------------------------------------------------------------ workflow

    def action_acknowledge(self):
        self._check_state(
            ("received",), self.env._("%(record)s cannot be acknowledged: it is %(state)s.")
        )
        for case in self:
            vals = {"state": "acknowledged", "acknowledged_date": fields.Datetime.now()}
            if not case.handler_ids and not self.env.su:
                vals["handler_ids"] = [(4, self.env.uid)]
            case._workflow_write(vals)
        return True

    def action_assess(self):
        self._check_state(
            ("acknowledged",), self.env._("%(record)s cannot be assessed: it is %(state)s.")
        )
        for case in self:
            if not self._html_filled(case.assessment):
                raise UserError(
                    self.env._("Write the assessment of %(case)s first.", case=case.name)
                )
        self._workflow_write({"state": "assessed", "assessed_date": fields.Datetime.now()})
        return True

    def action_start_investigation(self):
        self._check_state(
            ("assessed",),
            self.env._("The investigation of %(record)s cannot start: it is %(state)s."),
        )
        for case in self:
            if not case.investigator_ids:
                raise UserError(
                    self.env._("Assign the investigators of %(case)s first.", case=case.name)
                )
        self._workflow_write(
            {"state": "investigation", "investigation_started_date": fields.Datetime.now()}
        )
        return True

    def action_conclude(self):
        self._check_state(
            ("assessed", "investigation"),
            self.env._("%(record)s cannot be concluded: it is %(state)s."),
        )
        for case in self:
            if not case.conclusion:
                raise UserError(
                    self.env._("Choose the conclusion of %(case)s first.", case=case.name)
                )
            if case.state == "assessed" and case.conclusion != "out_of_scope":
                raise UserError(
                    self.env._(
                        "%(case)s can only be found substantiated or unsubstantiated after "
                        "an investigation.",
                        case=case.name,
                    )
                )
        self._workflow_write({"state": "concluded", "concluded_date": fields.Datetime.now()})
        return True

    def action_close(self):
        self._check_state(
            ("concluded",), self.env._("%(record)s cannot be closed: it is %(state)s.")
        )
        self._workflow_write({"state": "closed", "closed_date": fields.Datetime.now()})
        return True

    @staticmethod
    def _html_filled(html):
        return bool(html and Markup(html).striptags().strip())

    # ------------------------------------------------------------------ scheduled action

    @api.model
    def _deadline_days(self):
        return (
            get_int_param(self.env, "iso_compliance.concern_ack_days", DEFAULT_ACK_DAYS),
            get_int_param(self.env, "iso_compliance.concern_assess_days", DEFAULT_ASSESS_DAYS),
        )

    @api.model
    def _feedback_days(self):
        return get_int_param(
            self.env, "iso_compliance.concern_feedback_days", DEFAULT_FEEDBACK_DAYS
        )

    @api.model
    def _investigation_days(self):
        return get_int_param(
            self.env, "iso_compliance.concern_investigation_days", DEFAULT_INVESTIGATION_DAYS
        )

    @api.model
    def _company_tz(self):
        return pytz.timezone(self.env.company.partner_id.tz or "UTC")

    @api.model
    def _company_lang(self):
        return self.env.company.partner_id.lang or "en_US"

    @api.model
    def _received_before(self, today, days):
        """UTC moment before which a case was received for its deadline of `days` days
        (counted in the company's calendar days) to have passed on `today`."""
        local_start = datetime.combine(today - timedelta(days=days), time.min)
        return self._company_tz().localize(local_start).astimezone(pytz.utc).replace(tzinfo=None)

    @api.model
    def _cron_concern_deadlines(self, batch_size=100, limit=1000):
        """Escalate, once per step, the cases not acknowledged or not assessed in time, and
        erase the reporter's identity from cases closed longer than the retention period."""
        self = self._in_company_context()
        today = fields.Date.context_today(self)
        ack_days, assess_days = self._deadline_days()
        steps = [
            lambda _m, b, lim: self._process_matching(
                [
                    ("state", "=", "received"),
                    ("ack_escalated", "=", False),
                    ("received_date", "<", self._received_before(today, ack_days)),
                ],
                lambda cases: cases._escalate("ack"),
                b,
                lim,
            ),
            lambda _m, b, lim: self._process_matching(
                [
                    ("state", "in", ("received", "acknowledged")),
                    ("assess_escalated", "=", False),
                    ("received_date", "<", self._received_before(today, assess_days)),
                ],
                lambda cases: cases._escalate("assess"),
                b,
                lim,
            ),
            lambda _m, b, lim: self._process_matching(
                [
                    ("state", "not in", ("concluded", "closed")),
                    ("feedback_date", "=", False),
                    ("feedback_escalated", "=", False),
                    ("received_date", "<", self._received_before(today, self._feedback_days())),
                ],
                lambda cases: cases._escalate("feedback"),
                b,
                lim,
            ),
            lambda _m, b, lim: self._process_matching(
                [
                    ("state", "=", "investigation"),
                    ("investigation_escalated", "=", False),
                    "|",
                    (
                        "investigation_started_date",
                        "<",
                        self._received_before(today, self._investigation_days()),
                    ),
                    "&",
                    ("investigation_started_date", "=", False),
                    (
                        "assessed_date",
                        "<",
                        self._received_before(today, self._investigation_days()),
                    ),
                ],
                lambda cases: cases._escalate("investigation"),
                b,
                lim,
            ),
            lambda _m, b, lim: self._process_matching(
                [
                    ("state", "=", "closed"),
                    ("identity_erased", "=", False),
                    ("closed_date", "<", self._retention_limit(today)),
                ],
                lambda cases: cases._erase_identity(),
                b,
                lim,
            ),
        ]
        self.env["iso.concern.rate.limit"]._cron_forget()
        return self._run_steps(steps, today, batch_size, limit)

    @api.model
    def _retention_limit(self, today):
        years = get_int_param(
            self.env, "iso_compliance.concern_retention_years", DEFAULT_RETENTION_YEARS
        )
        return datetime.combine(today - relativedelta(years=years), time.min)

    def _escalate(self, step):
        """An activity for the case's handlers (the company's handlers when none is
        assigned) and a note on the case, for the overdue `step` (ack, assess, feedback,
        investigation)."""
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        assignments = []
        for case in self:
            handlers = case.handler_ids.filtered("active") or case._eligible_handlers()
            if step == "ack":
                note = self.env._(
                    "Not acknowledged by %(deadline)s: the deadline for acknowledging this "
                    "report has passed.",
                    deadline=format_date(self.env, case.ack_deadline),
                )

                def summary(env):
                    return env._("Acknowledge this report: its deadline has passed.")
            elif step == "assess":
                note = self.env._(
                    "Not assessed by %(deadline)s: the deadline for assessing this report "
                    "has passed.",
                    deadline=format_date(self.env, case.assess_deadline),
                )

                def summary(env):
                    return env._("Assess this report: its deadline has passed.")
            elif step == "feedback":
                note = self.env._(
                    "No feedback to the reporter by %(deadline)s: the deadline for giving "
                    "the reporter feedback has passed.",
                    deadline=format_date(self.env, case.feedback_deadline),
                )

                def summary(env):
                    return env._("Give the reporter feedback: its deadline has passed.")
            else:
                note = self.env._(
                    "Investigation not concluded by %(deadline)s: its deadline has passed.",
                    deadline=format_date(self.env, case.investigation_deadline),
                )

                def summary(env):
                    return env._("Conclude this investigation: its deadline has passed.")

            case.message_post(body=Markup("<p>%s</p>") % note, subtype_xmlid="mail.mt_note")
            assignments += [
                (case, user, summary, fields.Date.context_today(self)) for user in handlers
            ]
        self._schedule_activities(activity_type, assignments)
        self._workflow_write({f"{step}_escalated": True})

    def _erase_identity(self):
        """The identity goes, and with it every mail about the case still in the outgoing
        queue (a failed notification, an answer the reporter wrote)."""
        self.env["iso.concern.identity"].sudo().search([("concern_id", "in", self.ids)]).unlink()
        self.env["mail.mail"].sudo().search(
            [("model", "=", self._name), ("res_id", "in", self.ids)]
        ).unlink()
        for case in self:
            case.message_post(
                body=Markup("<p>%s</p>")
                % self.env._(
                    "The reporter's identity was erased: the retention period after closing "
                    "has ended."
                ),
                subtype_xmlid="mail.mt_note",
            )
        self._workflow_write({"identity_erased": True})
