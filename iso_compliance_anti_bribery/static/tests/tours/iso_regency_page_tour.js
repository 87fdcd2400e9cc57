/** @odoo-module **/

import { registry } from "@web/core/registry";

// The Inspector opens the regency page in Indonesian: agencies certified per standard, the
// readiness of the engagements, the regency's heat map; a cell opens the risks behind it.
registry.category("web_tour.tours").add("iso_regency_page_tour", {
    url: "/odoo/action-iso_compliance.iso_regency_action_page",
    steps: () => [
        {
            content: "Agencies certified, by standard: agencies counted",
            trigger: ".o_iso_regency_page table[name=certified] tr:contains('ISO 37001') td:contains('1 / 2')",
        },
        {
            content: "The readiness of the mentored agency",
            trigger: ".o_iso_regency_page table[name=readiness] td:contains('Dinas Kependudukan')",
        },
        {
            content: "The registers count the agency without an engagement too",
            trigger: ".o_iso_regency_page table[name=anti_bribery_registers] td:contains('Dinas Sosial')",
        },
        {
            content: "Likelihood 4, impact 3: two risks, coloured high",
            trigger: ".o_iso_regency_page table[name=heatmap] tbody tr:nth-child(2) td:nth-of-type(3):contains('2')",
            run: "click",
        },
        {
            content: "The two risks behind the cell",
            trigger: ".o_list_view .o_data_row:nth-child(2)",
        },
        {
            content: "Only those two",
            trigger: ".o_list_view:not(:has(.o_data_row:nth-child(3)))",
        },
    ],
});
