from odoo.addons.iso_compliance.hooks import delete_user_records

# The records users make in the document register, most dependent first.
USER_RECORD_MODELS = (
    "iso.document.version",
    "iso.document",
)


def uninstall_hook(env):
    """The records users made are deleted before the addon's data (activity types,
    sequences, message subtypes...), which they point to: see iso_compliance's hook."""
    delete_user_records(env, USER_RECORD_MODELS)
