"""Directory API and page throughput on a network of 2,000 organisations.

Measures the full Django request path (middleware, permission rule, ORM, serialisation) for
`GET /api/organisations?page_size=50` and the HTML directory page, and compares each with a
baseline run in the same process: the bare ORM query that fetches the same 50 rows with their
sectors and sites and dumps them as JSON. The ratio shows what the framework layers cost; the query
count per request must stay constant (no N+1) whatever the page size.

Run: make bench   (or .venv/bin/python bench/bench_directory.py)
"""

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ORGANISATIONS = 2000
REQUESTS = 60

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
workdir = tempfile.mkdtemp(prefix="anchorhub-bench-")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3")
os.environ.setdefault("SECRET_KEY", "bench-only-key-not-used-anywhere-else-0123456789abcdef")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("STATIC_FROM_FINDERS", "1")
os.environ["DJANGO_SETTINGS_MODULE"] = "core.settings"

import django

django.setup()

from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from network.models import OperatingSite, Organisation, Sector


def build_network():
    call_command("migrate", verbosity=0, interactive=False)
    sectors = list(Sector.objects.all())
    kinds = ["company", "charity", "cic", "council", "nhs_trust", "university"]
    Organisation.objects.bulk_create(
        Organisation(
            name=f"Organisation {n:05d}",
            slug=f"organisation-{n:05d}",
            kind=kinds[n % len(kinds)],
            description="Sample organisation for the benchmark " * 3,
            registered_postcode="B1 1BB",
            size_band="small",
        )
        for n in range(ORGANISATIONS)
    )
    organisations = list(Organisation.objects.all())
    links = Organisation.sectors.through
    links.objects.bulk_create(
        links(organisation_id=o.pk, sector_id=sectors[(i + k) % len(sectors)].pk)
        for i, o in enumerate(organisations)
        for k in range(2)
    )
    OperatingSite.objects.bulk_create(
        OperatingSite(organisation=o, name="Site", postcode="B5 5SE") for o in organisations[::2]
    )


def timed(function, repeat=REQUESTS):
    function()  # warm up
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def baseline():
    rows = list(Organisation.objects.order_by("name").prefetch_related("sectors", "sites")[:50])
    return json.dumps(
        [
            {
                "slug": o.slug,
                "name": o.name,
                "kind": o.kind,
                "sectors": [s.slug for s in o.sectors.all()],
                "sites": [{"name": s.name, "postcode": s.postcode} for s in o.sites.all()],
            }
            for o in rows
        ]
    )


def main():
    started = time.perf_counter()
    build_network()
    print(f"built {ORGANISATIONS} organisations in {time.perf_counter() - started:.1f}s")
    client = Client()

    def api():
        response = client.get("/api/organisations", {"page_size": 50})
        assert response.status_code == 200
        assert len(response.json()["items"]) == 50

    def page():
        assert client.get("/organisations/").status_code == 200

    base = timed(baseline)
    api_time = timed(api)
    page_time = timed(page)
    with CaptureQueriesContext(connection) as small:
        client.get("/api/organisations", {"page_size": 5})
    with CaptureQueriesContext(connection) as large:
        client.get("/api/organisations", {"page_size": 100})
    print(f"baseline  ORM query + json.dumps, 50 rows: {base * 1000:7.2f} ms")
    print(
        f"API       GET /api/organisations (50):     {api_time * 1000:7.2f} ms  ratio {api_time / base:5.2f}x baseline  ({1 / api_time:6.0f} req/s)"
    )
    print(
        f"page      GET /organisations/ (25):        {page_time * 1000:7.2f} ms  ratio {page_time / base:5.2f}x baseline  ({1 / page_time:6.0f} req/s)"
    )
    print(f"queries per API request: {len(small)} for 5 rows, {len(large)} for 100 rows")
    if len(small) != len(large):
        print("FAIL: the query count grows with the page size (N+1 queries)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
