from odoo.addons.iso_compliance.tests import test_iso_click_everywhere as base_click
from odoo.tests import tagged

ZI_MENUS = (
    "iso_compliance_zona_integritas.iso_zi_assessment_menu",
    "iso_compliance_zona_integritas.iso_zi_score_menu",
    "iso_compliance_zona_integritas.iso_zi_period_menu",
)
ZI_CONFIG_MENUS = (
    "iso_compliance_zona_integritas.iso_zi_template_menu",
    "iso_compliance_zona_integritas.iso_zi_question_menu",
)


@tagged("post_install", "-at_install")
class TestZiClickEverywhere(base_click.TestClickEverywhere):
    """The base's click-everywhere (every menu of the ISO app, each view type, the first
    record's form, in Indonesian) for the Zona Integritas roles, with an evaluation year on
    the 2026 sheet and one unit's assessment chosen by the TPI lead: the unit's operator (an
    officer of the unit), a TPI member and the TPI lead each reach Zona Integritas > Units,
    Scores by Area and Evaluation Years and open a record of each.

    The base's own roles are clicked by the base's class; here only the new ones run."""

    # The base roles' tests run in the base class: not twice.
    test_officer = test_employee = test_mentor = test_manager = None
    test_administrator = test_head_of_agency = test_handler = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.assessment = cls.zi_assessment

    # What a TPI member or lead rightly finds empty besides the findings to answer: the
    # gratification reports are each reporter's and the mentors' of the agency, and the TPI
    # mentors none of the agencies here (as the head of agency, see the base's HEAD_EMPTY).
    TPI_EMPTY = (
        *base_click.TestClickEverywhere.NOT_RESPONSIBLE,
        "iso_compliance_anti_bribery.iso_gratification_report_menu",
        "iso_compliance_anti_bribery.iso_gratification_report_menu_recap",
    )

    def assertZiMenus(self, apps, config=False):
        iso_menus = apps[0][1]
        for xmlid in ZI_MENUS:
            self.assertIn(xmlid, iso_menus)
        for xmlid in ZI_CONFIG_MENUS:
            (self.assertIn if config else self.assertNotIn)(xmlid, iso_menus)

    def test_zi_unit_operator(self):
        """The officer of the unit: the ISO app of an officer with the unit's assessment,
        its scores, the evaluation years; the sheet's configuration is the managers'."""
        self.assertTrue(self.assessment.with_user(self.users["officer"]).zi_is_operator)
        apps = self.click_everywhere("officer")
        self.assertZiMenus(apps)

    def test_zi_tpi_member(self):
        """A TPI member (an Inspectorate mentor): every unit's assessment."""
        self.assertTrue(self.assessment.with_user(self.users["tpi"]).zi_is_tpi)
        apps = self.click_everywhere("tpi", self.TPI_EMPTY)
        self.assertZiMenus(apps)

    def test_zi_tpi_lead(self):
        self.assertTrue(self.assessment.with_user(self.users["tpi_lead"]).zi_is_lead)
        apps = self.click_everywhere("tpi_lead", self.TPI_EMPTY)
        self.assertZiMenus(apps)
