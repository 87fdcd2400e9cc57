/** @odoo-module **/

import { registry } from "@web/core/registry";

// The Inspector's first day, in Indonesian: he imports the certificates of the shipped
// import template and activates them all at once from the list.
registry.category("web_tour.tours").add("iso_manager_first_day_tour", {
    url: "/odoo/action-iso_compliance.iso_certificate_action?view_type=list",
    steps: () => [
        {
            content: "Open the gear menu",
            trigger: ".o_control_panel .o_cp_action_menus button:has(.fa-cog)",
            run: "click",
        },
        {
            content: "Import records",
            trigger: ".o-dropdown--menu .o_import_menu",
            run: "click",
        },
        {
            content: "Upload the shipped template",
            trigger: ".o_import_action a[href$='iso_certificate_import_template.xlsx']",
            async run() {
                const response = await fetch(this.anchor.getAttribute("href"));
                const blob = await response.blob();
                const file = new File([blob], "iso_certificate_import_template.xlsx", {
                    type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                });
                const transfer = new DataTransfer();
                transfer.items.add(file);
                const input = document.querySelector(
                    ".o_control_panel_main_buttons input[type='file']"
                );
                input.files = transfer.files;
                input.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        {
            content: "Every Indonesian header is matched to its field",
            trigger:
                ".o_import_data_content tbody:not(:has(.o_select_menu_toggler_clear:not(:visible)))",
        },
        {
            content: "Import",
            trigger: ".o_control_panel_main_buttons button.btn-primary:contains('Impor')",
            run: "click",
        },
        {
            content: "Back on the certificates just imported",
            trigger: ".o_list_view .o_data_row:contains('MAL-SMM-2025-0245')",
        },
        {
            content: "Select them all",
            trigger: ".o_list_view thead .o_list_record_selector input",
            run: "click",
        },
        {
            content: "Open the actions",
            trigger: ".o_control_panel .o_cp_action_menus button:has(.fa-cog)",
            run: "click",
        },
        {
            content: "Activate them",
            trigger: ".o-dropdown--menu .dropdown-item:contains('Aktifkan')",
            run: "click",
        },
        {
            content: "Both are active",
            trigger:
                ".o_list_view .o_data_row:contains('MAL-SMAP-2025-0117') td[name=state]:contains('Aktif')",
        },
        {
            content: "The second one too",
            trigger:
                ".o_list_view .o_data_row:contains('MAL-SMM-2025-0245') td[name=state]:contains('Aktif')",
        },
    ],
});
