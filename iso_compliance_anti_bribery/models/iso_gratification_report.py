from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_date

# UU 20/2001 Pasal 12C: a gratification is reported to KPK within 30 working days of receipt.
KPK_DEADLINE_WORKING_DAYS = 30
# Peraturan KPK 2/2019 as amended by 1/2026: a report found incomplete is completed within 20
# working days of the request for completion.
COMPLETION_WORKING_DAYS = 20
STATES = [
    ("received", "Received, Not Reported"),
    ("refused", "Refused"),
    ("reported", "Reported to UPG"),
    ("forwarded", "Forwarded to KPK"),
    ("decided", "Decided by KPK"),
]
RELATIONS = [
    ("service_user", "Service User or Applicant"),
    ("vendor", "Supplier or Contractor"),
    ("colleague", "Colleague"),
    ("family", "Family"),
    ("other", "Other"),
]
FORMS = [
    ("money", "Money"),
    ("goods", "Goods"),
    ("service", "Services"),
    ("hospitality", "Hospitality"),
    ("travel", "Travel"),
    ("other", "Other"),
]
OCCASIONS = [
    ("wedding", "Wedding"),
    ("religious", "Religious Ceremony"),
    ("duty", "Official Duty or Service"),
    ("farewell", "Farewell, Promotion or Retirement"),
    ("other", "Other"),
]
DECISIONS = [
    ("state_property", "Declared State Property"),
    ("returned", "Returned to the Recipient"),
]
REPORTER_FIELDS = frozenset(
    {
        "agency_id",
        "date_received",
        "giver_name",
        "giver_relation",
        "gift_form",
        "value",
        "occasion",
        "description",
        "note_ids",
    }
)
OFFICER_FIELDS = REPORTER_FIELDS | {"reporter_id", "kpk_decision", "kpk_decree"}
WRITE_FIELDS = {
    None: REPORTER_FIELDS,
    "officer": OFFICER_FIELDS,
    "mentor": OFFICER_FIELDS,
    "manager": OFFICER_FIELDS,
}
WORKFLOW_FIELDS = frozenset(
    {
        "state",
        "report_date",
        "is_late",
        "escalated",
        "completion_requested_date",
        "completion_date",
        "completion_escalated",
    }
)


class IsoGratificationReport(models.Model):
    """A gift, hospitality or other benefit a civil servant received in connection with the
    position, reported to the agency's gratification control unit (UPG) and forwarded to KPK
    (ISO 37001 clause 8.7; UU 20/2001 Pasal 12C; Peraturan KPK 2/2019 as amended). Never
    deleted: the register is the agency's record towards KPK."""

    _name = "iso.gratification.report"
    _description = "Gratification Report"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "iso.scheduled.mixin",
        "iso.workflow.mixin",
        "iso.access.mixin",
    ]
    _iso_write_fields = WRITE_FIELDS
    _iso_workflow_fields = WORKFLOW_FIELDS
    _iso_parent_fields = frozenset({"agency_id", "reporter_id"})
    _iso_char_limits = {"giver_name": 200, "kpk_decree": 100}
    _order = "date_received desc, id desc"

    name = fields.Char(string="Reference", readonly=True, copy=False, default="/")
    agency_id = fields.Many2one(
        "iso.agency",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        default=lambda self: self._default_agency(),
    )
    company_id = fields.Many2one(related="agency_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    reporter_id = fields.Many2one(
        "res.users",
        string="Reported By",
        required=True,
        index=True,
        default=lambda self: self.env.user,
        domain=[("share", "=", False)],
        tracking=True,
        help="The civil servant who received the gift.",
    )
    date_received = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    giver_name = fields.Char(string="Giver", required=True, tracking=True)
    giver_relation = fields.Selection(
        RELATIONS, string="Relation to the Giver", required=True, default="service_user"
    )
    gift_form = fields.Selection(FORMS, string="Form", required=True, default="goods")
    value = fields.Monetary(
        string="Estimated Value",
        required=True,
        tracking=True,
        help="Estimated value in the company's currency (rupiah).",
    )
    occasion = fields.Selection(OCCASIONS, required=True, default="duty")
    description = fields.Text(help="What was given, when and where.")
    exception_id = fields.Many2one(
        "iso.gratification.threshold",
        string="Reporting Exception",
        compute="_compute_exception",
        store=True,
        help="The regulatory exception, in force on the day of receipt, that the gift falls "
        "under: such a gift need not be reported to KPK.",
    )
    deadline_date = fields.Date(
        string="KPK Deadline",
        compute="_compute_deadline_date",
        store=True,
        help="30 working days after receipt (UU 20/2001 Pasal 12C), on the company's working "
        "calendar with Indonesia's public holidays and joint leave days.",
    )
    report_date = fields.Date(
        string="Reported On",
        readonly=True,
        copy=False,
        tracking=True,
        help="When the report reached the UPG or KPK.",
    )
    is_late = fields.Boolean(
        string="Late",
        readonly=True,
        copy=False,
        help="Reported after the deadline, or still not reported past it.",
    )
    escalated = fields.Boolean(readonly=True, copy=False)
    completion_requested_date = fields.Date(
        string="Completion Requested On",
        readonly=True,
        copy=False,
        tracking=True,
        help="When the UPG or KPK found the report incomplete and asked for its documents.",
    )
    completion_due_date = fields.Date(
        string="Documents Due",
        compute="_compute_completion_due_date",
        store=True,
        help="20 working days after the request for completion (Peraturan KPK 2/2019 as "
        "amended by Peraturan KPK 1/2026), on the company's working calendar.",
    )
    completion_date = fields.Date(
        string="Documents Completed On", readonly=True, copy=False, tracking=True
    )
    completion_escalated = fields.Boolean(readonly=True, copy=False)
    state = fields.Selection(
        STATES, default="received", required=True, readonly=True, tracking=True, index=True
    )
    kpk_decision = fields.Selection(DECISIONS, string="KPK Decision", tracking=True)
    kpk_decree = fields.Char(string="KPK Decree Number", tracking=True)
    note_ids = fields.One2many(
        "iso.gratification.note",
        "report_id",
        string="Personal Notes",
        help="The reporter's notes, seen by the reporter, the agency's officers and managers only.",
    )

    # ------------------------------------------------------------------ computes

    @api.depends(
        "date_received",
        "giver_relation",
        "gift_form",
        "value",
        "occasion",
        "reporter_id",
        "giver_name",
        "company_id",
    )
    def _compute_exception(self):
        Threshold = self.env["iso.gratification.threshold"].sudo()
        for report in self:
            report.exception_id = False
            if not (report.date_received and report.value):
                continue
            company = report.company_id or self.env.company
            if report.occasion in ("wedding", "religious"):
                threshold = Threshold._in_force("ceremony", report.date_received, company)
                if threshold and report.value <= threshold.amount_per_giver:
                    report.exception_id = threshold
                continue
            if report.giver_relation == "colleague" and report.gift_form != "money":
                threshold = Threshold._in_force("colleague", report.date_received, company)
                if (
                    threshold
                    and report._colleague_total() <= (threshold.amount_per_year or report.value)
                    and report.value <= threshold.amount_per_giver
                ):
                    report.exception_id = threshold

    def _colleague_total(self):
        """This gift plus the earlier non-cash gifts of the same colleague to the same
        reporter in the same calendar year."""
        self.ensure_one()
        year_start = self.date_received.replace(month=1, day=1)
        earlier = self.sudo().search(
            [
                ("id", "!=", self._origin.id or 0),
                ("reporter_id", "=", self.reporter_id.id),
                ("giver_name", "=ilike", self.giver_name or ""),
                ("giver_relation", "=", "colleague"),
                ("gift_form", "!=", "money"),
                ("date_received", ">=", year_start),
                ("date_received", "<=", self.date_received),
            ]
        )
        return self.value + sum(earlier.mapped("value"))

    @api.depends("date_received", "company_id")
    def _compute_deadline_date(self):
        for report in self:
            calendar = (report.company_id or self.env.company).resource_calendar_id
            report.deadline_date = (
                calendar._iso_add_working_days(report.date_received, KPK_DEADLINE_WORKING_DAYS)
                if calendar and report.date_received
                else False
            )

    @api.depends("completion_requested_date", "company_id")
    def _compute_completion_due_date(self):
        for report in self:
            calendar = (report.company_id or self.env.company).resource_calendar_id
            report.completion_due_date = (
                calendar._iso_add_working_days(
                    report.completion_requested_date, COMPLETION_WORKING_DAYS
                )
                if calendar and report.completion_requested_date
                else False
            )

    # ------------------------------------------------------------------ rules

    @api.constrains("value", "date_received")
    def _check_value_and_date(self):
        for report in self:
            if report.value <= 0:
                raise ValidationError(
                    self.env._("The estimated value of a gratification must be above zero.")
                )
            if report.date_received > fields.Date.context_today(self):
                raise ValidationError(
                    self.env._("A gratification cannot be received in the future.")
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(
            self.env._(
                "A gratification report is never deleted: it is the agency's record towards KPK."
            )
        )

    @api.model_create_multi
    def create(self, vals_list):
        if not self._iso_in_workflow() and any(
            vals.get("kpk_decision") or vals.get("kpk_decree") for vals in vals_list
        ):
            raise UserError(self._kpk_decision_refusal())
        reports = super().create(vals_list)
        for report in reports:
            # The reference is no one's to choose: set after the access checks.
            report.sudo().name = (
                self.env["ir.sequence"].sudo().next_by_code("iso.gratification.report") or "/"
            )
        reports._recheck_colleague_cap()
        return reports

    def write(self, vals):
        if not self._iso_in_workflow():
            if self._iso_role() is None and any(r.state != "received" for r in self):
                raise UserError(
                    self.env._("A gratification report can be changed only before it is reported.")
                )
            self._check_kpk_fields(vals)
        cap_fields = {"date_received", "giver_name", "giver_relation", "gift_form", "value"}
        before = self._colleague_siblings() if cap_fields & set(vals) else self.browse()
        result = super().write(vals)
        if "date_received" in vals:
            self._refresh_lateness()
        if cap_fields & set(vals):
            (self | before)._recheck_colleague_cap()
        return result

    def _check_kpk_fields(self, vals):
        """KPK's decision and decree go on a report KPK received and not yet decided; once
        KPK decided, the date of receipt stays as it was."""
        not_forwarded = self.filtered(lambda r: r.state != "forwarded")
        if "kpk_decree" in self._iso_writable_fields() and any(
            not not_forwarded._iso_unchanged(fname, vals[fname])
            for fname in {"kpk_decision", "kpk_decree"} & set(vals)
        ):
            raise UserError(self._kpk_decision_refusal())
        decided = self.filtered(lambda r: r.state == "decided")
        if "date_received" in vals and not decided._iso_unchanged(
            "date_received", vals["date_received"]
        ):
            raise UserError(
                self.env._(
                    "KPK decided on this gratification: its date of receipt can no longer change."
                )
            )

    def _kpk_decision_refusal(self):
        return self.env._(
            "KPK's decision and decree are recorded on a report forwarded to KPK, and only "
            "until the decision is recorded."
        )

    def _refresh_lateness(self):
        """The lateness flag follows the date of receipt: late when reported after the
        deadline, or still unreported past it."""
        today = fields.Date.context_today(self)
        for report in self.sudo():
            if report.report_date:
                late = bool(report.deadline_date and report.report_date > report.deadline_date)
            else:
                late = bool(
                    report.state == "received"
                    and report.deadline_date
                    and report.deadline_date < today
                )
            if late != report.is_late:
                report._workflow_write({"is_late": late})

    def _colleague_siblings(self):
        """The other non-cash gifts of the same colleagues to the same reporters in the same
        calendar years as these reports: the yearly cap counts them together."""
        siblings = self.browse()
        for report in self.sudo():
            if not (report.giver_relation == "colleague" and report.date_received):
                continue
            year = report.date_received.year
            siblings |= report.search(
                [
                    ("id", "not in", self.ids),
                    ("reporter_id", "=", report.reporter_id.id),
                    ("giver_name", "=ilike", report.giver_name or ""),
                    ("giver_relation", "=", "colleague"),
                    ("gift_form", "!=", "money"),
                    ("date_received", ">=", f"{year}-01-01"),
                    ("date_received", "<=", f"{year}-12-31"),
                ]
            )
        return siblings

    def _recheck_colleague_cap(self):
        """An earlier gift recorded later counts towards the yearly cap of the gifts after
        it: their exception is computed again."""
        records = (self.sudo() | self._colleague_siblings().sudo()).exists()
        if records:
            self.env.add_to_compute(self._fields["exception_id"], records)
            records._recompute_recordset(["exception_id"])

    # ------------------------------------------------------------------ actions

    def _check_officer(self):
        if self._iso_role() is None:
            raise AccessError(
                self.env._("Only the agency's compliance officers forward reports to KPK.")
            )

    def _reported_values(self, report):
        today = fields.Date.context_today(self)
        date = report.report_date or today
        return {
            "report_date": date,
            "is_late": bool(report.deadline_date and date > report.deadline_date),
        }

    def action_refuse(self):
        """The gift was refused or handed back to the giver."""
        self._check_state(
            ("received",), self.env._("%(record)s cannot be marked refused: it is %(state)s.")
        )
        for report in self:
            report._workflow_write({"state": "refused", **self._reported_values(report)})
        return True

    def action_report(self):
        """The report reached the agency's gratification control unit (UPG)."""
        self._check_state(
            ("received",), self.env._("%(record)s cannot be reported: it is %(state)s.")
        )
        for report in self:
            report._workflow_write({"state": "reported", **self._reported_values(report)})
        return True

    def action_forward(self):
        """The UPG forwarded the report to KPK."""
        self._check_officer()
        self._check_state(
            ("received", "reported"),
            self.env._("%(record)s cannot be forwarded to KPK: it is %(state)s."),
        )
        for report in self:
            report._workflow_write({"state": "forwarded", **self._reported_values(report)})
        return True

    def action_record_decision(self):
        """KPK's decree: the gift becomes state property or stays with the recipient."""
        self._check_officer()
        self._check_state(
            ("forwarded",),
            self.env._("%(record)s cannot receive a KPK decision: it is %(state)s."),
        )
        for report in self:
            if not (report.kpk_decision and report.kpk_decree):
                raise UserError(
                    self.env._(
                        "Enter KPK's decision and the decree number of %(record)s first.",
                        record=report.display_name,
                    )
                )
        self._workflow_write({"state": "decided"})
        return True

    def action_request_completion(self):
        """The UPG or KPK found the report incomplete: its documents are due within 20
        working days from today."""
        self._check_officer()
        self._check_state(
            ("reported", "forwarded"),
            self.env._("%(record)s cannot be asked for documents: it is %(state)s."),
        )
        for report in self:
            if report.completion_requested_date and not report.completion_date:
                raise UserError(
                    self.env._(
                        "The documents of %(record)s were already requested on %(date)s.",
                        record=report.display_name,
                        date=format_date(self.env, report.completion_requested_date),
                    )
                )
        self._workflow_write(
            {
                "completion_requested_date": fields.Date.context_today(self),
                "completion_date": False,
                "completion_escalated": False,
            }
        )
        return True

    def action_complete_documents(self):
        """The reporter handed in the missing documents."""
        self.check_access("write")
        for report in self:
            if not report.completion_requested_date or report.completion_date:
                raise UserError(
                    self.env._(
                        "No documents are awaited for %(record)s.", record=report.display_name
                    )
                )
        self._workflow_write({"completion_date": fields.Date.context_today(self)})
        return True

    # ------------------------------------------------------------------ scheduled action

    @api.model
    def _cron_gratification(self, batch_size=500, limit=10000):
        """Daily: keep the working calendars' public holidays loaded for this year and the
        next, then flag the reports still unreported past their KPK deadline and tell the
        agency's officers, once per report; remind the reporter and the officers of documents
        still missing past their due date, once per request."""
        self = self._in_company_context()
        today = fields.Date.context_today(self)
        calendars = self.env["res.company"].search([]).resource_calendar_id
        calendars._iso_load_public_holidays((today.year, today.year + 1))
        return self._run_steps(
            (self._escalate_late, self._escalate_incomplete), today, batch_size, limit
        )

    @api.model
    def _overdue_domain(self, today):
        """Reports still not reported whose KPK deadline has passed."""
        return [("state", "=", "received"), ("deadline_date", "<", today)]

    @api.model
    def _escalate_late(self, today, batch_size, limit):
        return self._remind_once(
            [*self._overdue_domain(today), ("escalated", "=", False)],
            {"is_late": True, "escalated": True},
            "iso_compliance_anti_bribery.mail_activity_type_gratification_late",
            lambda env: env._("Gratification report past its KPK deadline: report it now"),
            lambda report: report.agency_id.officer_ids,
            lambda report: report.deadline_date,
            batch_size,
            limit,
        )

    @api.model
    def _escalate_incomplete(self, today, batch_size, limit):
        return self._remind_once(
            [
                ("completion_requested_date", "!=", False),
                ("completion_date", "=", False),
                ("completion_due_date", "<", today),
                ("completion_escalated", "=", False),
            ],
            {"completion_escalated": True},
            "iso_compliance_anti_bribery.mail_activity_type_gratification_late",
            lambda env: env._("Documents of a gratification report overdue: complete the report"),
            lambda report: report.reporter_id | report.agency_id.officer_ids,
            lambda report: report.completion_due_date,
            batch_size,
            limit,
        )
