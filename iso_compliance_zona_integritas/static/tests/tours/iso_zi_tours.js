/** @odoo-module **/

import { registry } from "@web/core/registry";

// Zona Integritas, in Indonesian, one tour per role. The addon's own labels are not
// translated yet: its buttons and fields are found by their name attribute.

// The unit's operator answers an item of her unit's assessment, with evidence from the
// document register, and saves.
registry.category("web_tour.tours").add("iso_zi_unit_operator_tour", {
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
            content: "The Zona Integritas menu",
            trigger: '.o_menu_sections [data-menu-xmlid="iso_compliance_zona_integritas.iso_zi_menu_main"]',
            run: "click",
        },
        {
            content: "Units",
            trigger: '.dropdown-item[data-menu-xmlid="iso_compliance_zona_integritas.iso_zi_assessment_menu"]',
            run: "click",
        },
        {
            content: "Her unit's assessment",
            trigger: ".o_kanban_view .o_kanban_record:contains('Dinas Kependudukan')",
            run: "click",
        },
        {
            content: "Open the first item of the sheet",
            trigger: ".o_form_view .o_field_widget[name=line_ids] .o_data_row:first .o_data_cell[name=code]",
            run: "click",
        },
        {
            content: "Choose the answer",
            trigger: ".modal .o_field_widget[name=unit_option_id] input",
            run: "edit Ya",
        },
        {
            content: "Ya",
            trigger: ".modal .o_field_widget[name=unit_option_id] .o-autocomplete--dropdown-item:contains('Ya')",
            run: "click",
        },
        {
            content: "Say how the unit meets it",
            trigger: ".modal .o_field_widget[name=unit_note] textarea",
            run: "edit SK Tim Kerja ZI ditandatangani Kepala Dinas.",
        },
        {
            content: "Attach the decree from the document register",
            trigger: ".modal .o_field_widget[name=document_ids] input",
            run: "edit SK Tim Kerja",
        },
        {
            content: "The unit's document",
            trigger: ".modal .o_field_widget[name=document_ids] .o-autocomplete--dropdown-item:contains('SK Tim Kerja Zona Integritas')",
            run: "click",
        },
        {
            content: "Attached",
            trigger: ".modal .o_field_widget[name=document_ids] .o_tag:contains('SK Tim Kerja Zona Integritas')",
        },
        {
            content: "Keep the item",
            trigger: ".modal .modal-footer .o_form_button_save",
            run: "click",
        },
        {
            content: "The sheet shows the answer",
            trigger: ".o_form_view .o_field_widget[name=line_ids] .o_data_row:first .o_data_cell[name=unit_answer_label]:contains('Ya')",
        },
        {
            content: "Save the assessment",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_status_indicator_buttons.invisible:not(:visible)",
        },
    ],
});

// A TPI member corrects the unit's answer of an item, with a note saying why.
registry.category("web_tour.tours").add("iso_zi_tpi_correct_tour", {
    steps: () => [
        {
            content: "The assessment under review",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current[data-value=review]",
        },
        {
            content: "Open the first item of the sheet",
            trigger: ".o_form_view .o_field_widget[name=line_ids] .o_data_row:first .o_data_cell[name=code]",
            run: "click",
        },
        {
            content: "The unit answered Ya, read-only for the TPI",
            trigger: ".modal .o_field_widget[name=unit_option_id]:not(:has(input)):contains(Ya)",
        },
        {
            content: "The TPI's answer",
            trigger: ".modal .o_field_widget[name=tpi_option_id] input",
            run: "edit Tidak",
        },
        {
            content: "Tidak",
            trigger: ".modal .o_field_widget[name=tpi_option_id] .o-autocomplete--dropdown-item:contains('Tidak')",
            run: "click",
        },
        {
            content: "Why",
            trigger: ".modal .o_field_widget[name=tpi_note] textarea",
            run: "edit SK Tim Kerja belum ditandatangani Kepala Dinas.",
        },
        {
            content: "Correct",
            trigger: ".modal button[name=action_tpi_correct]",
            run: "click",
        },
        {
            content: "The item is corrected",
            trigger: ".modal .o_statusbar_status button.o_arrow_button_current[data-value=corrected]",
        },
        {
            content: "Close the item",
            trigger: ".modal .modal-header .btn-close",
            run: "click",
        },
        {
            content: "The sheet shows the TPI's answer",
            trigger: ".o_form_view .o_field_widget[name=line_ids] .o_data_row:first .o_data_cell[name=tpi_answer_label]:contains('Tidak')",
        },
    ],
});

// The TPI lead decides to propose a unit that meets WBK.
registry.category("web_tour.tours").add("iso_zi_tpi_lead_decide_tour", {
    steps: () => [
        {
            content: "The review is final",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current[data-value=final]",
        },
        {
            content: "It meets WBK",
            trigger: ".o_form_view .alert-success:not(.d-none)",
        },
        {
            content: "The decision tab",
            trigger: ".o_form_view .o_notebook .nav-link[name=decision]",
            run: "click",
        },
        {
            content: "Proposed as WBK",
            trigger: ".o_form_view .o_field_widget[name=decision_category] select",
            run: 'select "wbk"',
        },
        {
            content: "Decide: Propose",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_decide_propose]",
            run: "click",
        },
        {
            content: "Decided",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current[data-value=decided]",
        },
    ],
});
