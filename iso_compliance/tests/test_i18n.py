import polib

from odoo.tests import TransactionCase, tagged
from odoo.tools.misc import file_path
from odoo.tools.translate import TranslationModuleReader


@tagged("post_install", "-at_install")
class TestTranslations(TransactionCase):
    """Users work in Indonesian: every term each addon of the programme shows must be in its
    template and translated in its id.po. Fails with the list of missing terms (run
    `make i18n`, then translate)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.modules = (
            cls.env["ir.module.module"]
            .search([("name", "=like", "iso_compliance%"), ("state", "=", "installed")])
            .mapped("name")
        )
        cls.terms, cls.pot, cls.po = {}, {}, {}
        for module in cls.modules:
            reader = TranslationModuleReader(cls.env.cr, modules=[module])
            cls.terms[module] = {source for _m, _t, _n, _r, source, _v, _c in reader if source}
            cls.pot[module] = polib.pofile(file_path(f"{module}/i18n/{module}.pot"))
            cls.po[module] = polib.pofile(file_path(f"{module}/i18n/id.po"))

    def test_every_addon_is_checked(self):
        self.assertIn("iso_compliance", self.modules)

    def test_template_has_every_term(self):
        for module in self.modules:
            with self.subTest(module=module):
                missing = sorted(self.terms[module] - {entry.msgid for entry in self.pot[module]})
                if missing:
                    self.fail(f"{len(missing)} terms missing from the .pot, e.g. {missing[:10]}")

    def test_indonesian_translates_every_term(self):
        for module in self.modules:
            with self.subTest(module=module):
                translated = {
                    entry.msgid
                    for entry in self.po[module]
                    if entry.msgstr.strip() and not entry.fuzzy and not entry.obsolete
                }
                missing = sorted(self.terms[module] - translated)
                if missing:
                    self.fail(f"{len(missing)} terms untranslated in id.po, e.g. {missing[:10]}")

    def test_indonesian_loads_into_the_interface(self):
        self.env["res.lang"]._activate_lang("id_ID")
        self.env["ir.module.module"]._load_module_terms(self.modules, ["id_ID"], overwrite=True)
        group = self.env.ref("iso_compliance.group_iso_compliance_mentor").with_context(
            lang="id_ID"
        )
        self.assertNotEqual(group.name, "Mentor / Auditor", "group name was not translated")
        field = self.env["ir.model.fields"]._get("iso.agency", "is_public_service")
        self.assertNotEqual(field.with_context(lang="id_ID").field_description, "Serves the Public")
