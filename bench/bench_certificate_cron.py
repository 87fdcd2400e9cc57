"""Benchmark of the certificate scheduled action (`iso.certificate._cron_certificate_lifecycle`).

Run it through the wrapper, which makes and drops a throwaway database:

    make bench N=10000          # or: scripts/bench.sh 10000 [--profile]

N is the number of certificates: 1000 (default), 10000 or 100000. In one run, on one
database, the benchmark:

1. sets up N agencies sharing 50 officers and 50 mentors (each agency has one of each) and N
   active ISO 9001:2015 certificates, one per agency: the database allows one active
   certificate per agency and standard. Half are past their expiry date, the other half expire
   within the next 1 to 180 days, all from one certification body, 5000 at a time: the
   last batch's creation time over the first's says whether creation slows down as the
   body's certificates grow. Committed, then ANALYZEd.
2. times the bare SQL baseline, `UPDATE iso_certificate SET state = 'expired' WHERE ...`, in a
   transaction that it rolls back. Each pass is timed by the wall clock and in CPU seconds
   (this process and its database backend, when the server runs on this machine), which the
   other processes of a busy machine inflate far less: on the shared 2-core machine the wall
   clock of one pass varied by a factor of two from one run to the next;
3. times the expiry pass, `_expire_due(today, 1000, 10**9)` plus `env.flush_all()`, and counts
   its SQL queries (`cr.sql_log_count`, which Odoo's cursor increments on every `execute`,
   savepoints included);
4. times the reminder pass, `_remind_due(today, 1000, 10**9)` (the activities) then
   `_mail_reminders(today, 1000, 10**9)` (one e-mail per officer and mentor), each plus
   `env.flush_all()`; counts their queries, the reminders sent (certificates whose
   `reminder_days_sent` became non-zero), the activities and the queued e-mails.

It prints a table and writes it as JSON to bench/results/cron_N.json. Report ratios (expiry pass
against bare SQL, queries per 1000 certificates), never absolute times from another run.

`--profile` runs both passes under cProfile instead: the timings are then inflated, so the
results go to bench/results/cron_N_profiled.json, the profiles to cron_N_{expire,remind}.prof,
and the top cumulative entries of the addon, the ORM and mail are printed.
"""

import argparse
import cProfile
import json
import os
import pstats
import sys
import time
from datetime import timedelta
from pathlib import Path

from dateutil.relativedelta import relativedelta

RESULTS = Path(__file__).resolve().parent / "results"
ALLOWED_N = (1000, 10000, 100000)
USERS_PER_ROLE = 50
CREATE_BATCH = 5000
PASS_BATCH = 1000
PASS_LIMIT = 10**9
QUIET_CONTEXT = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_notrack": True,
    "mail_create_nosubscribe": True,
    "no_reset_password": True,
}
# Profile lines worth naming: the addon, the ORM and mail.
PROFILE_FILTER = r"iso_compliance|odoo/models\.py|odoo/fields\.py|odoo/api\.py|addons/mail/"


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--conf", required=True, help="Odoo configuration file")
    parser.add_argument("--db", required=True, help="database with iso_compliance installed")
    parser.add_argument("--n", type=int, default=1000, choices=ALLOWED_N)
    parser.add_argument("--profile", action="store_true", help="run the passes under cProfile")
    return parser.parse_args(argv)


def backend_cpu_seconds(cr):
    """CPU seconds the PostgreSQL backend serving `cr` has used, read from /proc when the
    server runs on this machine; None otherwise."""
    cr.execute("SELECT pg_backend_pid()")
    try:
        fields_ = Path(f"/proc/{cr.fetchone()[0]}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields_[11]) + int(fields_[12])) / os.sysconf("SC_CLK_TCK")


class Timer:
    """Wall-clock seconds, CPU seconds (this process and its database backend, which the
    other processes of a busy machine do not inflate as they do the wall clock) and SQL
    queries of the code run inside the block."""

    def __init__(self, cr):
        self.cr = cr
        self.seconds = 0.0
        self.cpu_seconds = None
        self.queries = 0

    def __enter__(self):
        self._backend = backend_cpu_seconds(self.cr)
        self._queries = self.cr.sql_log_count
        self._cpu = time.process_time()
        self._start = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self._start
        cpu = time.process_time() - self._cpu
        self.queries = self.cr.sql_log_count - self._queries
        if exc[0] is None and self._backend is not None:
            cpu += backend_cpu_seconds(self.cr) - self._backend
            self.cpu_seconds = cpu


def log(message):
    print(f"[bench] {message}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------- set-up


def create_users(env, role, group):
    vals = [
        {
            "name": f"Bench {role.title()} {i:02d}",
            "login": f"bench.{role}.{i:02d}",
            "email": f"bench.{role}.{i:02d}@example.com",
            "groups_id": [(6, 0, [group.id])],
        }
        for i in range(USERS_PER_ROLE)
    ]
    return env["res.users"].with_context(QUIET_CONTEXT).create(vals)


def create_in_batches(model, vals_list, batch_seconds=None):
    """Create the records CREATE_BATCH at a time; append each batch's seconds to
    `batch_seconds` if given."""
    records = model.browse()
    for start in range(0, len(vals_list), CREATE_BATCH):
        with Timer(model.env.cr) as t:
            records |= model.create(vals_list[start : start + CREATE_BATCH])
            model.env.flush_all()
        model.env.invalidate_all()
        if batch_seconds is not None:
            batch_seconds.append(t.seconds)
    return records


def certificate_dates(i, today):
    """Even indexes expired 1 to 365 days ago, odd ones expire in 1 to 180 days."""
    if i % 2 == 0:
        expiry = today - timedelta(days=1 + (i // 2) % 365)
    else:
        expiry = today + timedelta(days=1 + (i // 2) % 180)
    return expiry + timedelta(days=1) - relativedelta(years=3), expiry


def setup(env, n, today):
    steps = {}
    cr = env.cr
    with Timer(cr) as t:
        officers = create_users(
            env, "officer", env.ref("iso_compliance.group_iso_compliance_officer")
        )
        mentors = create_users(env, "mentor", env.ref("iso_compliance.group_iso_compliance_mentor"))
        body = env["res.partner"].create(
            {"name": "PT Bench Sertifikasi", "is_company": True, "is_certification_body": True}
        )
    steps["users"] = t.seconds
    log(f"set-up: {len(officers) + len(mentors)} users in {t.seconds:.1f}s")

    with Timer(cr) as t:
        agencies = create_in_batches(
            env["iso.agency"].with_context(QUIET_CONTEXT),
            [
                {
                    "name": f"Bench Agency {i:06d}",
                    "code": f"BENCH{i:06d}",
                    "agency_type": "dinas",
                    "officer_ids": [(6, 0, [officers[i % USERS_PER_ROLE].id])],
                    "mentor_ids": [(6, 0, [mentors[i % USERS_PER_ROLE].id])],
                }
                for i in range(n)
            ],
        )
    steps["agencies"] = t.seconds
    log(f"set-up: {len(agencies)} agencies in {t.seconds:.1f}s")

    standard = env.ref("iso_compliance.standard_iso_9001_2015")
    vals_list = []
    for i, agency in enumerate(agencies.ids):
        issue, expiry = certificate_dates(i, today)
        vals_list.append(
            {
                "name": f"BENCH-9001-{i:07d}",
                "agency_id": agency,
                "standard_id": standard.id,
                "certification_body_id": body.id,
                "issue_date": issue,
                "expiry_date": expiry,
                "decision_date": issue,
                "state": "active",
            }
        )
    batch_seconds = []
    with Timer(cr) as t:
        certs = create_in_batches(
            env["iso.certificate"].with_context(QUIET_CONTEXT), vals_list, batch_seconds
        )
    steps["certificates"] = t.seconds
    log(
        f"set-up: {len(certs)} certificates in {t.seconds:.1f}s, the last batch of "
        f"{CREATE_BATCH} in {batch_seconds[-1]:.2f}s, the first in {batch_seconds[0]:.2f}s"
    )

    cr.commit()
    # Sanity: the stored related fields are what the ORM would compute.
    cr.execute(
        """SELECT count(*) FROM iso_certificate c JOIN iso_agency a ON a.id = c.agency_id
           WHERE c.name LIKE 'BENCH-%%' AND c.standard_code = %s AND c.company_id = a.company_id
             AND c.state = 'active'""",
        [standard.code],
    )
    assert cr.fetchone()[0] == n, "certificates not set up as expected"
    with Timer(cr) as t:
        cr.execute("ANALYZE")
        cr.commit()
    steps["analyze"] = t.seconds
    return steps, batch_seconds


# ---------------------------------------------------------------------------------- passes


def count(cr, query, params=None):
    cr.execute(query, params)
    return cr.fetchone()[0]


def bare_sql(cr):
    cr.commit()
    with Timer(cr) as t:
        cr.execute(
            "UPDATE iso_certificate SET state = 'expired' "
            "WHERE state = 'active' AND expiry_date < CURRENT_DATE"
        )
        rows = cr.rowcount
    cr.rollback()
    return t, rows


def run_pass(env, method, today, profile_path):
    """Run `method(today, PASS_BATCH, PASS_LIMIT)` and flush, timed; commit afterwards."""
    Cert = env["iso.certificate"]
    profiler = cProfile.Profile() if profile_path else None
    with Timer(env.cr) as t:
        if profiler:
            profiler.enable()
        done, remaining = getattr(Cert, method)(today, PASS_BATCH, PASS_LIMIT)
        env.flush_all()
        if profiler:
            profiler.disable()
    with Timer(env.cr) as commit:
        env.cr.commit()
    if profiler:
        profiler.dump_stats(profile_path)
        log(f"profile of {method}: {profile_path}")
        stats = pstats.Stats(profiler, stream=sys.stderr)
        stats.sort_stats("cumulative").print_stats(PROFILE_FILTER, 30)
    return {
        "seconds": t.seconds,
        "cpu_seconds": t.cpu_seconds,
        "queries": t.queries,
        "done": done,
        "remaining": remaining,
        "commit_seconds": commit.seconds,
    }


def ratio(value, seconds):
    return round(value / seconds, 1) if value is not None and seconds else None


def per_1000(value, count_):
    return round(value * 1000 / count_, 1) if count_ else None


def run(env, n, profile):
    from odoo import fields

    today = fields.Date.today()
    cr = env.cr
    prefix = RESULTS / f"cron_{n}" if profile else None
    RESULTS.mkdir(exist_ok=True)  # before the profiles are written there
    result = {"n": n, "today": str(today), "profiled": profile, "setup_seconds": {}}
    result["setup_seconds"], batch_seconds = setup(env, n, today)
    result["certificate_batch_seconds"] = batch_seconds
    expected_expired = (n + 1) // 2
    expected_reminders = n // 2

    sql_timer, sql_rows = bare_sql(cr)
    sql_seconds, sql_cpu = sql_timer.seconds, sql_timer.cpu_seconds
    result["bare_sql"] = {"seconds": sql_seconds, "cpu_seconds": sql_cpu, "rows": sql_rows}
    log(f"bare SQL: {sql_rows} rows in {sql_seconds:.3f}s (rolled back)")

    messages_before = count(cr, "SELECT count(*) FROM mail_message WHERE model = 'iso.certificate'")
    expire = run_pass(env, "_expire_due", today, prefix and f"{prefix}_expire.prof")
    expire["expired"] = count(
        cr, "SELECT count(*) FROM iso_certificate WHERE state = 'expired' AND name LIKE 'BENCH-%%'"
    )
    expire["messages"] = (
        count(cr, "SELECT count(*) FROM mail_message WHERE model = 'iso.certificate'")
        - messages_before
    )
    result["expiry_pass"] = expire
    log(
        f"expiry pass: {expire['done']} done, {expire['expired']} expired, "
        f"{expire['messages']} messages, {expire['queries']} queries in {expire['seconds']:.2f}s"
    )

    mails_before = count(cr, "SELECT count(*) FROM mail_mail")
    remind = run_pass(env, "_remind_due", today, prefix and f"{prefix}_remind.prof")
    mail = run_pass(env, "_mail_reminders", today, prefix and f"{prefix}_mail.prof")
    result["reminder_steps"] = {"activities": dict(remind), "e-mails": mail}
    for key in ("seconds", "queries", "commit_seconds"):
        remind[key] += mail[key]
    if remind["cpu_seconds"] is not None:
        remind["cpu_seconds"] += mail["cpu_seconds"]
    remind["reminders"] = count(
        cr, "SELECT count(*) FROM iso_certificate WHERE reminder_days_sent <> 0"
    )
    remind["activities"] = count(
        cr, "SELECT count(*) FROM mail_activity WHERE res_model = 'iso.certificate'"
    )
    remind["mails"] = count(cr, "SELECT count(*) FROM mail_mail") - mails_before
    result["reminder_pass"] = remind
    log(
        f"reminder pass: {remind['done']} done, {remind['reminders']} reminders, "
        f"{remind['activities']} activities, {remind['mails']} e-mails, "
        f"{remind['queries']} queries in {remind['seconds']:.2f}s"
    )

    problems = []
    if sql_rows != expected_expired:
        problems.append(f"bare SQL updated {sql_rows} rows, expected {expected_expired}")
    if expire["expired"] != expected_expired:
        problems.append(f"{expire['expired']} certificates expired, expected {expected_expired}")
    if remind["reminders"] != expected_reminders:
        problems.append(f"{remind['reminders']} reminders, expected {expected_reminders}")
    result["problems"] = problems

    result["figures"] = {
        "N": n,
        # Creation that does not slow down as the body's certificates grow: the last batch
        # takes about as long as the first (the number check once scanned them all).
        "creation_last_over_first_batch": (
            round(batch_seconds[-1] / batch_seconds[0], 2) if len(batch_seconds) > 1 else None
        ),
        "bare_sql_s": round(sql_seconds, 4),
        "expiry_s": round(expire["seconds"], 3),
        "expiry_over_sql": round(expire["seconds"] / sql_seconds, 1),
        "expiry_over_sql_cpu": ratio(expire["cpu_seconds"], sql_cpu),
        "expiry_queries": expire["queries"],
        "expiry_queries_per_1000": per_1000(expire["queries"], expire["expired"]),
        "reminder_s": round(remind["seconds"], 3),
        "reminder_activities_s": round(result["reminder_steps"]["activities"]["seconds"], 3),
        "reminder_emails_s": round(mail["seconds"], 3),
        "reminders": remind["reminders"],
        "reminder_emails": remind["mails"],
        "reminders_per_s": round(remind["reminders"] / remind["seconds"], 1),
        "reminders_per_cpu_s": ratio(remind["reminders"], remind["cpu_seconds"]),
        "reminder_queries": remind["queries"],
        "reminder_queries_per_1000": per_1000(remind["queries"], remind["reminders"]),
    }
    return result


def print_table(result):
    figures = result["figures"]
    width = max(len(key) for key in figures)
    print(f"\nCertificate cron benchmark, N={result['n']} ({result['today']})")
    if result["profiled"]:
        print("PROFILED RUN: timings include cProfile's overhead")
    for key, value in figures.items():
        print(f"  {key:<{width}}  {value}")
    print("  queries per 1000 = per 1000 certificates expired / reminded")
    setup_s = ", ".join(f"{k} {v:.1f}s" for k, v in result["setup_seconds"].items())
    print(f"  set-up: {setup_s}; total run {result['total_seconds']:.1f}s")
    for problem in result["problems"]:
        print(f"  PROBLEM: {problem}")


def main(argv=None):
    args = parse_args(argv if argv is not None else sys.argv[1:])
    started = time.perf_counter()

    import odoo
    from odoo import SUPERUSER_ID, api

    odoo.tools.config.parse_config(
        ["-c", args.conf, "-d", args.db, "--log-level=warn"], setup_logging=True
    )
    registry = odoo.modules.registry.Registry(args.db)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        result = run(env, args.n, args.profile)
    result["total_seconds"] = time.perf_counter() - started

    RESULTS.mkdir(exist_ok=True)
    name = f"cron_{args.n}_profiled.json" if args.profile else f"cron_{args.n}.json"
    (RESULTS / name).write_text(json.dumps(result, indent=2) + "\n")
    print_table(result)
    print(f"  written to {RESULTS / name}")
    return 1 if result["problems"] else 0


if __name__ == "__main__":
    sys.exit(main())
