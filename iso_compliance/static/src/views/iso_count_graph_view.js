/** @odoo-module **/

import { registry } from "@web/core/registry";
import { graphView } from "@web/views/graph/graph_view";
import { GraphRenderer } from "@web/views/graph/graph_renderer";

/**
 * A graph whose y-axis counts in whole steps, labelled as whole numbers, when it counts
 * something (records, or the distinct values of a many2one measure such as agencies):
 * Chart.js would otherwise divide a small count into 0.2 steps ("0,20"). Other measures
 * (readiness, an average) keep their decimals.
 */
export class IsoCountGraphRenderer extends GraphRenderer {
    getScaleOptions() {
        const scales = super.getScaleOptions();
        const { fields, measure } = this.model.metaData;
        const type = measure === "__count" ? "integer" : fields[measure]?.type;
        if (scales.y && ["integer", "many2one"].includes(type)) {
            scales.y.ticks.precision = 0;
            scales.y.ticks.callback = (value) => this.formatValue(value, true);
        }
        return scales;
    }
}

export const isoCountGraphView = {
    ...graphView,
    Renderer: IsoCountGraphRenderer,
};

registry.category("views").add("iso_count_graph", isoCountGraphView);
