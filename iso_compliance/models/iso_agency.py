from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date

from .iso_confidential_mixin import recheck_followers

AGENCY_TYPES = [
    ("inspectorate", "Inspectorate"),
    ("secretariat", "Secretariat"),
    ("dinas", "Service Agency (Dinas)"),
    ("badan", "Board (Badan)"),
    ("kantor", "Office (Kantor)"),
    ("kecamatan", "District (Kecamatan)"),
    ("kelurahan", "Urban or Rural Village (Kelurahan/Desa)"),
    ("hospital", "Regional Hospital (RSUD)"),
    ("puskesmas", "Community Health Centre (Puskesmas)"),
    ("other", "Other"),
]
# What mentors may change on the agencies they mentor; managers also decide where an agency
# sits (parent, company), its priority, its mentors, and archive it.
MENTOR_FIELDS = frozenset(
    {
        "name",
        "agency_type",
        "head_id",
        "partner_id",
        "is_public_service",
        "officer_ids",
        "note",
        "color",
    }
)
MANAGER_FIELDS = MENTOR_FIELDS | {
    "code",
    "parent_id",
    "priority",
    "company_id",
    "mentor_ids",
    "active",
}


def mentor_users_domain(env):
    """The users who may be named mentors: the Mentor / Auditor group (managers included)."""
    return [("groups_id", "in", env.ref("iso_compliance.group_iso_compliance_mentor").id)]


class IsoAgency(models.Model):
    """A regional government agency (OPD) that takes part in the certification programme."""

    _name = "iso.agency"
    _description = "Agency (OPD)"
    _inherit = ["mail.thread", "mail.activity.mixin", "iso.access.mixin"]
    _order = "priority desc, complete_name"
    _iso_write_fields = {"mentor": MENTOR_FIELDS, "manager": MANAGER_FIELDS}
    _iso_parent_fields = frozenset({"company_id"})
    # The head approves the agency's documents; officers see and write its records.
    _iso_grant_fields = frozenset({"head_id", "officer_ids"})
    _iso_char_limits = {"name": 200, "code": 20}
    _parent_store = True
    _rec_names_search = ["name", "code"]

    name = fields.Char(required=True, tracking=True, help="Official name of the agency.")
    code = fields.Char(
        string="Short Code",
        required=True,
        tracking=True,
        help="Short code of the agency, unique within the company, e.g. INSP or DPMPTSP.",
    )
    complete_name = fields.Char(
        compute="_compute_complete_name",
        store=True,
        recursive=True,
        help="Name of the agency preceded by the names of its parent agencies.",
    )
    agency_type = fields.Selection(
        AGENCY_TYPES,
        string="Type",
        required=True,
        default="dinas",
        tracking=True,
        help="Kind of regional government body.",
    )
    parent_id = fields.Many2one(
        "iso.agency",
        string="Parent Agency",
        index=True,
        ondelete="restrict",
        tracking=True,
        help="Agency this one belongs to, e.g. the Health Office for a community health centre.",
    )
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("iso.agency", "parent_id", string="Sub-agencies")
    head_id = fields.Many2one(
        "res.partner",
        string="Head of Agency",
        tracking=True,
        help="The person who leads the agency (Kepala).",
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Contact",
        help="Address, phone and e-mail of the agency.",
    )
    is_public_service = fields.Boolean(
        string="Serves the Public",
        tracking=True,
        help="Agencies that serve the public directly come first in the certification programme.",
    )
    priority = fields.Selection(
        [("0", "Normal"), ("1", "Regent's Priority")],
        default="0",
        tracking=True,
        help="Agencies on the Regent's priority list are mentored by the Inspectorate first.",
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        tracking=True,
    )
    officer_ids = fields.Many2many(
        "res.users",
        "iso_agency_officer_rel",
        "agency_id",
        "user_id",
        string="Compliance Officers",
        domain=[("share", "=", False)],
        tracking=True,
        help="The agency's own staff who work in this application (anti-bribery compliance "
        "function, quality team). They see this agency's records.",
    )
    mentor_ids = fields.Many2many(
        "res.users",
        "iso_agency_mentor_rel",
        "agency_id",
        "user_id",
        string="Mentors",
        domain=lambda self: mentor_users_domain(self.env),
        tracking=True,
        help="Inspectorate staff assigned to guide this agency towards certification. "
        "They may edit the agency.",
    )
    certificate_ids = fields.One2many("iso.certificate", "agency_id", string="Certificates")
    mentoring_ids = fields.One2many("iso.mentoring", "agency_id", string="Mentoring Engagements")
    certificate_count = fields.Integer(compute="_compute_certification")
    certification_summary = fields.Html(
        compute="_compute_certification",
        sanitize=False,
        help="For each standard, the agency's current certificate or the fact that it has none.",
    )
    note = fields.Html(string="Notes")
    color = fields.Integer(string="Color Index")
    active = fields.Boolean(default=True, tracking=True)

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(company_id, code)",
            "An agency with this short code already exists in this company.",
        ),
    ]

    @api.depends("certificate_ids.state", "certificate_ids.expiry_date")
    def _compute_certification(self):
        """One query for all agencies; the summary lists every standard code in use."""
        Certificate = self.env["iso.certificate"]
        groups = Certificate._read_group(
            [("agency_id", "in", self.ids)], ["agency_id"], ["__count"]
        )
        counts = {agency.id: count for agency, count in groups}
        current = Certificate.search(
            [("agency_id", "in", self.ids), ("state", "in", ("active", "suspended", "expired"))],
            order="expiry_date desc",
        )
        latest = {}  # (agency id, standard code) -> its certificate expiring last
        for cert in current:
            latest.setdefault((cert.agency_id.id, cert.standard_code), cert)
        codes = sorted(set(self.env["iso.standard"].search([]).mapped("code")))
        labels = dict(Certificate._fields["state"]._description_selection(self.env))
        for agency in self:
            agency.certificate_count = counts.get(agency.id, 0)
            rows = []
            for code in codes:
                cert = latest.get((agency.id, code))
                if cert:
                    status = self.env._(
                        "%(state)s, until %(date)s",
                        state=labels[cert.state],
                        date=format_date(self.env, cert.expiry_date),
                    )
                    css = {"active": "text-success", "suspended": "text-warning"}.get(
                        cert.state, "text-danger"
                    )
                else:
                    status, css = self.env._("Not certified"), "text-muted"
                rows.append(
                    Markup("<tr><td>%s</td><td class='%s'>%s</td></tr>") % (code, css, status)
                )
            agency.certification_summary = Markup(
                "<table class='table table-sm mb-0'><tbody>%s</tbody></table>"
            ) % Markup("").join(rows)

    @api.model
    def get_import_templates(self):
        return [
            {
                "label": self.env._("Import Template for Agencies"),
                "template": "/iso_compliance/static/xls/iso_agency_import_template.xlsx",
            }
        ]

    def _pursued_standards(self):
        """The standard editions this agency works to: those of its engagements and of its
        certificates still in force (draft, active or suspended)."""
        self.ensure_one()
        certificates = self.certificate_ids.filtered(
            lambda cert: cert.state in ("draft", "active", "suspended")
        )
        return self.mentoring_ids.standard_ids | certificates.standard_id

    def action_start_mentoring(self):
        """Open a new mentoring engagement for this agency, its mentors and officers proposed."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("New Engagement"),
            "res_model": "iso.mentoring",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
            "context": {"default_agency_id": self.id},
        }

    def action_view_certificates(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "iso_compliance.iso_certificate_action"
        )
        action["domain"] = [("agency_id", "=", self.id)]
        action["context"] = {"default_agency_id": self.id}
        return action

    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self):
        for agency in self:
            if agency.parent_id:
                agency.complete_name = f"{agency.parent_id.complete_name} / {agency.name}"
            else:
                agency.complete_name = agency.name

    def _check_parent_allowed(self, parent_id):
        """Refuse a parent that is one of these agencies or lies below them, with a message
        the user understands (the hierarchy index would only say 'Recursion Detected')."""
        parent = self.browse(parent_id).sudo()
        ancestor_ids = {int(i) for i in (parent.parent_path or "").split("/") if i}
        if parent and ancestor_ids & set(self.ids):
            raise ValidationError(
                self.env._(
                    "An agency cannot be its own parent, directly or through its sub-agencies."
                )
            )

    def _check_code_free(self, code, company_id):
        """Refuse a short code already used in the company, with a message that names the
        agency using it. Runs before the database's unique constraint would, whose error
        the user could not act upon. Codes are compared after normalisation (see create)."""
        duplicate = (
            self.sudo()
            .with_context(active_test=False)
            .search(
                [("id", "not in", self.ids), ("company_id", "=", company_id), ("code", "=", code)],
                limit=1,
            )
        )
        if duplicate:
            raise ValidationError(
                self.env._(
                    "The short code %(code)s is already used by %(agency)s in %(company)s.",
                    code=code,
                    agency=duplicate.display_name,
                    company=duplicate.company_id.name,
                )
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_with_history(self):
        """An agency with certificates, audits or engagements is archived, never deleted."""
        for model in ("iso.certificate", "iso.audit", "iso.mentoring"):
            used = (
                self.env[model]
                .sudo()
                .with_context(active_test=False)
                .search_count([("agency_id", "in", self.ids)], limit=1)
            )
            if used:
                raise UserError(
                    self.env._(
                        "An agency with certificates, audits or engagements cannot be "
                        "deleted: archive it."
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._iso_normalise_codes(vals)
            self._iso_check_values(vals)
            if vals.get("code"):
                self._check_code_free(vals["code"], vals.get("company_id") or self.env.company.id)
        return super().create(vals_list)

    def write(self, vals):
        self._iso_normalise_codes(vals)
        self._iso_check_values(vals)
        if vals.get("parent_id"):
            self._check_parent_allowed(vals["parent_id"])
        if vals.get("code") or vals.get("company_id"):
            for agency in self:
                agency._check_code_free(
                    vals.get("code", agency.code), vals.get("company_id", agency.company_id.id)
                )
        roles = {"officer_ids", "mentor_ids"} & set(vals)
        if not roles:
            return super().write(vals)
        result = super().write(vals)
        # Who reads a confidential record about an agency may depend on its roles.
        recheck_followers(self.env, (self.sudo().officer_ids | self.sudo().mentor_ids).partner_id)
        return result
