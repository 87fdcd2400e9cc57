"""The shipped clause library against the clause tables of DOMAIN.md (ISO 37001:2016 and
ISO 9001:2015, every numbered clause down to the fourth level), transcribed here so that
the library cannot drift from them: number, English title, parent and whether the clause is
assessed (a clause with sub-clauses is a heading)."""

from odoo.tests import tagged

from .common import IsoComplianceCase

# (number, title, parent, assessable)
ISO_37001_2016 = [
    ("4", "Context of the organization", None, False),
    ("4.1", "Understanding the organization and its context", "4", True),
    ("4.2", "Understanding the needs and expectations of stakeholders", "4", True),
    ("4.3", "Determining the scope of the anti-bribery management system", "4", True),
    ("4.4", "Anti-bribery management system", "4", True),
    ("4.5", "Bribery risk assessment", "4", True),
    ("5", "Leadership", None, False),
    ("5.1", "Leadership and commitment", "5", False),
    ("5.1.1", "Governing body", "5.1", True),
    ("5.1.2", "Top management", "5.1", True),
    ("5.2", "Anti-bribery policy", "5", True),
    ("5.3", "Organizational roles, responsibilities and authorities", "5", False),
    ("5.3.1", "Roles and responsibilities", "5.3", True),
    ("5.3.2", "Anti-bribery compliance function", "5.3", True),
    ("5.3.3", "Delegated decision-making", "5.3", True),
    ("6", "Planning", None, False),
    ("6.1", "Actions to address risks and opportunities", "6", True),
    ("6.2", "Anti-bribery objectives and planning to achieve them", "6", True),
    ("7", "Support", None, False),
    ("7.1", "Resources", "7", True),
    ("7.2", "Competence", "7", False),
    ("7.2.1", "General", "7.2", True),
    ("7.2.2", "Employment process", "7.2", True),
    ("7.3", "Awareness and training", "7", True),
    ("7.4", "Communication", "7", True),
    ("7.5", "Documented information", "7", False),
    ("7.5.1", "General", "7.5", True),
    ("7.5.2", "Creating and updating", "7.5", True),
    ("7.5.3", "Control of documented information", "7.5", True),
    ("8", "Operation", None, False),
    ("8.1", "Operational planning and control", "8", True),
    ("8.2", "Due diligence", "8", True),
    ("8.3", "Financial controls", "8", True),
    ("8.4", "Non-financial controls", "8", True),
    (
        "8.5",
        "Implementation of anti-bribery controls by controlled organizations and by "
        "business associates",
        "8",
        True,
    ),
    ("8.6", "Anti-bribery commitments", "8", True),
    ("8.7", "Gifts, hospitality, donations and similar benefits", "8", True),
    ("8.8", "Managing inadequacy of anti-bribery controls", "8", True),
    ("8.9", "Raising concerns", "8", True),
    ("8.10", "Investigating and dealing with bribery", "8", True),
    ("9", "Performance evaluation", None, False),
    ("9.1", "Monitoring, measurement, analysis and evaluation", "9", True),
    ("9.2", "Internal audit", "9", True),
    ("9.3", "Management review", "9", False),
    ("9.3.1", "Top management review", "9.3", True),
    ("9.3.2", "Governing body review", "9.3", True),
    ("9.4", "Review by anti-bribery compliance function", "9", True),
    ("10", "Improvement", None, False),
    ("10.1", "Nonconformity and corrective action", "10", True),
    ("10.2", "Continual improvement", "10", True),
]

ISO_9001_2015 = [
    ("4", "Context of the organization", None, False),
    ("4.1", "Understanding the organization and its context", "4", True),
    ("4.2", "Understanding the needs and expectations of interested parties", "4", True),
    ("4.3", "Determining the scope of the quality management system", "4", True),
    ("4.4", "Quality management system and its processes", "4", True),
    ("5", "Leadership", None, False),
    ("5.1", "Leadership and commitment", "5", False),
    ("5.1.1", "General", "5.1", True),
    ("5.1.2", "Customer focus", "5.1", True),
    ("5.2", "Policy", "5", False),
    ("5.2.1", "Establishing the quality policy", "5.2", True),
    ("5.2.2", "Communicating the quality policy", "5.2", True),
    ("5.3", "Organizational roles, responsibilities and authorities", "5", True),
    ("6", "Planning", None, False),
    ("6.1", "Actions to address risks and opportunities", "6", True),
    ("6.2", "Quality objectives and planning to achieve them", "6", True),
    ("6.3", "Planning of changes", "6", True),
    ("7", "Support", None, False),
    ("7.1", "Resources", "7", False),
    ("7.1.1", "General", "7.1", True),
    ("7.1.2", "People", "7.1", True),
    ("7.1.3", "Infrastructure", "7.1", True),
    ("7.1.4", "Environment for the operation of processes", "7.1", True),
    ("7.1.5", "Monitoring and measuring resources", "7.1", False),
    ("7.1.5.1", "General", "7.1.5", True),
    ("7.1.5.2", "Measurement traceability", "7.1.5", True),
    ("7.1.6", "Organizational knowledge", "7.1", True),
    ("7.2", "Competence", "7", True),
    ("7.3", "Awareness", "7", True),
    ("7.4", "Communication", "7", True),
    ("7.5", "Documented information", "7", False),
    ("7.5.1", "General", "7.5", True),
    ("7.5.2", "Creating and updating", "7.5", True),
    ("7.5.3", "Control of documented information", "7.5", True),
    ("8", "Operation", None, False),
    ("8.1", "Operational planning and control", "8", True),
    ("8.2", "Requirements for products and services", "8", False),
    ("8.2.1", "Customer communication", "8.2", True),
    ("8.2.2", "Determining the requirements for products and services", "8.2", True),
    ("8.2.3", "Review of the requirements for products and services", "8.2", True),
    ("8.2.4", "Changes to requirements for products and services", "8.2", True),
    ("8.3", "Design and development of products and services", "8", False),
    ("8.3.1", "General", "8.3", True),
    ("8.3.2", "Design and development planning", "8.3", True),
    ("8.3.3", "Design and development inputs", "8.3", True),
    ("8.3.4", "Design and development controls", "8.3", True),
    ("8.3.5", "Design and development outputs", "8.3", True),
    ("8.3.6", "Design and development changes", "8.3", True),
    ("8.4", "Control of externally provided processes, products and services", "8", False),
    ("8.4.1", "General", "8.4", True),
    ("8.4.2", "Type and extent of control", "8.4", True),
    ("8.4.3", "Information for external providers", "8.4", True),
    ("8.5", "Production and service provision", "8", False),
    ("8.5.1", "Control of production and service provision", "8.5", True),
    ("8.5.2", "Identification and traceability", "8.5", True),
    ("8.5.3", "Property belonging to customers or external providers", "8.5", True),
    ("8.5.4", "Preservation", "8.5", True),
    ("8.5.5", "Post-delivery activities", "8.5", True),
    ("8.5.6", "Control of changes", "8.5", True),
    ("8.6", "Release of products and services", "8", True),
    ("8.7", "Control of nonconforming outputs", "8", True),
    ("9", "Performance evaluation", None, False),
    ("9.1", "Monitoring, measurement, analysis and evaluation", "9", False),
    ("9.1.1", "General", "9.1", True),
    ("9.1.2", "Customer satisfaction", "9.1", True),
    ("9.1.3", "Analysis and evaluation", "9.1", True),
    ("9.2", "Internal audit", "9", True),
    ("9.3", "Management review", "9", False),
    ("9.3.1", "General", "9.3", True),
    ("9.3.2", "Management review inputs", "9.3", True),
    ("9.3.3", "Management review outputs", "9.3", True),
    ("10", "Improvement", None, False),
    ("10.1", "General", "10", True),
    ("10.2", "Nonconformity and corrective action", "10", True),
    ("10.3", "Continual improvement", "10", True),
]


@tagged("post_install", "-at_install")
class TestClauseLibrary(IsoComplianceCase):
    def shipped(self, standard):
        return [
            (
                c.number,
                c.with_context(lang="en_US").name,
                c.parent_id.number or None,
                c.is_assessable,
            )
            for c in standard.clause_ids
        ]

    def test_iso_37001_2016_is_the_table(self):
        self.assertEqual(self.shipped(self.iso_37001), ISO_37001_2016)

    def test_iso_9001_2015_is_the_table(self):
        self.assertEqual(len(ISO_9001_2015), 75)
        self.assertEqual(self.shipped(self.iso_9001), ISO_9001_2015)

    def test_every_clause_has_an_indonesian_title(self):
        self.env["res.lang"]._activate_lang("id_ID")
        self.env["ir.module.module"]._load_module_terms(
            ["iso_compliance"], ["id_ID"], overwrite=True
        )
        clauses = (self.iso_37001 | self.iso_37001_2025 | self.iso_9001).clause_ids
        untranslated = [
            f"{c.standard_id.display_name} {c.number}"
            for c in clauses
            if c.with_context(lang="id_ID").name == c.with_context(lang="en_US").name
        ]
        self.assertEqual(untranslated, [])
        titles = {c.number: c.with_context(lang="id_ID").name for c in self.iso_9001.clause_ids}
        self.assertEqual(titles["7.1.5.2"], "Ketertelusuran pengukuran")
        self.assertEqual(titles["8.5.4"], "Preservasi")

    def test_unconfirmed_2025_clauses_say_so_and_stay_editable(self):
        clauses = {c.number: c for c in self.iso_37001_2025.clause_ids}
        for number in ("5.3.2", "5.3.3", "7.3", "8.7", "8.8", "8.9", "8.10"):
            self.assertIn("Not yet confirmed", clauses[number].guidance, number)
        self.assertFalse(clauses["8.2"].guidance, "confirmed clauses carry no such note")
        clauses["7.3"].with_user(self.manager).name = "Awareness"
        self.assertEqual(clauses["7.3"].name, "Awareness")


@tagged("post_install", "-at_install")
class TestClauseLabels(IsoComplianceCase):
    """Issue 21, item 1: "8.1 Operational planning and control" exists in three standards;
    every label names the edition, and a picker offers the agency's own first."""

    def clause(self, standard, number):
        return self.env["iso.standard.clause"].search(
            [("standard_id", "=", standard.id), ("number", "=", number)]
        )

    def test_every_label_names_its_standard(self):
        self.assertEqual(
            self.clause(self.iso_37001, "8.1").display_name,
            "ISO 37001:2016 8.1 Operational planning and control",
        )
        self.assertEqual(
            self.clause(self.iso_9001, "7.5.1").display_name, "ISO 9001:2015 7.5.1 General"
        )
        clauses = self.env["iso.standard.clause"].search([])
        for clause in clauses:
            standard = clause.standard_id
            self.assertTrue(
                clause.display_name.startswith(f"{standard.code}:{standard.edition} "),
                clause.display_name,
            )

    def test_the_picker_offers_the_pursued_standard_first(self):
        Clause = self.env["iso.standard.clause"].with_user(self.officer_a)
        found = Clause.name_search("8.1", [("is_assessable", "=", True)], limit=10)
        editions = {name.split(" 8.1 ")[0] for _id, name in found if " 8.1 " in name}
        self.assertEqual(editions, {"ISO 37001:2016", "ISO 37001:2025", "ISO 9001:2015"})
        # Disdukcapil works to ISO 37001:2016: its 8.1 comes first, then the others.
        self.env["iso.mentoring"].create(
            {"agency_id": self.agency_a.id, "standard_ids": [(6, 0, self.iso_37001.ids)]}
        )
        in_context = Clause.with_context(iso_agency_id=self.agency_a.id)
        found = in_context.name_search("8.1", [("is_assessable", "=", True)], limit=10)
        labels = [name for _id, name in found]
        self.assertEqual(labels[0], "ISO 37001:2016 8.1 Operational planning and control")
        self.assertTrue(any(label.startswith("ISO 37001:2025 8.1") for label in labels[1:]))
        self.assertTrue(any(label.startswith("ISO 9001:2015 8.1") for label in labels[1:]))
        # The limit holds over both parts.
        self.assertEqual(len(in_context.name_search("", limit=5)), 5)
        self.assertTrue(
            all(
                name.startswith("ISO 37001:2016")
                for _id, name in in_context.name_search("", limit=5)
            )
        )
        # Typing the standard finds its clauses.
        found = Clause.name_search("ISO 9001", limit=200)
        self.assertTrue(found)
        self.assertTrue(all(name.startswith("ISO 9001:2015") for _id, name in found))
