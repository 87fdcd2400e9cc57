"""Field-level write rights on the fields the anti-bribery registers add to the programme's
models (see iso_compliance's test_iso_access): every role is refused on every one of them."""

from odoo.addons.iso_compliance.tests.test_iso_access import AccessCase, FieldAccessMixin
from odoo.tests import tagged

NOBODY = {"officer": set(), "mentor": set(), "manager": set()}


@tagged("post_install", "-at_install")
class TestAntiBriberyFieldAccess(FieldAccessMixin, AccessCase):
    FIELD_ACCESS = {"iso.agency": NOBODY, "iso.mentoring.line": NOBODY}
    MODULE = "iso_compliance_anti_bribery"

    def test_the_addon_adds_fields_checked_here(self):
        self.assertTrue(self._checked_fields("iso.agency"))
        self.assertIn("register_state", self._checked_fields("iso.mentoring.line"))
