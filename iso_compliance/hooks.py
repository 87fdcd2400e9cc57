from odoo.addons.base.models.ir_model import MODULE_UNINSTALL_FLAG

# The records users make, most dependent first: each references the next ones, and all of
# them the agencies, standards, stages and certification bodies the addon ships as data.
USER_RECORD_MODELS = (
    "iso.concern",
    "iso.mentoring.session",
    "iso.mentoring.line",
    "iso.mentoring",
    "iso.audit.finding",
    "iso.audit.line",
    "iso.audit",
    "iso.document.version",
    "iso.document",
    "iso.certificate",
    "iso.bribery.risk",
    "iso.gratification.report",
    "iso.due.diligence",
    "iso.agency",
)


def uninstall_hook(env):
    """Uninstalling first deletes the records the addon made from its data files, then drops
    its tables. Certificates, audits and engagements reference agencies, standards, stages and
    certification bodies with ondelete=restrict, so those made by users would make every such
    delete fail (and log an error). Delete them first, through the ORM, which also removes
    their messages, activities, followers and attachments."""
    for model in USER_RECORD_MODELS:
        records = env[model].with_context(active_test=False, **{MODULE_UNINSTALL_FLAG: True})
        records.search([]).unlink()
