"""The real worker in its own processes, on a database of its own (SQLite file, or a PostgreSQL
database beside the test one when the suite runs on PostgreSQL): a job queued from the command
line is taken by `anchorhub worker`; the worker killed mid-import leaves nothing written, and the
job is given to the next worker and finishes."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ANCHORHUB = [sys.executable, "-m", "core.manage"]
# Enough rows for the import to be caught running: PostgreSQL stores them through COPY in a
# second or two, SQLite row by row.
ROWS = 250_000 if os.environ.get("DATABASE_URL", "").startswith("postgres") else 15_000
BUYER = "Test Council (sample data)"


def _database(tmp_path):
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        return f"sqlite:///{tmp_path / 'worker.sqlite3'}", None
    import psycopg

    base, _, name = url.rpartition("/")
    own = f"{name}_worker_jobs"
    admin = psycopg.connect(f"{base}/postgres", autocommit=True)
    admin.execute(f'DROP DATABASE IF EXISTS "{own}" WITH (FORCE)')
    admin.execute(f'CREATE DATABASE "{own}"')
    return f"{base}/{own}", (admin, own)


@pytest.fixture
def worker_env(tmp_path):
    url, cleanup = _database(tmp_path)
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"JOBS_RUN_INLINE", "JOBS_CACHE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        DATABASE_URL=url,
        DEBUG="1",
        SEARCH_INDEX_DIR=str(tmp_path / "index"),
        JOBS_TIMEOUT_SECONDS="60",
        JOBS_RETRY_SECONDS="65",  # a dead worker's job is taken again after this
        JOBS_WORKERS="1",
        JOBS_LOG_LEVEL="WARNING",
        PYTHONPATH=str(Path(__file__).resolve().parents[2]),
    )
    subprocess.run([*ANCHORHUB, "migrate", "-v0"], env=env, check=True, timeout=300)  # noqa: S603
    subprocess.run(  # noqa: S603
        [
            *ANCHORHUB,
            "shell",
            "-c",
            (
                "from network.models import Organisation; "
                f"Organisation.objects.create(name='{BUYER}', kind='council', is_network_member=True)"
            ),
        ],
        env=env,
        check=True,
        timeout=120,
        capture_output=True,
    )
    yield env
    if cleanup:
        admin, own = cleanup
        admin.execute(f'DROP DATABASE IF EXISTS "{own}" WITH (FORCE)')
        admin.close()


def anchorhub(env, *args) -> str:
    done = subprocess.run(  # noqa: S603 (our own command)
        [*ANCHORHUB, *args], env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def jobs(env) -> list[dict]:
    return json.loads(anchorhub(env, "jobs", "--json"))["jobs"]


def start_worker(env, log: Path) -> subprocess.Popen:
    with log.open("ab") as out:
        return subprocess.Popen(  # noqa: S603 (our own command)
            [*ANCHORHUB, "worker"],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: killed whole, as a crash would
        )


def stop(worker: subprocess.Popen, how=signal.SIGTERM) -> None:
    os.killpg(worker.pid, how)
    try:
        worker.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(timeout=30)


def job_status(env, job_id: int) -> str | None:
    """Read the job's status straight from its database (a command would take seconds)."""
    url = env["DATABASE_URL"]
    query = "SELECT status FROM jobs_job WHERE id = %s"
    if url.startswith("sqlite"):
        import sqlite3

        with sqlite3.connect(url.removeprefix("sqlite:///"), timeout=30) as connection:
            row = connection.execute(query.replace("%s", "?"), (job_id,)).fetchone()
    else:
        import psycopg

        with psycopg.connect(url) as connection:
            row = connection.execute(query, (job_id,)).fetchone()
    return row[0] if row else None


def wait_until_running(env, job_id: int, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        status = job_status(env, job_id)
        if status == "running":
            return
        assert status in {"queued", None}, f"the job ended before it could be stopped: {status}"
        time.sleep(0.05)
    raise AssertionError(f"not running in {seconds}s")


def wait_for(env, check, seconds: float):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = [job for job in jobs(env) if check(job)]
        if found:
            return found[0]
        time.sleep(0.5)
    raise AssertionError(f"not reached in {seconds}s: {jobs(env)}")


def counts(env) -> dict:
    out = anchorhub(
        env,
        "shell",
        "-c",
        "import json; from spend.models import Payment, SpendImport; "
        "print(json.dumps({'payments': Payment.objects.count(), "
        "'imports': SpendImport.objects.count()}))",
    )
    return json.loads(out.strip().splitlines()[-1])


def test_a_killed_worker_leaves_nothing_and_its_job_finishes_on_the_next(worker_env, tmp_path):
    payments = tmp_path / "payments.csv"
    lines = ["Supplier Name,Amount,Payment Date"] + [
        f"Supplier {n % 700} Ltd,{500 + n % 9000}.00,{1 + n % 28:02d}/04/2024" for n in range(ROWS)
    ]
    payments.write_text("\n".join(lines) + "\n")
    queued = json.loads(
        anchorhub(
            worker_env, "import_spend", str(payments), "--buyer", BUYER, "--background", "--json"
        )
    )
    assert queued["status"] == "queued"
    log = tmp_path / "worker.log"

    first = start_worker(worker_env, log)
    try:
        wait_until_running(worker_env, queued["job"], 120)
    finally:
        stop(first, signal.SIGKILL)
    job = next(job for job in jobs(worker_env) if job["id"] == queued["job"])
    assert job["status"] == "running" and job["attempts"] == 1, job
    assert counts(worker_env) == {"payments": 0, "imports": 0}  # nothing half-written

    second = start_worker(worker_env, log)
    try:
        done = wait_for(
            worker_env,
            lambda job: job["id"] == queued["job"] and job["status"] in {"succeeded", "failed"},
            240,
        )
    finally:
        stop(second)
    assert done["status"] == "succeeded", (done, log.read_text()[-3000:])
    assert done["attempts"] == 2
    assert "earlier attempt stopped without finishing" in done["error"]
    assert done["result"]["rows_imported"] == ROWS
    assert counts(worker_env) == {"payments": ROWS, "imports": 1}
