import logging
import re
from collections import defaultdict
from datetime import timedelta

from dateutil.relativedelta import relativedelta
from markupsafe import escape

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression
from odoo.tools import SQL, get_lang

from .iso_config import get_int_param

_logger = logging.getLogger(__name__)

STATES = [
    ("draft", "Draft"),
    ("active", "Active"),
    ("suspended", "Suspended"),
    ("withdrawn", "Withdrawn"),
    ("expired", "Expired"),
    ("superseded", "Superseded"),
]
# A certificate in these states is in force or may be again; it expires all the same.
RUNNING_STATES = ("active", "suspended")
# A certificate is "expiring soon" within this many days of its expiry.
EXPIRING_SOON_DAYS = 90
# Within this many days of expiry a running certificate shows red, as an expired one does.
EXPIRY_CRITICAL_DAYS = 30
DEFAULT_REMINDER_DAYS = "180,90,30,7"
DEFAULT_SUSPENSION_LIMIT_MONTHS = 6
# Stands for the expiry date in the body of the expiry note copied by _mark_expired.
EXPIRY_DATE_MARK = "ISO_COMPLIANCE_EXPIRY_DATE"
# Certificate numbers are short; the limit keeps them within what the index accepts.
NUMBER_MAX_LENGTH = 64
# The strftime directives of a language's date format that PostgreSQL's to_char() prints alike.
PG_DATE_PATTERNS = {"%d": "DD", "%m": "MM", "%Y": "YYYY", "%y": "YY"}


class IsoCertificate(models.Model):
    """A certificate of an agency's management system against one edition of a standard,
    through its cycle: draft, active, suspended, withdrawn, expired, superseded by its renewal."""

    _name = "iso.certificate"
    _description = "ISO Certificate"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "iso.scheduled.mixin",
        "iso.workflow.mixin",
        "iso.cycle.mixin",
        "iso.access.mixin",
    ]
    _order = "expiry_date desc, id desc"
    # Officers and mentors read certificates only (ir.model.access); managers keep them.
    _iso_write_fields = {
        "manager": frozenset(
            {
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
            }
        ),
    }
    _iso_workflow_fields = frozenset(
        {
            "state",
            "previous_certificate_id",
            "suspension_date",
            "suspension_reason",
            "suspension_flagged",
            "withdrawal_date",
            "withdrawal_reason",
            "reminder_days_sent",
            "reminder_mail_pending",
        }
    )
    _iso_parent_fields = frozenset({"agency_id"})
    _iso_char_limits = {"name": NUMBER_MAX_LENGTH, "certificate_filename": 255}
    _iso_file_fields = {"certificate_file": "certificate_filename"}
    # Officers may post messages and attach documents on certificates they can read.
    _mail_post_access = "read"

    name = fields.Char(
        string="Certificate Number",
        tracking=True,
        copy=False,
        help="Number printed on the certificate; unique for its certification body.",
    )
    # Certification bodies' numbers compared as `number_key` writes them; the unique index
    # iso_certificate_number_key_body makes the duplicate check one index look-up. (Its label
    # is a term id.po already translates; the field is not shown.)
    number_key = fields.Char(
        string="Number",
        compute="_compute_number_key",
        store=True,
        precompute=True,
        copy=False,
    )
    agency_id = fields.Many2one(
        "iso.agency", required=True, index=True, tracking=True, ondelete="restrict"
    )
    standard_id = fields.Many2one(
        "iso.standard",
        required=True,
        index=True,
        tracking=True,
        ondelete="restrict",
        help="The standard and edition certified, e.g. ISO 37001:2016.",
    )
    standard_code = fields.Char(related="standard_id.code", store=True)
    certification_body_id = fields.Many2one(
        "res.partner",
        tracking=True,
        index=True,
        domain=[("is_certification_body", "=", True)],
        ondelete="restrict",
    )
    scope = fields.Text(help="Activities and sites covered by the certificate.")
    initial_certification_date = fields.Date(
        help="Decision date of the agency's first certificate to this standard.",
    )
    decision_date = fields.Date(
        string="Certification Decision Date",
        tracking=True,
        help="Day the certification body decided to certify; the three-year cycle starts here.",
    )
    issue_date = fields.Date(tracking=True)
    expiry_date = fields.Date(
        compute="_compute_expiry_date",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        index=True,
        help="Proposed as the day before the anniversary of the certification decision (of the "
        "issue date when there is none) the standard's validity later; may be corrected.",
    )
    state = fields.Selection(
        STATES,
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
        copy=False,
        group_expand=True,
    )
    days_to_expiry = fields.Integer(
        string="Days Left",
        compute="_compute_expiry_status",
        help="Days from today to the expiry date; negative once expired.",
    )
    expiry_status = fields.Selection(
        [("valid", "Valid"), ("expiring", "Expiring Soon"), ("expired", "Expired")],
        compute="_compute_expiry_status",
        search="_search_expiry_status",
        help=f"For active and suspended certificates: expiring soon within {EXPIRING_SOON_DAYS} "
        "days of the expiry date, expired after it.",
    )
    previous_certificate_id = fields.Many2one(
        "iso.certificate",
        string="Renews",
        copy=False,
        index=True,
        readonly=True,
        help="The certificate this one renews; it is superseded when this one is activated.",
    )
    superseded_by_id = fields.Many2one(
        "iso.certificate",
        compute="_compute_superseded_by_id",
        store=True,
        help="The renewal that replaced this certificate once activated.",
    )
    renewal_ids = fields.One2many("iso.certificate", "previous_certificate_id", string="Renewals")
    certificate_file = fields.Binary(
        string="Scanned Certificate",
        attachment=True,
        copy=False,
        help="The certificate as the body issued it: PDF or an image (JPG, PNG).",
    )
    certificate_filename = fields.Char(copy=False)
    company_id = fields.Many2one(related="agency_id.company_id", store=True, index=True)
    suspension_date = fields.Date(readonly=True, copy=False)
    suspension_reason = fields.Text(readonly=True, copy=False)
    suspension_flagged = fields.Boolean(
        readonly=True,
        copy=False,
        help="The manager was told that the suspension outlasted its limit.",
    )
    withdrawal_date = fields.Date(readonly=True, copy=False)
    withdrawal_reason = fields.Text(readonly=True, copy=False)
    reminder_days_sent = fields.Integer(
        string="Last Reminder (days before expiry)",
        compute="_compute_reminder_days_sent",
        store=True,
        readonly=False,
        copy=False,
        help="The expiry reminder last sent, in days before expiry; 0 while none was sent. "
        "Each reminder threshold fires once per certificate.",
    )
    reminder_mail_pending = fields.Boolean(
        string="Reminder E-mail Pending",
        readonly=True,
        copy=False,
        help="A reminder threshold was reached and the e-mail to the agency's officers and "
        "mentors is not sent yet.",
    )
    color = fields.Integer(
        compute="_compute_color",
        help="Colour of the certificate in lists and on cards, escalating towards expiry: red "
        f"when expired, at risk or within {EXPIRY_CRITICAL_DAYS} days of expiry, orange within "
        f"{EXPIRING_SOON_DAYS} days, green when valid.",
    )
    audit_ids = fields.One2many("iso.audit", "certificate_id", string="Audits")
    audit_count = fields.Integer(compute="_compute_audit_count")
    at_risk = fields.Boolean(
        compute="_compute_at_risk",
        store=True,
        tracking=True,
        help="A surveillance audit of this certificate passed its window without being held, "
        "and none was held since: the certification body may suspend the certificate. "
        "Cancelling the missed audit does not clear it; holding a surveillance audit does.",
    )

    _sql_constraints = [
        (
            "number_body_uniq",
            "unique(certification_body_id, name)",
            "This certification body already issued a certificate with this number.",
        ),
    ]

    def init(self):
        # The database backs the rule "one active certificate per agency and standard".
        self.env.cr.execute(
            """CREATE UNIQUE INDEX IF NOT EXISTS iso_certificate_one_active_per_standard
               ON iso_certificate (agency_id, standard_code) WHERE state = 'active'"""
        )
        # ... and "one number per certification body", whatever the case, also for rows
        # written around the ORM, which leave number_key empty.
        self.env.cr.execute(
            """CREATE UNIQUE INDEX IF NOT EXISTS iso_certificate_number_body_ci
               ON iso_certificate (certification_body_id, lower(name))"""
        )
        self._create_number_key_index()

    def _create_number_key_index(self):
        """Create the unique index on (certification body, number key), which serves the
        duplicate check (`_check_numbers_free`) and makes it one look-up, unless it exists.
        Not while the keys of existing rows are still to be computed (the upgrade that adds
        the column computes them after `init`; its post-migration calls this again), nor
        while two of them collide: that is logged, and the check still refuses new ones."""
        cr = self.env.cr
        cr.execute("SELECT 1 FROM pg_class WHERE relname = 'iso_certificate_number_key_body'")
        if cr.rowcount:
            return
        cr.execute(
            """SELECT 1 FROM iso_certificate
                WHERE number_key IS NULL AND name IS NOT NULL LIMIT 1"""
        )
        if cr.rowcount:
            return
        cr.execute(
            """SELECT certification_body_id, number_key, array_agg(name ORDER BY id)
                 FROM iso_certificate
                WHERE number_key IS NOT NULL AND certification_body_id IS NOT NULL
                GROUP BY certification_body_id, number_key HAVING count(*) > 1"""
        )
        if duplicates := cr.fetchall():
            _logger.warning(
                "Certificate numbers given twice by one certification body (compared "
                "without case and spaces): %s. Correct them and update the addon, which then "
                "creates the unique index iso_certificate_number_key_body.",
                "; ".join(" = ".join(names) for _body, _key, names in duplicates[:20]),
            )
            return
        cr.execute(
            """CREATE UNIQUE INDEX iso_certificate_number_key_body
               ON iso_certificate (certification_body_id, number_key)"""
        )

    # ------------------------------------------------------------------ computes

    # Not on standard_id.validity_years: changing a standard must not rewrite the expiry of
    # every certificate ever issued to it.
    @api.depends("decision_date", "issue_date", "standard_id", "previous_certificate_id")
    def _compute_expiry_date(self):
        """The cycle starts at the decision (ISO/IEC 17021-1, 9.1.3.2): see iso.cycle.mixin."""
        for cert in self:
            if proposed := cert._proposed_expiry():
                cert.expiry_date = proposed

    @api.depends("name")
    def _compute_number_key(self):
        for cert in self:
            cert.number_key = self._number_key(cert.name)

    @api.model
    def _number_key(self, number):
        """The number as certificate numbers are compared: in capitals, without spaces, so
        that "QMS 01" is "qms01"."""
        return "".join(number.split()).upper() or False if number else False

    @api.depends("expiry_date")
    def _compute_reminder_days_sent(self):
        """A new expiry date, set by hand or computed, starts the reminders over."""
        self.reminder_days_sent = 0

    @api.depends("expiry_date", "state")
    @api.depends_context("tz")
    def _compute_expiry_status(self):
        today = fields.Date.context_today(self)
        for cert in self:
            cert.days_to_expiry = (cert.expiry_date - today).days if cert.expiry_date else 0
            if cert.state == "expired" or (
                cert.state in ("active", "suspended") and cert.days_to_expiry < 0
            ):
                cert.expiry_status = "expired"
            elif cert.state in ("active", "suspended") and cert.expiry_date:
                soon = cert.days_to_expiry <= EXPIRING_SOON_DAYS
                cert.expiry_status = "expiring" if soon else "valid"
            else:
                cert.expiry_status = False

    def _search_expiry_status(self, operator, value):
        if operator not in ("=", "in"):
            raise UserError(self.env._("Unsupported search on the expiry status."))
        today = fields.Date.context_today(self)
        soon = today + timedelta(days=EXPIRING_SOON_DAYS)
        running = [("state", "in", ("active", "suspended"))]
        domains = {
            "expired": expression.OR(
                [[("state", "=", "expired")], [*running, ("expiry_date", "<", today)]]
            ),
            "expiring": [*running, ("expiry_date", ">=", today), ("expiry_date", "<=", soon)],
            "valid": [*running, ("expiry_date", ">", soon)],
        }
        values = value if isinstance(value, (list, tuple)) else [value]
        return expression.OR([domains[v] for v in values if v in domains] or [[("id", "=", 0)]])

    def _compute_audit_count(self):
        counts = dict(
            self.env["iso.audit"]._read_group(
                [("certificate_id", "in", self.ids)], ["certificate_id"], ["__count"]
            )
        )
        for cert in self:
            cert.audit_count = counts.get(cert, 0)

    def action_view_audits(self):
        """The certificate's audits, planned by the cycle engine or by hand."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("iso_compliance.iso_audit_action")
        action["domain"] = [("certificate_id", "=", self.id)]
        action["context"] = {
            "default_certificate_id": self.id,
            "default_agency_id": self.agency_id.id,
            "default_standard_ids": self.standard_id.ids,
        }
        action["views"] = [(False, "list"), (False, "calendar"), (False, "form")]
        return action

    @api.depends(
        "state",
        "audit_ids.window_flagged",
        "audit_ids.state",
        "audit_ids.audit_type",
        "audit_ids.window_start",
        "audit_ids.date_start",
        "audit_ids.date_end",
    )
    def _compute_at_risk(self):
        """A running certificate with a missed surveillance (iso.cycle.mixin's rule)."""
        for cert in self:
            cert.at_risk = cert.state in RUNNING_STATES and bool(cert._missed_surveillances())

    @api.depends("renewal_ids.state")
    def _compute_superseded_by_id(self):
        for cert in self:
            cert.superseded_by_id = cert.renewal_ids.filtered(lambda r: r.state != "draft")[:1]

    @api.depends("expiry_status", "state", "at_risk")
    def _compute_color(self):
        """Kanban colour index (1 red, 2 orange, 10 green), also read by the list's row
        decorations so that both escalate on the same thresholds. Suspension has its own
        badge and does not change the colour: a suspended certificate still runs out."""
        for cert in self:
            if cert.expiry_status == "expired" or (
                cert.expiry_status and (cert.at_risk or cert.days_to_expiry <= EXPIRY_CRITICAL_DAYS)
            ):
                cert.color = 1
            else:
                cert.color = {"expiring": 2, "valid": 10}.get(cert.expiry_status, 0)

    @api.depends("name", "standard_id", "agency_id")
    def _compute_display_name(self):
        for cert in self:
            label = cert.name or self.env._("Draft")
            cert.display_name = f"{label} ({cert.standard_id.display_name}, {cert.agency_id.code})"

    # ------------------------------------------------------------------ rules

    @api.constrains("issue_date", "expiry_date", "decision_date", "initial_certification_date")
    def _check_dates(self):
        for cert in self:
            if cert.issue_date and cert.expiry_date and cert.expiry_date <= cert.issue_date:
                raise ValidationError(
                    self.env._(
                        "The expiry date of %(cert)s must come after its issue date.",
                        cert=cert.display_name,
                    )
                )
            if cert.decision_date and cert.issue_date and cert.decision_date > cert.issue_date:
                raise ValidationError(
                    self.env._(
                        "The certification decision of %(cert)s cannot come after its issue date.",
                        cert=cert.display_name,
                    )
                )
            if (
                cert.initial_certification_date
                and cert.decision_date
                and cert.initial_certification_date > cert.decision_date
            ):
                raise ValidationError(
                    self.env._(
                        "The initial certification of %(cert)s cannot come after its "
                        "certification decision.",
                        cert=cert.display_name,
                    )
                )

    def _check_one_active_per_standard(self):
        """Refuse to make these certificates active while their agency holds another active
        certificate to the same standard (any edition). Checked before the state changes,
        with a message to act upon; a partial unique index backs it in the database."""
        others = self.sudo().search(
            [
                ("id", "not in", self.ids),
                ("state", "=", "active"),
                ("agency_id", "in", self.agency_id.ids),
                ("standard_code", "in", self.mapped("standard_code")),
            ]
        )
        for cert in self:
            twins = self.filtered(
                lambda o, c=cert: (
                    o != c and o.agency_id == c.agency_id and o.standard_code == c.standard_code
                )
            )
            clash = twins or others.filtered(
                lambda o, c=cert: o.agency_id == c.agency_id and o.standard_code == c.standard_code
            )
            if clash:
                raise ValidationError(
                    self.env._(
                        "%(agency)s already holds an active %(standard)s certificate "
                        "(%(other)s). Renew it, or withdraw it first.",
                        agency=cert.agency_id.name,
                        standard=cert.standard_code,
                        other=clash[0].name,
                    )
                )

    @api.model
    def _normalise_number(self, vals):
        """Numbers keep their case without surrounding spaces; see `_number_key` for how
        they are compared."""
        if isinstance(vals.get("name"), str):
            vals["name"] = vals["name"].strip() or False

    def _check_numbers_free(self, numbers):
        """Refuse numbers a certification body already gave, in any case and spacing, with
        a message that names the agency holding it (the unique index would only say
        "duplicate key"). `numbers` lists (number, certification body id, agency id): one per
        record to create, or per record of `self` to write. One query for them all, served
        by the unique index of (certification body, number key): its cost does not grow with
        the certificates the body issued."""
        wanted = defaultdict(dict)  # body id -> {key: (number, agency id)}
        for number, body_id, agency_id in numbers:
            if not number or not body_id:
                continue
            key = self._number_key(number)
            if key in wanted[body_id]:  # twice in this very batch: name the first
                first, first_agency_id = wanted[body_id][key]
                agency = self.env["iso.agency"].sudo().browse(first_agency_id)
                raise ValidationError(self._number_taken_message(first, agency))
            wanted[body_id][key] = (number, agency_id)
        if not wanted:
            return
        domain = expression.OR(
            [
                [("certification_body_id", "=", body_id), ("number_key", "in", list(keys))]
                for body_id, keys in wanted.items()
            ]
        )
        taken = (
            self.sudo()
            .with_context(active_test=False)
            .search_fetch(
                expression.AND([[("id", "not in", self.ids)], domain]),
                ["name", "agency_id"],
                limit=1,
                order="id",
            )
        )
        if taken:
            raise ValidationError(self._number_taken_message(taken.name, taken.agency_id))

    def _number_taken_message(self, number, agency):
        return self.env._(
            "The certification body already issued the number %(number)s, to "
            "%(agency)s. Check the number.",
            number=number,
            agency=agency.name,
        )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._normalise_number(vals)
            self._iso_check_values(vals)
        self._check_numbers_free(
            [
                (vals.get("name"), vals.get("certification_body_id"), vals.get("agency_id"))
                for vals in vals_list
            ]
        )
        return super().create(vals_list)

    def write(self, vals):
        self._normalise_number(vals)
        self._iso_check_values(vals)
        if {"name", "certification_body_id"} & set(vals):
            self._check_numbers_free(
                [
                    (
                        vals.get("name", cert.name),
                        vals.get("certification_body_id", cert.certification_body_id.id),
                        vals.get("agency_id", cert.agency_id.id),
                    )
                    for cert in self
                ]
            )
        if (
            {"agency_id", "standard_id"} & set(vals)
            and not self._iso_in_workflow()
            and any(cert.state != "draft" for cert in self)
        ):
            raise UserError(
                self.env._(
                    "The agency and the standard of a certificate change only while it "
                    "is a draft: renew it, or withdraw it and record a new one."
                )
            )
        res = super().write(vals)
        if {"decision_date", "issue_date", "expiry_date"} & set(vals):
            self._plan_cycle()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        if any(cert.state != "draft" for cert in self):
            raise UserError(
                self.env._(
                    "Only draft certificates can be deleted. A certificate that was active is "
                    "history: withdraw it or let it expire."
                )
            )

    # ------------------------------------------------------------------ actions

    @api.model
    def get_import_templates(self):
        return [
            {
                "label": self.env._("Import Template for Certificates"),
                "template": "/iso_compliance/static/xls/iso_certificate_import_template.xlsx",
            }
        ]

    def action_activate(self):
        self._check_state(
            ("draft",), self.env._("%(record)s cannot be activated: it is %(state)s.")
        )
        for cert in self:
            missing = [
                cert._fields[f].get_description(self.env)["string"]
                for f in ("name", "certification_body_id", "issue_date", "expiry_date")
                if not cert[f]
            ]
            if missing:
                raise UserError(
                    self.env._(
                        "Fill in %(fields)s before activating %(cert)s.",
                        fields=", ".join(missing),
                        cert=cert.display_name,
                    )
                )
            previous = cert.previous_certificate_id
            if previous.state == "expired":
                previous._check_restorable(cert.decision_date or cert.issue_date)
            if previous.state in ("active", "suspended", "expired"):
                previous._workflow_write({"state": "superseded"})
            cert._check_one_active_per_standard()
            cert._workflow_write({"state": "active"})
        self._plan_cycle()
        self.env["iso.mentoring"]._on_certificates_activated(self)
        return True

    def action_reinstate(self):
        self._check_state(
            ("suspended",), self.env._("%(record)s cannot be reinstated: it is %(state)s.")
        )
        self._check_one_active_per_standard()
        self._workflow_write(
            {"state": "active", "suspension_date": False, "suspension_flagged": False}
        )
        return True

    def action_suspend(self):
        """Button: ask the reason of the suspension, which the chatter keeps."""
        self._check_state(
            ("active",), self.env._("%(record)s cannot be suspended: it is %(state)s.")
        )
        return self._open_state_wizard("suspend")

    def action_withdraw(self):
        """Button: ask the reason of the withdrawal, which the chatter keeps."""
        self._check_state(
            ("active", "suspended"),
            self.env._("%(record)s cannot be withdrawn: it is %(state)s."),
        )
        return self._open_state_wizard("withdraw")

    def _open_state_wizard(self, action):
        return {
            "type": "ir.actions.act_window",
            "res_model": "iso.certificate.state.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_certificate_ids": self.ids, "default_action": action},
        }

    def _suspend(self, reason):
        self._check_state(
            ("active",), self.env._("%(record)s cannot be suspended: it is %(state)s.")
        )
        today = fields.Date.context_today(self)
        self._workflow_write(
            {"state": "suspended", "suspension_date": today, "suspension_reason": reason}
        )

    def _withdraw(self, reason):
        self._check_state(
            ("active", "suspended"),
            self.env._("%(record)s cannot be withdrawn: it is %(state)s."),
        )
        today = fields.Date.context_today(self)
        self._workflow_write(
            {"state": "withdrawn", "withdrawal_date": today, "withdrawal_reason": reason}
        )
        self._cancel_planned_audits()

    def action_renew(self):
        """Open the renewal of this certificate, creating it as a draft unless one exists;
        an expired certificate only while it may still be restored."""
        self.ensure_one()
        self._check_state(
            ("active", "suspended", "expired"),
            self.env._("%(record)s cannot be renewed: it is %(state)s."),
        )
        if self.state == "expired":
            self._check_restorable(fields.Date.context_today(self))
        return self._open_renewal()

    def _open_renewal(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self._draft_renewal().id,
            "view_mode": "form",
            "target": "current",
        }

    def _draft_renewal(self):
        """The draft renewal of this certificate, created (and logged) unless one exists."""
        self.ensure_one()
        renewal = self.renewal_ids.filtered(lambda r: r.state == "draft")[:1]
        if not renewal:
            renewal = self._workflow_create(
                {
                    "agency_id": self.agency_id.id,
                    "standard_id": self.standard_id.id,
                    "certification_body_id": self.certification_body_id.id,
                    "scope": self.scope,
                    "initial_certification_date": self.initial_certification_date
                    or self.decision_date,
                    "previous_certificate_id": self.id,
                }
            )
            self.message_post(
                body=self.env._("Renewal %(renewal)s started.", renewal=renewal._get_html_link())
            )
        return renewal

    # ------------------------------------------------------------------ cycle

    def _renew_on_decision(self, decision_date, number):
        """The re-certification decision renews the certificate, its expiry based on this
        one's (iso.cycle.mixin's `_renewal_expiry`, which refuses a decision too long after
        expiry). The renewal is activated, which supersedes this one and plans its cycle."""
        self.ensure_one()
        self._check_state(
            ("active", "suspended", "expired"),
            self.env._("%(record)s cannot be renewed: it is %(state)s."),
        )
        expiry = self._renewal_expiry(decision_date)
        renewal = self._draft_renewal()
        renewal.write(
            {
                "name": number,
                "decision_date": decision_date,
                "issue_date": decision_date,
                "expiry_date": expiry,
            }
        )
        renewal.action_activate()
        return renewal

    # ------------------------------------------------------------------ scheduled action

    @api.model
    def _cron_certificate_lifecycle(self, batch_size=1000, limit=50000):
        """Daily: expire active and suspended certificates past their expiry date (suspension
        never extends validity), remind before expiry
        (activities on the certificates, then one e-mail per officer and mentor), flag
        suspensions past their limit. Set-based and batched; a record that fails is
        logged and skipped without losing the others' work. Each step handles at most
        `limit` records a call and reports what remains, so the cron runs again."""
        self = self._in_company_context()
        steps = (
            self._expire_due,
            self._remind_due,
            self._mail_reminders,
            self._flag_long_suspensions,
        )
        return self._run_steps(steps, fields.Date.context_today(self), batch_size, limit)

    @api.model
    def _expire_due(self, today, batch_size, limit):
        domain = [("state", "in", RUNNING_STATES), ("expiry_date", "<", today)]
        return self._process_matching(domain, lambda b: b._mark_expired(), batch_size, limit)

    def _mark_expired(self):
        """Expire these (active or suspended) certificates and log on each the chatter note
        that says when. The plain ORM path expires the first one, its note logged by
        mail.thread's `_message_log_batch`; the others follow it through
        `_expire_like(note)`, the SQL shortcut that made the pass fit its benchmark."""
        if not self:
            return
        first, others = self[:1], self[1:]
        first.with_context(tracking_disable=True)._workflow_write({"state": "expired"})
        date_format = self._note_date_formats()[0]
        note = first._message_log_batch(
            bodies={first.id: first._expiry_note(first.expiry_date.strftime(date_format))}
        )
        if others:
            others._expire_like(note)

    def _expire_like(self, note):
        """SQL shortcut of `_mark_expired` for these certificates: one statement sets their
        state to expired (and `at_risk` to False, what its compute gives an expired
        certificate) and inserts their notes as copies of `note` (every stored column of
        mail.message but id, res_id and body), with their own certificate and expiry date.

        It bypasses `write` (its overrides, tracking, constraints, access rules: the cron
        runs as superuser), `mail.message.create` (sanitizing each body, which the template
        body has been through once, and its hooks; a log note notifies no one), and the
        ORM's cache: it invalidates what it changed and tells `modified` about the state,
        so that stored fields depending on it are recomputed, but `at_risk`, already
        written. Through the ORM, one
        `mail.message.create` per note, the expiry pass cost about 28 times the bare
        UPDATE (see bench/). `test_expiry_notes_are_those_of_the_orm` proves the copies
        equal to the notes the ORM path makes."""
        # The body as the ORM stores it (escaped, then sanitized) with a mark for the date.
        Message = self.env["mail.message"]
        body = Message._fields["body"].convert_to_column(
            escape(self._expiry_note(EXPIRY_DATE_MARK)), Message
        )
        columns = [
            SQL.identifier(name)
            for name, field in Message._fields.items()
            if field.store and field.column_type and name not in ("id", "res_id", "body")
        ]
        pg_date_format = self._note_date_formats()[1]
        self.env.flush_all()
        self.env.execute_query(
            SQL(
                """WITH expired AS (
                       UPDATE iso_certificate SET state = 'expired', at_risk = FALSE,
                              write_uid = %(uid)s, write_date = %(now)s
                        WHERE id = ANY(%(ids)s) AND state IN %(running)s
                    RETURNING id, expiry_date)
                   INSERT INTO mail_message (res_id, body, %(columns)s)
                   SELECT expired.id, replace(%(body)s, %(mark)s,
                          to_char(expired.expiry_date, %(pg_date_format)s)), %(note_columns)s
                     FROM expired, mail_message note
                    WHERE note.id = %(note)s
                    ORDER BY expired.id""",
                uid=self.env.uid,
                now=self.env.cr.now(),
                ids=self.ids,
                running=RUNNING_STATES,
                columns=SQL(", ").join(columns),
                note_columns=SQL(", ").join(SQL("note.%s", column) for column in columns),
                body=body,
                mark=EXPIRY_DATE_MARK,
                pg_date_format=pg_date_format,
                note=note.id,
            )
        )
        self.invalidate_recordset(["state", "at_risk", "write_uid", "write_date", "message_ids"])
        # What modified() follows to the fields that depend on the state, fetched narrowly.
        self.fetch(["agency_id", "previous_certificate_id"])
        self.modified(["state"])
        self.env.remove_to_compute(self._fields["at_risk"], self)

    def _note_date_formats(self):
        """The language's date format for the expiry notes, as (strftime, to_char) patterns:
        the first note of a batch is written in Python, the others in SQL, alike. ISO dates
        when the format holds more than day, month and year numbers."""
        date_format = get_lang(self.env).date_format
        pg_parts = []
        for part in re.split(r"(%.)", date_format):
            if part in PG_DATE_PATTERNS:
                pg_parts.append(PG_DATE_PATTERNS[part])
            elif part.startswith("%") or any(char.isalnum() for char in part):
                return "%Y-%m-%d", "YYYY-MM-DD"
            else:
                pg_parts.append(part)
        return date_format, "".join(pg_parts)

    def _expiry_note(self, date):
        return self.env._("The certificate expired on %(date)s.", date=date)

    @api.model
    def _remind_due(self, today, batch_size, limit):
        """Remind officers and mentors at each threshold once before expiry."""
        return self._remind_at_thresholds(
            today,
            batch_size,
            limit,
            date_field="expiry_date",
            domain=[("state", "in", RUNNING_STATES)],
            param="iso_compliance.certificate_reminder_days",
            default=DEFAULT_REMINDER_DAYS,
        )

    def _send_reminder(self, days):
        """One activity per officer and mentor of the agency; `_mail_reminders` e-mails them."""
        today = fields.Date.context_today(self)
        self._schedule_activities(
            self.env.ref("iso_compliance.mail_activity_type_certificate_renewal"),
            (
                (
                    cert,
                    user,
                    lambda env, days=(cert.expiry_date - today).days: env._(
                        "Certificate expires in %(days)s days: plan the re-certification",
                        days=days,
                    ),
                    cert.expiry_date,
                )
                for cert in self
                for user in cert.agency_id.officer_ids | cert.agency_id.mentor_ids
            ),
        )
        self._write_job_flags({"reminder_days_sent": days, "reminder_mail_pending": True})

    @api.model
    def _mail_reminders(self, today, batch_size, limit):
        """E-mail the reminders given by `_remind_due`: one e-mail to each officer and mentor,
        listing the certificates of their agencies that reached a threshold, rather than one
        e-mail per certificate and person. A recipient whose e-mail fails is logged and
        skipped; the others get theirs. Without the template (deleted by an administrator)
        the reminders wait, and the rest of the scheduled action still runs."""
        template = self.env.ref(
            "iso_compliance.mail_template_certificate_reminder_digest", raise_if_not_found=False
        )
        if not template:
            _logger.warning(
                "The certificate reminder e-mail template is missing: reminders are not "
                "e-mailed until it is restored (update the ISO Compliance app)."
            )
            return 0, 0
        certs = self.search(
            [("reminder_mail_pending", "=", True)], limit=limit, order="expiry_date, id"
        )
        by_user = defaultdict(list)
        for cert in certs.filtered(lambda c: c.state in RUNNING_STATES):
            for user in cert.agency_id.officer_ids | cert.agency_id.mentor_ids:
                by_user[user].append(cert.id)
        for user, cert_ids in by_user.items():
            try:
                with self.env.cr.savepoint():
                    template.with_context(iso_certificates=self.browse(cert_ids)).send_mail(user.id)
            except Exception:
                self.env.invalidate_all(flush=False)
                _logger.exception(
                    "Certificate reminders to %s (id %s) not e-mailed", user.login, user.id
                )
        certs._write_job_flags({"reminder_mail_pending": False})
        if len(certs) < limit:
            return len(certs), 0
        return len(certs), self.search_count([("reminder_mail_pending", "=", True)])

    @api.model
    def _flag_long_suspensions(self, today, batch_size, limit):
        months = get_int_param(
            self.env, "iso_compliance.suspension_limit_months", DEFAULT_SUSPENSION_LIMIT_MONTHS
        )
        domain = [
            ("state", "=", "suspended"),
            ("suspension_flagged", "=", False),
            ("suspension_date", "<=", today - relativedelta(months=months)),
        ]
        return self._process_matching(
            domain, lambda b: b._flag_suspension(months), batch_size, limit
        )

    def _flag_suspension(self, months):
        managers = self._managers_by_company()
        today = fields.Date.context_today(self)

        def summary(env):
            return env._(
                "Suspended for more than %(months)s months: withdraw the certificate "
                "or reduce its scope",
                months=months,
            )

        self._schedule_activities(
            self.env.ref("iso_compliance.mail_activity_type_suspension_review"),
            (
                (cert, manager, summary, today)
                for cert in self
                for manager in managers[cert.company_id]
            ),
        )
        self._write_job_flags({"suspension_flagged": True})
