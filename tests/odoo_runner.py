"""odoo-bin of the project's set-up, driven from outside in subprocesses."""

import contextlib
import os
import re
import signal
import socket
import subprocess
import time
import xmlrpc.client
from configparser import ConfigParser
from pathlib import Path

import psycopg2
import pytest

LOG_PROBLEM = re.compile(r"^\S+ \S+ \d+ (WARNING|ERROR|CRITICAL) ", re.MULTILINE)
# Lines about this machine, not about the addon: Odoo warns whenever it runs as root,
# which the CI machine does.
ENVIRONMENT_LINES = ("Running as user 'root' is a security risk.",)


def _setting(name):
    value = os.environ.get(name)
    if not value:
        pytest.fail(
            f"{name} is not set: run this suite through `make test` (scripts/test.sh), "
            "which prepares Odoo and PostgreSQL and sets it.",
            pytrace=False,
        )
    return value


class OdooRunner:
    """odoo-bin of the project's set-up, and the database server it uses."""

    def __init__(self):
        self.conf = _setting("ISO_ODOO_CONF")
        self.odoo_bin = _setting("ISO_ODOO_BIN")
        self.python = _setting("ISO_PYTHON")
        parser = ConfigParser()
        parser.read(self.conf)
        opts = parser["options"]
        self.db_params = {
            key: opts.get(f"db_{key}")
            for key in ("host", "port", "user", "password")
            if opts.get(f"db_{key}") not in (None, "", "False")
        }
        self.data_dir = Path(opts.get("data_dir"))

    def run(self, *args, command=None, stdin=None, timeout=900, conf=None):
        """Run odoo-bin (or its `command`, e.g. shell) with the project's configuration (or
        `conf`); return its whole log, failing the test if it exits non-zero."""
        cmd = [self.python, self.odoo_bin, *([command] if command else [])]
        cmd += ["-c", str(conf or self.conf), "--log-level=info", *args]
        proc = subprocess.run(
            cmd, input=stdin, capture_output=True, text=True, timeout=timeout, check=False
        )
        log = proc.stdout + proc.stderr
        assert proc.returncode == 0, f"{' '.join(cmd)} exited {proc.returncode}:\n{log[-5000:]}"
        return log

    def conf_with_addons(self, path, addons_dir):
        """Write at `path` the project's configuration with `addons_dir` in place of the
        repository in the addons path (to run another release of the addons)."""
        parser = ConfigParser()
        parser.read(self.conf)
        paths = parser["options"]["addons_path"].split(",")
        parser["options"]["addons_path"] = ",".join([*paths[:1], str(addons_dir)])
        with open(path, "w", encoding="utf-8") as handle:
            parser.write(handle)
        return path

    def query(self, db, sql, params=None):
        with psycopg2.connect(dbname=db, **self.db_params) as cn, cn.cursor() as cr:
            cr.execute(sql, params)
            return cr.fetchall() if cr.description else None

    def drop_db(self, db):
        conn = psycopg2.connect(dbname="postgres", **self.db_params)
        conn.autocommit = True
        with conn.cursor() as cr:
            cr.execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
        conn.close()
        subprocess.run(["rm", "-rf", str(self.data_dir / "filestore" / db)], check=False)

    def copy_db(self, template, db):
        """Create `db` as a copy of `template` (which nobody may be connected to), with its
        filestore."""
        conn = psycopg2.connect(dbname="postgres", **self.db_params)
        conn.autocommit = True
        with conn.cursor() as cr:
            cr.execute(f'CREATE DATABASE "{db}" TEMPLATE "{template}"')
        conn.close()
        source = self.data_dir / "filestore" / template
        if source.exists():
            subprocess.run(
                ["cp", "-a", str(source), str(self.data_dir / "filestore" / db)], check=True
            )

    def serve(self, db, *, workers=None, max_cron_threads=0, conf=None, gevent_port=None, log=None):
        """Start an Odoo HTTP server on a free loopback port; return (process, url).

        `workers` and `max_cron_threads` become odoo-bin's flags unless None (then the
        configuration file's values apply); with workers, Odoo serves its websocket from a
        separate gevent process on `gevent_port` (a free port: see free_port()). `conf` is
        the configuration file (the project's by default). The server's output goes to the
        file object `log` if given, else to a pipe read on failure. The server leads its own
        process group, so that stop() ends its workers too."""
        port = free_port()
        cmd = [
            self.python, self.odoo_bin, "-c", conf or self.conf, "-d", db, f"--db-filter=^{db}$",
            "--http-interface=127.0.0.1", f"--http-port={port}", "--log-level=warn",
        ]  # fmt: skip
        if workers is not None:
            cmd.append(f"--workers={workers}")
        if max_cron_threads is not None:
            cmd.append(f"--max-cron-threads={max_cron_threads}")
        if gevent_port is not None:
            cmd.append(f"--gevent-port={gevent_port}")
        proc = subprocess.Popen(
            cmd,
            stdout=log or subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                output = proc.stdout.read() if proc.stdout else "(see the log file)"
                pytest.fail(f"Odoo server exited {proc.returncode}:\n{output}")
            try:
                xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/common").version()
                return proc, url
            except OSError:
                time.sleep(0.5)
        self.stop(proc)
        pytest.fail("Odoo server did not answer within 120 s")

    @staticmethod
    def stop(proc, timeout=60):
        """Stop a server started by serve(): SIGTERM (Odoo stops its workers and its gevent
        process), then SIGKILL to whatever of its process group is left."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=timeout)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=timeout)


def free_port():
    """A TCP port on the loopback interface that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def log_problems(log):
    """WARNING, ERROR and CRITICAL lines of an Odoo log, less the machine's own."""
    return [
        line
        for line in log.splitlines()
        if LOG_PROBLEM.match(line) and not any(env in line for env in ENVIRONMENT_LINES)
    ]
