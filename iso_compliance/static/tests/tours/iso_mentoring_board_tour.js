/** @odoo-module **/

import { registry } from "@web/core/registry";

// Opens the mentoring board, drags the TOUR agency's card from the first roadmap stage to
// the second one and checks that the card is there.
registry.category("web_tour.tours").add("iso_mentoring_board_tour", {
    url: "/odoo/action-iso_compliance.iso_mentoring_action_board",
    steps: () => [
        {
            content: "The board shows the card in the first stage",
            trigger: ".o_kanban_group:eq(0) .o_kanban_record:contains('Tour Agency')",
        },
        {
            content: "Empty stages are shown too",
            trigger: ".o_kanban_group:eq(1) .o_column_title:contains('Gap Analysis')",
        },
        {
            content: "Drag the card to the next stage",
            trigger: ".o_kanban_group:eq(0) .o_kanban_record:contains('Tour Agency')",
            run: "drag_and_drop(.o_kanban_group:eq(1))",
        },
        {
            content: "The card is in the next stage",
            trigger: ".o_kanban_group:eq(1) .o_kanban_record:contains('Tour Agency')",
        },
        {
            content: "and no longer in the first one",
            trigger: ".o_kanban_group:eq(0):not(:has(.o_kanban_record:contains('Tour Agency')))",
        },
    ],
});
