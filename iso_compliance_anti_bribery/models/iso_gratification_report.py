from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_date

from .iso_gratification_deadline import DEADLINE_FIELDS, DEADLINE_TYPES
from .iso_gratification_threshold import EXCEPTION_TYPES

# The deadlines (working days, the date they count from, their period) are data:
# iso.gratification.deadline, seeded in data/iso_gratification_deadline_data.xml.
# The states in which a report still has deadlines to meet.
OPEN_STATES = ("received", "reported", "forwarded")
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
    ("voucher", "Voucher or Gift Card"),
    ("e_money", "E-Money or Balance Top-Up"),
    ("goods", "Goods"),
    ("service", "Services"),
    ("hospitality", "Hospitality"),
    ("travel", "Travel"),
    ("other", "Other"),
]
# Money and the other means of exchange: never a gift between colleagues, never under an
# exception that excludes money (iso.gratification.threshold.money_excluded).
MONEY_FORMS = ("money", "voucher", "e_money")
OCCASIONS = [
    ("engagement", "Engagement"),
    ("wedding", "Wedding"),
    ("birth", "Birth"),
    ("aqiqah", "Aqiqah"),
    ("baptism", "Baptism"),
    ("circumcision", "Circumcision"),
    ("tooth_filing", "Tooth Filing"),
    ("religious", "Other Customary or Religious Ceremony"),
    ("disaster", "Disaster or Misfortune"),
    ("duty", "Official Duty or Service"),
    ("farewell", "Farewell, Retirement, Promotion or Birthday"),
    ("other", "Other"),
]
# The occasions of the ceremony exception (Pasal 2 ayat (3) huruf l).
CEREMONY_OCCASIONS = (
    "engagement",
    "wedding",
    "birth",
    "aqiqah",
    "baptism",
    "circumcision",
    "tooth_filing",
    "religious",
)
# A gift from these givers is connected with the position and contrary to duty: no
# exception lifts the duty to refuse or report it (Pasal 2 ayat (2)).
NEVER_EXEMPT_RELATIONS = ("service_user", "vendor")
DECISIONS = [
    ("state_property", "Declared State Property"),
    ("returned", "Returned to the Recipient"),
    ("not_followed_up", "Not Followed Up"),
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
        "claimed_exception",
        "conflict_of_interest",
        "description",
        "note_ids",
    }
)
# KPK's decision, its decree and its date are entered by the UPG from KPK's letter.
KPK_FIELDS = frozenset({"kpk_decision", "kpk_decree", "kpk_decision_date"})
OFFICER_FIELDS = (
    REPORTER_FIELDS
    | KPK_FIELDS
    | {
        "reporter_id",
        "reported_after_apip",
        "deposit_description",
        "deposit_location",
        "deposit_receipt",
    }
)
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
        "upg_late",
        "upg_escalated",
        "forward_date",
        "forward_late",
        "forward_escalated",
        "not_followed_up",
        "decision_late",
        "deposit_date",
        "deposit_received_by_id",
        "deposit_released_date",
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
    _iso_char_limits = {
        "giver_name": 200,
        "kpk_decree": 100,
        "deposit_location": 200,
        "deposit_receipt": 100,
    }
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
    user_is_reporter = fields.Boolean(
        compute="_compute_user_is_reporter",
        help="You received the gift: your personal notes on it are yours to write.",
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
    claimed_exception = fields.Selection(
        EXCEPTION_TYPES,
        string="Exception Claimed",
        help="The reporting exception the reporter believes the gift falls under (e.g. a "
        "seminar kit): it applies only if the rule in force on the day of receipt admits "
        "the gift. Ceremony, disaster, colleague and family gifts are recognised from the "
        "occasion and the relation without a claim.",
    )
    conflict_of_interest = fields.Boolean(
        string="Giver Has a Conflict of Interest",
        help="The giver has an interest in the recipient's duties or decisions: an exception "
        "that holds only without conflict of interest does not apply.",
    )
    description = fields.Text(help="What was given, when and where.")
    exception_id = fields.Many2one(
        "iso.gratification.threshold",
        string="Reporting Exception",
        compute="_compute_exception",
        store=True,
        help="The regulatory exception, in force on the day of receipt, that the gift falls "
        "under: such a gift need not be reported to KPK.",
    )
    upg_deadline_date = fields.Date(
        string="UPG Deadline",
        compute="_compute_deadlines",
        store=True,
        help="The report is due to the agency's gratification control unit (UPG) 10 working "
        "days after receipt (Configuration > Deadline Rules), on the company's working "
        "calendar with Indonesia's public holidays and joint leave days.",
    )
    upg_late = fields.Boolean(
        string="Late to the UPG",
        readonly=True,
        copy=False,
        help="Reported to the UPG after its deadline, or still not reported past it.",
    )
    upg_escalated = fields.Boolean(string="UPG Escalated", readonly=True, copy=False)
    deadline_date = fields.Date(
        string="KPK Deadline",
        compute="_compute_deadlines",
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
    forward_deadline_date = fields.Date(
        string="Forwarding Deadline",
        compute="_compute_deadlines",
        store=True,
        help="The UPG forwards the report to KPK 10 working days after it reached the UPG "
        "(Configuration > Deadline Rules).",
    )
    forward_date = fields.Date(
        string="Forwarded On",
        readonly=True,
        copy=False,
        tracking=True,
        help="When the UPG forwarded the report to KPK.",
    )
    forward_late = fields.Boolean(
        string="Forwarded Late",
        readonly=True,
        copy=False,
        help="Forwarded to KPK after the forwarding deadline, or still not forwarded past it.",
    )
    forward_escalated = fields.Boolean(string="Forwarding Escalated", readonly=True, copy=False)
    completion_requested_date = fields.Date(
        string="Completion Requested On",
        readonly=True,
        copy=False,
        tracking=True,
        help="When the UPG or KPK found the report incomplete and asked for its documents.",
    )
    completion_due_date = fields.Date(
        string="Documents Due",
        compute="_compute_deadlines",
        store=True,
        help="An incomplete report is completed within 30 working days of the receipt of "
        "the report (Peraturan KPK 2/2019, reports dated up to 19 January 2026), or 20 "
        "working days from the date of reporting (Peraturan KPK 1/2026, from 20 January "
        "2026); on the company's working calendar.",
    )
    completion_date = fields.Date(
        string="Documents Completed On", readonly=True, copy=False, tracking=True
    )
    completion_escalated = fields.Boolean(readonly=True, copy=False)
    not_followed_up = fields.Boolean(
        readonly=True,
        copy=False,
        help="The report stayed incomplete past its completion deadline: it is not followed up.",
    )
    state = fields.Selection(
        STATES, default="received", required=True, readonly=True, tracking=True, index=True
    )
    kpk_decision = fields.Selection(
        DECISIONS,
        string="KPK Decision",
        tracking=True,
        help="The gift becomes state property (milik negara) or the recipient's (milik "
        "penerima); a report that fails the elements of UU 20/2001 Pasal 12B, is formally "
        "wrong or has no economic value is not followed up (tidak ditindaklanjuti).",
    )
    kpk_decree = fields.Char(string="KPK Decree Number", tracking=True)
    kpk_decision_date = fields.Date(
        string="KPK Decision Date", tracking=True, help="The date of KPK's decree or letter."
    )
    decision_deadline_date = fields.Date(
        string="KPK Decision Due",
        compute="_compute_deadlines",
        store=True,
        help="KPK decides within 30 working days of receiving the report (UU 30/2002 Pasal "
        "17; Configuration > Deadline Rules), counted from the date it was forwarded to KPK.",
    )
    decision_late = fields.Boolean(
        string="KPK Decision Late",
        readonly=True,
        copy=False,
        help="KPK decided after its 30 working days, or has still not decided past them: ask "
        "KPK about the report.",
    )
    reported_after_apip = fields.Boolean(
        string="Reported After an APIP Finding",
        tracking=True,
        help="The gift was reported only after the agency's internal oversight (APIP, the "
        "inspectorate) found it: from 20 January 2026 KPK may declare such a gift state "
        "property (Peraturan KPK 1/2026).",
    )
    deposit_description = fields.Text(
        string="Deposited Object",
        help="The object the recipient deposited with the UPG (barang titipan) while KPK "
        "decides: what it is and its condition.",
    )
    deposit_location = fields.Char(
        string="Kept At", help="Where the UPG keeps the deposited object."
    )
    deposit_receipt = fields.Char(
        string="Deposit Receipt Number", help="The number of the UPG's receipt (tanda terima)."
    )
    deposit_date = fields.Date(
        string="Deposited On",
        readonly=True,
        copy=False,
        tracking=True,
        help="When the UPG received the object.",
    )
    deposit_received_by_id = fields.Many2one(
        "res.users",
        readonly=True,
        copy=False,
        help="The compliance officer who received the deposited object.",
    )
    deposit_released_date = fields.Date(
        string="Deposit Released On",
        readonly=True,
        copy=False,
        tracking=True,
        help="When the object left the UPG after KPK's decision: handed over to the state or "
        "given back to the recipient.",
    )
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
        "claimed_exception",
        "conflict_of_interest",
        "reporter_id",
        "giver_name",
        "company_id",
    )
    def _compute_exception(self):
        """The first exception, among those the gift may fall under, whose rule in force on
        the day of receipt admits it (iso.gratification.threshold._admits)."""
        Threshold = self.env["iso.gratification.threshold"].sudo()
        for report in self:
            report.exception_id = False
            if not (report.date_received and report.value):
                continue
            company = report.company_id or self.env.company
            for exception_type in report._exception_candidates():
                threshold = Threshold._in_force(exception_type, report.date_received, company)
                if threshold and threshold._admits(report):
                    report.exception_id = threshold
                    break

    def _exception_candidates(self):
        """The exception types this gift may fall under, in the order they are tried: the
        one the reporter claims, then those its occasion and the giver's relation point to.
        None for a gift from a supplier or a service applicant: it must be refused or
        reported, whatever its value."""
        self.ensure_one()
        if self.giver_relation in NEVER_EXEMPT_RELATIONS:
            return []
        types = [self.claimed_exception] if self.claimed_exception else []
        if self.occasion in CEREMONY_OCCASIONS:
            types.append("ceremony")
        elif self.occasion == "disaster":
            types.append("disaster")
        if self.giver_relation == "colleague":
            if self.occasion == "farewell":
                types.append("colleague_farewell")
            types.append("colleague")
        elif self.giver_relation == "family":
            types.append("family")
        return list(dict.fromkeys(types))

    def _is_money(self):
        """Money or another means of exchange (voucher, gift card, e-money)."""
        return self.gift_form in MONEY_FORMS

    def _same_giver_domain(self):
        """The gifts of the same giver to the same reporter in the calendar year of this
        one, up to its day of receipt, this one excluded."""
        return [
            ("id", "!=", self._origin.id or 0),
            ("reporter_id", "=", self.reporter_id.id),
            ("giver_name", "=ilike", self.giver_name or ""),
            ("giver_relation", "=", self.giver_relation),
            ("date_received", ">=", self.date_received.replace(month=1, day=1)),
            ("date_received", "<=", self.date_received),
        ]

    def _year_total(self, money=True):
        """This gift plus the earlier gifts of the same giver to the same reporter in the
        same calendar year; without money and vouchers if `money` is False."""
        self.ensure_one()
        domain = self._same_giver_domain()
        if not money:
            domain.append(("gift_form", "not in", MONEY_FORMS))
        return self.value + sum(self.sudo().search(domain).mapped("value"))

    def _event_total(self):
        """This gift plus the other gifts of the same giver to the same reporter at the same
        event (same occasion, same day)."""
        self.ensure_one()
        domain = [
            *self._same_giver_domain(),
            ("occasion", "=", self.occasion),
            ("date_received", "=", self.date_received),
        ]
        return self.value + sum(self.sudo().search(domain).mapped("value"))

    @api.depends(
        "date_received",
        "report_date",
        "completion_requested_date",
        "forward_date",
        "company_id",
        "state",
    )
    def _compute_deadlines(self):
        """Each deadline from the rule (iso.gratification.deadline) in force on the date it
        counts from, in working days on the company's calendar. The documents of an
        incomplete report are due only once requested; the forwarding deadline only once
        the report reached the UPG."""
        Rule = self.env["iso.gratification.deadline"]
        rules_by_company = {}
        for report in self:
            company = report.company_id or self.env.company
            if company not in rules_by_company:
                rules_by_company[company] = Rule._rules(company)
            rules = rules_by_company[company]
            calendar = company.resource_calendar_id
            for deadline_type, _label in DEADLINE_TYPES:
                field = DEADLINE_FIELDS[deadline_type]
                rule, start = Rule._applicable(rules.get(deadline_type, ()), report)
                if (deadline_type == "completion" and not report.completion_requested_date) or (
                    deadline_type == "forward" and report.state == "refused"
                ):
                    rule = None
                report[field] = (
                    calendar._iso_add_working_days(start, rule.working_days)
                    if rule and calendar
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
            vals.get(fname) for vals in vals_list for fname in KPK_FIELDS
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
        cap_fields = {
            "date_received",
            "giver_name",
            "giver_relation",
            "gift_form",
            "value",
            "occasion",
            "reporter_id",
        }
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
            not not_forwarded._iso_unchanged(fname, vals[fname]) for fname in KPK_FIELDS & set(vals)
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
            "KPK's decision, decree and decision date are recorded on a report forwarded to "
            "KPK, and only until the decision is recorded."
        )

    @api.constrains("kpk_decision_date", "forward_date")
    def _check_kpk_decision_date(self):
        today = fields.Date.context_today(self)
        for report in self.filtered("kpk_decision_date"):
            if report.kpk_decision_date > today:
                raise ValidationError(self.env._("KPK's decision cannot be dated in the future."))
            if report.forward_date and report.kpk_decision_date < report.forward_date:
                raise ValidationError(
                    self.env._(
                        "KPK's decision on %(record)s cannot be dated before the report reached "
                        "KPK (%(date)s).",
                        record=report.display_name,
                        date=format_date(self.env, report.forward_date),
                    )
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
        """The other gifts of the same givers to the same reporters in the same calendar
        years as these reports: the yearly and per-event caps count them together."""
        siblings = self.browse()
        for report in self.sudo():
            if not report.date_received or report.giver_relation in NEVER_EXEMPT_RELATIONS:
                continue
            year = report.date_received.year
            siblings |= report.search(
                [
                    ("id", "not in", self.ids),
                    ("reporter_id", "=", report.reporter_id.id),
                    ("giver_name", "=ilike", report.giver_name or ""),
                    ("giver_relation", "=", report.giver_relation),
                    ("date_received", ">=", f"{year}-01-01"),
                    ("date_received", "<=", f"{year}-12-31"),
                ]
            )
        return siblings

    def _recheck_colleague_cap(self):
        """An earlier gift recorded later counts towards the yearly or per-event cap of the
        gifts after it: their exception is computed again."""
        records = (self.sudo() | self._colleague_siblings().sudo()).exists()
        if records:
            self.env.add_to_compute(self._fields["exception_id"], records)
            records._recompute_recordset(["exception_id"])

    # ------------------------------------------------------------------ actions

    @api.depends_context("uid")
    @api.depends("reporter_id")
    def _compute_user_is_reporter(self):
        for report in self:
            report.user_is_reporter = report.reporter_id == self.env.user or not report.id

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
            "upg_late": bool(report.upg_deadline_date and date > report.upg_deadline_date),
        }

    def _late_values(self, today):
        """The late flags of this report against its current deadlines, on `today`."""
        self.ensure_one()
        reported_on = self.report_date or today
        values = {
            "is_late": bool(self.deadline_date and reported_on > self.deadline_date),
            "upg_late": bool(self.upg_deadline_date and reported_on > self.upg_deadline_date),
        }
        if self.report_date and self.state != "refused":
            forwarded_on = self.forward_date or today
            values["forward_late"] = bool(
                self.forward_deadline_date and forwarded_on > self.forward_deadline_date
            )
        if self.forward_date:
            values["decision_late"] = self._decision_late(today)
        return values

    def _decision_late(self, today):
        """KPK decided after its deadline, or has not decided and the deadline passed."""
        self.ensure_one()
        decided_on = self.kpk_decision_date if self.state == "decided" else today
        return bool(
            self.decision_deadline_date and decided_on and decided_on > self.decision_deadline_date
        )

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
        today = fields.Date.context_today(self)
        for report in self:
            report._workflow_write(
                {"state": "forwarded", "forward_date": today, **self._reported_values(report)}
            )
            report._workflow_write(
                {
                    "forward_late": bool(
                        report.forward_deadline_date and today > report.forward_deadline_date
                    )
                }
            )
        return True

    def action_record_decision(self):
        """KPK's decree: the gift becomes state property or stays with the recipient."""
        self._check_officer()
        self._check_state(
            ("forwarded",),
            self.env._("%(record)s cannot receive a KPK decision: it is %(state)s."),
        )
        for report in self:
            if not (report.kpk_decision and report.kpk_decree and report.kpk_decision_date):
                raise UserError(
                    self.env._(
                        "Enter KPK's decision, the decree number and the decision date of "
                        "%(record)s first.",
                        record=report.display_name,
                    )
                )
        today = fields.Date.context_today(self)
        for report in self:
            report._workflow_write({"state": "decided"})
            report._workflow_write({"decision_late": report._decision_late(today)})
        return True

    def action_receive_deposit(self):
        """The UPG received the gift itself for safekeeping (barang titipan) while KPK
        decides: the officer who received it and the day are recorded."""
        self._check_officer()
        self._check_state(
            ("reported", "forwarded", "decided"),
            self.env._("%(record)s cannot have an object deposited with the UPG: it is %(state)s."),
        )
        for report in self:
            if report.deposit_date:
                raise UserError(
                    self.env._(
                        "The object of %(record)s was already deposited on %(date)s.",
                        record=report.display_name,
                        date=format_date(self.env, report.deposit_date),
                    )
                )
            if not (report.deposit_description or "").strip():
                raise UserError(
                    self.env._(
                        "Describe the object deposited for %(record)s first.",
                        record=report.display_name,
                    )
                )
        self._workflow_write(
            {
                "deposit_date": fields.Date.context_today(self),
                "deposit_received_by_id": self.env.uid,
            }
        )
        return True

    def action_release_deposit(self):
        """After KPK's decision the deposited object leaves the UPG: handed over to the state
        or given back to the recipient."""
        self._check_officer()
        for report in self:
            if not report.deposit_date or report.deposit_released_date:
                raise UserError(
                    self.env._(
                        "No object of %(record)s is kept by the UPG.", record=report.display_name
                    )
                )
            if report.state != "decided":
                raise UserError(
                    self.env._(
                        "The object of %(record)s stays with the UPG until KPK's decision is "
                        "recorded.",
                        record=report.display_name,
                    )
                )
        self._workflow_write({"deposit_released_date": fields.Date.context_today(self)})
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
        self.env["resource.calendar"]._iso_refresh_public_holidays(today)
        return self._run_steps(
            (
                self._escalate_upg_late,
                self._escalate_forward_late,
                self._escalate_late,
                self._escalate_incomplete,
                self._escalate_decision_late,
            ),
            today,
            batch_size,
            limit,
        )

    @api.model
    def _escalate_upg_late(self, today, batch_size, limit):
        return self._remind_once(
            [
                ("state", "=", "received"),
                ("upg_deadline_date", "<", today),
                ("upg_escalated", "=", False),
            ],
            {"upg_late": True, "upg_escalated": True},
            "iso_compliance_anti_bribery.mail_activity_type_gratification_late",
            lambda env: env._("Gratification not reported to the UPG in time: report it now"),
            lambda report: report.reporter_id | report.agency_id.officer_ids,
            lambda report: report.upg_deadline_date,
            batch_size,
            limit,
        )

    @api.model
    def _escalate_forward_late(self, today, batch_size, limit):
        return self._remind_once(
            [
                ("state", "=", "reported"),
                ("forward_deadline_date", "<", today),
                ("forward_escalated", "=", False),
            ],
            {"forward_late": True, "forward_escalated": True},
            "iso_compliance_anti_bribery.mail_activity_type_gratification_late",
            lambda env: env._("Gratification report not forwarded to KPK in time: forward it"),
            lambda report: report.agency_id.officer_ids,
            lambda report: report.forward_deadline_date,
            batch_size,
            limit,
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
            {"completion_escalated": True, "not_followed_up": True},
            "iso_compliance_anti_bribery.mail_activity_type_gratification_late",
            lambda env: env._("Documents of a gratification report overdue: it is not followed up"),
            lambda report: report.reporter_id | report.agency_id.officer_ids,
            lambda report: report.completion_due_date,
            batch_size,
            limit,
        )

    @api.model
    def _escalate_decision_late(self, today, batch_size, limit):
        return self._remind_once(
            [
                ("state", "=", "forwarded"),
                ("decision_deadline_date", "<", today),
                ("decision_late", "=", False),
            ],
            {"decision_late": True},
            "iso_compliance_anti_bribery.mail_activity_type_gratification_late",
            lambda env: env._("KPK has not decided on this report within 30 working days: ask KPK"),
            lambda report: report.agency_id.officer_ids,
            lambda report: report.decision_deadline_date,
            batch_size,
            limit,
        )

    # ------------------------------------------------------------------ calendar changes

    @api.model
    def _iso_open_domain(self):
        return [
            "|",
            ("state", "in", OPEN_STATES),
            "&",
            ("completion_requested_date", "!=", False),
            ("completion_date", "=", False),
        ]

    @api.model
    def _iso_open_years(self):
        """The years the dates of the open reports fall in, and the next ones (where their
        deadlines run)."""
        years = set()
        for (day,) in self.sudo()._read_group(self._iso_open_domain(), ["date_received:year"]):
            if day:
                years |= {day.year, day.year + 1}
        return years

    @api.model
    def _iso_recompute_deadlines(self, calendars=None):
        """Recompute the stored deadlines of the open reports (on `calendars`, all if None)
        after the working days or the rules changed, refresh their late flags, and say in
        each report's chatter which deadline moved."""
        domain = self._iso_open_domain()
        if calendars is not None:
            domain = [*domain, ("company_id.resource_calendar_id", "in", calendars.ids)]
        reports = self.sudo().search(domain)
        if not reports:
            return reports
        fnames = list(DEADLINE_FIELDS.values())
        before = {report.id: [report[f] for f in fnames] for report in reports}
        for fname in fnames:
            self.env.add_to_compute(self._fields[fname], reports)
        reports._recompute_recordset(fnames)
        today = fields.Date.context_today(self)
        moved = reports.browse()
        for report in reports:
            changes = []
            for fname, old in zip(fnames, before[report.id], strict=True):
                new = report[fname]
                if new != old:
                    changes.append(
                        self.env._(
                            "%(deadline)s: %(old)s → %(new)s",
                            deadline=self._fields[fname].get_description(self.env)["string"],
                            old=format_date(self.env, old) if old else "-",
                            new=format_date(self.env, new) if new else "-",
                        )
                    )
            if changes:
                moved |= report
                report._workflow_write(report._late_values(today))
                report.message_post(
                    body=self.env._(
                        "The working calendar or the deadline rules changed; deadlines moved: "
                        "%(changes)s.",
                        changes="; ".join(changes),
                    ),
                    subtype_xmlid="mail.mt_note",
                )
        return moved

    @api.model
    def _iso_recompute_exceptions(self):
        """Recompute the exception of the reports KPK has not decided on after a manager
        changed the exceptions' data, and say in each report's chatter when it changed."""
        reports = self.sudo().search([("state", "in", OPEN_STATES)])
        if not reports:
            return reports
        before = {report.id: report.exception_id for report in reports}
        self.env.add_to_compute(self._fields["exception_id"], reports)
        reports._recompute_recordset(["exception_id"])
        changed = reports.filtered(lambda r: r.exception_id != before[r.id])
        for report in changed:
            report.message_post(
                body=self.env._(
                    "The reporting exceptions changed: %(old)s → %(new)s.",
                    old=before[report.id].name or self.env._("no exception"),
                    new=report.exception_id.name or self.env._("no exception"),
                ),
                subtype_xmlid="mail.mt_note",
            )
        return changed
