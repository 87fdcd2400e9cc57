/** @odoo-module **/

import { App } from "@odoo/owl";
import { browser } from "@web/core/browser/browser";
import { rpcBus } from "@web/core/network/rpc";

// Opens, as the logged-in user, every menu of one app, every view type of each menu's
// action and the first record's form, the way Odoo's clickbot opens menus and views
// (web/static/src/webclient/clickbot/clickbot.js), plus the form. Any error dialog or
// console error fails the test; success is logged as "iso click everywhere succeeded".

export const SUCCESS_SIGNAL = "iso click everywhere succeeded";

let env;
let pendingRPC;
let errorRPC;

function onRequest({ detail }) {
    pendingRPC.add(detail.data.id);
}

function onResponse({ detail }) {
    pendingRPC.delete(detail.data.id);
    if (detail.error) {
        errorRPC = detail;
    }
}

function hasScheduledTask() {
    for (const app of App.apps) {
        if (app.scheduler.tasks.size) {
            return true;
        }
    }
    return false;
}

async function waitFor(condition, what) {
    const start = Date.now();
    for (;;) {
        const dialog = document.querySelector(".o_error_dialog");
        if (dialog) {
            throw new Error(
                `Error dialog while ${what}: ${dialog.innerText}` +
                    (errorRPC ? ` (RPC ${JSON.stringify(errorRPC.error?.data?.message)})` : "")
            );
        }
        if (condition() && !pendingRPC.size && !hasScheduledTask()) {
            // One more turn, so that a dialog opened by the last response is seen.
            await new Promise((resolve) => browser.setTimeout(resolve, 50));
            if (!document.querySelector(".o_error_dialog") && !pendingRPC.size) {
                return;
            }
        }
        if (Date.now() - start > 30000) {
            throw new Error(`Timeout while ${what}`);
        }
        await new Promise((resolve) => browser.setTimeout(resolve, 25));
    }
}

function click(target) {
    for (const type of ["mouseover", "mouseenter", "mousedown", "mouseup", "click"]) {
        target.dispatchEvent(new MouseEvent(type, { bubbles: true, cancelable: true, view: window }));
    }
}

function leafMenus(menu) {
    if (!menu.childrenTree.length) {
        return [menu];
    }
    return menu.childrenTree.flatMap(leafMenus);
}

async function closeDialogs(what) {
    for (const close of document.querySelectorAll(".o_dialog header .btn-close")) {
        click(close);
    }
    await waitFor(() => !document.querySelector(".o_dialog"), what);
}

async function openFirstRecord(what) {
    const switchTo = ["list", "kanban"].find((type) =>
        document.querySelector(`nav.o_cp_switch_buttons > button.o_switch_view.o_${type}`)
    );
    if (switchTo) {
        const button = document.querySelector(`button.o_switch_view.o_${switchTo}`);
        if (!button.classList.contains("active")) {
            click(button);
            await waitFor(
                () => document.querySelector(`button.o_switch_view.o_${switchTo}.active`),
                `switching ${what} to ${switchTo}`
            );
        }
    }
    if (document.querySelector(".o_view_sample_data")) {
        browser.console.log(`No record in ${what}`);
        return false;
    }
    const group = document.querySelector(".o_list_view .o_group_header:not(.o_group_open)");
    if (group && !document.querySelector(".o_list_view .o_data_row")) {
        click(group);
        await waitFor(() => document.querySelector(".o_list_view .o_data_row"), `unfolding ${what}`);
    }
    const first = document.querySelector(
        ".o_list_view .o_data_row > td.o_data_cell:not([name=priority]):not(.o_list_button), " +
            ".o_kanban_view .o_kanban_record:not(.o_kanban_ghost)"
    );
    if (!first) {
        browser.console.log(`No record in ${what}`);
        return false;
    }
    // The form, or in an editable list the first row, opened for editing in place.
    browser.console.log(`Opening the first record of ${what}`);
    click(first);
    await waitFor(
        () =>
            document.querySelector(
                ".o_form_view .o_form_renderer, .o_list_view .o_data_row.o_selected_row"
            ),
        `opening the first record of ${what}`
    );
    return true;
}

async function testMenu(menu) {
    const what = `menu ${menu.name} (${menu.xmlid})`;
    browser.console.log(`Testing ${what}`);
    let done = false;
    let failure;
    env.services.menu.selectMenu(menu).then(
        () => (done = true),
        (error) => (failure = error)
    );
    await waitFor(() => done || failure || document.querySelector(".o_dialog"), `opening ${what}`);
    if (failure) {
        throw new Error(`Opening ${what} failed: ${failure.message || failure}`);
    }
    if (document.querySelector(".o_dialog")) {
        browser.console.log(`${what} opened a dialog`);
        await closeDialogs(`closing the dialog of ${what}`);
        return { menu: menu.xmlid, views: [], form: false };
    }
    const controller = env.services.action.currentController;
    if (!controller || controller.action.type !== "ir.actions.act_window") {
        browser.console.log(`${what} is not a window action`);
        return { menu: menu.xmlid, views: [], form: false };
    }
    const views = [];
    const buttons = [...document.querySelectorAll("nav.o_cp_switch_buttons > button.o_switch_view")];
    const types = buttons.map((b) =>
        [...b.classList].find((c) => c !== "o_switch_view" && c.startsWith("o_")).slice(2)
    );
    if (!types.length) {
        views.push(controller.view.type);
    }
    for (const type of types) {
        const button = document.querySelector(`nav.o_cp_switch_buttons > button.o_switch_view.o_${type}`);
        if (!button.classList.contains("active")) {
            click(button);
        }
        await waitFor(
            () => document.querySelector(`button.o_switch_view.o_${type}.active`),
            `switching ${what} to ${type}`
        );
        views.push(type);
    }
    // An action opening a form (such as the settings) has shown its record already.
    const form = controller.view.type === "form" || (await openFirstRecord(what));
    return { menu: menu.xmlid, views, form };
}

async function clickApp(appXmlid, expectedMenus, allowedEmpty) {
    const menuService = env.services.menu;
    const app = menuService.getApps().find((a) => a.xmlid === appXmlid);
    if (!app) {
        throw new Error(`No app ${appXmlid} for this user`);
    }
    const results = [];
    for (const menu of leafMenus(menuService.getMenuAsTree(app.id))) {
        results.push(await testMenu(menu));
    }
    browser.console.log(`iso click everywhere results: ${JSON.stringify(results)}`);
    const tested = results.map((r) => r.menu);
    const missed = expectedMenus.filter((xmlid) => !tested.includes(xmlid));
    if (missed.length) {
        throw new Error(`Menus not tested: ${missed.join(", ")}`);
    }
    const windowActions = results.filter((r) => r.views.length);
    const withoutForm = windowActions.filter((r) => !r.form && !allowedEmpty.includes(r.menu));
    if (!windowActions.length || withoutForm.length) {
        throw new Error(`No record form opened from: ${withoutForm.map((r) => r.menu).join(", ")}`);
    }
}

/**
 * Clicks through each app in turn: `apps` is a list of [app xmlid, the leaf menus expected,
 * the menus allowed to have no record].
 */
export async function isoClickEverywhere(apps) {
    env = odoo.__WOWL_DEBUG__.root.env;
    pendingRPC = new Set();
    errorRPC = undefined;
    rpcBus.addEventListener("RPC:REQUEST", onRequest);
    rpcBus.addEventListener("RPC:RESPONSE", onResponse);
    try {
        for (const [appXmlid, expectedMenus, allowedEmpty] of apps) {
            await clickApp(appXmlid, expectedMenus, allowedEmpty);
        }
        browser.console.log(SUCCESS_SIGNAL);
    } catch (error) {
        browser.console.error(`iso click everywhere failed: ${error.message || error}`);
    } finally {
        rpcBus.removeEventListener("RPC:REQUEST", onRequest);
        rpcBus.removeEventListener("RPC:RESPONSE", onResponse);
    }
}
