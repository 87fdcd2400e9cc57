from odoo.addons.base.models.ir_model import MODULE_UNINSTALL_FLAG

# The records users make, most dependent first: each references the next ones, and all of
# them the agencies, standards, stages and certification bodies the addon ships as data.
USER_RECORD_MODELS = (
    "iso.mentoring.session",
    "iso.mentoring.line",
    "iso.mentoring",
    "iso.audit.finding",
    "iso.audit.line",
    "iso.audit",
    "iso.certificate",
    "iso.agency",
)


def delete_user_records(env, models):
    """Delete every record of `models` (most dependent first) through the ORM, which also
    removes their messages, activities, followers and attachments: uninstalling an addon
    then deletes the records it made from its data files (activity types, stages,
    standards...) without meeting a user's record that still points to one of them
    (ondelete=restrict). Each addon's uninstall hook calls it with its own models."""
    for model in models:
        if model not in env:
            continue
        records = env[model].with_context(active_test=False, **{MODULE_UNINSTALL_FLAG: True})
        records.search([]).unlink()


def uninstall_hook(env):
    """Uninstalling first deletes the records the addon made from its data files, then drops
    its tables. Certificates, audits and engagements reference agencies, standards, stages and
    certification bodies with ondelete=restrict, so those made by users would make every such
    delete fail (and log an error): delete them first."""
    delete_user_records(env, USER_RECORD_MODELS)
