/** @odoo-module **/

import { registry } from "@web/core/registry";
import { SelectionField, selectionField } from "@web/views/fields/selection/selection_field";

// A selection whose `exclude` options cannot be chosen, while the current value always
// shows: an agency officer reports a checklist line's progress but never verifies it.
export class SelectionExcludeField extends SelectionField {
    static props = {
        ...SelectionField.props,
        exclude: { type: Array, optional: true },
    };

    get options() {
        const current = this.props.record.data[this.props.name];
        const exclude = this.props.exclude || [];
        return super.options.filter(
            (option) => option[0] === current || !exclude.includes(option[0])
        );
    }
}

export const selectionExcludeField = {
    ...selectionField,
    component: SelectionExcludeField,
    extractProps(fieldInfo, dynamicInfo) {
        return {
            ...selectionField.extractProps(fieldInfo, dynamicInfo),
            exclude: fieldInfo.options.exclude || [],
        };
    },
};

registry.category("fields").add("iso_selection_exclude", selectionExcludeField);
