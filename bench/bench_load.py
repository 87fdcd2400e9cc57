"""Load on a multi-worker Odoo serving the demo database: simulated users of each role work
through the web client's JSON-RPC routes, reporters open the public status page, and every
scheduled job of the addon is triggered every few seconds, for a fixed time.

Run by scripts/bench_load.sh, which makes the database and starts the server; alone:

    .venv/bin/python bench/bench_load.py --url URL --db DB --conf .odoo/odoo.conf
        --log SERVER_LOG [--users 50] [--duration 60] [--out result.json]

Reports throughput, latency percentiles, application errors (HTTP 5xx, JSON-RPC errors),
connection errors, lock waits (pg_stat_activity sampled twice a second, and the
serialization-failure retries and deadlocks in the server's log), the scheduled jobs' runs and
failures, and duplicate reminders (activities and e-mails) made during the run. Loopback only;
every loop ends with the run.
"""

import argparse
import configparser
import json
import random
import re
import sys
import threading
import time
from collections import Counter, defaultdict
from datetime import datetime, timezone

import psycopg2
import requests

CRON_PREFIX = "ISO Compliance:%"
# Roles, the demo logins that play them (password = login) and their share of the users.
ROLES = {
    "officer": (("officer.disdukcapil", "officer.dinkes"), 0.30),
    "mentor": (("mentor.a", "mentor.b"), 0.20),
    "public": ((), 0.20),
    "head": (("kepala.disdukcapil", "kepala.dinkes"), 0.16),
    "manager": (("inspektur",), 0.10),
    "handler": (("penangan",), 0.04),
}
# A person reads a screen before the next click: a pause drawn between these bounds (s).
THINK = (0.5, 1.5)
TIMEOUT = 60


def split_users(total):
    counts = {role: int(total * share) for role, (_logins, share) in ROLES.items()}
    counts["officer"] += total - sum(counts.values())
    return counts


class Recorder:
    """Every request's role, action, duration and outcome, shared by the threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.rows = []  # (role, action, seconds, outcome)
        self.samples = defaultdict(list)

    def add(self, role, action, seconds, outcome, detail=""):
        with self.lock:
            self.rows.append((role, action, seconds, outcome))
            if outcome != "ok" and len(self.samples[outcome]) < 5:
                self.samples[outcome].append(f"{role} {action}: {detail}"[:300])


class Client:
    """One person in the web client: a session and the JSON-RPC routes the client calls."""

    def __init__(self, url, db, role, login, recorder):
        self.url, self.db, self.role, self.login, self.recorder = url, db, role, login, recorder
        self.http = requests.Session()
        self.uid = None

    def timed(self, action, method, path, **kwargs):
        start = time.monotonic()
        try:
            answer = self.http.request(method, self.url + path, timeout=TIMEOUT, **kwargs)
        except requests.RequestException as exc:
            self.recorder.add(self.role, action, time.monotonic() - start, "connection", exc)
            return None
        seconds = time.monotonic() - start
        if answer.status_code >= 500:
            self.recorder.add(self.role, action, seconds, "http_5xx", answer.status_code)
            return None
        if answer.status_code >= 400:
            self.recorder.add(self.role, action, seconds, "http_4xx", answer.status_code)
            return None
        if kwargs.get("json") is not None:
            body = answer.json()
            if "error" in body:
                data = body["error"].get("data", {})
                self.recorder.add(
                    self.role, action, seconds, "rpc_error", data.get("message") or body["error"]
                )
                return body
            self.recorder.add(self.role, action, seconds, "ok")
            return body["result"]
        self.recorder.add(self.role, action, seconds, "ok")
        return answer

    def rpc(self, action, path, params):
        return self.timed(
            action, "POST", path, json={"jsonrpc": "2.0", "method": "call", "params": params}
        )

    def authenticate(self, password=None):
        answer = self.http.post(
            f"{self.url}/web/session/authenticate",
            json={
                "jsonrpc": "2.0",
                "method": "call",
                "params": {
                    "db": self.db,
                    "login": self.login,
                    "password": password or self.login,
                },
            },
            timeout=TIMEOUT,
        ).json()
        if "result" not in answer:
            raise SystemExit(f"{self.login} cannot log in: {answer.get('error')}")
        self.uid = answer["result"]["uid"]

    def call(self, model, method, *args, **kwargs):
        result = self.rpc(
            f"{model}.{method}",
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )
        return None if isinstance(result, dict) and "error" in result else result

    def activity_counter(self):
        """What the web client asks for the activity menu of the systray."""
        return self.rpc("activity counter", "/mail/data", {"systray_get_activities": True})

    def action(self, xmlid):
        return self.rpc(f"action {xmlid}", "/web/action/load", {"action_id": xmlid})

    def search_read(self, model, fields, domain=(), limit=80):
        spec = {name: {} for name in fields}
        result = self.call(
            model,
            "web_search_read",
            list(domain),
            spec,
            limit=limit,
            context={"lang": "id_ID", "tz": "Asia/Jakarta"},
        )
        return (result or {}).get("records", [])


# What each role does, one screen at a time (the web client's calls for that screen).
def officer_step(client, rng):
    step = rng.randrange(5)
    if step == 0:
        client.action("iso_compliance.iso_mentoring_action_board")
        client.call("iso.mentoring", "web_read_group", [], ["readiness:avg"], ["stage_id"])
    elif step == 1:
        lines = client.search_read(
            "iso.mentoring.line", ["clause_id", "status", "note", "evidence_status"]
        )
        if lines:
            line = rng.choice(lines)
            client.call(
                "iso.mentoring.line",
                "web_save",
                [line["id"]],
                {"note": f"<p>Bukti diperbarui {datetime.now(timezone.utc):%H:%M:%S}</p>"},
                specification={"note": {}},
            )
    elif step == 2:
        client.action("iso_compliance.iso_certificate_action")
        client.search_read(
            "iso.certificate", ["name", "agency_id", "state", "expiry_date", "days_to_expiry"]
        )
    elif step == 3:
        client.action("iso_compliance.iso_gratification_report_action")
        client.search_read(
            "iso.gratification.report", ["name", "date_received", "value", "state", "deadline_date"]
        )
    else:
        client.activity_counter()


def mentor_step(client, rng):
    step = rng.randrange(4)
    if step == 0:
        client.action("iso_compliance.iso_mentoring_action_board")
        client.call("iso.mentoring", "web_read_group", [], ["readiness:avg"], ["stage_id"])
        client.search_read(
            "iso.mentoring",
            ["agency_id", "stage_id", "readiness", "priority", "next_session_date", "kanban_state"],
        )
    elif step == 1:
        client.search_read("iso.mentoring.line", ["clause_id", "status", "evidence_status"])
    elif step == 2:
        client.action("iso_compliance.iso_audit_action")
        client.search_read("iso.audit", ["name", "agency_id", "state"])
    else:
        client.activity_counter()


def head_step(client, rng):
    step = rng.randrange(3)
    if step == 0:
        client.action("iso_compliance.iso_document_action")
        client.search_read("iso.document", ["name", "agency_id", "state"])
    elif step == 1:
        client.action("iso_compliance.iso_gratification_report_action")
        client.search_read("iso.gratification.report", ["name", "value", "state"])
    else:
        client.activity_counter()


def manager_step(client, rng):
    step = rng.randrange(4)
    if step == 0:
        client.action("iso_compliance.iso_mentoring_action_overview")
        client.call(
            "iso.mentoring",
            "web_read_group",
            [],
            ["readiness:avg"],
            ["stage_id", "standard_ids"],
            lazy=False,
        )
    elif step == 1:
        client.action("iso_compliance.iso_certificate_action")
        client.search_read(
            "iso.certificate", ["name", "agency_id", "state", "expiry_date", "expiry_status"]
        )
    elif step == 2:
        client.call("iso.gratification.report", "web_read_group", [], ["value:sum"], ["agency_id"])
    else:
        client.action("iso_compliance.iso_bribery_risk_action")
        client.search_read("iso.bribery.risk", ["name", "agency_id", "state"])


def handler_step(client, rng):
    if rng.randrange(2):
        client.action("iso_compliance.iso_concern_action")
        client.search_read("iso.concern", ["name", "state"])
    else:
        client.activity_counter()


def public_step(client, rng):
    client.timed("GET /lapor/status", "GET", "/lapor/status")


STEPS = {
    "officer": officer_step,
    "mentor": mentor_step,
    "head": head_step,
    "manager": manager_step,
    "handler": handler_step,
    "public": public_step,
}


def work(client, rng, stop):
    while not stop.is_set():
        STEPS[client.role](client, rng)
        stop.wait(rng.uniform(*THINK))


def trigger_jobs(url, db, conn_params, every, recorder, stop, counts):
    """Every `every` seconds: make every job of the addon due for the cron worker (as its
    schedule would), and run one of them by hand as the administrator (Settings > Scheduled
    Actions > Run Manually) in an HTTP worker, so that the two meet."""
    admin = Client(url, db, "admin", "admin", recorder)
    admin.authenticate("admin")
    cn = psycopg2.connect(dbname=db, **conn_params)
    cn.autocommit = True
    with cn.cursor() as cr:
        cr.execute(
            "SELECT c.id FROM ir_cron c JOIN ir_act_server a ON a.id = c.ir_actions_server_id "
            "WHERE a.name->>'en_US' LIKE %s AND c.active ORDER BY c.id",
            [CRON_PREFIX],
        )
        cron_ids = [row[0] for row in cr.fetchall()]
    turn = 0
    while not stop.is_set():
        with cn.cursor() as cr:
            cr.execute(
                "UPDATE ir_cron SET nextcall = now() AT TIME ZONE 'UTC' WHERE id = ANY(%s)",
                [cron_ids],
            )
            cr.execute("SELECT pg_notify('cron_trigger', %s)", [db])
        counts["due"] += 1
        result = admin.rpc(
            "ir.cron.method_direct_trigger",
            "/web/dataset/call_kw/ir.cron/method_direct_trigger",
            {
                "model": "ir.cron",
                "method": "method_direct_trigger",
                "args": [[cron_ids[turn % len(cron_ids)]]],
                "kwargs": {},
            },
        )
        counts["manual"] += 1
        if isinstance(result, dict) and "error" in result:
            # Odoo refuses to start a job a cron worker is running: that is the lock working.
            message = str(result["error"].get("data", {}).get("message", ""))
            counts[
                "manual_refused_busy" if "currently being executed" in message else "manual_failed"
            ] += 1
        turn += 1
        stop.wait(every)
    cn.close()
    counts["cron_ids"] = cron_ids


def sample_locks(db, conn_params, stop, locks):
    cn = psycopg2.connect(dbname=db, **conn_params)
    cn.autocommit = True
    while not stop.is_set():
        with cn.cursor() as cr:
            cr.execute(
                "SELECT COUNT(*), COALESCE(MAX(EXTRACT(EPOCH FROM now() - state_change)), 0) "
                "FROM pg_stat_activity WHERE datname = %s AND wait_event_type = 'Lock'",
                [db],
            )
            waiting, longest = cr.fetchone()
        locks["samples"] += 1
        if waiting:
            locks["samples_with_waits"] += 1
            locks["max_waiting"] = max(locks["max_waiting"], waiting)
            locks["longest_s"] = max(locks["longest_s"], float(longest))
        stop.wait(0.5)
    cn.close()


DUPLICATE_ACTIVITIES = """
    SELECT COUNT(*), COALESCE(SUM(n - 1), 0) FROM (
        SELECT COUNT(*) AS n FROM mail_activity
         GROUP BY res_model, res_id, activity_type_id, user_id, summary::text, date_deadline
        HAVING COUNT(*) > 1 AND MAX(create_date) >= %(start)s) AS groups
"""
DUPLICATE_MAILS = """
    SELECT COUNT(*), COALESCE(SUM(n - 1), 0) FROM (
        SELECT COUNT(*) AS n
          FROM mail_mail m JOIN mail_message msg ON msg.id = m.mail_message_id
          LEFT JOIN LATERAL (SELECT string_agg(r.res_partner_id::text, ',' ORDER BY
                 r.res_partner_id) AS partners FROM mail_mail_res_partner_rel r
                 WHERE r.mail_mail_id = m.id) p ON TRUE
         GROUP BY msg.subject, msg.model, msg.res_id, md5(COALESCE(m.body_html, '')),
                  m.email_to, p.partners
        HAVING COUNT(*) > 1 AND MAX(m.create_date) >= %(start)s) AS groups
"""


def database_figures(db, conn_params, start):
    with psycopg2.connect(dbname=db, **conn_params) as cn, cn.cursor() as cr:
        figures = {}
        for name, sql in (("activities", DUPLICATE_ACTIVITIES), ("mails", DUPLICATE_MAILS)):
            cr.execute(sql, {"start": start})
            groups, extra = cr.fetchone()
            figures[f"duplicate_{name}"] = {"groups": groups, "extra_records": int(extra)}
        cr.execute("SELECT COUNT(*) FROM mail_activity WHERE create_date >= %s", [start])
        figures["activities_created"] = cr.fetchone()[0]
        cr.execute("SELECT COUNT(*) FROM mail_mail WHERE create_date >= %s", [start])
        figures["mails_created"] = cr.fetchone()[0]
        cr.execute(
            """SELECT a.name->>'en_US', c.failure_count, c.active,
                      (SELECT COUNT(*) FROM ir_cron_progress p
                        WHERE p.cron_id = c.id AND p.create_date >= %s),
                      (SELECT COUNT(*) FROM ir_cron_progress p
                        WHERE p.cron_id = c.id AND p.create_date >= %s AND p.remaining = 0
                          AND p.timed_out_counter = 0)
                 FROM ir_cron c JOIN ir_act_server a ON a.id = c.ir_actions_server_id
                WHERE a.name->>'en_US' LIKE %s ORDER BY c.id""",
            [start, start, CRON_PREFIX],
        )
        figures["jobs"] = [
            {
                "job": name,
                "failure_count": failures,
                "active": active,
                "runs_started": runs,
                "runs_finished": finished,
            }
            for name, failures, active, runs, finished in cr.fetchall()
        ]
    return figures


def log_figures(log_path, offset):
    with open(log_path, encoding="utf-8", errors="replace") as handle:
        handle.seek(offset)
        text = handle.read()
    durations = [float(value) for value in re.findall(r"\) done in ([\d.]+)s", text)]
    return {
        "serialization_retries": len(re.findall(r"serialization_failure, \d+ tries left", text)),
        "deadlocks": len(re.findall(r"deadlock_detected|deadlock detected", text)),
        "error_lines": len(re.findall(r"^\S+ \S+ \d+ (?:ERROR|CRITICAL) ", text, re.MULTILINE)),
        "tracebacks": text.count("Traceback (most recent call last)"),
        # odoo.addons.base.models.ir_cron at INFO: the cron worker's runs and the manual ones.
        "job_runs_cron_worker": len(durations),
        "job_runs_manual": text.count(") started manually"),
        "job_failures": len(re.findall(r"\) server action #\d+ failed|\) timed out", text)),
        "longest_job_run_s": max(durations, default=0.0),
    }


def percentile(values, share):
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def summary(rows, duration):
    by_role = defaultdict(list)
    outcomes = Counter()
    for role, _action, seconds, outcome in rows:
        outcomes[outcome] += 1
        if role != "admin":
            by_role[role].append(seconds)
    every = [s for role, values in by_role.items() for s in values]
    return {
        "requests": len(rows),
        "requests_per_s": round(len(rows) / duration, 1),
        "p50_s": round(percentile(every, 0.50), 3),
        "p95_s": round(percentile(every, 0.95), 3),
        "p99_s": round(percentile(every, 0.99), 3),
        "outcomes": dict(outcomes),
        "by_role": {
            role: {
                "requests": len(values),
                "p50_s": round(percentile(values, 0.5), 3),
                "p95_s": round(percentile(values, 0.95), 3),
            }
            for role, values in sorted(by_role.items())
        },
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--conf", required=True, help="the Odoo configuration (database access)")
    parser.add_argument("--log", required=True, help="the server's log file")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--cron-every", type=float, default=5)
    parser.add_argument("--seed", type=int, default=23)
    parser.add_argument("--out")
    args = parser.parse_args()

    conf = configparser.ConfigParser(interpolation=None)
    conf.read(args.conf)
    opts = conf["options"]
    conn_params = {
        key: opts.get(f"db_{key}")
        for key in ("host", "port", "user", "password")
        if opts.get(f"db_{key}") not in (None, "", "False")
    }
    recorder = Recorder()
    rng = random.Random(args.seed)
    counts = split_users(args.users)
    clients = []
    for role, count in counts.items():
        logins = ROLES[role][0]
        for index in range(count):
            client = Client(
                args.url, args.db, role, logins[index % len(logins)] if logins else None, recorder
            )
            if logins:
                client.authenticate()
            clients.append(client)
    print(f"{len(clients)} users logged in: {counts}", file=sys.stderr)

    with open(args.log, encoding="utf-8", errors="replace") as handle:
        log_offset = handle.seek(0, 2)
    with psycopg2.connect(dbname=args.db, **conn_params) as cn, cn.cursor() as cr:
        cr.execute("SELECT now() AT TIME ZONE 'UTC'")
        (db_start,) = cr.fetchone()
    stop = threading.Event()
    trigger_counts = Counter()
    locks = Counter(max_waiting=0, longest_s=0.0)
    threads = [
        threading.Thread(target=work, args=(client, random.Random(rng.random()), stop))
        for client in clients
    ]
    threads.append(
        threading.Thread(
            target=trigger_jobs,
            args=(args.url, args.db, conn_params, args.cron_every, recorder, stop, trigger_counts),
        )
    )
    threads.append(threading.Thread(target=sample_locks, args=(args.db, conn_params, stop, locks)))
    started = time.monotonic()
    for thread in threads:
        thread.start()
    stop.wait(args.duration)
    stop.set()
    for thread in threads:
        thread.join(timeout=TIMEOUT + 10)
    elapsed = time.monotonic() - started
    # Let the cron worker finish the run it is in before counting what the jobs did.
    time.sleep(10)

    rows = [row for row in recorder.rows if row[0] != "admin"]
    result = {
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d"),
        "users": counts,
        "duration_s": round(elapsed, 1),
        **summary(rows, elapsed),
        "errors": dict(recorder.samples),
        "application_errors": sum(1 for row in rows if row[3] in ("http_5xx", "rpc_error")),
        "connection_errors": sum(1 for row in rows if row[3] == "connection"),
        "job_triggers": {k: v for k, v in trigger_counts.items() if k != "cron_ids"},
        "lock_waits": dict(locks),
        **log_figures(args.log, log_offset),
        **database_figures(args.db, conn_params, db_start),
    }
    text = json.dumps(result, indent=2, default=str)
    print(text)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as handle:
            handle.write(text + "\n")


if __name__ == "__main__":
    main()
