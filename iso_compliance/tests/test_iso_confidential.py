"""The invariant of confidential models (iso.confidential.mixin), for every model of every
addon that declares itself confidential, found by walking the registry: Odoo's shared tables
show none of its rows to anyone but its readers."""

from markupsafe import Markup

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from ..models.iso_confidential_mixin import confidential_models
from .common import IsoComplianceCase

SIDE_TABLES = (
    "mail.message",
    "mail.notification",
    "mail.followers",
    "mail.tracking.value",
    "mail.mail",
    "mail.activity",
)


@tagged("post_install", "-at_install")
class TestConfidentialSideTables(IsoComplianceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False))
        cls.employee = new_test_user(cls.env, login="plain_employee", groups="base.group_user")
        cls.administrator = new_test_user(
            cls.env,
            login="conf_admin",
            groups="iso_compliance.group_iso_compliance_manager,base.group_system",
        )
        cls.samples = {}
        for name in confidential_models(cls.env):
            record, reader, outsiders = cls.env[name]._iso_confidential_sample()
            cls.samples[name] = (record, reader, outsiders, cls._side_rows(record, reader))

    @classmethod
    def _side_rows(cls, record, reader):
        """Make sure every side table holds rows of `record` (as the superuser), and return
        them, table by table."""
        env = cls.env(su=True)
        message = record.with_env(env).message_post(
            body=Markup("<p>Sample note.</p>"), message_type="comment", subtype_xmlid="mail.mt_note"
        )
        field = env["ir.model.fields"]._get(record._name, "display_name") or env[
            "ir.model.fields"
        ].search([("model", "=", record._name)], limit=1)
        env["mail.tracking.value"].create(
            {
                "field_id": field.id,
                "old_value_char": "before",
                "new_value_char": "after",
                "mail_message_id": message.id,
            }
        )
        env["mail.notification"].create(
            {
                "mail_message_id": message.id,
                "res_partner_id": reader.partner_id.id,
                "notification_type": "inbox",
            }
        )
        env["mail.mail"].create(
            {
                "mail_message_id": message.id,
                "body_html": "<p>Sample note.</p>",
                "email_to": reader.email or "reader@example.com",
            }
        )
        record.with_env(env).activity_schedule("mail.mail_activity_data_todo", user_id=reader.id)
        messages = env["mail.message"].search(
            [("model", "=", record._name), ("res_id", "=", record.id)]
        )
        rows = {
            "mail.message": messages,
            "mail.notification": env["mail.notification"].search(
                [("mail_message_id", "in", messages.ids)]
            ),
            "mail.followers": env["mail.followers"].search(
                [("res_model", "=", record._name), ("res_id", "=", record.id)]
            ),
            "mail.tracking.value": env["mail.tracking.value"].search(
                [("mail_message_id", "in", messages.ids)]
            ),
            "mail.mail": env["mail.mail"].search([("mail_message_id", "in", messages.ids)]),
            "mail.activity": env["mail.activity"].search(
                [("res_model", "=", record._name), ("res_id", "=", record.id)]
            ),
        }
        return rows

    def outsiders(self, name):
        _record, _reader, extra, _rows = self.samples[name]
        return {
            "employee": self.employee,
            "officer": self.officer_a,
            "mentor": self.mentor,
            "manager": self.manager,
            "administrator": self.administrator,
            **extra,
        }

    def test_every_confidential_model_is_found_with_rows_in_every_table(self):
        self.assertIn("iso.confidential.mixin", self.env.registry)
        for name, (_record, _reader, _extra, rows) in self.samples.items():
            for table in SIDE_TABLES:
                with self.subTest(model=name, table=table):
                    self.assertTrue(rows[table], "the test needs rows to hide")

    def test_outsiders_see_no_row_of_any_side_table(self):
        for name, (record, _reader, _extra, rows) in self.samples.items():
            for role, user in self.outsiders(name).items():
                for table in SIDE_TABLES:
                    with self.subTest(model=name, role=role, table=table):
                        Table = self.env[table].with_user(user)
                        ids = rows[table].ids
                        if not Table.has_access("read"):
                            with self.assertRaises(AccessError):
                                Table.search([("id", "in", ids)])
                            continue
                        self.assertFalse(Table.search([("id", "in", ids)]))
                        self.assertFalse(Table.search_count([("id", "in", ids)]))
                        groups = Table.read_group([("id", "in", ids)], ["id"], ["id"])
                        self.assertFalse(groups)
                        fname = next(
                            f for f in ("res_model", "mail_message_id", "res_id") if f in Table
                        )
                        with self.assertRaises(UserError):  # AccessError, or as missing
                            Table.browse(ids[:1]).read([fname])
                        if table in ("mail.message", "mail.mail"):
                            self.assertFalse(
                                Table.search([("model", "=", name), ("res_id", "=", record.id)])
                            )
                # All notifications grouped by message, as the issue reads them.
                with self.subTest(model=name, role=role, table="notifications by message"):
                    Notification = self.env["mail.notification"].with_user(user)
                    groups = Notification.read_group([], ["mail_message_id"], ["mail_message_id"])
                    seen = {g["mail_message_id"][0] for g in groups if g["mail_message_id"]}
                    self.assertFalse(seen & set(rows["mail.message"].ids))

    def test_the_reader_sees_them(self):
        """The rows are hidden by the rule, not lost: the record's reader finds hers."""
        for name, (record, reader, _extra, rows) in self.samples.items():
            with self.subTest(model=name):
                env = self.env(user=reader)
                self.assertEqual(
                    env["mail.message"].search([("model", "=", name), ("res_id", "=", record.id)]),
                    rows["mail.message"],
                )
                self.assertEqual(
                    env["mail.followers"].search(
                        [("res_model", "=", name), ("res_id", "=", record.id)]
                    ),
                    rows["mail.followers"],
                )
                self.assertTrue(
                    env["mail.notification"].search(
                        [("mail_message_id", "in", rows["mail.message"].ids)]
                    )
                )
                self.assertEqual(
                    env["mail.activity"].search(
                        [("res_model", "=", name), ("res_id", "=", record.id)]
                    ),
                    rows["mail.activity"],
                )

    def test_a_refused_record_answers_as_a_missing_one(self):
        """Existence is confidential: an outsider with access rights to the model gets, for a
        record she may not read, what she gets for an id that does not exist."""
        for name, (record, _reader, _extra, _rows) in self.samples.items():
            Model = self.env[name]
            missing = Model.browse(Model.sudo().search([], order="id desc", limit=1).id + 1000)
            for role, user in self.outsiders(name).items():
                if not Model.with_user(user).has_access("read"):
                    continue  # refused for every id alike, by the access rights
                with self.subTest(model=name, role=role):
                    self.assertEqual(record.with_user(user).read(["id"]), [])
                    self.assertEqual(missing.with_user(user).read(["id"]), [])
                    self.assertFalse(Model.with_user(user).search([("id", "=", record.id)]))
                    for operation in ("read", "write"):
                        errors = []
                        for target in (record, missing):
                            with self.assertRaises(UserError) as caught:
                                target.with_user(user).check_access(operation)
                            text = str(caught.exception)
                            errors.append((type(caught.exception), text.split("\n")[0]))
                            self.assertNotIn(record.display_name, text)
                        self.assertEqual(errors[0], errors[1], operation)
