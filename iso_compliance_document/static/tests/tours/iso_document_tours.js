/** @odoo-module **/

import { registry } from "@web/core/registry";

// The agency's officer registers the anti-bribery policy for the quality-policy clause of
// ISO 9001 (5.2.1, mapped to 5.2 of ISO 37001), uploads its file as the first version and
// sends it for approval ("Kirim untuk Persetujuan").
registry.category("web_tour.tours").add("iso_document_officer_tour", {
    url: "/odoo/action-iso_compliance_document.iso_document_action",
    steps: () => [
        {
            content: "New document",
            trigger: ".o_control_panel .o_list_button_add",
            run: "click",
        },
        {
            content: "Title",
            trigger: ".o_form_view .o_field_widget[name=name] input",
            run: "edit Kebijakan Mutu dan Anti Penyuapan",
        },
        {
            content: "Code",
            trigger: ".o_form_view .o_field_widget[name=code] input",
            run: "edit KEB-02",
        },
        {
            content: "Clause served",
            trigger: ".o_form_view .o_field_widget[name=clause_ids] input",
            run: "edit 5.2.1",
        },
        {
            content: "Pick ISO 9001 5.2.1",
            trigger: ".o-autocomplete--dropdown-item a:contains('5.2.1')",
            run: "click",
        },
        {
            content: "Add the first version",
            trigger: ".o_field_widget[name=version_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "Upload its file",
            trigger: ".o_field_widget[name=version_ids] .o_selected_row .o_field_widget[name=file]",
            run() {
                const input = document.querySelector(
                    ".o_field_widget[name=version_ids] .o_selected_row .o_field_widget[name=file] input[type=file]"
                );
                const file = new File(["%PDF-1.4\n%%EOF\n"], "KEB-02.pdf", {
                    type: "application/pdf",
                });
                const transfer = new DataTransfer();
                transfer.items.add(file);
                input.files = transfer.files;
                input.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        {
            content: "The file is there",
            trigger: ".o_field_widget[name=version_ids] .o_selected_row .o_field_widget[name=file] .o_clear_file_button",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Send it for approval",
            trigger: ".o_form_view button[name=action_submit]:contains('Kirim untuk Persetujuan')",
            run: "click",
        },
        {
            content: "It waits for approval",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value=in_review]",
        },
    ],
});

// The agency's designated approver approves it ("Setujui"), then sees on her agency's
// engagement that readiness moved: the quality-policy document counts for ISO 37001 5.2.
registry.category("web_tour.tours").add("iso_document_approver_tour", {
    url: "/odoo/action-iso_compliance_document.iso_document_action",
    steps: () => [
        {
            content: "Open the document waiting for approval",
            trigger: ".o_list_view .o_data_row .o_data_cell[name=code]:contains('KEB-02')",
            run: "click",
        },
        {
            content: "Approve it",
            trigger: ".o_form_view button[name=action_approve]:contains('Setujui')",
            run: "click",
        },
        {
            content: "It is in force",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value=approved]",
        },
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
            content: "Her agency's engagement: readiness moved from 0 to 2.6% (1 of 38 clauses)",
            trigger: ".o_form_view .o_field_widget[name=readiness] .o_progress[aria-valuenow='2.6']",
        },
        {
            content: "The policy clause's evidence is effective",
            trigger: ".o_field_widget[name=line_ids] .o_data_row:has(td[name=clause_id]:contains('5.2 ')) td[name=evidence_status]:contains('Efektif')",
        },
    ],
});

// The head of agency's first week: he logs in and lands on his agency's engagement, where
// what waits for him is counted ("Untuk Disetujui"); he approves the policy and sees the
// readiness of his agency move.
registry.category("web_tour.tours").add("iso_document_head_tour", {
    url: "/odoo",
    steps: () => [
        {
            content: "His agency's engagement, with the app's menu bar",
            trigger: ".o_main_navbar [data-menu-xmlid='iso_compliance.iso_mentoring_menu_main']",
        },
        {
            content: "Readiness before: 0%",
            trigger: ".o_form_view .o_field_widget[name=readiness] .o_progress[aria-valuenow='0']",
        },
        {
            content: "One document waits for his approval",
            trigger: ".o_form_view button[name=action_view_documents_to_approve]:contains('Untuk Disetujui'):contains('1')",
            run: "click",
        },
        {
            content: "Open it",
            trigger: ".o_list_view .o_data_row .o_data_cell[name=code]:contains('KEB-05')",
            run: "click",
        },
        {
            content: "Approve it",
            trigger: ".o_form_view button[name=action_approve]:contains('Setujui')",
            run: "click",
        },
        {
            content: "It is in force",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value=approved]",
        },
        {
            content: "Back to his agency's engagement",
            trigger: ".o_breadcrumb .breadcrumb-item:first a",
            run: "click",
        },
        {
            content: "Readiness moved to 2.6% (1 of 38 clauses), nothing left to approve",
            trigger: ".o_form_view:not(:has(button[name=action_view_documents_to_approve]:visible)) .o_field_widget[name=readiness] .o_progress[aria-valuenow='2.6']",
        },
    ],
});

// Issue "first week", item 9: the officer adds a version row to an approved document,
// writes only what changed, and leaves by the breadcrumb before attaching the file. The form
// stays, says the file is missing, and nothing is saved until the file is there: no draft
// without a file blocks the next version.
registry.category("web_tour.tours").add("iso_document_version_without_file_tour", {
    url: "/odoo/action-iso_compliance_document.iso_document_action",
    steps: () => [
        {
            content: "Open the approved document",
            trigger: ".o_list_view .o_data_row .o_data_cell[name=code]:contains('KEB-06')",
            run: "click",
        },
        {
            content: "Add a version",
            trigger: ".o_field_widget[name=version_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "Write only what changed",
            trigger: ".o_field_widget[name=version_ids] .o_selected_row .o_field_widget[name=change_note] textarea",
            run: "edit Revisi berkala",
        },
        {
            content: "Leave by the breadcrumb before attaching the file",
            trigger: ".o_breadcrumb .breadcrumb-item:first a",
            run: "click",
        },
        {
            content: "The form stays and says what is missing: the Versions hold an invalid row",
            trigger: ".o_notification:has(.o_notification_bar.bg-danger) .o_notification_content li:contains('Versi')",
        },
        {
            content: "its file, marked in the row",
            trigger: ".o_form_view .o_field_widget[name=version_ids] .o_data_row td.o_invalid_cell[name=file]",
        },
        {
            content: "Discard the half-filled row",
            trigger: ".o_form_view .o_form_button_cancel",
            run: "click",
        },
        {
            content: "Only the approved version is left",
            trigger: ".o_form_view .o_field_widget[name=version_ids]:not(:has(.o_data_row:nth-child(2))) .o_data_row",
        },
    ],
});
