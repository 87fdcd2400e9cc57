from odoo.tests import TransactionCase, new_test_user


class IsoComplianceCase(TransactionCase):
    """Builds its own agencies and users in every group; never relies on demo data."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        cls.Agency = cls.env["iso.agency"]
        cls.agency_a = cls.Agency.create(
            {"name": "Dinas Kependudukan dan Pencatatan Sipil", "code": "DISDUKCAPIL"}
        )
        cls.agency_b = cls.Agency.create({"name": "Dinas Kesehatan", "code": "DINKES"})
        cls.officer_a = new_test_user(
            cls.env,
            login="officer_a",
            groups="iso_compliance.group_iso_compliance_officer",
            name="Officer of A",
        )
        cls.mentor = new_test_user(
            cls.env,
            login="mentor",
            groups="iso_compliance.group_iso_compliance_mentor",
            name="Inspectorate Mentor",
        )
        cls.manager = new_test_user(
            cls.env,
            login="iso_manager",
            groups="iso_compliance.group_iso_compliance_manager",
            name="Inspector",
        )
        cls.agency_a.write(
            {"officer_ids": [(4, cls.officer_a.id)], "mentor_ids": [(4, cls.mentor.id)]}
        )
