import polib

from odoo.tests import TransactionCase, tagged
from odoo.tools.misc import file_path
from odoo.tools.translate import TranslationModuleReader


@tagged("post_install", "-at_install")
class TestTranslations(TransactionCase):
    """Users work in Indonesian: every term the addon shows must be in the template and
    translated in id.po. Fails with the list of missing terms (run `make i18n`, then translate)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        reader = TranslationModuleReader(cls.env.cr, modules=["iso_compliance"])
        cls.terms = {source for _m, _t, _n, _r, source, _v, _c in reader if source}
        cls.pot = polib.pofile(file_path("iso_compliance/i18n/iso_compliance.pot"))
        cls.po = polib.pofile(file_path("iso_compliance/i18n/id.po"))

    def test_template_has_every_term(self):
        missing = sorted(self.terms - {entry.msgid for entry in self.pot})
        if missing:
            self.fail(f"{len(missing)} terms missing from the .pot, e.g. {missing[:10]}")

    def test_indonesian_translates_every_term(self):
        translated = {
            entry.msgid
            for entry in self.po
            if entry.msgstr.strip() and not entry.fuzzy and not entry.obsolete
        }
        missing = sorted(self.terms - translated)
        if missing:
            self.fail(f"{len(missing)} terms untranslated in id.po, e.g. {missing[:10]}")

    def test_indonesian_loads_into_the_interface(self):
        self.env["res.lang"]._activate_lang("id_ID")
        self.env["ir.module.module"]._load_module_terms(
            ["iso_compliance"], ["id_ID"], overwrite=True
        )
        group = self.env.ref("iso_compliance.group_iso_compliance_mentor").with_context(
            lang="id_ID"
        )
        self.assertNotEqual(group.name, "Mentor / Auditor", "group name was not translated")
        field = self.env["ir.model.fields"]._get("iso.agency", "is_public_service")
        self.assertNotEqual(field.with_context(lang="id_ID").field_description, "Serves the Public")
