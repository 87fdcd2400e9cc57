from odoo.addons.iso_compliance.hooks import delete_user_records

# The records users make, most dependent first: assessments point to the agencies (of the
# base) and to the questions and years; the sheets themselves are the addon's data.
USER_RECORD_MODELS = (
    "iso.zi.evidence",
    "iso.zi.assessment",
    "iso.zi.period",
)


def uninstall_hook(env):
    """The records users made are deleted before the addon's data and the base's agencies,
    which they point to (ondelete=restrict): see iso_compliance's hook."""
    delete_user_records(env, USER_RECORD_MODELS)
