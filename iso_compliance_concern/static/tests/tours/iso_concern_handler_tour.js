/** @odoo-module **/

import { registry } from "@web/core/registry";

// The concern handler's first week, in Indonesian: she lands on the cases, opens the new
// one, acknowledges it, and sends the reporter a question from the case's first tab.
registry.category("web_tour.tours").add("iso_concern_handler_tour", {
    url: "/odoo",
    steps: () => [
        {
            content: "The cases, with the channel's menu bar",
            trigger: ".o_main_navbar .o_menu_brand[data-menu-xmlid='iso_compliance_concern.iso_concern_menu_root']",
        },
        {
            content: "Open the new case",
            trigger: ".o_list_view .o_data_row .o_data_cell[name=name]:contains('WBS-')",
            run: "click",
        },
        {
            content: "Acknowledge it",
            trigger: ".o_form_view button[name=action_acknowledge]",
            run: "click",
        },
        {
            content: "It is acknowledged",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value=acknowledged]",
        },
        {
            content: "The question for the reporter, on the first tab",
            trigger: ".o_notebook .tab-pane.active .o_field_widget[name=reporter_question] textarea",
            run: "edit Kapan tepatnya kejadian itu?",
        },
        {
            content: "Send it to the reporter",
            trigger: ".o_notebook .tab-pane.active button[name=action_send_to_reporter]",
            run: "click",
        },
        {
            content: "Sent: the question is in the chatter and the box is empty",
            trigger: ".o-mail-Message:contains('Kapan tepatnya kejadian itu?')",
        },
    ],
});
