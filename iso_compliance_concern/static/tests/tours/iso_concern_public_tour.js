/** @odoo-module **/

import { registry } from "@web/core/registry";

// An anonymous reporter on the public page: fills the form of the agency the link names,
// waits like a person (the page refuses forms sent within seconds), writes down the code and
// secret, follows the case with them, reads the handler's question and answers it.
registry.category("web_tour.tours").add("iso_concern_public_tour", {
    url: "/lapor?agency=DISDUKCAPIL",
    steps: () => [
        {
            content: "The link fixed the agency",
            trigger: "#concern_agency:contains('Dinas Kependudukan dan Pencatatan Sipil')",
        },
        {
            content: "What happened",
            trigger: "textarea[name=description]",
            run: "edit Petugas loket meminta uang Rp200.000 agar KTP-el selesai hari itu juga.",
        },
        {
            content: "When",
            trigger: "input[name=incident_period]",
            run: "edit Awal Maret 2026",
        },
        {
            content: "Who",
            trigger: "textarea[name=persons_involved]",
            run: "edit Petugas loket 3",
        },
        {
            content: "A person takes a few seconds to read the form",
            trigger: ".o_concern_form button[type=submit]",
            run: () => new Promise((resolve) => setTimeout(resolve, 3500)),
        },
        {
            content: "Send the report",
            trigger: ".o_concern_form button[type=submit]",
            run: "click",
        },
        {
            content: "Write down the code and the secret",
            trigger: ".o_concern_code",
            run: () => {
                sessionStorage.setItem(
                    "iso_concern_code",
                    document.querySelector(".o_concern_code").textContent
                );
                sessionStorage.setItem(
                    "iso_concern_secret",
                    document.querySelector(".o_concern_secret").textContent
                );
            },
        },
        {
            content: "Go to the status page",
            trigger: "a.o_concern_status_link",
            run: "click",
        },
        {
            content: "Give the code and the secret",
            trigger: ".o_concern_status_form input[name=code]",
            run: () => {
                document.querySelector("input[name=code]").value =
                    sessionStorage.getItem("iso_concern_code");
                document.querySelector("input[name=secret]").value =
                    sessionStorage.getItem("iso_concern_secret");
            },
        },
        {
            content: "Show the case",
            trigger: ".o_concern_status_form button[type=submit]",
            run: "click",
        },
        {
            content: "The case is received, with the handler's question",
            trigger: ".o_concern_state:not(:empty)",
        },
        {
            content: "The handler's question",
            trigger: ".o_concern_to_reporter:contains('Kapan tepatnya kejadian itu?')",
        },
        {
            content: "Answer it",
            trigger: "textarea[name=answer]",
            run: "edit Tanggal 3 Maret, sekitar pukul 10 pagi.",
        },
        {
            content: "Send the answer",
            trigger: "form[action='/lapor/jawab'] button[type=submit]",
            run: "click",
        },
        {
            content: "The answer was sent",
            trigger: ".o_concern_notice",
        },
        {
            content: "and is shown in the exchange",
            trigger: ".o_concern_from_reporter:contains('Tanggal 3 Maret')",
        },
    ],
});
