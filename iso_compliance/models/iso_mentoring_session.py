from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_datetime

from .iso_agency import mentor_users_domain

SESSION_STATES = [("planned", "Planned"), ("held", "Held"), ("cancelled", "Cancelled")]
# What the mentors of the engagement (and managers) may change; the state moves through the
# buttons. Officers read sessions.
MENTOR_FIELDS = frozenset(
    {
        "name",
        "mentoring_id",
        "date",
        "duration",
        "mentor_ids",
        "attendee_ids",
        "clause_ids",
        "minutes",
    }
)
MAX_SESSION_HOURS = 24


class IsoMentoringSession(models.Model):
    """A meeting of mentors with the agency's people on an engagement: who came, which
    clauses were covered, the minutes; follow-up actions are activities on the engagement."""

    _name = "iso.mentoring.session"
    _description = "Mentoring Session"
    _inherit = ["mail.thread", "iso.scheduled.mixin", "iso.access.mixin"]
    _order = "date desc, id desc"
    _iso_write_fields = {"mentor": MENTOR_FIELDS, "manager": MENTOR_FIELDS}
    _iso_workflow_fields = frozenset({"state", "reminder_sent"})
    _iso_parent_fields = frozenset({"mentoring_id"})
    _iso_char_limits = {"name": 200}
    _mail_post_access = "read"

    name = fields.Char(
        string="Topic",
        required=True,
        help="What the session is about, e.g. Bribery risk register.",
    )
    mentoring_id = fields.Many2one(
        "iso.mentoring",
        string="Engagement",
        required=True,
        index=True,
        ondelete="cascade",
        tracking=True,
    )
    agency_id = fields.Many2one(related="mentoring_id.agency_id", store=True, index=True)
    date = fields.Datetime(required=True, default=fields.Datetime.now, tracking=True)
    duration = fields.Float(default=2.0, help="Length of the session, in hours.")
    mentor_ids = fields.Many2many(
        "res.users",
        "iso_mentoring_session_mentor_rel",
        "session_id",
        "user_id",
        string="Mentors Present",
        domain=lambda self: mentor_users_domain(self.env),
    )
    attendee_ids = fields.Many2many(
        "res.partner",
        "iso_mentoring_session_partner_rel",
        "session_id",
        "partner_id",
        string="Agency Attendees",
        compute="_compute_attendee_ids",
        store=True,
        readonly=False,
        precompute=True,
        help="The agency's people who attend; they are reminded the day before. The agency's "
        "compliance officers are proposed.",
    )
    standard_ids = fields.Many2many(related="mentoring_id.standard_ids")
    clause_ids = fields.Many2many(
        "iso.standard.clause",
        "iso_mentoring_session_clause_rel",
        "session_id",
        "clause_id",
        string="Clauses Covered",
        domain="[('standard_id', 'in', standard_ids)]",
    )
    minutes = fields.Html(help="What was discussed and agreed.")
    follow_up_ids = fields.One2many(
        related="mentoring_id.activity_ids",
        string="Follow-up Actions",
        help="Follow-up actions are activities on the engagement, with an owner and a deadline.",
    )
    state = fields.Selection(
        SESSION_STATES,
        default="planned",
        required=True,
        readonly=True,
        tracking=True,
        copy=False,
        index=True,
    )
    reminder_sent = fields.Boolean(
        compute="_compute_reminder_sent",
        store=True,
        readonly=False,
        copy=False,
        help="Mentors and attendees were reminded of the session; a new date reminds again.",
    )
    company_id = fields.Many2one(related="mentoring_id.company_id", store=True, index=True)

    @api.depends("mentoring_id")
    def _compute_attendee_ids(self):
        for session in self:
            if not session.attendee_ids and session.mentoring_id:
                session.attendee_ids = session.mentoring_id.agency_id.officer_ids.partner_id

    @api.depends("date")
    def _compute_reminder_sent(self):
        self.reminder_sent = False

    @api.depends("mentoring_id", "date", "name")
    def _compute_display_name(self):
        for session in self:
            label = session.name or self.env._("Session")
            agency = session.mentoring_id.agency_id.code or ""
            session.display_name = f"{agency}: {label}" if agency else label

    @api.constrains("duration")
    def _check_duration(self):
        for session in self:
            if not 0 < session.duration <= MAX_SESSION_HOURS:
                raise ValidationError(
                    self.env._(
                        "A session lasts more than 0 and at most %(hours)s hours.",
                        hours=MAX_SESSION_HOURS,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        """A session says what it is about: one left without a topic (a form left half
        filled, an import, a call) is refused with a sentence, never saved blank."""
        for vals in vals_list:
            self._iso_check_values(vals)  # a bad number is named before the missing topic
            if "name" not in vals and not self.env.context.get("default_name"):
                vals["name"] = ""
            self._iso_normalise_codes(vals, fnames=("name",), upper=())
        return super().create(vals_list)

    def write(self, vals):
        self._iso_normalise_codes(vals, fnames=("name",), upper=())
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_held(self):
        if any(session.state == "held" for session in self):
            raise UserError(
                self.env._(
                    "A session that was held is the engagement's record: it cannot be deleted."
                )
            )

    # ------------------------------------------------------------------ actions

    def action_hold(self):
        """Record that the session took place; the engagement's last session date follows."""
        if any(session.state != "planned" for session in self):
            raise UserError(self.env._("Only planned sessions can be marked as held."))
        if any(session.date > fields.Datetime.now() for session in self):
            raise UserError(self.env._("A session cannot be held before its date."))
        self._workflow_write({"state": "held"})
        return True

    def action_cancel(self):
        if any(session.state == "held" for session in self):
            raise UserError(self.env._("A session that was held cannot be cancelled."))
        self._workflow_write({"state": "cancelled"})
        return True

    def action_plan(self):
        """Plan a cancelled session again."""
        if any(session.state != "cancelled" for session in self):
            raise UserError(self.env._("Only cancelled sessions can be planned again."))
        self._workflow_write({"state": "planned"})
        return True

    def action_schedule_follow_up(self):
        """Open the activity scheduler on the engagement: follow-up actions live there."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Schedule a Follow-up Action"),
            "res_model": "mail.activity.schedule",
            "view_mode": "form",
            "target": "new",
            "context": {
                "active_model": "iso.mentoring",
                "active_id": self.mentoring_id.id,
                "active_ids": self.mentoring_id.ids,
            },
        }

    # ------------------------------------------------------------------ scheduled action

    @api.model
    def _remind_tomorrow(self, now, batch_size, limit):
        """Planned sessions from now to the end of tomorrow (where the company is, see
        _in_company_context) that were not reminded yet."""
        tz = pytz.timezone(self.env.context.get("tz") or self.env.user.tz or "UTC")
        day_after_tomorrow = fields.Date.context_today(self, now) + timedelta(days=2)
        end = (
            tz.localize(datetime.combine(day_after_tomorrow, time.min))
            .astimezone(pytz.utc)
            .replace(tzinfo=None)
        )
        domain = [
            ("state", "=", "planned"),
            ("reminder_sent", "=", False),
            ("date", ">", now),
            ("date", "<", end),
        ]
        return self._process_matching(domain, lambda b: b._remind_participants(), batch_size, limit)

    def _remind_participants(self):
        """Post on each session the reminder of its date to its mentors and attendees."""
        for session in self:
            # The lead mentor's time zone: the one who set the session's time.
            tz = session.mentoring_id.user_id.tz or self.env.company.partner_id.tz or "UTC"
            partners = session.mentor_ids.partner_id | session.attendee_ids
            if partners:
                session.message_post(
                    body=self.env._(
                        "Reminder: mentoring session with %(agency)s on %(date)s (%(tz)s).",
                        agency=session.mentoring_id.agency_id.name,
                        date=format_datetime(self.env, session.date, tz=tz),
                        tz=tz,
                    ),
                    partner_ids=partners.ids,
                    message_type="comment",
                    subtype_xmlid="mail.mt_comment",
                )
        self._workflow_write({"reminder_sent": True})
