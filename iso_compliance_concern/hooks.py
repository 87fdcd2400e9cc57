from odoo.addons.iso_compliance.hooks import delete_user_records

# The records users make in the reporting channel, most dependent first.
USER_RECORD_MODELS = ("iso.concern",)


def uninstall_hook(env):
    """The records users made are deleted before the addon's data (activity types,
    sequences, message subtypes...), which they point to: see iso_compliance's hook."""
    delete_user_records(env, USER_RECORD_MODELS)
