"""The README's Production section, followed as written: Odoo with its configuration file
(workers, a cron worker, proxy mode, limits), the websocket served by the gevent process, the
public page behind the headers nginx sets, the monitoring query; and a clean log."""

import json
import re
import time
from configparser import ConfigParser
from pathlib import Path

import pytest
import requests
import websocket
from odoo_runner import free_port, log_problems

README = Path(__file__).resolve().parent.parent / "README.md"
# What a crashing process leaves in the log, whatever its format (the gevent process dies
# before Odoo's logging starts, so its traceback is bare).
CRASH = re.compile(r"Traceback|DistributionNotFound|CRITICAL")
# The settings a machine's own paths, database and ports decide; every other line of the
# README's configuration file is used as written.
LOCAL_SETTINGS = ("addons_path", "data_dir", "db_host", "db_port", "db_user", "db_password")


def production_section():
    text = README.read_text(encoding="utf-8")
    assert "\n## Production\n" in text, "README.md has no Production section"
    return text.split("\n## Production\n", 1)[1].split("\n## ", 1)[0]


def readme_block(language):
    blocks = re.findall(rf"```{language}\n(.*?)```", production_section(), re.DOTALL)
    assert blocks, f"the Production section has no {language} block"
    return blocks


def nginx_headers(location):
    """The headers the README's nginx configuration sets for `location`."""
    (config,) = readme_block("nginx")
    body = re.search(rf"location {re.escape(location)} \{{(.*?)\}}", config, re.DOTALL)
    assert body, f"the nginx configuration has no `location {location}`"
    return dict(re.findall(r"proxy_set_header (\S+) (\S+);", body.group(1)))


@pytest.fixture(scope="module")
def production_server(odoo_cli, installed_db, tmp_path_factory):
    """Odoo started with the README's configuration file; yields (url, gevent url, log path)
    and stops it (its workers and gevent process included) whatever the test did."""
    folder = tmp_path_factory.mktemp("production")
    conf = ConfigParser(interpolation=None)
    conf.read_string(readme_block("ini")[0])
    options = conf["options"]
    assert int(options["workers"]) >= 2 and int(options["max_cron_threads"]) == 1
    assert options.getboolean("proxy_mode")
    ours = ConfigParser(interpolation=None)
    ours.read(odoo_cli.conf)
    for key in LOCAL_SETTINGS:
        options[key] = ours["options"][key]
    conf.remove_option("options", "logfile")  # to the output captured below
    conf_path = folder / "odoo.conf"
    with conf_path.open("w") as handle:
        conf.write(handle)
    gevent_port = free_port()
    log_path = folder / "odoo.log"
    with log_path.open("w") as log:
        proc, url = odoo_cli.serve(
            installed_db,
            workers=None,
            max_cron_threads=None,
            conf=str(conf_path),
            gevent_port=gevent_port,
            log=log,
        )
        try:
            yield proc, url, f"127.0.0.1:{gevent_port}", log_path
        finally:
            odoo_cli.stop(proc)


def wait_for_gevent(gevent_host, log_path, seconds=90):
    """The gevent process answers its health check (it starts after the HTTP workers)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            answer = requests.get(f"http://{gevent_host}/websocket/health", timeout=5)
            if answer.status_code == 200 and answer.json().get("status") == "pass":
                return
        except (requests.RequestException, ValueError):
            pass
        time.sleep(1)
    pytest.fail(
        f"the gevent process did not answer on {gevent_host} within {seconds} s:\n"
        + log_path.read_text()[-5000:]
    )


def login(url, db, user="admin", password="admin"):
    session = requests.Session()
    answer = session.post(
        f"{url}/web/session/authenticate",
        json={
            "jsonrpc": "2.0",
            "method": "call",
            "params": {
                "db": db,
                "login": user,
                "password": password,
            },
        },
        timeout=60,
    ).json()
    assert "result" in answer, answer
    return session, answer["result"]["uid"]


def call_kw(session, url, model, method, args, kwargs=None):
    answer = session.post(
        f"{url}/web/dataset/call_kw/{model}/{method}",
        json={
            "jsonrpc": "2.0",
            "method": "call",
            "params": {
                "model": model,
                "method": method,
                "args": args,
                "kwargs": kwargs or {},
            },
        },
        timeout=60,
    ).json()
    assert "result" in answer, answer
    return answer["result"]


def test_production_server(production_server, odoo_cli, installed_db):
    proc, url, gevent_host, log_path = production_server
    wait_for_gevent(gevent_host, log_path)
    session, uid = login(url, installed_db)

    # A live notification: the activity counter of a user given an activity, delivered by
    # the gevent process over the websocket (after the last notification already sent).
    ((last,),) = odoo_cli.query(installed_db, "SELECT COALESCE(MAX(id), 0) FROM bus_bus")
    sock = websocket.create_connection(
        f"ws://{gevent_host}/websocket",
        cookie=f"session_id={session.cookies['session_id']}",
        origin=f"http://{gevent_host}",
        timeout=30,
    )
    try:
        sock.send(json.dumps({"event_name": "subscribe", "data": {"channels": [], "last": last}}))
        user = call_kw(session, url, "res.users", "read", [[uid], ["partner_id"]])[0]
        partner_id = user["partner_id"][0]
        call_kw(
            session,
            url,
            "res.partner",
            "activity_schedule",
            [[partner_id]],
            # Due in the past: Odoo notifies the counter only of activities due today or
            # before in UTC, and "today" in the admin's zone (WIB) is tomorrow after 17:00 UTC.
            {"summary": "Production check", "user_id": uid, "date_deadline": "2020-01-02"},
        )
        types = []
        deadline = time.monotonic() + 30
        while "mail.activity/updated" not in types and time.monotonic() < deadline:
            types += [note["message"]["type"] for note in json.loads(sock.recv())]
        assert "mail.activity/updated" in types, types
    finally:
        sock.close()

    # Behind nginx, the public page counts each reporter's address, not the proxy's: two
    # status look-ups from two addresses make two counters.
    headers = nginx_headers("/")
    assert {"X-Forwarded-Host", "X-Forwarded-For"} <= set(headers), headers
    count_keys = "SELECT COUNT(DISTINCT key) FROM iso_concern_rate_limit WHERE scope = 'status'"
    ((before,),) = odoo_cli.query(installed_db, count_keys)
    public = requests.Session()
    for address in ("198.51.100.7", "203.0.113.9"):
        forwarded = {
            "X-Forwarded-Host": url.removeprefix("http://"),
            "X-Forwarded-For": address,
            "X-Forwarded-Proto": "http",
        }
        form = public.get(f"{url}/lapor/status", headers=forwarded, timeout=60)
        assert form.status_code == 200
        token = re.search(r'name="csrf_token" value="([^"]+)"', form.text).group(1)
        answer = public.post(
            f"{url}/lapor/status",
            data={"csrf_token": token, "code": "NOPE-0000", "secret": "wrong"},
            headers=forwarded,
            timeout=60,
        )
        assert answer.status_code == 200, answer.text[:2000]
    ((after,),) = odoo_cli.query(installed_db, count_keys)
    assert after == before + 2

    # The monitoring query lists the addon's scheduled jobs, none failing.
    (query,) = readme_block("sql")
    jobs = odoo_cli.query(installed_db, query)
    assert jobs and all(job[4] == 0 for job in jobs), jobs

    # The gevent process stays up, and nothing went wrong anywhere.
    time.sleep(5)
    wait_for_gevent(gevent_host, log_path, seconds=5)
    odoo_cli.stop(proc)
    log = log_path.read_text()
    assert not CRASH.findall(log), log[-5000:]
    assert not log_problems(log), log[-5000:]
