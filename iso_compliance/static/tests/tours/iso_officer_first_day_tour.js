/** @odoo-module **/

import { registry } from "@web/core/registry";

// An agency officer's first day, in Indonesian: she lands on her agency's engagement,
// reports a clause implemented with a note, in place, then hands in the action plan of
// her agency's finding ("Ajukan Rencana Tindakan").
registry.category("web_tour.tours").add("iso_officer_first_day_tour", {
    url: "/odoo",
    steps: () => [
        {
            content: "Open the ISO Compliance app",
            trigger: ".o_navbar_apps_menu .dropdown-toggle",
            run: "click",
        },
        {
            content: "The app",
            trigger: '.o-dropdown--menu .o_app[data-menu-xmlid="iso_compliance.iso_compliance_menu_root"]',
            run: "click",
        },
        {
            content: "She lands on her agency's engagement",
            trigger: ".o_form_view .o_field_widget[name=agency_id]:contains('Dinas Kependudukan')",
        },
        {
            content: "Edit the first checklist line's status in place",
            trigger: ".o_field_widget[name=line_ids] .o_data_row:first td[name=status]",
            run: "click",
        },
        {
            content: "She may not mark a clause verified",
            trigger:
                ".o_field_widget[name=line_ids] .o_selected_row .o_field_widget[name=status] select:not(:has(option[value='\"verified\"']))",
        },
        {
            content: "Report it implemented",
            trigger: ".o_field_widget[name=line_ids] .o_selected_row .o_field_widget[name=status] select",
            run: 'select "implemented"',
        },
        {
            content: "Add a note",
            trigger: ".o_field_widget[name=line_ids] .o_selected_row .o_field_widget[name=note] textarea",
            run: "edit Kebijakan anti penyuapan sudah ditandatangani kepala dinas.",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_status_indicator_buttons.invisible:not(:visible)",
        },
        {
            content: "Open the Audits menu",
            trigger: '.o_menu_sections [data-menu-xmlid="iso_compliance.iso_audit_menu_main"]',
            run: "click",
        },
        {
            content: "My Findings",
            trigger: '.dropdown-item[data-menu-xmlid="iso_compliance.iso_audit_finding_menu_mine"]',
            run: "click",
        },
        {
            content: "Open her finding",
            trigger: ".o_list_view .o_data_row:first .o_data_cell[name=name]",
            run: "click",
        },
        {
            content: "The auditor's grade is read-only for her",
            trigger: ".o_form_view .o_field_widget[name=grade].o_readonly_modifier",
        },
        {
            content: "Describe the corrective action",
            trigger: ".o_form_view .o_field_widget[name=corrective_action] textarea",
            run: "edit Sosialisasi kebijakan kepada seluruh pegawai loket pelayanan.",
        },
        {
            content: "Hand in the action plan",
            trigger: ".o_form_view button[name=action_submit_plan]:contains('Ajukan Rencana Tindakan')",
            run: "click",
        },
        {
            content: "The finding is now action planned",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value=action_planned]",
        },
    ],
});
