/** @odoo-module **/

import { registry } from "@web/core/registry";

// A mentor's first day, in Indonesian: she plans an internal audit from the calendar on the
// 20th of this month, confirms it, marks a clause minor nonconforming and sees the finding.
registry.category("web_tour.tours").add("iso_mentor_first_day_tour", {
    url: "/odoo/action-iso_compliance.iso_audit_action?view_type=calendar",
    steps: () => [
        {
            content: "Click the 20th of the month",
            trigger: ".fc-daygrid-day[data-date$='-20'] .fc-daygrid-day-frame",
            run() {
                const el = this.anchor;
                el.scrollIntoView();
                const { x, y, width, height } = el.getBoundingClientRect();
                for (const type of ["mousedown", "mouseup"]) {
                    el.dispatchEvent(
                        new MouseEvent(type, {
                            bubbles: true,
                            which: 1,
                            button: 0,
                            clientX: x + width / 2,
                            clientY: y + height / 2,
                        })
                    );
                }
            },
        },
        {
            content: "A new audit, named as such",
            trigger: ".o_form_view .oe_title:contains('Audit Baru')",
        },
        {
            content: "Choose the agency",
            trigger: ".o_form_view .o_field_widget[name=agency_id] input",
            run: "edit Dinas Kependudukan",
        },
        {
            content: "The agency in the list",
            trigger: ".o-autocomplete--dropdown-item:contains('Dinas Kependudukan')",
            run: "click",
        },
        {
            content: "The standard the agency pursues is proposed",
            trigger: ".o_form_view .o_field_widget[name=standard_ids] .o_tag:contains('ISO 37001:2016')",
        },
        {
            content: "Confirm the audit",
            trigger: ".o_form_view button[name=action_confirm]",
            run: "click",
        },
        {
            content: "Confirmed",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value=confirmed]",
        },
        {
            content: "Assess the first clause",
            trigger: ".o_field_widget[name=line_ids] .o_data_row:first td[name=result]",
            run: "click",
        },
        {
            content: "Minor nonconformity",
            trigger: ".o_field_widget[name=line_ids] .o_selected_row .o_field_widget[name=result] select",
            run: 'select "minor"',
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
            content: "Open the findings",
            trigger: ".o_notebook .nav-link[name=findings]",
            run: "click",
        },
        {
            content: "The finding is there",
            trigger: ".o_field_widget[name=finding_ids] .o_data_row td[name=grade]:contains('Ketidaksesuaian Minor')",
        },
    ],
});
