/** @odoo-module **/

import { registry } from "@web/core/registry";

// An agency officer records a gift received at the counter and reports it to the UPG.
registry.category("web_tour.tours").add("iso_gratification_report_tour", {
    url: "/odoo/action-iso_compliance_anti_bribery.iso_gratification_report_action",
    steps: () => [
        {
            content: "Create a report",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "The giver",
            trigger: ".o_field_widget[name=giver_name] input",
            run: "edit Pemohon KTP-el",
        },
        {
            content: "The estimated value",
            trigger: ".o_field_widget[name=value] input",
            run: "edit 350000",
        },
        {
            content: "The KPK deadline is computed",
            trigger: ".o_field_widget[name=deadline_date]:not(:empty)",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Report it to the UPG",
            trigger: "button[name=action_report]",
            run: "click",
        },
        {
            content: "The report is with the UPG",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Reported to UPG')",
        },
    ],
});
