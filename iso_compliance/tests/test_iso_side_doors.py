"""No side doors: invariants checked on every model of every installed addon of the
programme, found by walking the registry, so that a model added later is covered without
anyone remembering it. Bad numbers and blank required texts are refused by create and write;
the files of a frozen record cannot change through ``ir.attachment``; records with a history
are never deleted by the roles."""

import base64
import math
from unittest.mock import patch

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.models import MAGIC_COLUMNS
from odoo.tests import new_test_user, tagged

from .common import IsoComplianceCase, installed

BAD_NUMBERS = (math.nan, math.inf, -math.inf)
PDF = base64.b64encode(b"%PDF-1.4\n% side door\n")


def iso_models(env):
    """The concrete models the programme's addons define (not those they extend)."""
    return [
        env[name]
        for name, model in sorted(env.registry.items())
        if (model._original_module or "").startswith("iso_compliance") and not model._abstract
    ]


def plain_fields(model, types):
    """The stored fields of `types` a user may give a value (not computed without inverse,
    not related)."""
    return [
        field
        for field in model._fields.values()
        if field.type in types
        and field.store
        and not field.related
        and (not field.compute or field.inverse)
        and field.name not in models_magic(model)
    ]


def models_magic(model):
    return set(MAGIC_COLUMNS) | {"display_name"}


@tagged("post_install", "-at_install")
class TestSideDoors(IsoComplianceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = new_test_user(
            cls.env,
            login="iso_admin",
            groups="iso_compliance.group_iso_compliance_manager,base.group_system",
            name="Administrator",
        )
        cls.roles = {
            "officer": cls.officer_a,
            "mentor": cls.mentor,
            "manager": cls.manager,
            "administrator": cls.admin,
        }
        engagement = cls.env["iso.mentoring"].create(
            {"agency_id": cls.agency_a.id, "standard_ids": [Command.set(cls.iso_37001.ids)]}
        )
        cls.env["iso.mentoring.session"].create({"mentoring_id": engagement.id, "name": "Kick-off"})
        cls.make_certificate()
        if installed(cls.env, "iso_compliance_anti_bribery"):
            cls.env["iso.gratification.report"].create(
                {
                    "agency_id": cls.agency_a.id,
                    "reporter_id": cls.officer_a.id,
                    "giver_name": "Pemohon",
                    "value": 150000,
                }
            )
        cls.frozen_records = {}
        if installed(cls.env, "iso_compliance_document"):
            cls._approved_version()
            cls._draft_version()
        if installed(cls.env, "iso_compliance_concern"):
            cls._case_with_evidence()
        if installed(cls.env, "iso_compliance_zona_integritas"):
            cls._zi_evidence()

    @classmethod
    def _approved_version(cls):
        approver = new_test_user(
            cls.env,
            login="side_approver",
            groups="iso_compliance.group_iso_compliance_officer",
            name="Approver",
        )
        cls.agency_a.document_approver_ids = [Command.link(approver.id)]
        document = (
            cls.env["iso.document"]
            .with_user(cls.officer_a)
            .create({"code": "SOP-SD-01", "name": "Side doors", "agency_id": cls.agency_a.id})
        )
        version = (
            cls.env["iso.document.version"]
            .with_user(cls.officer_a)
            .create({"document_id": document.id, "file": PDF, "filename": "sd.pdf"})
        )
        document.with_user(cls.officer_a).action_submit()
        document.with_user(approver).action_approve()
        cls.frozen_records["iso.document.version"] = version

    @classmethod
    def _draft_version(cls):
        document = (
            cls.env["iso.document"]
            .with_user(cls.officer_a)
            .create({"code": "SOP-SD-02", "name": "Draft", "agency_id": cls.agency_a.id})
        )
        cls.env["iso.document.version"].with_user(cls.officer_a).create(
            {"document_id": document.id, "file": PDF, "filename": "draft.pdf"}
        )

    @classmethod
    def _case_with_evidence(cls):
        handler = new_test_user(
            cls.env,
            login="side_handler",
            groups="iso_compliance_concern.group_iso_concern_handler",
            name="Handler",
        )
        cls.roles["handler"] = handler
        case, _secret = cls.env["iso.concern"]._create_from_web(
            {"agency_id": cls.agency_b.id, "description": "Pungutan liar di loket."},
            {"name": "", "contact": ""},
            [("bukti.pdf", base64.b64decode(PDF), "application/pdf")],
        )
        case.sudo().write({"handler_ids": [Command.link(handler.id)]})
        cls.frozen_records["iso.concern"] = case

    @classmethod
    def _zi_evidence(cls):
        """A Zona Integritas answer's file on a unit of agency A still answering, and one
        on a unit whose sheet was submitted (frozen)."""
        lead = new_test_user(
            cls.env,
            login="side_tpi_lead",
            groups="iso_compliance_zona_integritas.group_zi_tpi_lead",
            name="Ketua TPI",
        )
        period = cls.env["iso.zi.period"].create(
            {
                "name": "ZI 2026",
                "year": 2026,
                "template_id": cls.env.ref("iso_compliance_zona_integritas.lke2026_template").id,
            }
        )
        evidence = {}
        for code in ("draft", "submitted"):
            unit = cls.env["iso.agency"].create(
                {
                    "name": f"Unit {code}",
                    "code": f"ZI-{code.upper()}",
                    "parent_id": cls.agency_a.id,
                    "officer_ids": [Command.link(cls.officer_a.id)],
                }
            )
            assessment = (
                cls.env["iso.zi.assessment"]
                .with_user(lead)
                .create({"period_id": period.id, "agency_id": unit.id})
            )
            line = assessment.line_ids[0]
            evidence[code] = (
                cls.env["iso.zi.evidence"]
                .with_user(cls.officer_a)
                .create({"line_id": line.id, "name": "Bukti", "file": PDF, "filename": "b.pdf"})
            )
            if code == "submitted":
                assessment.sudo()._workflow_write({"state": "submitted"})
        cls.frozen_records["iso.zi.evidence"] = evidence["submitted"]

    # ------------------------------------------------------------------ values

    def test_numbers_are_finite(self):
        """Every float and monetary field refuses NaN and infinity on create and write, for
        everyone (the superuser included), and keeps its value."""
        checked = []
        for Model in iso_models(self.env):
            Model = Model.sudo()
            for field in plain_fields(Model, ("float", "monetary")):
                record = Model.search([], limit=1)
                for value in BAD_NUMBERS:
                    with self.subTest(model=Model._name, field=field.name, value=value):
                        with self.assertRaisesRegex(ValidationError, "must be a number"):
                            Model.create({field.name: value})
                        if record:
                            before = record[field.name]
                            with self.assertRaisesRegex(ValidationError, "must be a number"):
                                record.write({field.name: value})
                            record.invalidate_recordset()
                            self.assertEqual(record[field.name], before)
                checked.append((Model._name, field.name, bool(record)))
        # The base has the session's duration; with a record to write, so write is tried too.
        self.assertIn(("iso.mentoring.session", "duration", True), checked)
        if installed(self.env, "iso_compliance_anti_bribery"):
            self.assertIn(("iso.gratification.report", "value", True), checked)
            self.assertIn(("iso.gratification.threshold", "amount_per_year", True), checked)

    def test_required_texts_are_not_blank(self):
        """Every required text field refuses a blank value on create and write."""
        checked = []
        for Model in iso_models(self.env):
            Model = Model.sudo()
            for field in plain_fields(Model, ("char", "text")):
                if not field.required:
                    continue
                record = Model.search([], limit=1)
                with self.subTest(model=Model._name, field=field.name):
                    with self.assertRaisesRegex(ValidationError, "cannot be blank"):
                        Model.create({field.name: "  \n "})
                    if record:
                        before = record[field.name]
                        with self.assertRaisesRegex(ValidationError, "cannot be blank"):
                            record.write({field.name: " "})
                        record.invalidate_recordset()
                        self.assertEqual(record[field.name], before)
                checked.append((Model._name, field.name))
        self.assertIn(("iso.agency", "name"), checked)
        self.assertIn(("iso.audit.finding", "statement"), checked)
        if installed(self.env, "iso_compliance_anti_bribery"):
            self.assertIn(("iso.gratification.report", "giver_name"), checked)

    def test_links_to_missing_records(self):
        """A link to a record that does not exist is refused with a sentence naming the
        field (not "the record is being deleted"), for every link a manager may write."""
        checked = []
        for Model in iso_models(self.env):
            if not hasattr(Model, "_iso_write_fields"):
                continue
            record = Model.search([], limit=1)
            writable = Model._iso_write_fields.get("manager", ())
            for field in plain_fields(Model, ("many2one",)):
                if field.name not in writable or not record:
                    continue
                mine = record.with_user(self.admin)
                if not mine.has_access("write"):
                    continue
                missing = self.env[field.comodel_name].sudo().search([], order="id desc", limit=1)
                with self.subTest(model=Model._name, field=field.name):
                    before = record[field.name]
                    with self.assertRaisesRegex(ValidationError, "does not exist"):
                        mine.write({field.name: missing.id + 1000})
                    self.assertEqual(record[field.name], before)
                checked.append((Model._name, field.name))
        self.assertIn(("iso.certificate", "agency_id"), checked)
        self.assertIn(("iso.certificate", "certification_body_id"), checked)

    # ------------------------------------------------------------------ files

    def test_frozen_files(self):
        """The files of a record its model freezes do not change through ``ir.attachment``,
        for any role that may otherwise write the record: no write (content or owner), no
        unlink, no file planted in a binary field."""
        Attachment = self.env["ir.attachment"]
        freezing = [
            Model
            for Model in iso_models(self.env)
            if hasattr(Model, "_iso_attachment_frozen")
            and type(Model)._iso_attachment_frozen
            is not type(self.env["iso.access.mixin"])._iso_attachment_frozen
        ]
        for Model in freezing:
            with self.subTest(model=Model._name):
                # A model that freezes records needs one here, or it is not tested.
                self.assertIn(Model._name, self.frozen_records)
                record = self.frozen_records[Model._name]
                self.assertEqual(record.sudo()._iso_attachment_frozen(), record.sudo())
                files = Attachment.sudo().search(
                    [("res_model", "=", Model._name), ("res_id", "=", record.id)]
                ) | Attachment.sudo().with_context(skip_res_field_check=True).search(
                    [
                        ("res_model", "=", Model._name),
                        ("res_id", "=", record.id),
                        ("res_field", "!=", False),
                    ]
                )
                self.assertTrue(files, "the frozen record has files to protect")
                binary = [
                    f.name
                    for f in Model._fields.values()
                    if f.type == "binary" and f.attachment and f.store and not f.related
                ]
                tried = 0
                for role, user in self.roles.items():
                    if not record.with_user(user).has_access("write"):
                        continue
                    tried += 1
                    for attachment in files:
                        content = attachment.sudo().datas
                        mine = attachment.with_user(user)
                        with self.assertRaisesRegex(AccessError, "can no longer change"):
                            mine.write({"datas": PDF})
                        with self.assertRaisesRegex(AccessError, "can no longer change"):
                            mine.write({"name": "renamed.pdf"})
                        with self.assertRaisesRegex(AccessError, "can no longer change"):
                            mine.unlink()
                        self.assertEqual(attachment.sudo().datas, content, role)
                    for fname in binary:
                        with self.assertRaisesRegex(AccessError, "can no longer change"):
                            Attachment.with_user(user).create(
                                {
                                    "name": "planted.pdf",
                                    "datas": PDF,
                                    "res_model": Model._name,
                                    "res_id": record.id,
                                    "res_field": fname,
                                }
                            )
                self.assertTrue(tried, "some role may write the record: the test tried it")
        if installed(self.env, "iso_compliance_document"):
            self.assertIn("iso.document.version", [M._name for M in freezing])
        if installed(self.env, "iso_compliance_concern"):
            self.assertIn("iso.concern", [M._name for M in freezing])

    def test_binary_fields_follow_field_rights(self):
        """The file of a binary field changes through ``ir.attachment`` only for a role whose
        field list has that field: with the field taken out of every list, each role that
        may write the record is refused; with the real lists, the roles that have it
        replace the file."""
        self.make_certificate(state="draft").certificate_file = PDF
        tried = []
        for Model in iso_models(self.env):
            binary = [
                f.name
                for f in Model._fields.values()
                if f.type == "binary" and f.attachment and f.store and not f.related
            ]
            if not binary or not hasattr(Model, "_iso_write_fields"):
                continue
            files = (
                self.env["ir.attachment"]
                .sudo()
                .with_context(skip_res_field_check=True)
                .search([("res_model", "=", Model._name), ("res_field", "in", binary)])
            )
            frozen = Model.browse(files.mapped("res_id")).sudo()._iso_attachment_frozen()
            files = files.filtered(lambda a, frozen=frozen: a.res_id not in frozen.ids)
            self.assertTrue(files, f"{Model._name}: a record with a file to try")
            attachment = files[0]
            record = Model.browse(attachment.res_id)
            without = {
                role: frozenset(fnames) - {attachment.res_field}
                for role, fnames in Model._iso_write_fields.items()
            }
            for role, user in self.roles.items():
                if not record.with_user(user).has_access("write"):
                    continue
                with self.subTest(model=Model._name, role=role):
                    with patch.object(type(Model), "_iso_write_fields", without):
                        with self.assertRaisesRegex(AccessError, "not allowed to change the file"):
                            attachment.with_user(user).write({"datas": PDF})
                        with self.assertRaisesRegex(AccessError, "not allowed to change the file"):
                            attachment.with_user(user).unlink()
                    if attachment.res_field in record.with_user(user)._iso_writable_fields():
                        new = b"%PDF-1.4\n% new\n"
                        attachment.with_user(user).write({"datas": base64.b64encode(new)})
                        self.assertEqual(attachment.raw, new)
                        tried.append((Model._name, role))
        self.assertIn(("iso.certificate", "manager"), tried)
        if installed(self.env, "iso_compliance_document"):
            self.assertIn(("iso.document.version", "officer"), tried)

    def test_binary_fields_hold_documents(self):
        """Every file field of the programme holds documents (PDF, images, office files,
        judged by content): an executable named .pdf or a web page is refused by the ORM,
        whoever writes, and through ``ir.attachment`` by a role that may change the file."""
        self.make_certificate(state="draft").certificate_file = PDF
        executable = base64.b64encode(b"MZ\x90\x00\x03" + b"\x00" * 64)
        web_page = base64.b64encode(b"<!DOCTYPE html><html><script>x()</script></html>")
        tried = []
        for Model in iso_models(self.env):
            binary = [
                f
                for f in plain_fields(Model, ("binary",))
                if f.attachment and not f.name.startswith("message_")
            ]
            for field in binary:
                with self.subTest(model=Model._name, field=field.name):
                    self.assertIn(field.name, getattr(Model, "_iso_file_fields", {}))
                    name_field = Model._iso_file_fields[field.name]
                    files = (
                        self.env["ir.attachment"]
                        .sudo()
                        .with_context(skip_res_field_check=True)
                        .search([("res_model", "=", Model._name), ("res_field", "=", field.name)])
                    )
                    frozen = Model.browse(files.mapped("res_id")).sudo()._iso_attachment_frozen()
                    files = files.filtered(lambda a, frozen=frozen: a.res_id not in frozen.ids)
                    self.assertTrue(files, "a record with a file to try")
                    attachment = files[0]
                    record = Model.browse(attachment.res_id).sudo()
                    for content in (executable, web_page):
                        with self.assertRaises(ValidationError) as caught:
                            record.write({field.name: content, name_field: "surat.pdf"})
                        self.assertRegex(str(caught.exception), "not an accepted file")
                    for role, user in self.roles.items():
                        if field.name not in record.with_user(user)._iso_writable_fields():
                            continue
                        if not record.with_user(user).has_access("write"):
                            continue
                        with self.assertRaises(ValidationError):
                            attachment.with_user(user).write({"datas": web_page})
                        tried.append((Model._name, role))
                    self.assertEqual(attachment.sudo().datas, PDF)
        self.assertIn(("iso.certificate", "manager"), tried)
        if installed(self.env, "iso_compliance_document"):
            self.assertIn(("iso.document.version", "officer"), tried)

    # ------------------------------------------------------------------ history

    def test_records_with_history_are_kept(self):
        """A record with a history (a message in its chatter) is never deleted by a role:
        it is archived, cancelled or withdrawn instead."""
        tried = []
        for Model in iso_models(self.env):
            if "message_ids" not in Model._fields:
                continue
            record = Model.sudo().search([], limit=1)
            if not record:
                continue
            record.message_post(body="Catatan riwayat.", message_type="comment")
            for role, user in self.roles.items():
                mine = record.with_user(user)
                if not mine.has_access("unlink"):
                    continue
                with self.subTest(model=Model._name, role=role):
                    with self.assertRaises(Exception) as caught:
                        mine.unlink()
                    self.assertIsInstance(caught.exception, (UserError, AccessError))
                    self.assertTrue(record.exists())
                    tried.append((Model._name, role))
        self.assertIn(("iso.agency", "manager"), tried)
        # A draft session is deleted by its mentor, unless someone wrote in its chatter.
        self.assertIn(("iso.mentoring.session", "mentor"), tried)
        engagement = self.env["iso.mentoring"].search([("agency_id", "=", self.agency_a.id)])
        fresh = self.env["iso.mentoring.session"].create(
            {"mentoring_id": engagement.id, "name": "Planned by mistake"}
        )
        fresh.with_user(self.mentor).unlink()
        self.assertFalse(fresh.exists())
