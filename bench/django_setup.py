"""Django set-up shared by the benchmarks: a database of the benchmark's own, settings from the
environment as in production."""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def setup(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("SECRET_KEY", "bench-only-key-not-used-anywhere-else-0123456789abcdef")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("STATIC_FROM_FINDERS", "1")
    os.environ["DJANGO_SETTINGS_MODULE"] = "core.settings"
    import django

    django.setup()


def fresh_database(name: str) -> str:
    """An empty database of the benchmark's own: `name` on the PostgreSQL server of DATABASE_URL
    (dropped and created again), else a new SQLite file."""
    import subprocess
    import tempfile

    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        base = url.rpartition("/")[0]
        for statement in (f"DROP DATABASE IF EXISTS {name}", f"CREATE DATABASE {name}"):
            subprocess.run(["psql", f"{base}/postgres", "-qc", statement], check=True)
        return f"{base}/{name}"
    return f"sqlite:///{tempfile.mkdtemp()}/{name}.sqlite3"
