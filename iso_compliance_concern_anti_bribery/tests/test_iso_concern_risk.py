from odoo.addons.iso_compliance.tests.common import IsoComplianceCase
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

HANDLER = "iso_compliance_concern.group_iso_concern_handler"


@tagged("post_install", "-at_install")
class TestCaseBriberyRisk(IsoComplianceCase):
    """A case names the bribery risk it shows: handlers set it and read the risk's name;
    nobody else writes it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.handler = new_test_user(cls.env, login="handler", groups=HANDLER, name="Handler")
        cls.case, _secret = cls.env["iso.concern"]._create_from_web(
            {"agency_id": cls.agency_a.id, "description": "Pungutan liar di loket pelayanan."},
            {"name": "Ahmad Fauzi", "contact": "0812-0000-0000"},
            [],
        )
        cls.case.with_user(cls.handler).action_acknowledge()
        cls.risk = cls.env["iso.bribery.risk"].create(
            {
                "name": "Imbalan untuk mempercepat KTP-el",
                "process": "Penerbitan KTP elektronik",
                "agency_id": cls.agency_a.id,
                "likelihood": "4",
                "impact": "3",
            }
        )

    def test_the_handler_links_the_risk_and_reads_its_name(self):
        case = self.case.with_user(self.handler)
        case.write({"bribery_risk_id": self.risk.id})
        self.assertEqual(case.bribery_risk_id.display_name, self.risk.display_name)

    def test_the_field_is_the_handlers_alone(self):
        self.assertIn("bribery_risk_id", self.case.with_user(self.handler)._iso_writable_fields())
        for user in (self.officer_a, self.mentor, self.manager):
            with self.assertRaises(AccessError):
                self.case.with_user(user).write({"bribery_risk_id": self.risk.id})
