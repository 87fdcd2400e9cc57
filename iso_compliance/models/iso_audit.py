from collections import Counter

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

AUDIT_TYPES = [
    ("internal", "Internal Audit"),
    ("stage_1", "Stage 1 Audit"),
    ("stage_2", "Stage 2 Audit"),
    ("surveillance", "Surveillance Audit"),
    ("recertification", "Re-certification Audit"),
    ("special", "Special / Short-notice Audit"),
]
AUDIT_STATES = [
    ("planned", "Planned"),
    ("confirmed", "Confirmed"),
    ("in_progress", "In Progress"),
    ("reported", "Reported"),
    ("closed", "Closed"),
    ("cancelled", "Cancelled"),
]
# An audit in these states was held: it took place and its report is written.
HELD_STATES = ("reported", "closed")
# Steps of a certification cycle that the cycle engine plans (see iso.cycle.mixin).
CYCLE_STEPS = [
    ("surveillance_1", "Surveillance 1"),
    ("surveillance_2", "Surveillance 2"),
    ("recertification", "Re-certification"),
]
DEFAULT_AUDIT_REMINDER_DAYS = "60,30,7"
MAX_AUDIT_DAYS = 30
# What auditors (mentors) and managers may write on an audit; states move through actions.
AUDITOR_FIELDS = frozenset(
    {
        "agency_id",
        "standard_ids",
        "audit_type",
        "certificate_id",
        "certification_body_id",
        "lead_auditor_id",
        "auditor_ids",
        "external_auditor_ids",
        "window_start",
        "window_end",
        "date_start",
        "date_end",
        "scope",
        "line_ids",
        "decision_date",
        "new_certificate_number",
        "scheduled_start",
        "scheduled_end",
        "calendar_start",
        "calendar_stop",
    }
)


class IsoAudit(models.Model):
    """An audit of one agency against one or more standards (an integrated audit), internal
    or by the certification body, with its clause checklist and findings."""

    _name = "iso.audit"
    _description = "Audit"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "iso.scheduled.mixin",
        "iso.workflow.mixin",
        "iso.access.mixin",
    ]
    _order = "planned_start desc, id desc"
    _iso_write_fields = {
        "mentor": AUDITOR_FIELDS,
        "manager": AUDITOR_FIELDS,
    }
    _iso_workflow_fields = frozenset(
        {"state", "cycle_step", "reminder_days_sent", "window_flagged"}
    )
    _iso_parent_fields = frozenset({"agency_id"})
    _iso_char_limits = {"new_certificate_number": 64}

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/", index=True
    )
    agency_id = fields.Many2one(
        "iso.agency", required=True, index=True, tracking=True, ondelete="restrict"
    )
    standard_ids = fields.Many2many(
        "iso.standard",
        string="Standards",
        required=True,
        compute="_compute_standard_ids",
        store=True,
        readonly=False,
        precompute=True,
        help="Standards covered; several make an integrated audit. The editions the agency "
        "pursues or holds are proposed.",
    )
    audit_type = fields.Selection(
        AUDIT_TYPES, string="Type", required=True, default="internal", tracking=True
    )
    cycle_step = fields.Selection(
        CYCLE_STEPS,
        readonly=True,
        copy=False,
        help="Step of the certificate's cycle this audit was planned for by the cycle engine.",
    )
    certificate_id = fields.Many2one(
        "iso.certificate",
        index=True,
        tracking=True,
        domain="[('agency_id', '=', agency_id)]",
    )
    certification_body_id = fields.Many2one(
        "res.partner", domain=[("is_certification_body", "=", True)], tracking=True
    )
    lead_auditor_id = fields.Many2one("res.users", tracking=True)
    auditor_ids = fields.Many2many(
        "res.users", string="Audit Team", help="Internal auditors (Inspectorate staff)."
    )
    external_auditor_ids = fields.Many2many(
        "res.partner", string="External Auditors", help="The certification body's auditors."
    )
    window_start = fields.Date(
        string="Planned From",
        required=True,
        tracking=True,
        compute="_compute_window",
        store=True,
        readonly=False,
        precompute=True,
        help="The window in which the audit must be held; proposed from the audit days.",
    )
    window_end = fields.Date(
        string="Planned Until",
        required=True,
        tracking=True,
        compute="_compute_window",
        store=True,
        readonly=False,
        precompute=True,
    )
    scheduled_start = fields.Date(
        string="Audit Days From",
        tracking=True,
        copy=False,
        help="The days agreed for the audit, within its window: what the calendar shows.",
    )
    scheduled_end = fields.Date(string="Audit Days Until", tracking=True, copy=False)
    calendar_start = fields.Date(
        compute="_compute_calendar_days",
        inverse="_inverse_calendar_days",
        store=True,
        help="First day the calendar draws: the actual start, else the agreed audit days, "
        "else the window's first day.",
    )
    calendar_stop = fields.Date(
        compute="_compute_calendar_days", inverse="_inverse_calendar_days", store=True
    )
    date_start = fields.Date(string="Actual Start", tracking=True, copy=False)
    date_end = fields.Date(string="Actual End", tracking=True, copy=False)
    planned_start = fields.Date(
        compute="_compute_calendar_dates", store=True, help="Actual start, or the window's."
    )
    planned_end = fields.Date(
        compute="_compute_calendar_dates", store=True, help="Actual end, or the window's."
    )
    scope = fields.Text()
    state = fields.Selection(
        AUDIT_STATES,
        default="planned",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
        copy=False,
        group_expand=True,
    )
    line_ids = fields.One2many("iso.audit.line", "audit_id", string="Checklist", copy=False)
    finding_ids = fields.One2many("iso.audit.finding", "audit_id", string="Findings", copy=False)
    finding_count = fields.Integer(compute="_compute_finding_count")
    open_major_count = fields.Integer(
        string="Open Major Nonconformities", compute="_compute_counts"
    )
    unassessed_count = fields.Integer(string="Clauses Not Assessed", compute="_compute_counts")
    decision_date = fields.Date(
        string="Re-certification Decision Date",
        copy=False,
        tracking=True,
        help="Day the certification body decided to re-certify; recording it renews the "
        "certificate.",
    )
    new_certificate_number = fields.Char(
        copy=False, help="Number of the certificate issued after re-certification."
    )
    reminder_days_sent = fields.Integer(
        string="Last Reminder (days before)",
        compute="_compute_reminder_days_sent",
        store=True,
        readonly=False,
        copy=False,
        help="The reminder last sent, in days before the planned start; 0 while none. "
        "Moving the window starts the reminders over.",
    )
    window_flagged = fields.Boolean(
        compute="_compute_window_flagged",
        store=True,
        readonly=False,
        copy=False,
        help="The audit's window passed without it being held, and people were told.",
    )
    company_id = fields.Many2one(related="agency_id.company_id", store=True, index=True)

    # ------------------------------------------------------------------ computes, rules

    @api.depends("window_start")
    def _compute_reminder_days_sent(self):
        self.reminder_days_sent = 0

    @api.depends("window_start", "window_end")
    def _compute_window_flagged(self):
        """A moved window is a new one: not passed, and watched again by the cron."""
        self.window_flagged = False

    @api.depends("name", "agency_id.code", "audit_type")
    def _compute_display_name(self):
        types = dict(self._fields["audit_type"]._description_selection(self.env))
        for audit in self:
            audit.display_name = (
                f"{audit.name} {audit.agency_id.code or ''} ({types.get(audit.audit_type, '')})"
            )

    @api.depends("agency_id")
    def _compute_standard_ids(self):
        for audit in self:
            if not audit.standard_ids and audit.agency_id:
                audit.standard_ids = audit.agency_id._pursued_standards()

    @api.depends("scheduled_start", "scheduled_end")
    def _compute_window(self):
        for audit in self:
            if not audit.window_start:
                audit.window_start = audit.scheduled_start or fields.Date.context_today(audit)
            if not audit.window_end:
                audit.window_end = max(
                    audit.scheduled_end or audit.scheduled_start or audit.window_start,
                    audit.window_start,
                )

    @api.depends("scheduled_start", "scheduled_end", "window_start", "date_start", "date_end")
    def _compute_calendar_days(self):
        for audit in self:
            if audit.date_start:
                start, stop = audit.date_start, audit.date_end or audit.date_start
            elif audit.scheduled_start:
                start, stop = audit.scheduled_start, audit.scheduled_end or audit.scheduled_start
            else:
                start = stop = audit.window_start
            audit.calendar_start, audit.calendar_stop = start, max(start, stop) if start else stop

    def _inverse_calendar_days(self):
        """A day clicked or a move on the calendar sets the audit days (the actual ones once
        the audit started)."""
        for audit in self:
            start = audit.calendar_start
            stop = max(audit.calendar_stop or start, start) if start else audit.calendar_stop
            if audit.date_start:
                audit.write({"date_start": start, "date_end": stop})
            else:
                audit.write({"scheduled_start": start, "scheduled_end": stop})

    @api.depends("window_start", "window_end", "date_start", "date_end")
    def _compute_calendar_dates(self):
        for audit in self:
            audit.planned_start = audit.date_start or audit.window_start
            audit.planned_end = audit.date_end or audit.window_end or audit.planned_start

    def _compute_finding_count(self):
        """Shown in the list: one grouped query, without loading checklists and findings."""
        counts = dict(
            self.env["iso.audit.finding"]._read_group(
                [("audit_id", "in", self.ids)], ["audit_id"], ["__count"]
            )
        )
        for audit in self:
            audit.finding_count = counts.get(audit, 0)

    @api.depends("line_ids.result", "finding_ids.state", "finding_ids.grade")
    def _compute_counts(self):
        for audit in self:
            audit.open_major_count = len(
                audit.finding_ids.filtered(lambda f: f.grade == "major" and f.state != "closed")
            )
            audit.unassessed_count = len(
                audit.line_ids.filtered(lambda line: line.result == "not_assessed")
            )

    @api.constrains(
        "window_start", "window_end", "date_start", "date_end", "scheduled_start", "scheduled_end"
    )
    def _check_dates(self):
        for audit in self:
            if audit.window_end < audit.window_start:
                raise ValidationError(
                    self.env._(
                        "%(audit)s: the planned window ends before it starts.", audit=audit.name
                    )
                )
            if audit.scheduled_start and audit.scheduled_end:
                if audit.scheduled_end < audit.scheduled_start:
                    raise ValidationError(
                        self.env._(
                            "%(audit)s: the audit days end before they start.", audit=audit.name
                        )
                    )
                if not (
                    audit.window_start <= audit.scheduled_start
                    and audit.scheduled_end <= audit.window_end
                ):
                    raise ValidationError(
                        self.env._(
                            "%(audit)s: the audit days lie outside the planned window.",
                            audit=audit.name,
                        )
                    )
            if audit.date_start and audit.date_end:
                if audit.date_end < audit.date_start:
                    raise ValidationError(
                        self.env._("%(audit)s: the audit ends before it starts.", audit=audit.name)
                    )
                if (audit.date_end - audit.date_start).days > MAX_AUDIT_DAYS:
                    raise ValidationError(
                        self.env._(
                            "%(audit)s: an audit lasts at most %(days)s days.",
                            audit=audit.name,
                            days=MAX_AUDIT_DAYS,
                        )
                    )

    @api.constrains("standard_ids", "agency_id")
    def _check_standards(self):
        for audit in self:
            if not audit.standard_ids:
                raise ValidationError(
                    self.env._(
                        "%(audit)s covers no standard: choose at least one.", audit=audit.name
                    )
                )

    @api.constrains("certificate_id", "agency_id")
    def _check_certificate_agency(self):
        for audit in self:
            if audit.certificate_id and audit.certificate_id.agency_id != audit.agency_id:
                raise ValidationError(
                    self.env._(
                        "%(audit)s audits %(agency)s, but the certificate %(cert)s is another "
                        "agency's.",
                        audit=audit.name,
                        agency=audit.agency_id.name,
                        cert=audit.certificate_id.display_name,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_only_unheld_plans(self):
        """An audit leaves history once confirmed (its checklist, findings, dates), or once
        planned by the cycle engine (a missed surveillance stays missed): cancel it."""
        for audit in self:
            if (
                audit.state != "planned"
                or audit.finding_ids
                or audit.date_start
                or audit.cycle_step
                or audit.window_flagged
                or audit.line_ids
            ):
                raise UserError(
                    self.env._(
                        "%(audit)s cannot be deleted: it was confirmed, held or planned by the "
                        "certification cycle. Cancel it instead.",
                        audit=audit.name,
                    )
                )

    @api.model
    def default_get(self, fields_list):
        """A day clicked on the calendar (default_calendar_start) proposes the audit days,
        and from them the window."""
        result = super().default_get(fields_list)
        context = self.env.context
        start = context.get("default_calendar_start")
        if start and "scheduled_start" in fields_list and not result.get("scheduled_start"):
            result["scheduled_start"] = fields.Date.to_date(start)
            result["scheduled_end"] = fields.Date.to_date(
                context.get("default_calendar_stop") or start
            )
        return result

    @api.model
    def get_empty_list_help(self, help_message):
        """An agency officer is not told to plan audits: auditors and the certification body
        plan them."""
        if not self.env.user.has_group("iso_compliance.group_iso_compliance_mentor"):
            help_message = Markup("<p class='o_view_nocontent_smiling_face'>%s</p><p>%s</p>") % (
                self.env._("No audit of your agency yet"),
                self.env._(
                    "Internal audits planned by the Inspectorate and the certification body's "
                    "audits of your agency appear here, with their checklists and findings."
                ),
            )
        return super().get_empty_list_help(help_message)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("calendar_start") and not vals.get("date_start"):
                # A day clicked on the calendar: the audit days, and the window around them.
                vals.setdefault("scheduled_start", vals["calendar_start"])
                vals.setdefault(
                    "scheduled_end", vals.get("calendar_stop") or vals["calendar_start"]
                )
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("iso.audit") or "/"
        return super().create(vals_list)

    def write(self, vals):
        if "agency_id" in vals and not self._iso_in_workflow():
            moved = self.filtered(lambda a: a.agency_id.id != vals["agency_id"])
            if any(audit.state != "planned" for audit in moved):
                raise UserError(
                    self.env._("The agency of an audit can change only while the audit is planned.")
                )
        res = super().write(vals)
        if "standard_ids" in vals:
            self.filtered(lambda a: a.state in ("confirmed", "in_progress"))._generate_checklist()
        if {"date_start", "date_end"} & set(vals):
            self.filtered(lambda a: a.state in HELD_STATES)._replan_cycle()
        return res

    def _replan_cycle(self):
        """Let the certificates of these cycle audits re-plan their cycle (iso.cycle.mixin):
        a cancelled step is planned again, surveillance 2 follows surveillance 1 as held."""
        self.filtered("cycle_step").certificate_id._plan_cycle()

    # ------------------------------------------------------------------ checklist

    def _generate_checklist(self):
        """One line per assessable clause of the covered standards, in one query to read
        the clauses and one batched insert, however many clauses. Lines of clauses no longer
        covered go, unless they were assessed; assessed lines are never touched."""
        by_standard = self.standard_ids._assessable_clauses()
        Clause = self.env["iso.standard.clause"]
        to_create, to_remove = [], self.env["iso.audit.line"]
        for audit in self:
            wanted = Clause.concat(*(by_standard.get(s, Clause) for s in audit.standard_ids))
            existing = audit.line_ids.clause_id
            to_create += [
                {"audit_id": audit.id, "clause_id": clause.id} for clause in wanted - existing
            ]
            to_remove |= audit.line_ids.filtered(
                lambda line, w=wanted: (
                    line.clause_id not in w
                    and line.result == "not_assessed"
                    and not line.finding_id
                )
            )
        to_remove.unlink()
        self.env["iso.audit.line"].create(to_create)

    # ------------------------------------------------------------------ actions

    def action_confirm(self):
        self._check_state(
            ("planned",), self.env._("%(record)s cannot be confirmed: it is %(state)s.")
        )
        for audit in self.filtered(lambda a: a.audit_type == "stage_2"):
            audit._check_stage_1_reported()
        self._workflow_write({"state": "confirmed"})
        self._generate_checklist()
        return True

    def _check_stage_1_reported(self):
        stage_1 = self.search(
            [
                ("agency_id", "=", self.agency_id.id),
                ("audit_type", "=", "stage_1"),
                ("state", "in", ("reported", "closed")),
            ]
        )
        missing = self.standard_ids - stage_1.standard_ids
        if missing:
            raise UserError(
                self.env._(
                    "A stage 2 audit of %(agency)s needs a reported stage 1 audit for "
                    "%(standards)s first.",
                    agency=self.agency_id.name,
                    standards=", ".join(missing.mapped("display_name")),
                )
            )

    def action_mark_unassessed_conforming(self):
        """Once the nonconformities are recorded, the auditor marks the rest conforming."""
        self._check_state(
            ("confirmed", "in_progress"),
            self.env._("The checklist of %(record)s cannot be completed: the audit is %(state)s."),
        )
        self.line_ids.filtered(lambda line: line.result == "not_assessed").write(
            {"result": "conforming"}
        )
        return True

    def action_start(self):
        self._check_state(
            ("confirmed",), self.env._("%(record)s cannot be started: it is %(state)s.")
        )
        for audit in self:
            audit._workflow_write(
                {
                    "state": "in_progress",
                    "date_start": audit.date_start or fields.Date.context_today(self),
                }
            )
        return True

    def action_report(self):
        self._check_state(
            ("in_progress",), self.env._("%(record)s cannot be reported: it is %(state)s.")
        )
        today = fields.Date.context_today(self)
        for audit in self:
            end = audit.date_end or today
            if end > today:
                raise UserError(
                    self.env._("%(audit)s cannot be reported before it ends.", audit=audit.name)
                )
            audit._workflow_write({"state": "reported", "date_end": end})
        self._replan_cycle()
        return True

    def action_close(self):
        self._check_state(
            ("reported",), self.env._("%(record)s cannot be closed: it is %(state)s.")
        )
        for audit in self:
            if audit.unassessed_count:
                raise UserError(
                    self.env._(
                        "%(audit)s cannot be closed: %(count)s clauses of its checklist are not "
                        "assessed.",
                        audit=audit.name,
                        count=audit.unassessed_count,
                    )
                )
            if audit.open_major_count:
                raise UserError(
                    self.env._(
                        "%(audit)s cannot be closed while %(count)s major nonconformities are "
                        "open.",
                        audit=audit.name,
                        count=audit.open_major_count,
                    )
                )
        self._workflow_write({"state": "closed"})
        return True

    def action_cancel(self):
        self._check_state(
            ("planned", "confirmed", "in_progress"),
            self.env._("%(record)s cannot be cancelled: it is %(state)s."),
        )
        self._workflow_write({"state": "cancelled"})
        self._replan_cycle()
        return True

    def action_reset_to_planned(self):
        self._check_state(
            ("cancelled",), self.env._("%(record)s cannot be planned again: it is %(state)s.")
        )
        self._check_step_not_planned_again()
        self._workflow_write({"state": "planned"})
        return True

    def _check_step_not_planned_again(self):
        """A cycle step is planned once: a cancelled cycle audit whose step the cycle engine
        planned again stays cancelled."""
        for audit in self.filtered("cycle_step"):
            other = self.search(
                [
                    ("id", "!=", audit.id),
                    ("certificate_id", "=", audit.certificate_id.id),
                    ("cycle_step", "=", audit.cycle_step),
                    ("state", "!=", "cancelled"),
                ],
                limit=1,
            )
            if other:
                raise UserError(
                    self.env._(
                        "%(audit)s cannot be planned again: its step of the cycle is planned "
                        "as %(other)s. Work on that audit instead.",
                        audit=audit.display_name,
                        other=other.display_name,
                    )
                )

    def action_record_decision(self):
        """Record the certification body's re-certification decision: renews the
        certificate, whose next cycle is then planned."""
        self.ensure_one()
        self._check_state(
            ("reported", "closed"),
            self.env._("No decision can be recorded on %(record)s: it is %(state)s."),
        )
        if self.audit_type != "recertification" or not self.certificate_id:
            raise UserError(self.env._("Only a re-certification audit of a certificate renews it."))
        if not (self.decision_date and self.new_certificate_number):
            raise UserError(
                self.env._("Fill in the decision date and the new certificate's number first.")
            )
        renewal = self.certificate_id._renew_on_decision(
            self.decision_date, self.new_certificate_number
        )
        self.message_post(
            body=self.env._("Certificate renewed: %(cert)s.", cert=renewal._get_html_link())
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "iso.certificate",
            "res_id": renewal.id,
            "view_mode": "form",
        }

    def action_print(self):
        return self.env.ref("iso_compliance.action_report_iso_audit").report_action(self)

    def _report_result_summary(self):
        """The audit report's summary: how many clauses got each result and how many
        findings each grade, in the order of the selections, leaving out zeros."""
        self.ensure_one()
        line_results = dict(self.line_ids._fields["result"]._description_selection(self.env))
        grades = dict(self.finding_ids._fields["grade"]._description_selection(self.env))
        results = Counter(self.line_ids.mapped("result"))
        findings = Counter(self.finding_ids.mapped("grade"))
        return {
            "results": [
                (label, results[key]) for key, label in line_results.items() if results[key]
            ],
            "findings": [(label, findings[key]) for key, label in grades.items() if findings[key]],
        }

    # ------------------------------------------------------------------ scheduled action

    @api.model
    def _cron_audit_lifecycle(self, batch_size=1000, limit=50000):
        """Daily: remind before planned audits, flag audits past their window, escalate
        overdue findings. Idempotent and batched like the certificate job."""
        self = self._in_company_context()
        steps = (
            self._remind_planned,
            self._flag_past_window,
            self.env["iso.audit.finding"]._escalate_overdue,
        )
        return self._run_steps(steps, fields.Date.context_today(self), batch_size, limit)

    def _people_to_remind(self):
        self.ensure_one()
        return (
            self.agency_id.officer_ids
            | self.agency_id.mentor_ids
            | self.lead_auditor_id
            | self.auditor_ids
        ).filtered(lambda u: u.active and not u.share)

    @api.model
    def _remind_planned(self, today, batch_size, limit):
        return self._remind_at_thresholds(
            today,
            batch_size,
            limit,
            date_field="window_start",
            domain=[("state", "in", ("planned", "confirmed"))],
            param="iso_compliance.audit_reminder_days",
            default=DEFAULT_AUDIT_REMINDER_DAYS,
        )

    def _send_reminder(self, days):
        today = fields.Date.context_today(self)
        self._schedule_activities(
            self.env.ref("mail.mail_activity_data_todo"),
            (
                (
                    audit,
                    user,
                    lambda env, days=(audit.window_start - today).days: env._(
                        "Audit planned in %(days)s days: prepare it", days=days
                    ),
                    audit.window_start,
                )
                for audit in self
                for user in audit._people_to_remind()
            ),
        )
        self._workflow_write({"reminder_days_sent": days})

    @api.model
    def _flag_past_window(self, today, batch_size, limit):
        domain = [
            ("state", "in", ("planned", "confirmed")),
            ("window_end", "<", today),
            ("window_flagged", "=", False),
        ]
        return self._process_matching(domain, lambda b: b._flag_window(), batch_size, limit)

    def _flag_window(self):
        managers = self._managers_by_company()
        today = fields.Date.context_today(self)

        def summary(env):
            return env._("The audit's window passed without it being held")

        self._schedule_activities(
            self.env.ref("mail.mail_activity_data_warning"),
            (
                (audit, user, summary, today)
                for audit in self
                for user in audit.lead_auditor_id | managers[audit.company_id]
            ),
        )
        self._workflow_write({"window_flagged": True})
        surveillance = self.filtered(lambda a: a.audit_type == "surveillance")
        for cert in surveillance.certificate_id:
            cert.message_post(
                body=self.env._(
                    "At risk: a surveillance audit was not held within its window; the "
                    "certification body may suspend the certificate."
                )
            )
