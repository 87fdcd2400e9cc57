import { Component, onWillStart, useState } from "@odoo/owl";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";

/**
 * The Inspector's regency page: the figures of iso.mentoring._regency_figures (certified
 * agencies per standard, readiness, expiring certificates, and what the features add: the
 * regency's bribery risk heat map, the agencies' registers), the same texts the regency PDF
 * prints. A row or a heat-map cell opens the records behind it.
 */
export class IsoRegencyPage extends Component {
    static template = "iso_compliance.RegencyPage";
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.actionService = useService("action");
        this.state = useState({ sections: [] });
        onWillStart(async () => {
            this.state.sections = await this.orm.call("iso.mentoring", "get_regency_figures", []);
        });
    }

    open(drill) {
        if (!drill) {
            return;
        }
        if (drill.res_id) {
            return this.actionService.doAction({
                type: "ir.actions.act_window",
                res_model: drill.res_model,
                res_id: drill.res_id,
                views: [[false, "form"]],
            });
        }
        return this.actionService.doAction({
            type: "ir.actions.act_window",
            name: drill.name,
            res_model: drill.res_model,
            domain: drill.domain,
            views: [
                [false, "list"],
                [false, "form"],
            ],
        });
    }

    print() {
        return this.actionService.doAction("iso_compliance.iso_mentoring_action_print_regency");
    }
}

registry.category("actions").add("iso_compliance.regency_page", IsoRegencyPage);
