"""Opportunity search on 1,000,000 notices in PostgreSQL: p50/p95 of 200 representative queries
(keywords plus two filters) through the same function the search page uses (a page of 20 results
and the total count), against a naive ILIKE baseline with the same filters.

Search runs on the search index (Tantivy, decision 0004); the page's 20 rows are read from
PostgreSQL. The notices are generated from the real Contracts Finder notices: their words, CPV codes, buyers and
values, recombined; each process has one notice, of a real notice's type. The database
(anchorhub_bench_search, shared with bench_web.py; BENCH_SEARCH_DB names another) is kept between
runs; BENCH_REBUILD=1 rebuilds it. BENCH_SEARCH_ROWS changes the size.

Run: make bench   (needs DATABASE_URL pointing at PostgreSQL; skipped on SQLite)
"""

import json
import os
import random
import re
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))
from django_setup import setup

ROWS = int(os.environ.get("BENCH_SEARCH_ROWS", "1000000"))
QUERIES = 200
NAME = os.environ.get("BENCH_SEARCH_DB", "anchorhub_bench_search")
if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", NAME):
    raise SystemExit(f"BENCH_SEARCH_DB must be a plain database name, not {NAME!r}")
EXISTS_SQL = f"SELECT 1 FROM pg_database WHERE datname = '{NAME}'"  # noqa: S608 (checked above)


def database_url() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        return None
    base = url.rpartition("/")[0]
    exists = subprocess.run(
        [
            "psql",
            f"{base}/postgres",
            "-tAc",
            EXISTS_SQL,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if not exists:
        subprocess.run(["psql", f"{base}/postgres", "-qc", f"CREATE DATABASE {NAME}"], check=True)
    return f"{base}/{NAME}"


WORD = re.compile(r"[a-z]{3,}")


def build(rng: random.Random) -> None:
    from datetime import UTC, datetime, timedelta
    from decimal import Decimal

    from django.core.management import call_command
    from django.db import connection
    from ocds_corpus import real_releases

    from core.bulk import insert_rows
    from opportunities.facts import notice_type_of
    from opportunities.loading import RELEASE_COLUMNS
    from opportunities.models import Notice, Process, ProcessCpv, Release

    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE opportunities_processcpv, opportunities_notice, opportunities_release,"
            " opportunities_process RESTART IDENTITY CASCADE"
        )
    releases = real_releases()
    notice_types = [notice_type_of(r) for r in releases]
    notice_rng = random.Random(17)  # a stream of its own: the processes stay as they were
    titles = [r["tender"]["title"] for r in releases if r.get("tender", {}).get("title")]
    descriptions = [r["tender"].get("description", "") for r in releases if r.get("tender")]
    buyers = sorted({r["buyer"]["name"] for r in releases if r.get("buyer", {}).get("name")})
    cpvs = [
        r["tender"]["classification"]["id"][:8]
        for r in releases
        if r.get("tender", {}).get("classification", {}).get("id")
    ]
    regions = [
        "West Midlands",
        "London",
        "North West",
        "Yorkshire and the Humber",
        "South East",
        "Wales",
        "Scotland",
        "East of England",
    ]
    now = datetime.now(UTC)
    phases = ["tender"] * 5 + ["awarded"] * 3 + ["planned", "cancelled"]
    fields = [
        "ocid",
        "compiled",
        "title",
        "description",
        "buyer_name",
        "phase",
        "value",
        "deadline",
        "first_published",
        "sme_suitable",
        "vcse_suitable",
        "above_threshold",
        "procedure",
        "delivery_text",
        "search_text",
        "currency",
        "reserved_participation",
        "delivery_regions",
        "delivery_postcodes",
        "award_conflicts",
        "lot_count",
        "threshold_estimated",
        "reserved_for_sme_vcse",
        "is_sample",
        "buyer_scheme",
        "buyer_identifier",
        "buyer_postcode",
        "tender_status",
        "procedure_details",
        "main_category",
        "reserved_location",
        "notice_url",
        "updated_at",
        "data_warnings",
        "buyer_identifiers",
        "legal_basis",
        "legal_basis_id",
        "notice_type",
    ]
    chunk = 50_000
    for start in range(0, ROWS, chunk):
        rows, cpv_rows, release_rows, notice_rows = [], [], [], []
        for n in range(start, min(start + chunk, ROWS)):
            title = rng.choice(titles)
            if rng.random() < 0.5:  # recombine: half the titles mix words of two real titles
                other = rng.choice(titles).split()
                title = " ".join(
                    title.split()[: max(1, len(title.split()) // 2)] + other[len(other) // 2 :]
                )
            published = now - timedelta(days=rng.randint(0, 1500))
            notice_type = notice_rng.choice(notice_types)
            rows.append(
                (
                    f"ocds-bench-{n:07d}",
                    {},
                    title,
                    rng.choice(descriptions)[:2000],
                    rng.choice(buyers),
                    rng.choice(phases),
                    Decimal(rng.choice([20_000, 75_000, 150_000, 400_000, 1_500_000, 6_000_000])),
                    published + timedelta(days=rng.randint(10, 60)),
                    published,
                    rng.random() < 0.7,
                    rng.random() < 0.3,
                    rng.random() < 0.3,
                    rng.choice(["open", "selective", "limited"]),
                    rng.choice(regions),
                    rng.choice(buyers),
                    "GBP",
                    [],
                    [],
                    [],
                    [],
                    0,
                    True,
                    False,
                    False,
                    "",
                    "",
                    "",
                    "",
                    "",
                    "services",
                    "",
                    "",
                    now,
                    [],
                    [],
                    "",
                    "",
                    notice_type if notice_type.startswith("UK") else "",
                )
            )
            cpv_rows.append((n + 1, rng.choice(cpvs), "", True))
            # One notice per process, as the search page's notice-type filter lists them.
            release_rows.append(
                (
                    f"ocds-bench-{n:07d}",
                    f"ocds-bench-{n:07d}-1",
                    published,
                    [],
                    {},
                    "",
                    "bench",
                    "",
                    now,
                    [],
                    False,
                )
            )
            notice_rows.append((n + 1, n + 1, notice_type, published, title, ""))
        insert_rows(Process, fields, rows)
        insert_rows(ProcessCpv, ["process_id", "code", "check_digit", "is_main"], cpv_rows)
        insert_rows(Release, RELEASE_COLUMNS, release_rows)
        insert_rows(
            Notice,
            ["process_id", "release_id", "notice_type", "published", "title", "url"],
            notice_rows,
        )
        print(f"  {min(start + chunk, ROWS):,} notices written", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    index()


def ensure_built() -> None:
    """The bench database and its search index, built once (after `setup`); BENCH_REBUILD=1
    builds them again. A database from before notices were written is built again."""
    from opportunities.models import Notice, Process
    from opportunities.search_index import searcher

    if (
        os.environ.get("BENCH_REBUILD")
        or Process.objects.count() != ROWS
        or not Notice.objects.exists()
    ):
        started = time.perf_counter()
        print(f"building {ROWS:,} notices (once; kept in database {NAME})", flush=True)
        build(random.Random(7))
        print(f"  built in {time.perf_counter() - started:.0f}s", flush=True)
    elif searcher().num_docs != ROWS:
        index()


def index() -> None:
    from opportunities import search_index

    print(f"  indexing for search into {search_index.index_dir()}...", flush=True)
    started = time.perf_counter()
    search_index.rebuild(
        lambda done, total: (
            print(f"    {done:,} of {total:,}", flush=True)
            if done % 200_000 == 0 or done == total
            else None
        )
    )
    print(f"  indexed in {time.perf_counter() - started:.0f}s", flush=True)


def queries(rng: random.Random) -> list:
    from ocds_corpus import real_releases

    from opportunities.search_request import OpportunitySearch

    stop = {
        "the",
        "and",
        "for",
        "with",
        "services",
        "service",
        "provision",
        "contract",
        "supply",
        "call",
        "off",
    }
    words = Counter(
        w
        for r in real_releases()
        for w in WORD.findall((r.get("tender", {}).get("title") or "").lower())
        if w not in stop
    )
    vocabulary = [w for w, count in words.most_common(300) if count >= 2]
    cpv_divisions = [
        "72000000",
        "45000000",
        "85000000",
        "79000000",
        "90000000",
        "33000000",
        "48000000",
        "80000000",
    ]
    filters = [
        lambda q: setattr(q, "statuses", ["open"]),
        lambda q: setattr(q, "sme", True),
        lambda q: setattr(q, "cpv", [rng.choice(cpv_divisions)]),
        lambda q: setattr(q, "value_band", rng.choice(["30k-100k", "100k-500k", "over-2m"])),
        lambda q: setattr(q, "procedure", "open"),
        lambda q: setattr(q, "threshold", "below"),
        lambda q: setattr(q, "location", "West Midlands"),
        lambda q: setattr(q, "statuses", ["awarded"]),
    ]
    result = []
    for _ in range(QUERIES):
        query = OpportunitySearch(text=" ".join(rng.sample(vocabulary, rng.choice([1, 1, 2]))))
        for apply in rng.sample(filters, 2):
            apply(query)
        result.append(query)
    return result


def naive(query):
    """The baseline: every word ILIKE anywhere in title or description, newest first."""
    from django.db.models import Q

    from opportunities.search_sql import filtered

    processes = filtered(query)
    for word in query.text.split():
        processes = processes.filter(Q(title__icontains=word) | Q(description__icontains=word))
    return processes.order_by("-first_published", "id")


def timed(run, items) -> list[float]:
    """What a results page costs: the first page of 20 and the result count, as the view asks."""
    from django.core.paginator import Paginator

    samples = []
    for item in items:
        started = time.perf_counter()
        page = Paginator(run(item), 20).get_page(1)
        list(page.object_list)
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def main() -> int:
    url = database_url()
    if url is None:
        print("skipped: the search benchmark needs DATABASE_URL to point at PostgreSQL")
        return 0
    setup(url)
    from django.core.management import call_command

    from opportunities.models import Process
    from opportunities.search import search

    call_command("migrate", verbosity=0)
    from reference.models import CpvCode

    if not CpvCode.objects.exists():  # CPV descriptions widen searches as in production
        call_command("load_reference", verbosity=0)
    ensure_built()
    work = queries(random.Random(11))
    timed(search, work[:20])  # warm the cache
    ours = timed(search, work)
    baseline = timed(
        naive, work[:50]
    )  # the naive scan is slow: 50 queries are enough for its percentiles

    def pct(samples, p):
        return statistics.quantiles(samples, n=100)[p - 1]

    print(
        f"search over {Process.objects.count():,} notices in PostgreSQL, {len(work)} queries (keywords + 2 filters), page of 20 + count"
    )
    print(
        f"  AnchorHub full text: p50 {pct(ours, 50):7.1f} ms  p95 {pct(ours, 95):7.1f} ms  max {max(ours):7.1f} ms"
    )
    print(
        f"  naive ILIKE:         p50 {pct(baseline, 50):7.1f} ms  p95 {pct(baseline, 95):7.1f} ms"
    )
    print(
        f"  ratio (p95): {pct(ours, 95) / pct(baseline, 95):.3f} of the baseline; goal p95 <= 50 ms"
    )
    print(
        json.dumps(
            {
                "p50_ms": round(pct(ours, 50), 1),
                "p95_ms": round(pct(ours, 95), 1),
                "baseline_p95_ms": round(pct(baseline, 95), 1),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
