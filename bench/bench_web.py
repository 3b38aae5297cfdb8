"""The web site under load: the shipped production server (`anchorhub serve`: gunicorn with
core/gunicorn_conf.py) on the 1,000,000-notice PostgreSQL database of bench_search.py, driven by
wrk at 16 connections over loopback for a fixed time per target after a warm-up. For each target:
requests/s and p50/p99 latency; the baseline is a static file served by the same server in the same
run (its requests/s over the target's is the ratio). Every response must be a 200: a run with any
other status or a socket error says so and fails the goal.

Goal on a 2-core machine: >= 100 requests/s and p99 <= 250 ms for every target. Where the time went
is printed too: the CPU seconds of gunicorn, of PostgreSQL's backends for the bench database, of
wrk, and of everything else on the machine, for each target.

The database and its search index are built by bench_search.py's builder (kept between runs;
BENCH_REBUILD=1 builds them again). BENCH_WEB_SECONDS (default 10) is the time per target;
BENCH_WEB_ONLY=words,... times only the targets whose names hold them (and the static baseline);
WEB_CONCURRENCY and GUNICORN_THREADS, if set, are passed to the server (the defaults are those of
core/gunicorn_conf.py).

Run: make bench   (needs DATABASE_URL pointing at PostgreSQL, and wrk: scripts/ensure-wrk)
"""

import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))
import bench_search
from django_setup import setup

CONNECTIONS = 16
WRK_THREADS = 2
SECONDS = int(os.environ.get("BENCH_WEB_SECONDS", "10"))
WARM_UP_SECONDS = 3
GOAL_RPS = 100
GOAL_P99_MS = 250
# `anchorhub serve` collects (and compresses) the static files before it serves: a minute or more.
SERVER_START_SECONDS = 600
OPPORTUNITY_PAGES = 50  # different opportunity pages, taken in turn
# Searches taken in turn: "care" as in issue 12, and other common words of the real titles, each
# matching between 2% and 10% of the notices.
WORDS = ["care", "cleaning", "software", "construction", "maintenance", "training", "transport"]
BASELINE = "static file (baseline)"
# A CPU second is this many clock ticks in /proc (USER_HZ; 100 on Linux everywhere).
TICKS = os.sysconf("SC_CLK_TCK")

# wrk, one Lua state per thread: take the paths in turn; count every response that is not a 200
# (wrk itself counts only statuses >= 400 as errors) and print the counts once at the end.
WRK_SCRIPT = """
local paths = {%(paths)s}
local threads = {}
local next_path = 0
bad = 0  -- a global: done() reads it from each thread

function setup(thread)
  table.insert(threads, thread)
end

function request()
  next_path = next_path %% #paths + 1
  return wrk.format("GET", paths[next_path])
end

function response(status, headers, body)
  if status ~= 200 then bad = bad + 1 end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do total = total + thread:get("bad") end
  io.write(string.format("not-200: %%d\\n", total))
end
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def targets(base: str) -> list[tuple[str, list[str]]]:
    """(name, paths) for each target; paths are taken in turn."""
    from opportunities.models import Process

    rng = random.Random(5)
    count = Process.objects.count()
    picked = sorted(rng.sample(range(1, count + 1), OPPORTUNITY_PAGES))
    ocids = list(Process.objects.filter(id__in=picked).values_list("ocid", flat=True))
    with urllib.request.urlopen(f"{base}/", timeout=30) as response:  # noqa: S310 (our loopback server)
        home = response.read().decode()
    stylesheet = re.search(r'href="(/static/[^"]+\.css)"', home)
    if stylesheet is None:
        raise SystemExit("The home page links no stylesheet under /static/: cannot time a file.")
    return [
        ("home page", ["/"]),
        ("search: query", [f"/opportunities/?q={word}" for word in WORDS]),
        (
            "search: query + 2 filters",
            [f"/opportunities/?q={word}&status=open&sme=on" for word in WORDS],
        ),
        ("opportunity page", [f"/opportunities/{ocid}/" for ocid in ocids]),
        ("API search", [f"/api/opportunities?q={word}" for word in WORDS]),
        # Last: its thousands of requests would otherwise have gunicorn replace workers (after
        # GUNICORN_MAX_REQUESTS each) while the next target is timed.
        (BASELINE, [stylesheet.group(1)]),
    ]


def check_status(base: str, paths: list[str]) -> None:
    """Each path answers 200 itself (not by a redirect), before it is timed."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    for path in paths:
        try:
            with opener.open(f"{base}{path}", timeout=60) as response:
                status = response.status
        except urllib.error.HTTPError as error:
            status = error.code
        if status != 200:
            raise SystemExit(f"{path} answered {status}, not 200: fix it before timing it.")


class CpuMeter:
    """CPU seconds of gunicorn (master, workers alive, and workers it has reaped), of the
    PostgreSQL backends serving the bench database (sampled while they live), and of the whole
    machine, between start() and stop()."""

    def __init__(self, server_pid: int, database: str):
        self.server_pid = server_pid
        self.database = database
        self._backends: dict[int, float] = {}
        self._stop = threading.Event()

    @staticmethod
    def _stat(pid: int) -> list[str] | None:
        try:
            text = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            return None
        return text[text.rindex(")") + 2 :].split()  # fields from the 3rd (state) on

    def _own(self, pid: int) -> float:
        fields = self._stat(pid)
        return (int(fields[11]) + int(fields[12])) / TICKS if fields else 0.0  # utime + stime

    def _gunicorn(self) -> float:
        fields = self._stat(self.server_pid)
        if fields is None:
            return 0.0
        # The master's own time and that of the children it has reaped (replaced workers).
        total = sum(int(fields[i]) for i in (11, 12, 13, 14)) / TICKS
        children = Path(f"/proc/{self.server_pid}/task/{self.server_pid}/children")
        for pid in children.read_text().split():
            total += self._own(int(pid))
        return total

    @staticmethod
    def _machine() -> float:
        busy = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
        user, nice, system, _idle, _iowait, irq, softirq, steal = (int(v) for v in busy[:8])
        return (user + nice + system + irq + softirq + steal) / TICKS

    def _sample_backends(self) -> None:
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                [self.database],
            )
            for (pid,) in cursor.fetchall():
                self._backends[pid] = max(self._backends.get(pid, 0.0), self._own(pid))

    def _watch(self) -> None:
        while not self._stop.wait(0.25):
            self._sample_backends()

    def start(self) -> None:
        self._sample_backends()
        self._backends_before = dict(self._backends)
        self._gunicorn_before = self._gunicorn()
        self._machine_before = self._machine()
        self._stop.clear()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()

    def stop(self) -> dict:
        self._stop.set()
        self._thread.join()
        self._sample_backends()
        postgres = sum(
            seconds - self._backends_before.get(pid, 0.0) for pid, seconds in self._backends.items()
        )
        return {
            "gunicorn": self._gunicorn() - self._gunicorn_before,
            "postgres": postgres,
            "machine": self._machine() - self._machine_before,
        }


def run_wrk(base: str, paths: list[str], seconds: int, folder: Path) -> tuple[dict, float]:
    """One wrk run; its figures and the CPU seconds wrk itself took."""
    script = folder / "paths.lua"
    script.write_text(WRK_SCRIPT % {"paths": ", ".join(json.dumps(p) for p in paths)})
    command = [
        "wrk",
        f"--threads={WRK_THREADS}",
        f"--connections={CONNECTIONS}",
        f"--duration={seconds}s",
        "--timeout=10s",
        "--latency",
        f"--script={script}",
        base,
    ]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    output = process.stdout.read()
    _pid, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"wrk failed ({process.returncode}):\n{output}")
    return parse_wrk(output), usage.ru_utime + usage.ru_stime


UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * UNITS_MS[unit]


def parse_wrk(output: str) -> dict:
    """requests/s, p50 and p99 in ms, requests, and every kind of failure wrk reports."""
    figures = {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50_ms": _ms(re.search(r"^\s+50%\s+(\S+)", output, re.MULTILINE).group(1)),
        "p99_ms": _ms(re.search(r"^\s+99%\s+(\S+)", output, re.MULTILINE).group(1)),
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "not_200": int(re.search(r"not-200: (\d+)", output).group(1)),
        "socket_errors": 0,
    }
    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    if errors:
        figures["socket_errors"] = sum(int(n) for n in errors.groups())
    return figures


def start_server(url: str, port: int, log: Path) -> subprocess.Popen:
    environment = {
        name: value
        for name, value in os.environ.items()
        if name not in ("DEBUG", "STATIC_FROM_FINDERS", "DJANGO_SETTINGS_MODULE")
    }
    environment.update(
        DATABASE_URL=url,
        SECRET_KEY=os.environ["SECRET_KEY"],
        ALLOWED_HOSTS="127.0.0.1",
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
        ANCHORHUB_BIND=f"127.0.0.1:{port}",
        PYTHONPATH=str(ROOT),
    )
    with log.open("w") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "core.manage", "serve"],
            cwd=ROOT,
            env=environment,
            stdout=out,
            stderr=subprocess.STDOUT,
        )


def wait_until_serving(base: str, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"The server stopped (exit {server.returncode}):\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{base}/", timeout=5):  # noqa: S310 (our loopback server)
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(
        f"The server did not answer within {SERVER_START_SECONDS}s:\n{log.read_text()}"
    )


def settings_line(log: Path) -> str:
    workers = len(re.findall(r"Booting worker with pid", log.read_text()))
    return (
        f"gunicorn: {workers} workers booted, "
        f"WEB_CONCURRENCY={os.environ.get('WEB_CONCURRENCY', '(default)')}, "
        f"GUNICORN_THREADS={os.environ.get('GUNICORN_THREADS', '(default)')}"
    )


def main() -> int:
    url = bench_search.database_url()
    if url is None:
        print("skipped: the web benchmark needs DATABASE_URL to point at PostgreSQL")
        return 0
    if shutil.which("wrk") is None:
        print("wrk is not installed: run scripts/ensure-wrk (Debian: apt-get install wrk)")
        return 1
    # Stopped (Ctrl-C, SIGTERM): still stop the server, in the `finally` below.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    setup(url)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    bench_search.ensure_built()
    from django.db import connection

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    folder = Path(tempfile.mkdtemp(prefix="bench-web-"))
    log = folder / "server.log"
    server = start_server(url, port, log)
    results = []
    try:
        wait_until_serving(base, server, log)
        print(settings_line(log), flush=True)
        meter = CpuMeter(server.pid, connection.settings_dict["NAME"])
        chosen = [words for words in os.environ.get("BENCH_WEB_ONLY", "").split(",") if words]
        for name, paths in targets(base):
            if chosen and name != BASELINE and not any(words in name for words in chosen):
                continue
            check_status(base, paths)
            run_wrk(base, paths, WARM_UP_SECONDS, folder)
            meter.start()
            started = time.monotonic()
            figures, wrk_cpu = run_wrk(base, paths, SECONDS, folder)
            cpu = meter.stop()
            cpu["wrk"] = wrk_cpu
            cpu["seconds"] = time.monotonic() - started
            results.append({"target": name, **figures, "cpu": cpu})
            print(f"  {name}: {figures['rps']:.1f} requests/s", flush=True)
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
    report(results, log)
    shutil.rmtree(folder, ignore_errors=True)
    return 0


def report(results: list[dict], log: Path) -> None:
    baseline = next(r["rps"] for r in results if r["target"] == BASELINE)
    print(
        f"\nweb under load: wrk, {CONNECTIONS} connections, {SECONDS}s per target after "
        f"{WARM_UP_SECONDS}s of warm-up; goal >= {GOAL_RPS} requests/s and p99 <= {GOAL_P99_MS} ms"
    )
    print(
        f"  {'target':<28}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'requests':>10}{'failed':>8}"
        f"{'static/x':>10}  goal"
    )
    for r in results:
        failed = r["not_200"] + r["socket_errors"]
        met = r["rps"] >= GOAL_RPS and r["p99_ms"] <= GOAL_P99_MS and not failed
        r["meets_goal"] = met
        print(
            f"  {r['target']:<28}{r['rps']:>9.1f}{r['p50_ms']:>9.1f}{r['p99_ms']:>9.1f}"
            f"{r['requests']:>10}{failed:>8}{baseline / r['rps']:>10.1f}  "
            + ("met" if met else "NOT MET")
            + (f" ({r['not_200']} not 200, {r['socket_errors']} socket errors)" if failed else "")
        )
    print(
        "\n  where the CPU went (seconds of CPU over the run; the machine has "
        f"{os.cpu_count()} cores, so {os.cpu_count()} s per second at most):"
    )
    print(
        f"  {'target':<28}{'wall s':>8}{'gunicorn':>10}{'postgres':>10}{'wrk':>7}{'others':>8}"
        f"{'idle':>7}  CPU ms per request (gunicorn + postgres)"
    )
    for r in results:
        cpu = r["cpu"]
        capacity = cpu["seconds"] * (os.cpu_count() or 1)
        others = max(cpu["machine"] - cpu["gunicorn"] - cpu["postgres"] - cpu["wrk"], 0.0)
        per_request = (cpu["gunicorn"] + cpu["postgres"]) / max(r["requests"], 1) * 1000
        print(
            f"  {r['target']:<28}{cpu['seconds']:>8.1f}{cpu['gunicorn']:>10.1f}"
            f"{cpu['postgres']:>10.1f}{cpu['wrk']:>7.1f}{others:>8.1f}"
            f"{max(capacity - cpu['machine'], 0.0):>7.1f}  {per_request:.1f}"
        )
    failures = [line for line in log.read_text().splitlines() if '" 5' in line]
    if failures:
        print(f"\n  the server logged {len(failures)} responses 5xx; first: {failures[0]}")
    print(
        json.dumps({r["target"]: {k: r[k] for k in ("rps", "p50_ms", "p99_ms")} for r in results})
    )


if __name__ == "__main__":
    sys.exit(main())
