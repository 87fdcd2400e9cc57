from odoo import Command
from odoo.addons.iso_compliance.tests.common import IsoComplianceCase
from odoo.tests import new_test_user

CHOICES = ("yes_no", "abc", "abcd", "abcde")


class ZiCase(IsoComplianceCase):
    """A regency evaluating one unit (a sub-unit of agency A, whose officer operates it) on
    the 2026 sheet, with a TPI member and a TPI lead who are no officer of it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.template = cls.env.ref("iso_compliance_zona_integritas.lke2026_template")
        cls.unit = cls.Agency.create(
            {
                "name": "Unit Layanan Adminduk",
                "code": "ULA",
                "parent_id": cls.agency_a.id,
                "officer_ids": [Command.link(cls.officer_a.id)],
            }
        )
        cls.other_unit = cls.Agency.create(
            {"name": "Puskesmas Uji", "code": "PKM-UJI", "parent_id": cls.agency_b.id}
        )
        cls.officer_b = new_test_user(
            cls.env,
            login="officer_b",
            groups="iso_compliance.group_iso_compliance_officer",
            name="Officer of B",
        )
        cls.agency_b.officer_ids = [Command.link(cls.officer_b.id)]
        cls.tpi = new_test_user(
            cls.env,
            login="tpi_member",
            groups="iso_compliance_zona_integritas.group_zi_tpi",
            name="Anggota TPI",
        )
        cls.lead = new_test_user(
            cls.env,
            login="tpi_lead",
            groups="iso_compliance_zona_integritas.group_zi_tpi_lead",
            name="Ketua TPI",
        )
        cls.period = cls.env["iso.zi.period"].create(
            {
                "name": "Evaluasi ZI 2026",
                "year": 2026,
                "template_id": cls.template.id,
                "bpk_opinion": "wtp",
                "sakip_grade": "BB",
                "rb_grade": "B",
                "spip_level": 3,
                "proposal_start": "2026-06-01",
            }
        )
        cls.document = cls.env["iso.document"].create(
            {"code": "SK-ZI-01", "name": "SK Tim Kerja Zona Integritas", "agency_id": cls.unit.id}
        )
        cls.assessment = (
            cls.env["iso.zi.assessment"]
            .with_user(cls.lead)
            .create({"period_id": cls.period.id, "agency_id": cls.unit.id, "target": "wbk"})
            .with_user(cls.env.user)
        )

    # ------------------------------------------------------------------ helpers

    def line(self, soal_id, assessment=None):
        """The line of the PortalRB question `soal_id` (or of a computed item given by its
        code)."""
        assessment = assessment or self.assessment
        if isinstance(soal_id, str):
            return assessment.line_ids.filtered(lambda ln: ln.question_id.code == soal_id)
        return assessment.line_ids.filtered(lambda ln: ln.question_id.soal_id == soal_id)

    def option(self, line, code):
        return line.question_id.option_ids.filtered(lambda o: o.code == code)

    def answer(self, answers, side="unit", assessment=None):
        """Write answers {soal_id: option code or figure} on `side`, as the system."""
        for soal_id, value in answers.items():
            line = self.line(soal_id, assessment).sudo()
            if line.question_id.answer_type in CHOICES:
                line.write({f"{side}_option_id": self.option(line, value).id})
            else:
                line.write({f"{side}_figure": str(value)})

    def answer_all_best(self, side="unit", assessment=None, except_=()):
        """Every item at its best: the first option, counts that give 100 %, indices 4."""
        assessment = assessment or self.assessment
        for line in assessment.sudo().line_ids:
            question = line.question_id
            if question.soal_id in except_ or question.answer_type == "computed":
                continue
            if question.answer_type in CHOICES:
                line.write({f"{side}_option_id": question.option_ids.sorted("sequence")[0].id})
            elif question.answer_type == "index":
                line.write({f"{side}_figure": "4"})
            else:
                line.write({f"{side}_figure": "0"})
        # Each computed percentage at 100 %: denominators 1 each, the numerator their sum;
        # a decrease of violations with none in either year.
        for computed in assessment.template_id.question_ids.filtered(
            lambda q: q.formula == "ratio_capped"
        ):
            if computed.id in except_:
                continue
            for question in computed.denominator_ids:
                self.line(question.soal_id, assessment).sudo().write({f"{side}_figure": "1"})
            for question in computed.numerator_ids:
                self.line(question.soal_id, assessment).sudo().write(
                    {f"{side}_figure": str(len(computed.denominator_ids))}
                )

    def meet_preconditions(self, assessment=None):
        (assessment or self.assessment).sudo().write(
            {
                "decree_date": "2025-01-10",
                "tlhp_percent": 100,
                "lhkpn_percent": 100,
                "lhkasn_percent": 100,
                "survey_document_ids": [Command.set(self.document.ids)],
            }
        )
