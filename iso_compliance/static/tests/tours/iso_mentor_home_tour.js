/** @odoo-module **/

import { registry } from "@web/core/registry";

// A mentor logs in: she lands inside the app on the regency page, which opens with what
// waits for her (an overdue to-do), with the app's menu bar, in Indonesian.
registry.category("web_tour.tours").add("iso_mentor_home_tour", {
    url: "/odoo",
    steps: () => [
        {
            content: "What waits for her: one open to-do, overdue",
            trigger: ".o_iso_regency_page section[data-section=todo]:first-child table[name=todo] tbody tr:first-child td:last-child:contains('1')",
        },
        {
            content: "The engagement she mentors",
            trigger: ".o_iso_regency_page table[name=readiness] td:contains('Dinas Kependudukan')",
        },
        {
            content: "The app's menu bar, in Indonesian",
            trigger: ".o_main_navbar .o_menu_sections [data-menu-xmlid='iso_compliance.iso_mentoring_menu_main']",
        },
        {
            content: "Her to-dos open from the page",
            trigger: ".o_iso_regency_page table[name=todo] tbody tr:first-child",
            run: "click",
        },
        {
            content: "The overdue to-do",
            trigger: ".o_list_view .o_data_row:contains('Tinjau daftar periksa')",
        },
    ],
});
