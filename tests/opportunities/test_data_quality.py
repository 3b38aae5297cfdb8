"""Nothing lost, nothing hidden: every real Find a Tender release is read and stored; schema
problems that do not make a release unusable are warnings, carried to its process and shown;
every release read is counted once. On SQLite and PostgreSQL alike."""

import gzip
import json
from io import StringIO

import pytest
from django.core.management import call_command

from opportunities.load_records import canonical, digest_of
from opportunities.models import Process, QuarantinedRelease, Release
from opportunities.search import search
from opportunities.search_request import OpportunitySearch
from tests.conftest import require_data
from tests.opportunities.conftest import package, release

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("ocds_schema")]
FTS = ("ocds", "find-a-tender")


def load(*paths) -> dict:
    out = StringIO()
    call_command("load_ocds", *[str(p) for p in paths], "--json", stdout=out)
    result = json.loads(out.getvalue())
    assert result["releases_read"] == (
        result["releases_new"] + result["releases_unchanged"] + result["releases_quarantined"]
    ), result
    return result


def test_the_real_find_a_tender_day_is_read_and_stored_whole():
    day = sorted(require_data(*FTS, "2026-08-10").glob("page-*.json"))
    result = load(*day)
    assert result["files"] == 5 and result["releases_read"] == result["releases_new"] == 459
    assert result["releases_quarantined"] == 0 and not QuarantinedRelease.objects.exists()
    assert Release.objects.count() == 459
    # The number published as 1e9999 (page 3, which once stopped at it) is kept as its text.
    lots = Release.objects.get(release_id="075694-2026")
    assert lots.data["tender"]["lotDetails"]["maximumLotsBidPerSupplier"] == "1e9999"
    assert lots.has_warnings and "kept as the text" in lots.warnings[0]
    after = json.loads(day[2].read_text())["releases"][67:]
    assert Release.objects.filter(release_id__in=[r["id"] for r in after]).count() == 33
    # The text "1e9999" where a number belongs: stored, compiled, with its warning.
    duration = Release.objects.get(release_id="075788-2026")
    assert duration.data["tender"]["tenderPeriod"]["durationInDays"] == "1e9999"
    assert duration.warnings == [
        (
            'tender.tenderPeriod.durationInDays: the text "1e9999" where a whole number is expected;'
            ' read as "no limit"'
        )
    ]
    assert Release.objects.filter(has_warnings=True).count() == 2
    process = Process.objects.get(ocid=duration.ocid)
    assert process.data_warnings == [{"release_id": "075788-2026", "warning": duration.warnings[0]}]
    assert process.title and process.ocid in {p.ocid for p in search(OpportunitySearch())}
    # As published, every one: what is stored digests to what was recorded.
    for stored in Release.objects.all():
        assert digest_of(canonical(stored.data)) == stored.digest
    again = load(*day)
    assert again["releases_unchanged"] == 459
    assert again["releases_new"] == again["releases_quarantined"] == again["processes_updated"] == 0
    next_day = load(require_data(*FTS, "2026-08-11", "page-004.json"))
    assert next_day["releases_read"] == next_day["releases_new"] == 100
    assert next_day["releases_quarantined"] == 0


def test_every_release_read_is_counted_once_whatever_the_input(write, tmp_path):
    """releases_read = new + unchanged + quarantined (checked in `load`) on hostile input."""
    good = [json.dumps(release(ocid=f"ocds-h-{n}", release_id="1")) for n in range(4)]
    big = json.dumps(release(ocid="ocds-h-big", release_id="1"))[:-1] + ', "n": 1e9999}'
    huge = json.dumps(release(ocid="ocds-h-huge", release_id="1"))[:-1] + f', "n": {"9" * 5000}}}'
    twice = release(ocid="ocds-h-twice", release_id="1")
    changed = release(ocid="ocds-h-twice", release_id="1", tender={"title": "other"})
    whole = f'{{"releases": [{good[0]}, {big}, {good[1]}]}}'
    inputs = {
        "cut.json": whole[:-25],
        "bad-line.jsonl": "\n".join([good[0], "{broken", big, "[1]", good[2]]),
        "huge.json": f'{{"releases": [{good[0]}, {huge}, {good[3]}]}}',
        "huge.jsonl": "\n".join([good[1], huge, good[3]]),
        "dups.json": package(twice, twice, changed, "not a release", None),
        "deep.json": f'{{"releases": [{good[2]}, {"[" * 100}{"]" * 100}, {big}]}}',
        "empty.json": "",
        "not-json.json": "<html>busy</html>",
        "cut.json.gz": gzip.compress(whole.encode())[:-30],
    }
    totals = []
    for name, text in inputs.items():
        totals.append(load(write(name, text)))
    totals.append(load(*[tmp_path / name for name in inputs]))  # all again, at once
    assert totals[-1]["releases_new"] == 0
    assert totals[-1]["releases_read"] == sum(t["releases_read"] for t in totals[:-1])
    assert Release.objects.filter(ocid="ocds-h-big").get().data["n"] == "1e9999"


def test_a_process_carries_the_warnings_of_each_of_its_releases(write):
    first = release(
        release_id="n1",
        date="2025-01-10T10:00:00Z",
        tender={
            "title": "Cleaning services",
            "status": "active",
            "tenderPeriod": {"durationInDays": "1e9999"},
        },
    )
    second = release(
        release_id="n2",
        date="2025-01-12T10:00:00Z",
        tag=["award"],
        awards=[
            {
                "id": "1",
                "status": "active",
                "standstillPeriod": [{"endDate": "2025-02-01T00:00:00Z"}],
            }
        ],
    )
    load(write("one.json", package(first)))
    load(write("two.json", package(second)))  # compiled again from what was stored before
    process = Process.objects.get()
    assert [(w["release_id"], w["warning"].split(":")[0]) for w in process.data_warnings] == [
        ("n1", "tender.tenderPeriod.durationInDays"),
        ("n2", "awards.0.standstillPeriod"),
    ]
    assert process.title == "Cleaning services" and process.awards.count() == 1
    assert [p.ocid for p in search(OpportunitySearch(text="cleaning"))] == [process.ocid]
    # The award's standstill period as published is kept; the compiled process does without it.
    assert Release.objects.get(release_id="n2").data["awards"][0]["standstillPeriod"]
    assert "standstillPeriod" not in process.compiled["awards"][0]
    # Compiling again from the stored releases gives the same warnings.
    Process.objects.update(data_warnings=[])
    call_command("compile_processes", "--json", stdout=StringIO())
    assert len(Process.objects.get().data_warnings) == 2


@pytest.fixture
def warned(write):
    """Two buyers' notices with warnings (one with two releases), one clean, one unusable."""
    from tests.opportunities.conftest import release as make

    def tender(ocid, buyer, release_id="1", date="2025-01-10T10:00:00Z", **tender):
        return make(
            ocid=ocid,
            release_id=release_id,
            date=date,
            buyer={"id": buyer, "name": buyer},
            tender={"title": f"{buyer} notice", "status": "active", **tender},
        )

    releases = [
        tender("ocds-w-1", "North Council", tenderPeriod={"durationInDays": "1e9999"}),
        tender("ocds-w-1", "North Council", "2", "2025-01-11T10:00:00Z", value={"amount": "lots"}),
        tender("ocds-w-2", "North Council", contractPeriod={"durationInDays": "ninety"}),
        tender("ocds-w-3", "South Trust", title=["not", "text"]),
        tender("ocds-w-4", "Clean Council"),
        {k: v for k, v in tender("ocds-w-5", "Lost Council").items() if k != "id"},
    ]
    load(write("warned.json", package(*releases)))


def test_warnings_are_counted_per_buyer_and_listed(client_for, warned):
    client = client_for("coordinator")
    html = client.get("/opportunities/quarantine/", {"view": "warnings"}).content.decode()
    assert "Quarantine and data-quality warnings" in html
    assert "Quarantined: 1 item" in html and "Data-quality warnings: 4 releases" in html
    rows = html.split("Warnings by publisher</h2>")[1].split("<h2")[0]
    assert rows.index("North Council") < rows.index("South Trust") and "Clean Council" not in rows
    assert ">3</td>" in rows and ">2</td>" in rows  # North: 3 releases, 2 processes
    assert "4 releases with data-quality warnings" in html
    assert "tender.value.amount: text where a number is expected" in html
    assert 'href="/opportunities/ocds-w-3/"' in html
    one = client.get("/opportunities/quarantine/", {"view": "warnings", "buyer": "South Trust"})
    one = one.content.decode()
    assert "1 release with data-quality warnings" in one and "tender.title: a list" in one
    # The quarantine list is as before: what could not be loaded at all.
    html = client.get("/opportunities/quarantine/").content.decode()
    assert "1 quarantined item" in html and "&quot;id&quot; is a required property" in html
    assert "tender.title" not in html


@pytest.mark.parametrize(
    ("role", "shown"),
    [
        ("buyer", True),
        ("other_buyer", True),
        ("anchor_admin", True),
        ("coordinator", True),
        ("supplier", False),
        ("registered", False),
        ("anonymous", False),
    ],
)
def test_the_opportunity_page_shows_warnings_to_buyers_and_coordinators(
    client_for, warned, role, shown
):
    html = client_for(role).get("/opportunities/ocds-w-1/").content.decode()
    assert "North Council notice" in html  # every role sees the notice itself
    assert ("Data-quality warnings" in html) is shown
    assert ("tender.tenderPeriod.durationInDays: the text &quot;1e9999&quot;" in html) is shown
    clean = client_for(role).get("/opportunities/ocds-w-4/").content.decode()
    assert "Data-quality warnings" not in clean


def test_a_nul_character_is_kept_visible_without_stopping_the_file(write):
    """PostgreSQL stores no NUL in text or jsonb: one in a notice's text once failed the file."""
    titled = release(ocid="ocds-n-1", tender={"title": "Road\x00 works", "status": "active"})
    keyed = release(ocid="ocds-n-\x002")
    after = release(ocid="ocds-n-3")
    result = load(write("nul.json", package(titled, keyed, after)))
    assert result["releases_new"] == 2 and result["releases_quarantined"] == 1
    stored = Release.objects.get(ocid="ocds-n-1")
    assert stored.data["tender"]["title"] == "Road\ufffd works"
    assert stored.warnings == [
        (
            "tender.title: text with a NUL character (U+0000), which cannot be stored; kept with"
            " U+FFFD in its place"
        )
    ]
    assert "is not usable as a release's ocid" in QuarantinedRelease.objects.get().reason
    assert load(write("nul.json", package(titled, keyed, after)))["releases_unchanged"] == 2


def test_releases_missing_required_parts_are_stored_and_compiled(write):
    """Only ocid, id and date are needed: a release without its tag, a tender without its id,
    awards and parties without theirs is still a notice."""
    bare = {"ocid": "ocds-r-1", "id": "1", "date": "2025-01-10T10:00:00Z"}
    partial = {
        "ocid": "ocds-r-2",
        "id": "1",
        "date": "2025-01-10T10:00:00Z",
        "tender": {"title": "Window cleaning", "status": "nonsense", "items": [{}]},
        "parties": [{"name": "Town Council", "roles": ["buyer"]}],
        "awards": [{"status": "active", "suppliers": [{"name": "Clear View Ltd"}]}],
        "contracts": [{"awardID": "1"}],
        "tag": "tender",
    }
    result = load(write("partial.json", package(bare, partial)))
    assert result["releases_new"] == 2 and result["releases_quarantined"] == 0
    assert Process.objects.count() == 2
    warnings = Release.objects.get(ocid="ocds-r-2").warnings
    assert any(w.startswith('tender: "id" is a required property') for w in warnings)
    assert any(w.startswith("tag: text where a list is expected") for w in warnings)
    assert Process.objects.get(ocid="ocds-r-2").title == "Window cleaning"
    assert [p.ocid for p in search(OpportunitySearch(text="window cleaning"))] == ["ocds-r-2"]
