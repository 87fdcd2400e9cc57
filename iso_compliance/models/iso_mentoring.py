from collections import Counter, defaultdict
from datetime import timedelta

from lxml import etree
from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression
from odoo.tools import format_date, formatLang

from .iso_agency import mentor_users_domain
from .iso_config import get_int_param

DEFAULT_STALL_DAYS = 30
KANBAN_STATES = [
    ("normal", "In Progress"),
    ("blocked", "Blocked"),
    ("done", "Ready for Next Stage"),
]
# Keyed by the band's lower bound, zero-padded: charts and grouped lists order the bands by
# their stored value, which must then sort as the bands do ("025" before "100").
READINESS_BANDS = [
    ("000", "Below 25%"),
    ("025", "25% to 50%"),
    ("050", "50% to 75%"),
    ("075", "75% to 99%"),
    ("100", "100%"),
]
# What an agency officer may write on their own engagement: its checklist lines, in place
# (each line then checks what the officer may change on it).
OFFICER_WRITABLE_FIELDS = frozenset({"line_ids"})
# Weight of each checklist status in the readiness percentage.
READINESS_WEIGHTS = {"verified": 1.0, "implemented": 0.5}
# What the mentors on an engagement may change; managers also move it to another agency and
# archive it. Officers read it and work on its checklist lines.
MENTOR_FIELDS = frozenset(
    {
        "standard_ids",
        "user_id",
        "mentor_ids",
        "officer_ids",
        "priority",
        "sequence",
        "date_start",
        "date_target",
        "stage_id",
        "kanban_state",
        "blocked_reason",
        "line_ids",
        "color",
        "note",
    }
)


class IsoMentoring(models.Model):
    """An agency's engagement towards certification to one or more standards, guided by the
    Inspectorate's mentors (or pursued alone); one card of the mentoring board."""

    _name = "iso.mentoring"
    _description = "Mentoring Engagement"
    _inherit = ["mail.thread", "mail.activity.mixin", "iso.scheduled.mixin", "iso.access.mixin"]
    _order = "priority desc, sequence, id desc"
    _iso_write_fields = {
        "officer": OFFICER_WRITABLE_FIELDS,
        "mentor": MENTOR_FIELDS,
        "manager": MENTOR_FIELDS | {"agency_id", "active"},
    }
    _iso_workflow_fields = frozenset({"stall_reminded"})
    _iso_parent_fields = frozenset({"agency_id"})
    _rec_names_search = ["agency_id.name", "agency_id.code"]
    # Officers may post messages and attach documents on the engagements they can read.
    _mail_post_access = "read"

    agency_id = fields.Many2one(
        "iso.agency",
        required=True,
        index=True,
        tracking=True,
        ondelete="restrict",
        help="The agency (OPD) working towards certification.",
    )
    standard_ids = fields.Many2many(
        "iso.standard",
        "iso_mentoring_standard_rel",
        "mentoring_id",
        "standard_id",
        string="Standards Pursued",
        help="The standards the agency wants to be certified to; one engagement may pursue "
        "several together. The readiness checklist holds their assessable clauses.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Lead Mentor",
        compute="_compute_user_id",
        store=True,
        readonly=False,
        index=True,
        tracking=True,
        domain=lambda self: mentor_users_domain(self.env),
        help="The Inspectorate mentor in charge of this engagement. Empty when the agency "
        "pursues certification on its own (own team or a consultant).",
    )
    mentor_ids = fields.Many2many(
        "res.users",
        "iso_mentoring_mentor_rel",
        "mentoring_id",
        "user_id",
        string="Mentor Team",
        compute="_compute_mentor_ids",
        store=True,
        readonly=False,
        domain=lambda self: mentor_users_domain(self.env),
        help="Inspectorate mentors who work on this engagement with the lead mentor; "
        "they may edit it.",
    )
    officer_ids = fields.Many2many(
        "res.users",
        "iso_mentoring_officer_rel",
        "mentoring_id",
        "user_id",
        string="Counterpart Officers",
        compute="_compute_officer_ids",
        store=True,
        readonly=False,
        domain=[("share", "=", False)],
        help="The agency's staff who carry the work on the agency's side.",
    )
    priority = fields.Selection(
        [("0", "Normal"), ("1", "Regent's Priority")],
        compute="_compute_priority",
        store=True,
        readonly=False,
        tracking=True,
        help="Engagements of agencies on the Regent's priority list come first.",
    )
    sequence = fields.Integer(default=10)
    date_start = fields.Date(
        string="Start Date",
        required=True,
        default=fields.Date.context_today,
        tracking=True,
    )
    date_target = fields.Date(
        string="Target Certification Date",
        tracking=True,
        help="When the agency aims to receive its certificates.",
    )
    stage_id = fields.Many2one(
        "iso.mentoring.stage",
        string="Roadmap Stage",
        default=lambda self: self._default_stage(),
        group_expand="_read_group_stage_ids",
        required=True,
        index=True,
        tracking=True,
        ondelete="restrict",
        copy=False,
    )
    stage_description = fields.Text(related="stage_id.description")
    is_certified = fields.Boolean(related="stage_id.is_certified", store=True)
    kanban_state = fields.Selection(
        KANBAN_STATES,
        string="Status",
        default="normal",
        required=True,
        tracking=True,
        copy=False,
        help="In progress, blocked, or ready for the next stage; reset to in progress when "
        "the engagement changes stage.",
    )
    blocked_reason = fields.Char(
        tracking=True,
        copy=False,
        help="What holds the engagement up while it is blocked, shown on its card; cleared "
        "when it is no longer blocked.",
    )
    line_ids = fields.One2many("iso.mentoring.line", "mentoring_id", string="Readiness Checklist")
    user_is_officer_only = fields.Boolean(
        compute="_compute_user_is_officer_only",
        help="Technical: the current user is an agency officer, not Inspectorate staff, and "
        "only updates the checklist.",
    )
    readiness = fields.Float(
        string="Readiness (%)",
        compute="_compute_readiness",
        store=True,
        aggregator="avg",
        digits=(5, 1),
        help="Share of the checklist done: a clause verified by a mentor counts fully, a clause "
        "the agency reports implemented counts half (it still needs the mentor's check), "
        "clauses not started or in progress count nothing. 100% means every assessable clause "
        "of the pursued standards was verified.",
    )
    readiness_band = fields.Selection(
        READINESS_BANDS,
        compute="_compute_readiness",
        store=True,
        help="Readiness in quarters, for the readiness distribution of the regency overview.",
    )
    line_count = fields.Integer(compute="_compute_readiness", store=True, string="Clauses")
    session_ids = fields.One2many("iso.mentoring.session", "mentoring_id", string="Sessions")
    session_count = fields.Integer(compute="_compute_session_count")
    last_session_date = fields.Datetime(
        compute="_compute_session_dates",
        store=True,
        help="When the last session held with the agency took place.",
    )
    next_session_date = fields.Datetime(
        compute="_compute_session_dates",
        store=True,
        help="The earliest planned session.",
    )
    is_stalled = fields.Boolean(
        string="Session Overdue",
        compute="_compute_is_stalled",
        search="_search_is_stalled",
        help="Not certified, and no session held for the number of days set in Settings "
        "(counted from the start for an engagement without any).",
    )
    stall_reminded = fields.Boolean(
        compute="_compute_stall_reminded",
        store=True,
        readonly=False,
        copy=False,
        help="The lead mentor was asked to plan a session because none was held for too long; "
        "cleared when the last session held changes.",
    )
    company_id = fields.Many2one(related="agency_id.company_id", store=True, index=True)
    color = fields.Integer(string="Color Index")
    note = fields.Html(string="Notes")
    active = fields.Boolean(default=True, tracking=True)

    # ------------------------------------------------------------------ defaults, groups

    @api.model
    def _default_stage(self):
        return self.env["iso.mentoring.stage"].search([("is_certified", "=", False)], limit=1)

    @api.model
    def _certified_stage(self):
        return self.env["iso.mentoring.stage"].search([("is_certified", "=", True)], limit=1)

    @api.model
    def _read_group_stage_ids(self, stages, domain):
        """Every roadmap stage is a column of the board, with engagements or not."""
        return stages.sudo().search([], order=stages._order).with_env(stages.env)

    # ------------------------------------------------------------------ computes

    @api.depends_context("uid")
    def _compute_user_is_officer_only(self):
        self.user_is_officer_only = not self.env.user.has_group(
            "iso_compliance.group_iso_compliance_mentor"
        )

    @api.depends("agency_id")
    def _compute_user_id(self):
        for mentoring in self:
            mentoring.user_id = mentoring.agency_id.mentor_ids[:1]

    @api.depends("agency_id")
    def _compute_mentor_ids(self):
        for mentoring in self:
            mentoring.mentor_ids = mentoring.agency_id.mentor_ids - mentoring.user_id

    @api.depends("agency_id")
    def _compute_officer_ids(self):
        for mentoring in self:
            mentoring.officer_ids = mentoring.agency_id.officer_ids

    @api.depends("agency_id.priority")
    def _compute_priority(self):
        for mentoring in self:
            mentoring.priority = mentoring.agency_id.priority or "0"

    # Lines of the pursued standards count, archived or not: readiness never rises because
    # a line went; the worked lines of a dropped standard are archived and stop counting.
    # Each line counts at the status iso.mentoring.line._readiness_statuses gives (a feature
    # addon may lower it; changes it sees reach the engagements through _recompute_readiness).
    @api.depends("line_ids.status", "line_ids.active", "standard_ids")
    def _compute_readiness(self):
        """A bounded number of queries for all engagements, whatever the number of lines
        (see iso.mentoring.line._readiness_statuses)."""
        stored = self.filtered(lambda m: isinstance(m.id, int))
        counts = defaultdict(Counter)
        if stored:
            Line = self.env["iso.mentoring.line"].sudo().with_context(active_test=False)
            lines = Line.search_fetch(
                [("mentoring_id", "in", stored.ids)],
                ["mentoring_id", "standard_id", "status", "clause_id"],
            )
            statuses = lines._readiness_statuses()
            for line in lines:
                mentoring = line.mentoring_id
                if line.standard_id not in mentoring.standard_ids:
                    continue
                counts[mentoring.id][statuses[line.id]] += 1
        for mentoring in self - stored:
            counts[mentoring.id] = Counter(
                mentoring.line_ids.filtered(
                    lambda line, m=mentoring: line.standard_id in m.standard_ids
                ).mapped("status")
            )
        for mentoring in self:
            by_status = counts[mentoring.id]
            total = sum(by_status.values())
            score = sum(READINESS_WEIGHTS.get(s, 0.0) * n for s, n in by_status.items())
            readiness = round(100.0 * score / total, 1) if total else 0.0
            mentoring.readiness = readiness
            mentoring.line_count = total
            mentoring.readiness_band = next(
                band for band, _label in reversed(READINESS_BANDS) if readiness >= int(band)
            )

    @api.model
    def _recompute_readiness(self, agencies):
        """Hook for feature addons: something readiness reads outside the checklist (see
        iso.mentoring.line._readiness_statuses) changed for these agencies, so their
        engagements' readiness is recomputed at the next flush."""
        if not agencies:
            return
        engagements = (
            self.sudo().with_context(active_test=False).search([("agency_id", "in", agencies.ids)])
        )
        for fname in ("readiness", "readiness_band", "line_count"):
            self.env.add_to_compute(self._fields[fname], engagements)

    @api.depends("session_ids.state", "session_ids.date")
    def _compute_session_dates(self):
        """Last held and next planned session, in one grouped query."""
        stored = self.filtered(lambda m: isinstance(m.id, int))
        dates = defaultdict(dict)
        if stored:
            groups = self.env["iso.mentoring.session"]._read_group(
                [("mentoring_id", "in", stored.ids), ("state", "in", ("held", "planned"))],
                ["mentoring_id", "state"],
                ["date:max", "date:min"],
            )
            for mentoring, state, date_max, date_min in groups:
                dates[mentoring.id][state] = date_max if state == "held" else date_min
        for mentoring in self - stored:
            held = mentoring.session_ids.filtered(lambda s: s.state == "held").mapped("date")
            planned = mentoring.session_ids.filtered(lambda s: s.state == "planned").mapped("date")
            dates[mentoring.id] = {"held": max(held, default=False)}
            dates[mentoring.id]["planned"] = min(planned, default=False)
        for mentoring in self:
            mentoring.last_session_date = dates[mentoring.id].get("held", False)
            mentoring.next_session_date = dates[mentoring.id].get("planned", False)

    @api.depends("last_session_date")
    def _compute_stall_reminded(self):
        self.stall_reminded = False

    @api.model
    def _stalled_domain(self, now):
        since = now - timedelta(days=self._stall_days())
        return [
            ("is_certified", "=", False),
            "|",
            ("last_session_date", "<", since),
            "&",
            ("last_session_date", "=", False),
            ("date_start", "<", fields.Date.context_today(self, since)),
        ]

    @api.depends("is_certified", "last_session_date", "date_start")
    def _compute_is_stalled(self):
        stalled = self.filtered_domain(self._stalled_domain(fields.Datetime.now()))
        for mentoring in self:
            mentoring.is_stalled = mentoring in stalled

    def _search_is_stalled(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on overdue sessions."))
        domain = self._stalled_domain(fields.Datetime.now())
        if (operator == "=") == value:
            return domain
        return ["!", *expression.normalize_domain(domain)]

    def _compute_session_count(self):
        counts = dict(
            self.env["iso.mentoring.session"]._read_group(
                [("mentoring_id", "in", self.ids)], ["mentoring_id"], ["__count"]
            )
        )
        for mentoring in self:
            mentoring.session_count = counts.get(mentoring, 0)

    @api.depends("agency_id", "standard_ids")
    def _compute_display_name(self):
        for mentoring in self:
            codes = ", ".join(mentoring.standard_ids.mapped("code"))
            name = mentoring.agency_id.name or ""
            mentoring.display_name = f"{name} ({codes})" if codes else name

    # ------------------------------------------------------------------ rules

    def _missing_certificates(self):
        """For each engagement, the pursued standards its agency holds no active certificate
        to (any edition of the standard counts)."""
        certificates = (
            self.env["iso.certificate"]
            .sudo()
            .search([("agency_id", "in", self.agency_id.ids), ("state", "=", "active")])
        )
        held = {(cert.agency_id.id, cert.standard_code) for cert in certificates}
        return {
            mentoring: mentoring.standard_ids.filtered(
                lambda s, m=mentoring: (m.agency_id.id, s.code) not in held
            )
            for mentoring in self
        }

    @api.constrains("date_start", "date_target")
    def _check_dates(self):
        for mentoring in self:
            if mentoring.date_target and mentoring.date_target < mentoring.date_start:
                raise ValidationError(
                    self.env._(
                        "The target certification date of %(engagement)s comes before its start.",
                        engagement=mentoring.display_name,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_with_history(self):
        """An engagement with held sessions or a worked checklist is archived, not deleted."""
        Line = self.env["iso.mentoring.line"].with_context(active_test=False)
        for mentoring in self:
            lines = Line.search([("mentoring_id", "=", mentoring.id)])
            if (
                mentoring.is_certified
                or any(session.state == "held" for session in mentoring.session_ids)
                or any(not line._is_untouched() for line in lines)
            ):
                raise UserError(
                    self.env._(
                        "%(engagement)s has held sessions or a checklist the agency worked on: "
                        "archive it instead of deleting it.",
                        engagement=mentoring.display_name,
                    )
                )

    @api.constrains("stage_id", "standard_ids", "agency_id")
    def _check_certified_stage(self):
        certified = self.filtered(lambda m: m.stage_id.is_certified)
        missing = certified._missing_certificates()
        for mentoring in certified:
            if not mentoring.standard_ids:
                raise ValidationError(
                    self.env._(
                        "%(agency)s cannot reach the stage %(stage)s: the engagement pursues "
                        "no standard.",
                        agency=mentoring.agency_id.name,
                        stage=mentoring.stage_id.name,
                    )
                )
            if missing[mentoring]:
                raise ValidationError(
                    self.env._(
                        "%(agency)s cannot reach the stage %(stage)s yet: it holds no active "
                        "certificate for %(standards)s. The engagement moves there by itself "
                        "when the certificates are activated.",
                        agency=mentoring.agency_id.name,
                        stage=mentoring.stage_id.name,
                        standards=", ".join(missing[mentoring].mapped("display_name")),
                    )
                )

    # ------------------------------------------------------------------ views

    @api.model
    def get_view(self, view_id=None, view_type="form", **options):
        """Officers read the board: their cards are neither editable nor draggable (they
        write only their engagement's checklist). Odoo would still let them drag cards, and
        the drop would fail with an access error."""
        result = super().get_view(view_id, view_type, **options)
        is_mentor = self.env.user.has_group("iso_compliance.group_iso_compliance_mentor")
        if view_type == "kanban" and (not is_mentor or not self.has_access("write")):
            arch = etree.fromstring(result["arch"])
            arch.set("records_draggable", "0")
            arch.set("edit", "False")
            result["arch"] = etree.tostring(arch, encoding="unicode")
        return result

    @api.model
    def get_empty_list_help(self, help_message):
        """An agency officer is not told to start engagements: the Inspectorate does."""
        if not self.env.user.has_group("iso_compliance.group_iso_compliance_mentor"):
            help_message = Markup("<p class='o_view_nocontent_smiling_face'>%s</p><p>%s</p>") % (
                self.env._("Your agency has no certification engagement yet"),
                self.env._(
                    "The Inspectorate starts one with your agency; its card then shows your "
                    "readiness checklist, sessions and next steps."
                ),
            )
        return super().get_empty_list_help(help_message)

    # ------------------------------------------------------------------ CRUD

    @api.model_create_multi
    def create(self, vals_list):
        mentorings = super().create(vals_list)
        mentorings._sync_lines()
        return mentorings

    def write(self, vals):
        self._check_officer_write(vals)
        if "stage_id" in vals and "kanban_state" not in vals:
            vals["kanban_state"] = "normal"
        if vals.get("kanban_state") not in (None, "blocked"):
            vals = {"blocked_reason": False, **vals}
        result = super().write(vals)
        if "standard_ids" in vals:
            self._sync_lines()
        return result

    def _check_officer_write(self, vals):
        """An agency officer writes only the checklist lines of their engagement (the field
        list of ``_iso_write_fields``), and only by updating lines: adding, removing or
        re-linking lines is the mentors' (each line then checks what the officer may change)."""
        if self.env.su or self.env.user.has_group("iso_compliance.group_iso_compliance_mentor"):
            return
        updates_only = all(
            isinstance(command, (list, tuple)) and command[0] == Command.UPDATE
            for command in vals.get("line_ids", [])
        )
        if not updates_only:
            raise AccessError(
                self.env._(
                    "An agency officer can only update the readiness checklist of the "
                    "engagement; the Inspectorate's mentors change the rest."
                )
            )

    def _sync_lines(self):
        """Bring the checklists in line with the pursued standards and the clause library:
        add a line for every assessable clause that has none, restore archived lines of a
        standard pursued again, delete untouched lines of dropped standards and archive the
        ones the agency worked on (their evidence stays). Batched for all engagements."""
        Line = self.env["iso.mentoring.line"].sudo().with_context(active_test=False)
        clauses_by_standard = self.standard_ids._assessable_clauses()
        Clause = self.env["iso.standard.clause"]
        lines_by_mentoring = Line.search([("mentoring_id", "in", self.ids)]).grouped("mentoring_id")
        to_create, to_restore, to_archive, to_delete = [], Line, Line, Line
        for mentoring in self:
            wanted = Clause.concat(
                *(clauses_by_standard.get(std, Clause) for std in mentoring.standard_ids)
            )
            lines = lines_by_mentoring.get(mentoring, Line)
            have = {line.clause_id: line for line in lines}
            for clause in wanted:
                line = have.get(clause)
                if not line:
                    to_create.append({"mentoring_id": mentoring.id, "clause_id": clause.id})
                elif not line.active:
                    to_restore |= line
            for line in lines.filtered(lambda ln, w=wanted: ln.active and ln.clause_id not in w):
                if line._is_untouched():
                    to_delete |= line
                else:
                    to_archive |= line
        to_delete.unlink()
        to_archive.write({"active": False})
        to_restore.write({"active": True})
        Line.create(to_create)

    def action_sync_lines(self):
        """Button: refresh the checklist after the clause library changed."""
        self.check_access("write")
        self._sync_lines()
        return True

    # ------------------------------------------------------------------ certificates

    @api.model
    def _on_certificates_activated(self, certificates):
        """Called when certificates become active: engagements whose agency now holds an
        active certificate for every pursued standard move to the certified stage."""
        stage = self._certified_stage()
        active = certificates.filtered(lambda c: c.state == "active")
        if not stage or not active:
            return self.browse()
        candidates = self.sudo().search(
            [
                ("agency_id", "in", active.agency_id.ids),
                ("stage_id.is_certified", "=", False),
                ("standard_ids.code", "in", active.mapped("standard_code")),
            ]
        )
        missing = candidates._missing_certificates()
        ready = candidates.filtered(lambda m: m.standard_ids and not missing[m])
        if ready:
            ready.write({"stage_id": stage.id})
            ready._message_log_batch(
                bodies={
                    mentoring.id: self.env._(
                        "All pursued standards are certified: the engagement moved to %(stage)s.",
                        stage=stage.name,
                    )
                    for mentoring in ready
                }
            )
        return ready

    # ------------------------------------------------------------------ actions

    def action_view_sessions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "iso_compliance.iso_mentoring_session_action"
        )
        action["domain"] = [("mentoring_id", "=", self.id)]
        action["context"] = {
            "default_mentoring_id": self.id,
            "default_mentor_ids": (self.user_id | self.mentor_ids).ids,
        }
        return action

    def action_view_lines(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "iso_compliance.iso_mentoring_line_action"
        )
        action["domain"] = [("mentoring_id", "=", self.id)]
        action["context"] = {}
        return action

    @api.model
    def action_open_home(self):
        """The app's first screen, what the user has to do now: mentors and managers land
        on the regency page (their open and overdue activities first, then the engagements
        and the certificates expiring); an agency's officer or head on the agency's
        engagement; anyone else on the progress board. Each is an action of the app's menu,
        from whose id the web client finds the app and shows its menu bar."""
        if self.env.user.has_group("iso_compliance.group_iso_compliance_mentor"):
            return self.env["ir.actions.actions"]._for_xml_id(
                "iso_compliance.iso_regency_action_page"
            )
        board = self.env["ir.actions.act_window"]._for_xml_id(
            "iso_compliance.iso_mentoring_action_board"
        )
        mine = self.search(
            [
                "|",
                ("agency_id.officer_ids", "in", self.env.uid),
                ("agency_id.head_id.user_ids", "in", self.env.uid),
            ]
        )
        if len(mine) == 1:
            # The board's action with one record's form: the web client finds the app
            # (and shows its menu bar) from the action's id.
            return {
                **board,
                "name": self.env._("My Agency"),
                "res_id": mine.id,
                "view_mode": "form",
                "view_id": False,
                "views": [(False, "form")],
            }
        return board

    @api.model
    def _regency_report_signer(self, company):
        """The Inspector, who signs the regency progress report: the head of the company's
        Inspectorate where it is registered as an agency the reader sees; nobody otherwise
        (the report then leaves the name and NIP to fill in by hand)."""
        inspectorate = self.env["iso.agency"].search(
            [
                ("agency_type", "=", "inspectorate"),
                ("company_id", "=", company.id),
                ("head_id", "!=", False),
            ],
            limit=1,
        )
        return inspectorate.head_id

    @api.model
    def _certification_shares(self):
        """For each standard, how many of the regency's active agencies hold an active
        certificate to it: [(code, certified, agencies, percent)], from one grouped query."""
        agencies = self.env["iso.agency"].search_count([])
        groups = self.env["iso.certificate"]._read_group(
            [("state", "=", "active")], ["standard_code"], ["agency_id:count_distinct"]
        )
        certified = dict(groups)
        codes = sorted(set(self.env["iso.standard"].search([]).mapped("code")) | set(certified))
        return [
            (
                code,
                certified.get(code, 0),
                agencies,
                round(100.0 * certified.get(code, 0) / agencies, 1) if agencies else 0.0,
            )
            for code in codes
        ]

    # ------------------------------------------------------------------ regency page

    @api.model
    def get_regency_figures(self):
        """The regency page's sections for the current user (the web client's call): the
        same figures the regency PDF prints (``_regency_figures``), in their order."""
        return sorted(self._regency_figures(), key=lambda section: section.get("sequence", 100))

    @api.model
    def _regency_figures(self):
        """The regency's figures as sections, for the page (a client action) and the PDF,
        which render the same texts: a feature adds its sections by overriding this hook
        (super() first). Every figure counts what the user may read.

        A section is ``{"key", "title", "sequence" (its place on the page), "half" (shares
        a row with the next half section on a wide screen), "page_only" (the user's own,
        left out of the PDF), "kind": "table", "columns": [{"label",
        "numeric"}], "rows": [{"cells": [text], "action": drill-down or False, "total":
        bool}], "note": text or False}`` or ``{"kind": "heatmap", "corner", "columns":
        [text], "rows": [{"label", "cells": [{"text", "color", "title", "action"}]}]}``. A
        drill-down is ``{"res_model", "name", "domain"}`` (a list) or ``{"res_model",
        "res_id"}`` (a form)."""
        return [
            self._regency_todo_section(),
            self._regency_certified_section(),
            self._regency_readiness_section(),
            self._regency_expiring_section(),
        ]

    @api.model
    def _regency_todo_section(self):
        """What waits for the user on the programme's records: the open activities, by type,
        the overdue ones counted apart; each row opens them. The page's only, not the
        regency's figures: the PDF leaves it out (``page_only``)."""
        today = fields.Date.context_today(self)
        models = [
            name
            for name in self.env.registry
            if name.startswith("iso.") and "activity_ids" in self.env[name]._fields
        ]
        domain = [("user_id", "=", self.env.uid), ("res_model", "in", models)]
        Activity = self.env["mail.activity"]
        groups = Activity._read_group(domain, ["activity_type_id"], ["__count"])
        overdue = dict(
            Activity._read_group(
                [*domain, ("date_deadline", "<", today)], ["activity_type_id"], ["__count"]
            )
        )
        rows = [
            {
                "cells": [
                    kind.name or self.env._("To Do"),
                    self._regency_number(count),
                    self._regency_number(overdue.get(kind, 0)),
                ],
                "action": {
                    "res_model": "mail.activity",
                    "name": kind.name or self.env._("To Do"),
                    "domain": [*domain, ("activity_type_id", "=", kind.id)],
                },
                "total": False,
            }
            for kind, count in sorted(groups, key=lambda group: -group[1])
        ]
        return {
            "key": "todo",
            "sequence": 5,
            "page_only": True,
            "title": self.env._("What waits for you"),
            "kind": "table",
            "columns": [
                {"label": self.env._("Activity"), "numeric": False},
                {"label": self.env._("Open"), "numeric": True},
                {"label": self.env._("Overdue"), "numeric": True},
            ],
            "rows": rows,
            "note": False if rows else self.env._("Nothing waits for you today."),
        }

    @api.model
    def _regency_number(self, value, digits=0):
        return formatLang(self.env, value, digits=digits)

    @api.model
    def _regency_certified_section(self):
        """Agencies (not engagements) holding an active certificate, per standard."""
        rows = []
        for code, certified, agencies, percent in self._certification_shares():
            rows.append(
                {
                    "cells": [
                        code,
                        f"{certified} / {agencies}",
                        f"{self._regency_number(percent, 1)} %",
                    ],
                    "action": {
                        "res_model": "iso.certificate",
                        "name": self.env._("Active certificates: %(code)s", code=code),
                        "domain": [("state", "=", "active"), ("standard_code", "=", code)],
                    },
                    "total": False,
                }
            )
        return {
            "key": "certified",
            "sequence": 10,
            "half": True,
            "title": self.env._("Agencies certified, by standard"),
            "kind": "table",
            "columns": [
                {"label": self.env._("Standard"), "numeric": False},
                {"label": self.env._("Certified agencies"), "numeric": True},
                {"label": self.env._("Share of all agencies"), "numeric": True},
            ],
            "rows": rows,
            "note": self.env._(
                "An agency counts once per standard, whatever the number of its certificates."
            ),
        }

    @api.model
    def _regency_readiness_section(self):
        engagements = self.search([]).sorted(
            lambda m: (m.stage_id.sequence, m.agency_id.name or "", m.id)
        )
        rows = [
            {
                "cells": [
                    engagement.agency_id.name,
                    ", ".join(engagement.standard_ids.mapped("display_name")),
                    engagement.stage_id.name or "",
                    f"{self._regency_number(engagement.readiness, 1)} %",
                ],
                "action": {"res_model": "iso.mentoring", "res_id": engagement.id},
                "total": False,
            }
            for engagement in engagements
        ]
        return {
            "key": "readiness",
            "sequence": 20,
            "title": self.env._("Readiness of the engagements"),
            "kind": "table",
            "columns": [
                {"label": self.env._("Agency"), "numeric": False},
                {"label": self.env._("Standards"), "numeric": False},
                {"label": self.env._("Stage"), "numeric": False},
                {"label": self.env._("Readiness"), "numeric": True},
            ],
            "rows": rows,
            "note": False if rows else self.env._("No agency is being mentored yet."),
        }

    @api.model
    def _regency_expiring_section(self, days=180):
        today = fields.Date.context_today(self)
        certificates = self.env["iso.certificate"].search(
            [
                ("state", "in", ("active", "suspended")),
                ("expiry_date", "<=", today + timedelta(days=days)),
            ],
            order="expiry_date, id",
        )
        rows = [
            {
                "cells": [
                    certificate.agency_id.name,
                    certificate.standard_id.display_name,
                    certificate.name,
                    format_date(self.env, certificate.expiry_date),
                    self._regency_number((certificate.expiry_date - today).days),
                ],
                "action": {"res_model": "iso.certificate", "res_id": certificate.id},
                "total": False,
            }
            for certificate in certificates
        ]
        return {
            "key": "expiring",
            "sequence": 30,
            "title": self.env._("Certificates expiring within %(days)s days", days=days),
            "kind": "table",
            "columns": [
                {"label": self.env._("Agency"), "numeric": False},
                {"label": self.env._("Standard"), "numeric": False},
                {"label": self.env._("Number"), "numeric": False},
                {"label": self.env._("Expiry Date"), "numeric": False},
                {"label": self.env._("Days left"), "numeric": True},
            ],
            "rows": rows,
            "note": False if rows else self.env._("No certificate expires in that time."),
        }

    @api.model
    def action_print_regency_report(self):
        """The progress report of every engagement the user can see, in one document."""
        engagements = self.search([])
        return self.env.ref("iso_compliance.iso_mentoring_report_regency").report_action(
            engagements
        )

    # ------------------------------------------------------------------ scheduled action

    @api.model
    def _stall_days(self):
        return get_int_param(self.env, "iso_compliance.mentoring_stall_days", DEFAULT_STALL_DAYS)

    @api.model
    def _cron_mentoring_follow_up(self, batch_size=500, limit=10000):
        """Daily: ask lead mentors to meet agencies without a held session for too long
        (once per stall), remind mentors and attendees of tomorrow's sessions, escalate
        overdue follow-up actions once. Each step handles at most `limit` records a call
        and reports what remains, so the cron runs again."""
        self = self._in_company_context()
        Session = self.env["iso.mentoring.session"]
        steps = (self._remind_stalled, Session._remind_tomorrow, self._escalate_overdue)
        return self._run_steps(steps, fields.Datetime.now(), batch_size, limit)

    @api.model
    def _remind_stalled(self, now, batch_size, limit):
        domain = [
            ("stall_reminded", "=", False),
            ("user_id", "!=", False),
            *self._stalled_domain(now),
        ]
        return self._process_matching(domain, lambda b: b._notify_stall(), batch_size, limit)

    def _notify_stall(self):
        today = fields.Date.context_today(self)
        days = self._stall_days()

        def summary(env):
            return env._("No session held for %(days)s days: meet the agency", days=days)

        self._schedule_activities(
            self.env.ref("iso_compliance.mail_activity_type_mentoring_stall"),
            ((mentoring, mentoring.user_id, summary, today) for mentoring in self),
        )
        self._workflow_write({"stall_reminded": True})

    @api.model
    def _overdue_domain(self, today):
        stall_type = self.env.ref("iso_compliance.mail_activity_type_mentoring_stall")
        return [
            ("res_model", "=", self._name),
            ("iso_escalated", "=", False),
            ("activity_type_id", "!=", stall_type.id),
            ("date_deadline", "<", today),
        ]

    @api.model
    def _escalate_overdue(self, now, batch_size, limit):
        today = fields.Date.context_today(self, now)
        Activity = self.env["mail.activity"]
        overdue = Activity.search(self._overdue_domain(today), limit=limit, order="id")
        engagements = self.browse(sorted(set(overdue.mapped("res_id")))).exists()
        engagements._process_in_batches(
            lambda batch: batch._escalate_overdue_activities(today), batch_size
        )
        if len(overdue) < limit:
            return len(overdue), 0
        return len(overdue), Activity.search_count(self._overdue_domain(today))

    def _escalate_overdue_activities(self, today):
        """One note per engagement naming its overdue follow-up actions, to the lead mentor
        and the owners of the actions; each action is escalated once."""
        activities = self.env["mail.activity"].search(
            [*self._overdue_domain(today), ("res_id", "in", self.ids)]
        )
        by_engagement = activities.grouped("res_id")
        for mentoring in self.filtered(lambda m: m.id in by_engagement):
            overdue = by_engagement[mentoring.id]
            items = Markup("").join(
                Markup("<li>%s (%s, %s)</li>")
                % (
                    activity.summary or activity.activity_type_id.name,
                    activity.user_id.name,
                    format_date(self.env, activity.date_deadline),
                )
                for activity in overdue
            )
            mentoring.message_post(
                body=Markup("<p>%s</p><ul>%s</ul>")
                % (self.env._("Overdue follow-up actions:"), items),
                partner_ids=(overdue.user_id | mentoring.user_id).partner_id.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_note",
            )
        activities.write({"iso_escalated": True})
