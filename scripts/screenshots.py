"""Retakes the README's screenshots (docs/*.png) from a running demo database, in headless
Chromium, each as the demo user whose screen it shows (demo passwords are the logins).

    make run HTTP_PORT=8269 DEMO_DB=iso_demo   # in another shell
    .venv/bin/python scripts/screenshots.py http://127.0.0.1:8269 iso_demo
    .venv/bin/python scripts/screenshots.py http://127.0.0.1:8269 iso_demo documents.png  # one
"""

import base64
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests
import websocket

DOCS = Path(__file__).resolve().parents[1] / "docs"
ACTION = "/odoo/action-iso_compliance."
# (file, login or None for the public, path, CSS selector that shows the screen is drawn)
SHOTS = [
    (
        "board.png",
        "mentor.a",
        ACTION + "iso_mentoring_action_board",
        ".o_kanban_renderer .o_kanban_record",
    ),
    ("officer.png", "officer.disdukcapil", "/odoo", ".o_action_manager .o_view_controller"),
    ("head.png", "kepala.disdukcapil", "/odoo", ".o_action_manager .o_form_view"),
    ("handler.png", "penangan", "/odoo", ".o_list_renderer .o_data_row"),
    ("public.png", None, "/lapor?agency=DISDUKCAPIL", ".o_concern_form"),
    (
        "regency.png",
        "inspektur",
        ACTION + "iso_regency_action_page",
        ".o_iso_regency_page table[name=heatmap]",
    ),
    (
        "certificates.png",
        "inspektur",
        ACTION + "iso_certificate_action",
        ".o_list_renderer .o_data_row",
    ),
    (
        "audits.png",
        "mentor.a",
        ACTION + "iso_audit_action?view_type=calendar",
        ".o_calendar_renderer .fc-event",
    ),
    (
        "readiness.png",
        "inspektur",
        ACTION + "iso_mentoring_action_readiness",
        ".o_graph_canvas_container canvas",
    ),
    (
        "settings.png",
        "inspektur",
        ACTION + "iso_compliance_settings_action",
        ".o-settings-form-view .o_setting_box",
    ),
    (
        "documents.png",
        "officer.disdukcapil",
        ACTION + "iso_document_action",
        ".o_list_renderer .o_data_row",
    ),
    (
        "zi_assessment.png",
        "mentor.a",
        "/odoo/action-iso_compliance_zona_integritas.iso_zi_assessment_action/"
        "{iso_compliance_zona_integritas.assessment_disdukcapil_ulp}",
        ".o_form_view .o_field_widget[name=line_ids] .o_data_row",
    ),
    (
        "zi_recap.png",
        "inspektur",
        "/report/html/iso_compliance_zona_integritas.report_iso_zi_recap/"
        "{iso_compliance_zona_integritas.period_2026}",
        "table.o_iso_zi_recap",
    ),
]


def session_for(base, db, login):
    http = requests.Session()
    page = http.get(f"{base}/web/login", params={"db": db}, timeout=30).text
    token = page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    answer = http.post(
        f"{base}/web/login",
        data={"login": login, "password": login, "csrf_token": token, "db": db},
        timeout=30,
    )
    answer.raise_for_status()
    if "/web/login" in answer.url:
        raise SystemExit(f"{login} could not log in")
    return http.cookies["session_id"]


class Chrome:
    def __init__(self, port=9269):
        self.profile = tempfile.mkdtemp(prefix="iso_shots_")
        self.process = subprocess.Popen(
            [
                shutil.which("chromium") or "chromium",
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                f"--remote-debugging-port={port}",
                f"--user-data-dir={self.profile}",
                "--window-size=1440,860",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _attempt in range(50):
            try:
                targets = requests.get(f"http://127.0.0.1:{port}/json", timeout=2).json()
                break
            except requests.ConnectionError:
                time.sleep(0.2)
        page = next(t for t in targets if t["type"] == "page")
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=60)
        self.next_id = 0

    def call(self, method, **params):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def wait_for(self, selector, timeout=60):
        script = f"!!document.querySelector({json.dumps(selector)})"
        deadline = time.time() + timeout
        while time.time() < deadline:
            result = self.call("Runtime.evaluate", expression=script, returnByValue=True)
            if result["result"].get("value"):
                return
            time.sleep(0.5)
        raise TimeoutError(selector)

    def close(self):
        self.ws.close()
        self.process.terminate()
        self.process.wait()
        shutil.rmtree(self.profile, ignore_errors=True)


def resolve(base, db, path):
    """`path` with each {module.name} replaced by the id of that demo record."""
    cookies = {"session_id": session_for(base, db, "admin")}  # ir.model.data: administrators
    start = path.index("{")
    end = path.index("}", start)
    module, name = path[start + 1 : end].split(".", 1)
    answer = requests.post(
        f"{base}/web/dataset/call_kw/ir.model.data/search_read",
        json={
            "jsonrpc": "2.0",
            "params": {
                "model": "ir.model.data",
                "method": "search_read",
                "args": [[["module", "=", module], ["name", "=", name]], ["res_id"]],
                "kwargs": {},
            },
        },
        cookies=cookies,
        timeout=30,
    ).json()
    return path[:start] + str(answer["result"][0]["res_id"]) + path[end + 1 :]


def main(base, db, only=()):
    """Retake every shot, or only the files named in `only` (e.g. documents.png)."""
    chrome = Chrome()
    try:
        chrome.call("Page.enable")
        chrome.call(
            "Emulation.setDeviceMetricsOverride",
            width=1440,
            height=860,
            deviceScaleFactor=1,
            mobile=False,
        )
        host = requests.utils.urlparse(base).hostname
        for name, login, path, selector in SHOTS:
            if only and name not in only:
                continue
            chrome.call("Network.enable")
            chrome.call("Network.clearBrowserCookies")
            if login:  # None: the public, not logged in
                chrome.call(
                    "Network.setCookie",
                    name="session_id",
                    value=session_for(base, db, login),
                    domain=host,
                    path="/",
                )
            if "{" in path:  # a demo record named by its external id
                path = resolve(base, db, path)
            chrome.call("Page.navigate", url=base + path)
            chrome.wait_for(selector)
            time.sleep(2.5)  # let charts and avatars finish drawing
            # Notifications (e.g. "this page is outdated" after assets were rebuilt) hide the
            # screen and are not part of it.
            chrome.call(
                "Runtime.evaluate",
                expression="document.head.insertAdjacentHTML('beforeend', "
                "'<style>.o_notification_manager {display: none !important}</style>')",
            )
            time.sleep(0.3)
            shot = chrome.call("Page.captureScreenshot", format="png")
            (DOCS / name).write_bytes(base64.b64decode(shot["data"]))
            print(f"docs/{name}: {login} {path}")
    finally:
        chrome.close()


if __name__ == "__main__":
    main(
        *(sys.argv[1:3] if len(sys.argv) > 2 else ("http://127.0.0.1:8069", "iso_compliance_demo")),
        only=tuple(sys.argv[3:]),
    )
