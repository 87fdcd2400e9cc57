/** @odoo-module **/

import { registry } from "@web/core/registry";

// An agency officer logs in: she lands inside the app on her agency's engagement, with the
// app's menu bar (not a lone apps icon), at desktop size...
registry.category("web_tour.tours").add("iso_officer_home_tour", {
    url: "/odoo",
    steps: () => [
        {
            content: "Her agency's engagement",
            trigger: ".o_form_view .o_field_widget[name=agency_id]:contains('Dinas Kependudukan')",
        },
        {
            content: "The app's menu bar, in Indonesian",
            trigger: ".o_main_navbar .o_menu_sections [data-menu-xmlid='iso_compliance.iso_mentoring_menu_main']",
        },
        {
            content: "The checklist's clause titles name their standard and are not cut",
            trigger: ".o_field_widget[name=line_ids] td[name=clause_id].text-wrap:contains('ISO 37001:2016 4.1')",
        },
    ],
});

// ...and on a phone: the checklist as cards, each with its clause and its status.
registry.category("web_tour.tours").add("iso_officer_phone_tour", {
    url: "/odoo",
    steps: () => [
        {
            content: "Her agency's engagement",
            trigger: ".o_form_view .o_field_widget[name=agency_id]:contains('Dinas Kependudukan')",
        },
        {
            content: "The checklist as cards: the status stays visible",
            trigger: ".o_field_widget[name=line_ids] .o_kanban_record:contains('ISO 37001:2016 4.1') .o_iso_checklist_status:contains('Belum Dimulai')",
        },
    ],
});
