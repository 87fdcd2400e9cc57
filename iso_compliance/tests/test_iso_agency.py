from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import IsoComplianceCase


@tagged("post_install", "-at_install")
class TestAgencyRules(IsoComplianceCase):
    def test_duplicate_code_in_company_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "DINKES is already used by Dinas Kesehatan"):
            self.Agency.create({"name": "Another health office", "code": " dinkes "})

    def test_same_code_in_other_company_is_allowed(self):
        other = self.env["res.company"].create({"name": "Kota Serang"})
        agency = self.Agency.create(
            {"name": "Dinas Kesehatan Kota", "code": "DINKES", "company_id": other.id}
        )
        self.assertEqual(agency.code, "DINKES")

    def test_database_refuses_duplicate_code_too(self):
        """The SQL constraint backs the Python check for writes that skip the ORM checks."""
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.env.cr.execute(
                "INSERT INTO iso_agency (name, code, company_id, agency_type, active)"
                " VALUES ('X', 'DINKES', %s, 'dinas', true)",
                [self.company.id],
            )

    def test_code_is_normalised(self):
        agency = self.Agency.create({"name": "Dinas Sosial", "code": " dinsos "})
        self.assertEqual(agency.code, "DINSOS")

    def test_parent_cycle_is_refused(self):
        child = self.Agency.create(
            {"name": "Puskesmas Ciruas", "code": "PKM-CIRUAS", "parent_id": self.agency_b.id}
        )
        grandchild = self.Agency.create(
            {"name": "Pustu Ciruas", "code": "PUSTU", "parent_id": child.id}
        )
        with self.assertRaisesRegex(ValidationError, "cannot be its own parent"):
            self.agency_b.parent_id = grandchild
        with self.assertRaisesRegex(ValidationError, "cannot be its own parent"):
            self.agency_b.parent_id = self.agency_b

    def test_complete_name_follows_hierarchy(self):
        child = self.Agency.create(
            {"name": "Puskesmas Ciruas", "code": "PKM-CIRUAS", "parent_id": self.agency_b.id}
        )
        self.assertEqual(child.complete_name, "Dinas Kesehatan / Puskesmas Ciruas")
        self.agency_b.name = "Dinkes"
        self.assertEqual(child.complete_name, "Dinkes / Puskesmas Ciruas")

    def test_search_by_code(self):
        self.assertEqual(self.Agency.name_search("DISDUK")[0][0], self.agency_a.id)

    def test_archive_keeps_the_record(self):
        self.agency_b.action_archive()
        self.assertFalse(self.Agency.search([("id", "=", self.agency_b.id)]))
        archived = self.Agency.with_context(active_test=False).search(
            [("id", "=", self.agency_b.id)]
        )
        self.assertEqual(archived, self.agency_b)
        self.assertEqual(archived.name, "Dinas Kesehatan")
        archived.action_unarchive()
        self.assertTrue(self.agency_b.active)

    def test_form_defaults(self):
        with Form(self.Agency.with_user(self.manager)) as form:
            form.name = "Badan Pendapatan Daerah"
            form.code = "bapenda"
        agency = form.save()
        self.assertEqual(agency.company_id, self.company)
        self.assertEqual(agency.agency_type, "dinas")
        self.assertEqual(agency.code, "BAPENDA")
        self.assertEqual(agency.priority, "0")


@tagged("post_install", "-at_install")
class TestAgencyAccess(IsoComplianceCase):
    def test_officer_sees_only_own_agency(self):
        agencies = self.Agency.with_user(self.officer_a).search([])
        self.assertEqual(agencies, self.agency_a)

    def test_officer_cannot_read_other_agency(self):
        with self.assertRaises(AccessError):
            self.agency_b.with_user(self.officer_a).read(["name"])

    def test_officer_cannot_edit_own_agency(self):
        with self.assertRaises(AccessError):
            self.agency_a.with_user(self.officer_a).write({"name": "Renamed"})

    def test_mentor_reads_all_and_edits_assigned(self):
        as_mentor = self.Agency.with_user(self.mentor)
        self.assertEqual(as_mentor.search([]), self.agency_a | self.agency_b)
        self.agency_a.with_user(self.mentor).write({"is_public_service": True})
        self.assertTrue(self.agency_a.is_public_service)
        with self.assertRaises(AccessError):
            self.agency_b.with_user(self.mentor).write({"is_public_service": True})

    def test_mentor_cannot_create_nor_delete(self):
        with self.assertRaises(AccessError):
            self.Agency.with_user(self.mentor).create({"name": "New", "code": "NEW"})
        with self.assertRaises(AccessError):
            self.agency_a.with_user(self.mentor).unlink()

    def test_only_manager_deletes(self):
        with self.assertRaises(AccessError):
            self.agency_a.with_user(self.officer_a).unlink()
        self.agency_b.with_user(self.manager).unlink()
        self.assertFalse(self.agency_b.exists())

    def test_other_company_is_invisible(self):
        other = self.env["res.company"].create({"name": "Kota Cilegon"})
        foreign = self.Agency.create(
            {"name": "Dinkes Cilegon", "code": "DKC", "company_id": other.id}
        )
        foreign.mentor_ids = self.mentor
        self.assertNotIn(foreign, self.Agency.with_user(self.manager).search([]))
        with self.assertRaises(AccessError):
            foreign.with_user(self.mentor).read(["name"])

    def test_administrator_is_manager(self):
        admin = self.env.ref("base.user_admin")
        self.assertTrue(admin.has_group("iso_compliance.group_iso_compliance_manager"))
        self.assertTrue(self.manager.has_group("iso_compliance.group_iso_compliance_officer"))
        self.assertTrue(self.manager.has_group("iso_compliance.group_iso_compliance_mentor"))
