/** @odoo-module **/

import { registry } from "@web/core/registry";

// The Inspector (a manager, not an administrator) changes a programme parameter on the
// addon's settings page and saves it.
registry.category("web_tour.tours").add("iso_compliance_settings_tour", {
    url: "/odoo/action-iso_compliance.iso_compliance_settings_action",
    steps: () => [
        {
            content: "The settings page shows the programme parameters",
            trigger: ".o_setting_box:contains('Session due after') div[name='iso_mentoring_stall_days'] input",
            run: "edit 14",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The page comes back with the saved value",
            trigger: ".o-settings-form-view:not(:has(.o_dirty_warning)) div[name='iso_mentoring_stall_days'] input:value(14)",
        },
    ],
});

function chartOf(selector) {
    const canvas = document.querySelector(selector);
    const chart = canvas && window.Chart && window.Chart.getChart(canvas);
    if (!chart) {
        throw new Error(`No chart in ${selector}`);
    }
    return chart;
}

// The readiness distribution: bands in readiness order and a y-axis counting agencies in
// whole numbers.
registry.category("web_tour.tours").add("iso_readiness_graph_tour", {
    url: "/odoo/action-iso_compliance.iso_mentoring_action_readiness",
    steps: () => [
        {
            content: "The chart is drawn",
            trigger: ".o_graph_renderer .o_graph_canvas_container canvas",
            run() {
                const chart = chartOf(".o_graph_canvas_container canvas");
                const labels = chart.data.labels.join(" | ");
                if (labels !== "Below 25% | 25% to 50% | 100%") {
                    throw new Error(`Bands out of order: ${labels}`);
                }
                const ticks = chart.scales.y.ticks.map((tick) => tick.value);
                if (ticks.some((value) => !Number.isInteger(value))) {
                    throw new Error(`The y-axis counts in fractions: ${ticks.join(", ")}`);
                }
                const tickLabels = chart.scales.y.ticks.map((tick) => tick.label);
                if (tickLabels.some((label, index) => label !== String(ticks[index]))) {
                    throw new Error(`The y-axis labels are not whole numbers: ${tickLabels.join(" ")}`);
                }
                document.body.classList.add("iso_readiness_graph_checked");
            },
        },
        {
            content: "Checked",
            trigger: "body.iso_readiness_graph_checked",
        },
    ],
});
