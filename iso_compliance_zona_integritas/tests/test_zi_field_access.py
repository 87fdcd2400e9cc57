"""Each role writes exactly the fields listed for it, field by field and state by state, as
that user, on the assessment and on its answers: the same decision the models take
(`_iso_writable_fields`), written down once more here, with every other field of the model
(its own, the mail mixins', Odoo's) refused with an access error."""

import contextlib
from datetime import timedelta

from odoo import Command, fields
from odoo.addons.iso_compliance_zona_integritas.models import (
    iso_zi_assessment as assessment_module,
)
from odoo.addons.iso_compliance_zona_integritas.models import (
    iso_zi_assessment_line as line_module,
)
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import ZiCase

UNIT = set(line_module.UNIT_FIELDS)
TPI = set(line_module.TPI_FIELDS)
A_UNIT = set(assessment_module.UNIT_FIELDS)
A_TPI = set(assessment_module.TPI_FIELDS)
# (role, state of the assessment): the fields of an answer the role writes.
LINE_ACCESS = {
    ("officer", "draft"): UNIT,
    ("officer", "submitted"): set(),
    ("tpi", "draft"): set(),
    ("tpi", "review"): TPI,
    ("lead", "review"): TPI,
    ("mentor", "review"): set(),
    ("manager", "draft"): set(),
}
# (role, state): the fields of the assessment the role writes.
ASSESSMENT_ACCESS = {
    ("officer", "draft"): A_UNIT | {"line_ids"},
    ("officer", "review"): set(),
    ("tpi", "submitted"): A_TPI,
    ("tpi", "review"): A_TPI | {"line_ids"},
    ("lead", "final"): A_TPI | set(assessment_module.DECISION_FIELDS),
    ("lead", "proposed"): set(assessment_module.RESULT_FIELDS),
    ("manager", "draft"): set(assessment_module.MANAGER_FIELDS),
    ("manager", "review"): {"active"},
    ("mentor", "draft"): set(),
}


class _Rollback(Exception):
    pass


@tagged("post_install", "-at_install")
class TestZiFieldAccess(ZiCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = {
            "officer": cls.officer_a,
            "tpi": cls.tpi,
            "lead": cls.lead,
            "mentor": cls.mentor,
            "manager": cls.manager,
        }
        cls.other_period = cls.env["iso.zi.period"].create(
            {"name": "Evaluasi ZI 2026 (ulang)", "year": 2026, "template_id": cls.template.id}
        )

    @contextlib.contextmanager
    def rolled_back(self):
        with contextlib.suppress(_Rollback), self.env.cr.savepoint():
            yield
            raise _Rollback
        self.env.invalidate_all(flush=False)

    def own_fields(self, model):
        """The fields this addon decides on: all of its own models' (Odoo's and the mail
        mixins' included)."""
        return sorted(self.env[model]._fields)

    def new_value(self, record, fname, role):
        choice, count = self.line(2), self.line(110)
        special = {
            "unit_option_id": self.option(choice, "B").id,
            "tpi_option_id": self.option(choice, "B").id,
            "unit_figure": "5",
            "tpi_figure": "5",
            "document_ids": [Command.link(self.document.id)],
            "survey_document_ids": [Command.link(self.document.id)],
            "period_id": self.other_period.id,
            "agency_id": self.other_unit.id,
            "wbk_year": 2024,
            "decision_category": "wbk",
            "result": "granted",
            "target": "wbbm",
            "line_ids": [
                Command.update(
                    count.id, {"unit_note": "x"} if role == "officer" else {"tpi_note": "x"}
                )
            ],
        }
        if fname in special:
            return special[fname]
        field = record._fields[fname]
        value = record[fname]
        if field.type in ("char", "text"):
            return f"{value or ''} updated"
        if field.type == "html":
            return "<p>Updated.</p>"
        if field.type == "boolean":
            return not value
        if field.type in ("integer", "float", "monetary"):
            return (value or 0) + 1
        if field.type == "date":
            return (value or fields.Date.today()) + timedelta(days=1)
        if field.type == "datetime":
            return (value or fields.Datetime.now()) + timedelta(hours=1)
        if field.type == "selection":
            return next(k for k in field.get_values(self.env) if k != value)
        if field.type == "many2one":
            return False if value else self.env[field.comodel_name].search([], limit=1).id
        if field.type in ("one2many", "many2many"):
            return [Command.clear()]
        return f"{value} updated"

    def check(self, access, model):
        for (role, state), writable in access.items():
            user = self.users[role]
            self.assessment.sudo()._workflow_write({"state": state})
            for fname in self.own_fields(model):
                if model == "iso.zi.assessment":
                    record = self.assessment
                else:  # a figure on a count item, the rest on a choice item
                    record = self.line(110 if fname.endswith("_figure") else 2)
                value = self.new_value(record.with_user(user), fname, role)
                with self.subTest(model=model, role=role, state=state, field=fname):
                    if fname in writable:
                        with self.rolled_back():
                            record.with_user(user).write({fname: value})
                    else:
                        with self.assertRaises(AccessError), self.rolled_back():
                            record.with_user(user).write({fname: value})

    def test_answer_fields(self):
        self.check(LINE_ACCESS, "iso.zi.assessment.line")

    def test_assessment_fields(self):
        self.check(ASSESSMENT_ACCESS, "iso.zi.assessment")

    def test_lists_match_the_models(self):
        """The lists above are the models' own: one decision, written twice."""
        self.assertEqual(UNIT & TPI, set())
        self.assertEqual(A_UNIT & A_TPI, set())
        for fname in UNIT | TPI | A_UNIT | A_TPI:
            model = "iso.zi.assessment.line" if fname in UNIT | TPI else "iso.zi.assessment"
            self.assertIn(fname, self.env[model]._fields)
