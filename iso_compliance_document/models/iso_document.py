import base64

from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import api, fields, models
from odoo.addons.iso_compliance.models.iso_config import get_int_param
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_date

DOCUMENT_TYPES = [
    ("policy", "Policy"),
    ("manual", "Manual"),
    ("procedure", "Procedure (SOP)"),
    ("work_instruction", "Work Instruction"),
    ("form", "Form"),
    ("record", "Record"),
    ("decree", "Decree (SK)"),
    ("other", "Other"),
]
DOCUMENT_STATES = [
    ("draft", "Draft"),
    ("in_review", "In Review"),
    ("approved", "Approved (Effective)"),
    ("obsolete", "Obsolete"),
]
# States in which a document has been evidence: an obsolete one still says why it no
# longer counts, a draft was never evidence.
EVIDENCE_STATES = ("approved", "obsolete")
DEFAULT_REVIEW_LEAD_DAYS = 30
DOCUMENT_PARAM_RANGES = {"iso_compliance.document_review_lead_days": (1, 365)}
# What the agency's officers write; the Inspectorate's mentors read and comment; managers
# also move a document to another agency and archive it. States, approvals and review dates
# move through the actions only.
OFFICER_FIELDS = frozenset(
    {
        "code",
        "name",
        "document_type",
        "clause_ids",
        "owner_id",
        "review_interval_months",
        "note",
        "version_ids",
    }
)


class IsoDocument(models.Model):
    """A controlled document of an agency (ISO 9001 and ISO 37001, clause 7.5): approved
    before use, reviewed at planned intervals, versioned, withdrawn when obsolete. Its
    effective version is evidence for the clauses it serves, and for the clauses mapped to
    them in the other standards."""

    _name = "iso.document"
    _description = "Documented Information"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "iso.scheduled.mixin",
        "iso.workflow.mixin",
        "iso.access.mixin",
    ]
    _order = "agency_id, code, id"
    _iso_write_fields = {
        "officer": OFFICER_FIELDS,
        "mentor": frozenset(),
        "manager": OFFICER_FIELDS | {"agency_id", "active"},
    }
    _iso_workflow_fields = frozenset(
        {
            "state",
            "current_version_id",
            "effective_date",
            "last_review_date",
            "review_overdue",
            "review_reminded",
        }
    )
    _iso_parent_fields = frozenset({"agency_id"})
    _iso_char_limits = {"code": 40, "name": 250}
    _rec_names_search = ["code", "name"]
    # Mentors read and comment.
    _mail_post_access = "read"

    code = fields.Char(
        required=True,
        tracking=True,
        help="The document's number in the agency's register, unique within the agency, "
        "e.g. SOP-PP-01.",
    )
    name = fields.Char(string="Title", required=True, tracking=True)
    document_type = fields.Selection(
        DOCUMENT_TYPES, string="Type", required=True, default="procedure", tracking=True
    )
    agency_id = fields.Many2one(
        "iso.agency",
        required=True,
        index=True,
        tracking=True,
        ondelete="restrict",
        default=lambda self: self._default_agency(),
    )
    company_id = fields.Many2one(related="agency_id.company_id", store=True, index=True)
    clause_ids = fields.Many2many(
        "iso.standard.clause",
        "iso_document_clause_rel",
        "document_id",
        "clause_id",
        string="Clauses Served",
        domain=[("is_assessable", "=", True)],
        help="The clauses of any standard this document is evidence for. It serves the "
        "clauses mapped to them in the other standards too (Configuration > Clause Mapping).",
    )
    clause_warning = fields.Char(
        compute="_compute_clause_warning",
        help="Clauses of a standard the agency does not pursue: the document counts for none "
        "of its engagements there.",
    )
    owner_id = fields.Many2one(
        "res.users",
        default=lambda self: self.env.user,
        tracking=True,
        domain=[("share", "=", False)],
        help="Who keeps the document up to date; the review reminders go to them.",
    )
    version_ids = fields.One2many("iso.document.version", "document_id", string="Versions")
    current_version_id = fields.Many2one(
        "iso.document.version",
        readonly=True,
        copy=False,
        help="The approved version in force.",
    )
    current_version_name = fields.Char(related="current_version_id.name", string="Version")
    current_file = fields.Binary(related="current_version_id.file", string="Current File")
    current_filename = fields.Char(related="current_version_id.filename")
    prepared_by_id = fields.Many2one(related="current_version_id.prepared_by_id")
    prepared_on = fields.Date(related="current_version_id.prepared_on")
    approved_by_id = fields.Many2one(related="current_version_id.approved_by_id")
    approved_on = fields.Date(related="current_version_id.approved_on")
    pending_version_id = fields.Many2one(
        "iso.document.version",
        compute="_compute_pending_version_id",
        string="Version in Preparation",
        help="The newest version not yet approved: a draft, or a version waiting for approval.",
    )
    pending_version_state = fields.Selection(
        DOCUMENT_STATES,
        compute="_compute_pending_version_id",
        help="Technical: where the version in preparation stands.",
    )
    state = fields.Selection(
        DOCUMENT_STATES,
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
        copy=False,
        group_expand=True,
        help="Draft until a first version is sent for approval; approved (effective) once "
        "the agency's head or a designated approver approves a version; obsolete once "
        "withdrawn. A new version of an approved document is approved the same way, while "
        "the current one stays in force.",
    )
    effective_date = fields.Date(
        readonly=True, copy=False, tracking=True, help="When the current version came into force."
    )
    review_interval_months = fields.Integer(
        string="Review Interval (months)",
        default=12,
        required=True,
        tracking=True,
        help="How often the owner reviews whether the document is still adequate.",
    )
    last_review_date = fields.Date(
        readonly=True,
        copy=False,
        help="When the current version was approved or last confirmed in a review.",
    )
    next_review_date = fields.Date(
        compute="_compute_next_review_date",
        store=True,
        index=True,
        help="The last review plus the review interval.",
    )
    review_overdue = fields.Boolean(
        compute="_compute_review_overdue",
        store=True,
        readonly=False,
        copy=False,
        help="The review date passed without a review: the document no longer counts as "
        "evidence until it is reviewed or a new version is approved. Checked every day.",
    )
    review_reminded = fields.Boolean(
        compute="_compute_review_reminded",
        store=True,
        readonly=False,
        copy=False,
        help="The owner was asked to review the document for this review date; cleared when "
        "the review date moves (once per period).",
    )
    is_effective = fields.Boolean(
        string="Effective",
        compute="_compute_is_effective",
        store=True,
        help="Approved, in use (not archived) and not overdue for review: counts as evidence.",
    )
    version_count = fields.Integer(compute="_compute_version_count")
    user_can_approve = fields.Boolean(
        compute="_compute_user_can_approve",
        help="Technical: the current user approves this agency's documents.",
    )
    user_can_withdraw = fields.Boolean(
        compute="_compute_user_can_approve",
        help="Technical: the current user approves this agency's documents or is a manager.",
    )
    user_can_review = fields.Boolean(
        compute="_compute_user_can_approve",
        help="Technical: the current user owns the document or approves the agency's documents.",
    )
    note = fields.Html(string="Purpose and Scope")
    active = fields.Boolean(default=True, tracking=True)

    _sql_constraints = [
        (
            "code_agency_uniq",
            "unique(agency_id, code)",
            "A document with this code already exists in the agency's register.",
        ),
    ]

    # ------------------------------------------------------------------ defaults, computes

    @api.depends("version_ids.state")
    def _compute_pending_version_id(self):
        for document in self:
            pending = document.version_ids.filtered(lambda v: v.state in ("draft", "in_review"))
            document.pending_version_id = pending.sorted("id")[-1:]
            document.pending_version_state = document.pending_version_id.state

    @api.depends("last_review_date", "review_interval_months")
    def _compute_next_review_date(self):
        for document in self:
            if document.last_review_date and document.review_interval_months > 0:
                document.next_review_date = document.last_review_date + relativedelta(
                    months=document.review_interval_months
                )
            else:
                document.next_review_date = False

    @api.depends("next_review_date", "state")
    def _compute_review_overdue(self):
        """Set from the date whenever it moves; the daily job flags the documents whose
        review date passed since."""
        today = fields.Date.context_today(self)
        for document in self:
            document.review_overdue = bool(
                document.state == "approved"
                and document.next_review_date
                and document.next_review_date < today
            )

    @api.depends("next_review_date")
    def _compute_review_reminded(self):
        self.review_reminded = False

    @api.depends("clause_ids", "agency_id")
    def _compute_clause_warning(self):
        """Clauses that count for none of the standards the agency pursues, themselves or
        through the clause mapping."""
        Clause = self.env["iso.standard.clause"].sudo()
        equivalents = self.env["iso.clause.mapping"]._equivalents(self.clause_ids.ids)
        for document in self:
            pursued = document.agency_id.sudo()._pursued_standards() if document.agency_id else None
            elsewhere = document.clause_ids.filtered(
                lambda clause, pursued=pursued: (
                    pursued and not (Clause.browse(equivalents[clause.id]).standard_id & pursued)
                )
            )
            document.clause_warning = (
                self.env._(
                    "%(agency)s does not pursue the standard of %(clauses)s (it pursues "
                    "%(standards)s): this document counts for none of its engagements there. "
                    "Choose the clause of the edition the agency works to.",
                    agency=document.agency_id.name,
                    clauses=", ".join(elsewhere.mapped("display_name")),
                    standards=", ".join(pursued.mapped("display_name")),
                )
                if elsewhere
                else False
            )

    @api.depends("state", "review_overdue", "active")
    def _compute_is_effective(self):
        for document in self:
            document.is_effective = (
                document.active and document.state == "approved" and not document.review_overdue
            )

    def _compute_version_count(self):
        counts = dict(
            self.env["iso.document.version"]._read_group(
                [("document_id", "in", self.ids)], ["document_id"], ["__count"]
            )
        )
        for document in self:
            document.version_count = counts.get(document, 0)

    @api.depends_context("uid")
    @api.depends("agency_id", "owner_id")
    def _compute_user_can_approve(self):
        user = self.env.user
        is_manager = user.has_group("iso_compliance.group_iso_compliance_manager")
        for document in self:
            approves = user in document.agency_id._document_approvers()
            document.user_can_approve = approves
            document.user_can_withdraw = approves or is_manager
            document.user_can_review = approves or user == document.owner_id

    @api.depends("code", "name")
    def _compute_display_name(self):
        for document in self:
            document.display_name = (
                f"{document.code} {document.name}" if document.code else document.name
            )

    # ------------------------------------------------------------------ evidence

    def _evidence_problem(self):
        """Why this document does not count as evidence, as a whole sentence; False when it
        counts. Obsolete and overdue-for-review documents no longer do."""
        self.ensure_one()
        if self.state == "obsolete":
            return self.env._("%(document)s is obsolete.", document=self.display_name)
        if not self.active:
            return self.env._("%(document)s is archived.", document=self.display_name)
        if self.state != "approved":
            return self.env._("%(document)s is not approved yet.", document=self.display_name)
        if self.review_overdue:
            return self.env._(
                "%(document)s is overdue for review since %(date)s.",
                document=self.display_name,
                date=format_date(self.env, self.next_review_date),
            )
        return False

    def _evidence_warning(self):
        """The problems of these documents as evidence, in one text; empty when all count."""
        return " ".join(filter(None, (document._evidence_problem() for document in self)))

    def _notify_evidence_changed(self):
        """Readiness of the engagements of these documents' agencies counts evidence from
        the register: have it recomputed (the engagements' own hook)."""
        self.env["iso.mentoring"]._recompute_readiness(self.agency_id)

    # ------------------------------------------------------------------ rules

    def _check_code_free(self, code, agency_id):
        """Refuse a code already used in the agency's register, naming the document that
        uses it (archived ones included), before the database constraint would."""
        duplicate = (
            self.sudo()
            .with_context(active_test=False)
            .search(
                [("id", "not in", self.ids), ("agency_id", "=", agency_id), ("code", "=", code)],
                limit=1,
            )
        )
        if duplicate:
            raise ValidationError(
                self.env._(
                    "The code %(code)s is already used by %(document)s in the register of "
                    "%(agency)s.",
                    code=code,
                    document=duplicate.name,
                    agency=duplicate.agency_id.name,
                )
            )

    @api.constrains("owner_id")
    def _check_owner_internal(self):
        """The owner keeps the document up to date and receives its review reminders: one of
        the regency's own users, never the public user or a portal user."""
        for document in self:
            if document.owner_id.share:
                raise ValidationError(
                    self.env._(
                        "The owner of %(document)s must be one of the regency's own users: "
                        "%(user)s is not.",
                        document=document.display_name,
                        user=document.owner_id.name,
                    )
                )

    @api.constrains("clause_ids")
    def _check_clauses_assessable(self):
        """A document serves clauses that are assessed, never a heading (ISO 9001 7.5 is
        assessed through 7.5.1, 7.5.2 and 7.5.3): readiness and the pack count leaves."""
        for document in self:
            headings = document.clause_ids.filtered(lambda clause: not clause.is_assessable)
            if headings:
                raise ValidationError(
                    self.env._(
                        "%(clause)s is a heading, not a clause that is assessed: choose its "
                        "sub-clauses (%(children)s) for %(document)s.",
                        clause=headings[0].display_name,
                        children=", ".join(headings[0].child_ids.mapped("number")),
                        document=document.display_name,
                    )
                )

    def _clauses_before(self, vals):
        """{document id: clause ids} before a write of `vals` that changes the clauses (for
        ``_check_clauses_not_dropped``); None otherwise."""
        if "clause_ids" not in vals or self._iso_in_workflow():
            return None
        return {document.id: set(document.clause_ids.ids) for document in self}

    def _check_clauses_not_dropped(self, before):
        """A document that was evidence and no longer counts (withdrawn, archived, or
        overdue for review) keeps the clauses it served: clearing them would let readiness
        count those clauses again without a new approved document."""
        for document in self:
            if document.state not in EVIDENCE_STATES or document.is_effective:
                continue
            dropped = self.env["iso.standard.clause"].browse(
                sorted(before.get(document.id, set()) - set(document.clause_ids.ids))
            )
            if dropped:
                raise UserError(
                    self.env._(
                        "%(document)s no longer counts as evidence (%(reason)s) and keeps the "
                        "clauses it served, so that readiness does not count %(clauses)s again "
                        "without an approved document. Approve a new version or register a "
                        "new document for them.",
                        document=document.display_name,
                        reason=document._evidence_problem(),
                        clauses=", ".join(dropped.mapped("display_name")),
                    )
                )

    @api.constrains("review_interval_months")
    def _check_review_interval(self):
        for document in self:
            if not 1 <= document.review_interval_months <= 60:
                raise ValidationError(
                    self.env._(
                        "The review interval of %(document)s must be from 1 to 60 months.",
                        document=document.display_name,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        """Documented information is kept: a document that was ever sent for approval is
        archived, not deleted."""
        for document in self:
            if document.state != "draft" or any(
                version.state != "draft" for version in document.version_ids
            ):
                raise UserError(
                    self.env._(
                        "%(document)s was sent for approval or approved: archive it instead "
                        "of deleting it.",
                        document=document.display_name,
                    )
                )

    # ------------------------------------------------------------------ CRUD

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._iso_normalise_codes(vals)
            self._iso_check_values(vals)
            agency_id = vals.get("agency_id") or self._default_agency().id
            if vals.get("code") and agency_id:
                self._check_code_free(vals["code"], agency_id)
        documents = super().create(vals_list)
        documents._notify_evidence_changed()
        return documents

    def write(self, vals):
        self._iso_normalise_codes(vals)
        if vals.get("code") or vals.get("agency_id"):
            for document in self:
                document._check_code_free(
                    vals.get("code", document.code), vals.get("agency_id", document.agency_id.id)
                )
        # Rewriting a review date or interval with its current value does not open a new
        # review period (nor a second reminder in the same one).
        for fname in ("review_interval_months", "last_review_date"):
            if fname in vals and self and self._iso_unchanged(fname, vals[fname]):
                vals = {key: value for key, value in vals.items() if key != fname}
        clauses_before = self._clauses_before(vals)
        agencies = self.agency_id
        result = super().write(vals)
        if clauses_before:
            self._check_clauses_not_dropped(clauses_before)
        if {
            "state",
            "clause_ids",
            "active",
            "agency_id",
            "last_review_date",
            "review_interval_months",
            "review_overdue",
        } & set(vals):
            self.env["iso.mentoring"]._recompute_readiness(self.agency_id | agencies)
        return result

    # ------------------------------------------------------------------ actions

    def _check_approver(self, version):
        """The agency's head or a designated approver approves, never the version's author
        alone: someone else must have looked at it. Whoever last changed its file is an
        author too."""
        user = self.env.user
        if user not in self.agency_id._document_approvers():
            raise AccessError(
                self.env._(
                    "Only the head of %(agency)s or a designated document approver can "
                    "approve or return %(document)s.",
                    agency=self.agency_id.name,
                    document=self.display_name,
                )
            )
        if version.prepared_by_id == user:
            raise UserError(
                self.env._(
                    "You prepared version %(version)s of %(document)s: another approver of "
                    "the agency must approve it.",
                    version=version.name,
                    document=self.display_name,
                )
            )
        if version.file_changed_by_id == user:
            raise UserError(
                self.env._(
                    "You last changed the file of version %(version)s of %(document)s: "
                    "another approver of the agency must approve it.",
                    version=version.name,
                    document=self.display_name,
                )
            )

    def action_submit(self):
        """Send the version in preparation for approval; its approvers get an activity."""
        self._check_state(
            ("draft", "approved"),
            self.env._("%(record)s cannot be sent for approval: it is %(state)s."),
        )
        for document in self:
            version = document.pending_version_id
            if not version or version.state != "draft":
                raise UserError(
                    self.env._(
                        "%(document)s has no draft version to send for approval: add a "
                        "version with its file first.",
                        document=document.display_name,
                    )
                )
            if not version.file:
                raise UserError(
                    self.env._(
                        "Version %(version)s of %(document)s has no file: attach the "
                        "document before sending it for approval.",
                        version=version.name,
                        document=document.display_name,
                    )
                )
            version._workflow_write(
                {"state": "in_review", "submitted_on": fields.Date.context_today(self)}
            )
            if document.state == "draft":
                document._workflow_write({"state": "in_review"})
            approvers = document.agency_id._document_approvers() - version.prepared_by_id
            today = fields.Date.context_today(self)
            document.sudo()._schedule_activities(
                self.env.ref("iso_compliance_document.mail_activity_type_document_approval"),
                (
                    (
                        document.sudo(),
                        approver,
                        lambda env, v=version: env._("Approve version %(version)s", version=v.name),
                        today,
                    )
                    for approver in approvers
                ),
            )
            document._message_log(
                body=self.env._("Version %(version)s was sent for approval.", version=version.name),
            )
        return True

    def _in_review_version(self):
        self.ensure_one()
        version = self.pending_version_id
        if not version or version.state != "in_review":
            raise UserError(
                self.env._(
                    "%(document)s has no version waiting for approval.",
                    document=self.display_name,
                )
            )
        return version

    def action_approve(self):
        """Approve the version waiting for approval: it becomes the current version, in
        force from today, and the one it replaces becomes obsolete (kept with its file)."""
        self.check_access("write")
        today = fields.Date.context_today(self)
        for document in self:
            version = document._in_review_version()
            document._check_approver(version)
            document.current_version_id._workflow_write({"state": "obsolete"})
            version._workflow_write(
                {"state": "approved", "approved_by_id": self.env.uid, "approved_on": today}
            )
            document._workflow_write(
                {
                    "state": "approved",
                    "current_version_id": version.id,
                    "effective_date": today,
                    "last_review_date": today,
                }
            )
            document._close_activities(
                "iso_compliance_document.mail_activity_type_document_approval"
            )
            document._message_log(
                body=self.env._(
                    "Version %(version)s was approved by %(user)s and is in force from %(date)s.",
                    version=version.name,
                    user=self.env.user.name,
                    date=format_date(self.env, today),
                ),
            )
        return True

    def action_return(self):
        """Send the version waiting for approval back to its author as a draft."""
        self.check_access("write")
        for document in self:
            version = document._in_review_version()
            document._check_approver(version)
            version._workflow_write({"state": "draft"})
            if document.state == "in_review":
                document._workflow_write({"state": "draft"})
            document._close_activities(
                "iso_compliance_document.mail_activity_type_document_approval"
            )
            document._message_log(
                body=self.env._(
                    "Version %(version)s was returned to its author by %(user)s.",
                    version=version.name,
                    user=self.env.user.name,
                ),
            )
        return True

    def action_confirm_review(self):
        """The periodic review found the current version still adequate: the next review
        is one interval from today, and the document counts as evidence again."""
        self._check_state(
            ("approved",), self.env._("%(record)s cannot be reviewed: it is %(state)s.")
        )
        today = fields.Date.context_today(self)
        for document in self:
            if self.env.user not in (document.owner_id | document.agency_id._document_approvers()):
                raise AccessError(
                    self.env._(
                        "Only the owner of %(document)s or an approver of its agency can "
                        "confirm its review.",
                        document=document.display_name,
                    )
                )
            document._workflow_write({"last_review_date": today})
            document._close_activities("iso_compliance_document.mail_activity_type_document_review")
            document._message_log(
                body=self.env._(
                    "Reviewed by %(user)s: still adequate; next review on %(date)s.",
                    user=self.env.user.name,
                    date=format_date(self.env, document.next_review_date),
                ),
            )
        return True

    def action_withdraw(self):
        """Withdraw the document from use: it and its current version become obsolete."""
        self._check_state(
            ("draft", "in_review", "approved"),
            self.env._("%(record)s cannot be withdrawn: it is %(state)s."),
        )
        is_manager = self.env.user.has_group("iso_compliance.group_iso_compliance_manager")
        for document in self:
            if not is_manager and self.env.user not in document.agency_id._document_approvers():
                raise AccessError(
                    self.env._(
                        "Only the head of %(agency)s, a designated document approver or a "
                        "manager can withdraw %(document)s.",
                        agency=document.agency_id.name,
                        document=document.display_name,
                    )
                )
            (document.current_version_id | document.pending_version_id)._workflow_write(
                {"state": "obsolete"}
            )
            document._workflow_write({"state": "obsolete"})
            document._close_activities(
                "iso_compliance_document.mail_activity_type_document_approval",
                "iso_compliance_document.mail_activity_type_document_review",
            )
        return True

    def _close_activities(self, *xmlids):
        """The approval or review asked for is done: its activities go (the chatter note of
        the action says who did what)."""
        types = [self.env.ref(xmlid).id for xmlid in xmlids]
        self.sudo().activity_ids.filtered(lambda a: a.activity_type_id.id in types).unlink()

    def action_view_versions(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Versions"),
            "res_model": "iso.document.version",
            "view_mode": "list,form",
            "domain": [("document_id", "=", self.id)],
            "context": {"default_document_id": self.id},
        }

    def _demo_version_file(self, number):
        """Demo data: the file of version `number` of this document, a small PDF naming it
        (base64), given to the demo's versions as they are created: a version has its
        file."""
        self.ensure_one()
        return base64.b64encode(
            minimal_pdf([self.agency_id.name, f"{self.code} - {self.name}", f"Versi {number}"])
        )

    @api.model
    def _demo_workflow(self, steps):
        """Demo data: run the register's actions as the demo users, so that the demo's
        approvals go through the same rules as everyone's. `steps` are (document id, login,
        operation); `age` (as the superuser) moves the last review back beyond the interval,
        so that the next run of the review job finds the document overdue."""
        if any(self.browse(step[0]).state != "draft" for step in steps):
            return  # already run (an upgrade reloads the demo data)
        Users = self.env["res.users"].sudo()
        for document_id, login, operation in steps:
            document = self.browse(document_id)
            if operation == "age":
                approved = fields.Date.context_today(self) - relativedelta(
                    months=document.review_interval_months, days=20
                )
                document.current_version_id.sudo()._workflow_write(
                    {"approved_on": approved, "prepared_on": approved, "submitted_on": approved}
                )
                document.sudo()._workflow_write(
                    {"last_review_date": approved, "effective_date": approved}
                )
                continue
            user = Users.search([("login", "=", login)], limit=1)
            document = document.with_user(user)
            if operation == "new_version":
                number = str(len(document.sudo().version_ids) + 1)
                self.env["iso.document.version"].with_user(user).create(
                    {
                        "document_id": document.id,
                        "change_note": "Revisi berkala.",
                        "file": document.sudo()._demo_version_file(number),
                        "filename": f"{document.code}.pdf",
                    }
                )
            else:
                getattr(document, f"action_{operation}")()

    # ------------------------------------------------------------------ scheduled action

    @api.model
    def _review_lead_days(self):
        key = "iso_compliance.document_review_lead_days"
        return get_int_param(self.env, key, DEFAULT_REVIEW_LEAD_DAYS, DOCUMENT_PARAM_RANGES[key])

    @api.model
    def _cron_document_review(self, batch_size=500, limit=10000):
        """Daily: documents whose review date passed stop counting as evidence (and say
        so); owners of documents reaching their review date get a review activity, once per
        review period."""
        self = self._in_company_context()
        return self._run_steps(
            (self._flag_overdue, self._remind_review), fields.Datetime.now(), batch_size, limit
        )

    @api.model
    def _flag_overdue(self, now, batch_size, limit):
        today = fields.Date.context_today(self, now)
        domain = [
            ("state", "=", "approved"),
            ("review_overdue", "=", False),
            ("next_review_date", "<", today),
        ]
        return self._process_matching(domain, lambda b: b._mark_overdue(), batch_size, limit)

    def _mark_overdue(self):
        self._workflow_write({"review_overdue": True})
        self._message_log_batch(
            bodies={
                document.id: Markup("<p>%s</p>")
                % self.env._(
                    "The review date %(date)s passed: the document no longer counts as "
                    "evidence until it is reviewed or a new version is approved.",
                    date=format_date(self.env, document.next_review_date),
                )
                for document in self
            }
        )

    @api.model
    def _remind_review(self, now, batch_size, limit):
        today = fields.Date.context_today(self, now)
        return self._remind_once(
            [
                ("state", "=", "approved"),
                ("next_review_date", "<=", today + relativedelta(days=self._review_lead_days())),
                ("review_reminded", "=", False),
            ],
            {"review_reminded": True},
            "iso_compliance_document.mail_activity_type_document_review",
            lambda env: env._("Review the document: is it still adequate?"),
            lambda document: document.owner_id or document.agency_id.officer_ids,
            lambda document: document.next_review_date,
            batch_size,
            limit,
        )


def minimal_pdf(lines):
    """A one-page PDF showing `lines` of Latin-1 text in Helvetica: the demo's document
    files, made at demo load time instead of shipping binaries."""

    def escape(text):
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    body = ["BT", "/F1 14 Tf", "72 770 Td", "18 TL"]
    for line in lines:
        body.append(f"({escape(line)}) '")
    body.append("ET")
    stream = "\n".join(body).encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, content in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + content + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)
