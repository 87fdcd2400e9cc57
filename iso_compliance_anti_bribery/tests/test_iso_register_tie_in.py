import re

from freezegun import freeze_time

from odoo import Command
from odoo.addons.iso_compliance.tests.common import IsoComplianceCase, figure_tables, report_tables
from odoo.tests import tagged


@tagged("post_install", "-at_install")
class TestRegistersOnTheChecklist(IsoComplianceCase):
    """The readiness checklist lines of ISO 37001 clauses 4.5, 8.2 and 8.7 show the registers."""

    @freeze_time("2026-03-02 03:00:00")
    def test_lines_show_the_live_registers(self):
        engagement = self.env["iso.mentoring"].create(
            {"agency_id": self.agency_a.id, "standard_ids": [Command.link(self.iso_37001.id)]}
        )
        Risk = self.env["iso.bribery.risk"]
        for lk in ("2", "3", "4"):
            Risk.create(
                {
                    "name": f"Risk {lk}",
                    "process": "Counter",
                    "agency_id": self.agency_a.id,
                    "likelihood": lk,
                    "impact": "3",
                    "owner_id": self.officer_a.id,
                }
            ).action_assess()
        overdue = Risk.search([("name", "=", "Risk 4")])
        overdue.sudo().write({"next_review_date": "2026-03-01"})
        Risk.create({"name": "Draft", "process": "Counter", "agency_id": self.agency_a.id})
        self.env["iso.gratification.report"].create(
            {
                "agency_id": self.agency_a.id,
                "date_received": "2026-01-05",
                "giver_name": "Pemohon",
                "value": 100000,
            }
        )
        lines = {line.clause_id.number: line for line in engagement.line_ids.with_user(self.mentor)}
        self.assertEqual(lines["4.5"].register_state, "Risks assessed: 3; overdue for review: 1")
        self.assertEqual(lines["8.2"].register_state, "Due diligence valid: 0; lapsed: 0")
        self.assertEqual(lines["8.7"].register_state, "Gratification reports this year: 1; late: 0")
        self.assertFalse(lines["8.3"].register_state)
        # The regency overview: 4 x 3 = 12 is high, 2 x 3 and 3 x 3 medium; one review due.
        agency = self.agency_a.with_user(self.manager)
        self.assertEqual((agency.risk_high_count, agency.risk_review_due_count), (1, 1))
        self.assertEqual((agency.gratification_year_count, agency.gratification_late_count), (1, 0))
        self.assertEqual(agency.gratification_year_value, 100000)
        self.assertEqual(self.agency_b.with_user(self.manager).risk_high_count, 0)
        # The regency progress report prints the same figures per agency: 1 high risk,
        # 1 review due, 1 report of 100,000.00 in the company's currency, none late or lapsed.
        html, _ = self.env["ir.actions.report"]._render_qweb_html(
            "iso_compliance.iso_mentoring_report_regency", engagement.ids
        )
        registers = html.split(b'name="anti_bribery_registers"')[1].split(b"</table>")[0]
        cells = [
            b" ".join(cell.split(b">", 1)[1].rsplit(b"</td", 1)[0].split())
            for cell in registers.split(b"<td")[1:8]
        ]
        self.assertIn(b"Dinas Kependudukan", cells[0])
        self.assertEqual(cells[1:4], [b"1", b"1", b"1"])
        self.assertEqual(re.sub(rb"\D", b"", cells[4]), b"10000000", cells[4])
        self.assertEqual(cells[5:7], [b"0", b"0"])


@tagged("post_install", "-at_install")
class TestRegencyHeatMap(IsoComplianceCase):
    """Issue 21, item 6: the regency page's heat map and registers count every agency's
    risks (those without an engagement too), coloured by the company's bands, and the PDF
    prints the same cells."""

    @freeze_time("2026-03-02 03:00:00")
    def test_heat_map_and_registers_across_the_regency(self):
        self.env["iso.mentoring"].create(
            {"agency_id": self.agency_a.id, "standard_ids": [Command.link(self.iso_37001.id)]}
        )
        Risk = self.env["iso.bribery.risk"]
        # Two agencies' live risks; Dinas Kesehatan has no engagement.
        for agency, lk, im in (
            (self.agency_a, "4", "3"),
            (self.agency_a, "4", "3"),
            (self.agency_b, "5", "5"),
            (self.agency_b, "1", "2"),
        ):
            Risk.create(
                {
                    "name": f"Risk {agency.code} {lk}{im}",
                    "process": "Counter",
                    "agency_id": agency.id,
                    "likelihood": lk,
                    "impact": im,
                    "owner_id": self.officer_a.id,
                }
            ).action_assess()
        Risk.create({"name": "Draft", "process": "Counter", "agency_id": self.agency_b.id})
        Mentoring = self.env["iso.mentoring"].with_user(self.manager)
        sections = {section["key"]: section for section in Mentoring.get_regency_figures()}
        heatmap = sections["heatmap"]
        self.assertEqual([row["label"] for row in heatmap["rows"]], ["5", "4", "3", "2", "1"])
        grid = figure_tables([heatmap])["heatmap"]
        # Rows: likelihood 5 to 1; columns: impact 1 to 5. The draft counts nowhere.
        self.assertEqual(
            grid,
            [
                ["", "", "", "", "1"],
                ["", "", "2", "", ""],
                ["", "", "", "", ""],
                ["", "", "", "", ""],
                ["", "1", "", "", ""],
            ],
        )
        # Default bands (DOMAIN.md: configurable): 4 x 3 = 12 high, 5 x 5 = 25 very high,
        # 1 x 2 = 2 low.
        self.assertEqual(heatmap["rows"][1]["cells"][2]["color"], "#ff9800")
        self.assertEqual(heatmap["rows"][0]["cells"][4]["color"], "#f44336")
        self.assertEqual(heatmap["rows"][4]["cells"][1]["color"], "#4caf50")
        drill = heatmap["rows"][1]["cells"][2]["action"]
        self.assertEqual(
            Risk.search(drill["domain"]).mapped("name"),
            ["Risk DISDUKCAPIL 43", "Risk DISDUKCAPIL 43"],
        )
        self.assertFalse(heatmap["rows"][2]["cells"][0]["action"], "an empty cell opens nothing")
        registers = figure_tables([sections["anti_bribery_registers"]])["anti_bribery_registers"]
        self.assertEqual(
            [row[:3] for row in registers],
            [
                ["Dinas Kependudukan dan Pencatatan Sipil", "2", "0"],
                ["Dinas Kesehatan", "1", "0"],
                ["Regency", "3", "0"],
            ],
        )
        html, _ = (
            self.env["ir.actions.report"]
            .with_user(self.manager)
            ._render_qweb_html("iso_compliance.iso_mentoring_report_regency", [])
        )
        printed = report_tables(html)
        self.assertEqual(printed["heatmap"], grid)
        self.assertEqual(printed["anti_bribery_registers"], registers)
