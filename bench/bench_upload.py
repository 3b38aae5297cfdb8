"""A 100 MB payment file uploaded through the web under the production server (gunicorn, `anchorhub
serve`) with the background worker (`anchorhub worker`), as a buyer would: sign in, upload, wait
for the file to be read, confirm the columns, wait for the import. Prints how long each step took
and the whole journey against a baseline measured in the same run: `anchorhub import_spend` of the
same file on the command line (ratio = web journey ÷ command line).

The file is City of Wolverhampton Council's real FY 2023-24 payments (../shared/data/spend), their
rows repeated until the file passes BENCH_UPLOAD_MB (default 100) megabytes.

Run: make bench   (PostgreSQL: DATABASE_URL; a database anchorhub_bench_upload is made afresh)
"""

import gzip
import os
import re
import secrets
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from django_setup import fresh_database

MEGABYTES = int(os.environ.get("BENCH_UPLOAD_MB", "100"))
PORT = int(os.environ.get("BENCH_UPLOAD_PORT", "8093"))
ANCHORHUB = [sys.executable, "-m", "core.manage"]
BUYER_NAME = "Wolverhampton (benchmark)"
EMAIL = "bench-buyer@example.org"
DATA = Path(os.environ.get("ANCHORHUB_DATA_DIR") or ROOT.parent / "shared" / "data")


def build_file(folder: Path) -> tuple[Path, int]:
    """The real files' header once, then their data rows again and again until big enough."""
    sources = sorted((DATA / "spend" / "wolverhampton").glob("*.csv.gz"))
    if not sources:
        raise SystemExit(f"No Wolverhampton payment files in {DATA / 'spend' / 'wolverhampton'}")
    header, rows = None, []
    for source in sources:
        lines = gzip.decompress(source.read_bytes()).decode("utf-8-sig").splitlines()
        at = next(i for i, line in enumerate(lines) if "Supplier ID" in line and "Amount" in line)
        header = header or lines[at]
        rows.extend(line for line in lines[at + 1 :] if line.startswith("INSERTED DETAIL"))
    path = folder / "wolverhampton-2023-24-repeated.csv"
    written, count = 0, 0
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(header + "\n")
        while written < MEGABYTES * 1024 * 1024:
            for line in rows:
                out.write(line + "\n")
                written += len(line) + 1
            count += len(rows)
    return path, count


def run(env, *args, check=True) -> str:
    done = subprocess.run([*ANCHORHUB, *args], env=env, capture_output=True, text=True, check=False)
    if check and done.returncode:
        raise SystemExit(f"anchorhub {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return done.stdout


def wait_job(session, base, job_url) -> tuple[dict, float]:
    started = time.perf_counter()
    status_url = job_url.split("?")[0] + "status.json"
    last = ""
    while True:
        state = session.get(base + status_url, timeout=30).json()
        if state["progress"] != last:
            last = state["progress"]
            print(
                f"    {time.perf_counter() - started:6.1f}s  {state['status_label']}: {last}",
                flush=True,
            )
        if state["finished"]:
            return state, time.perf_counter() - started
        time.sleep(0.5)


def csrf(session, base, path) -> str:
    html = session.get(base + path, timeout=30).text
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def main() -> int:
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        print("bench_upload: skipped (needs DATABASE_URL pointing at PostgreSQL)")
        return 0
    folder = Path(tempfile.mkdtemp(prefix="anchorhub-bench-upload-"))
    path, rows = build_file(folder)
    size_mb = path.stat().st_size / 1024 / 1024
    print(f"  file: {size_mb:.1f} MB, {rows:,} payment rows (real Wolverhampton rows, repeated)")
    env = {
        **os.environ,
        "DATABASE_URL": fresh_database("anchorhub_bench_upload"),
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "ANCHORHUB_BIND": f"127.0.0.1:{PORT}",
        "WEB_CONCURRENCY": "2",
        "SEARCH_INDEX_DIR": str(folder / "index"),
        "JOBS_LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
    }
    env.pop("DEBUG", None)
    env.pop("STATIC_FROM_FINDERS", None)
    run(env, "migrate", "-v0")
    run(
        env,
        "shell",
        "-c",
        "from network.models import Organisation; from accounts.models import User; "
        f"o = Organisation.objects.create(name='{BUYER_NAME}', kind='council', is_network_member=True); "
        f"Organisation.objects.create(name='{BUYER_NAME} (command line)', kind='council', is_network_member=True); "
        f"User.objects.create_user('{EMAIL}', 'bench-password-123', full_name='Bench Buyer', organisation=o)",
    )
    run(env, "collectstatic", "--no-input", "-v0")  # before the clock: serve need not repeat it
    log = (folder / "servers.log").open("wb")
    servers = [
        subprocess.Popen(
            [*ANCHORHUB, *command],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        for command in (["serve", "--skip-collectstatic"], ["worker"])
    ]
    base = f"http://127.0.0.1:{PORT}"
    try:
        for _ in range(600):
            try:
                if requests.get(base + "/", timeout=10).status_code == 200:
                    break
            except requests.RequestException:
                pass  # not listening yet, or still starting its workers
            time.sleep(0.5)
        else:
            raise SystemExit(f"the server did not start; see {folder / 'servers.log'}")
        session = requests.Session()
        token = csrf(session, base, "/sign-in/")
        session.post(
            base + "/sign-in/",
            {"csrfmiddlewaretoken": token, "username": EMAIL, "password": "bench-password-123"},
            headers={"Referer": base + "/sign-in/"},
            timeout=30,
        )
        journey = time.perf_counter()
        token = csrf(session, base, "/spend/upload/")
        started = time.perf_counter()
        with path.open("rb") as file:
            sent = session.post(
                base + "/spend/upload/",
                data={"csrfmiddlewaretoken": token},
                files={"file": (path.name, file, "text/csv")},
                headers={"Referer": base + "/spend/upload/"},
                allow_redirects=False,
                timeout=600,
            )
        upload_seconds = time.perf_counter() - started
        if sent.status_code != 302 or "/jobs/" not in sent.headers.get("Location", ""):
            raise SystemExit(f"upload refused: {sent.status_code} {sent.text[:2000]}")
        print(
            f"  upload request (POST, {size_mb:.0f} MB): {upload_seconds:.1f}s → {sent.headers['Location']}"
        )
        state, read_seconds = wait_job(session, base, sent.headers["Location"])
        if state["status"] != "succeeded":
            raise SystemExit(f"reading failed: {state}")
        confirm = session.get(base + state["next_url"], timeout=60).text
        fields = dict(
            re.findall(
                r'<select[^>]*name="(\w+)".*?<option value="([^"]*)" selected>', confirm, re.DOTALL
            )
        )
        header_row = re.search(r'name="header_row" value="(\d+)"', confirm).group(1)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', confirm).group(1)
        started = time.perf_counter()
        queued = session.post(
            base + state["next_url"],
            {"csrfmiddlewaretoken": token, "header_row": header_row, **fields},
            headers={"Referer": base + state["next_url"]},
            allow_redirects=False,
            timeout=60,
        )
        if queued.status_code != 302:
            raise SystemExit(f"confirming refused: {queued.status_code} {queued.text[:2000]}")
        state, import_seconds = wait_job(session, base, queued.headers["Location"])
        journey_seconds = time.perf_counter() - journey
        report = session.get(base + state["next_url"], timeout=60).text if state["next_url"] else ""
        imported = re.search(r"Imported</dt><dd[^>]*>([\d,]+)", report)
        print(f"  reading the file (job): {read_seconds:.1f}s; columns: {fields}")
        print(
            f"  importing (job): {import_seconds:.1f}s, {state['status']}: {state['error'] or 'ok'}"
        )
    finally:
        for server in servers:
            os.killpg(server.pid, signal.SIGTERM)
        for server in servers:
            try:
                server.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
        log.close()
    started = time.perf_counter()
    out = run(env, "import_spend", str(path), "--buyer", f"{BUYER_NAME} (command line)", "--json")
    command_seconds = time.perf_counter() - started
    print(f"  baseline: anchorhub import_spend of the same file: {command_seconds:.1f}s")
    print(
        f"  web journey (upload → read → confirm → import): {journey_seconds:.1f}s; "
        f"ratio to the command line {journey_seconds / command_seconds:.2f}; "
        f"rows imported: {imported.group(1) if imported else '?'} of {rows:,}; command line: {out.strip()[:200]}"
    )
    return 0 if state["status"] == "succeeded" else 1


if __name__ == "__main__":
    sys.exit(main())
