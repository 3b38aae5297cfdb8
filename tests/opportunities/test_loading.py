"""load_ocds: real data loads cleanly; bad input is quarantined with reasons; reloading is a no-op."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from opportunities.models import Award, Notice, Process, ProcessCpv, QuarantinedRelease, Release
from suppliers.models import Supplier
from tests.opportunities.conftest import package, release

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("ocds_schema")]

KEYS = {
    "files",
    "releases_read",
    "releases_new",
    "releases_unchanged",
    "releases_quarantined",
    "processes_updated",
    "seconds",
}


def load(*paths) -> dict:
    out = StringIO()
    call_command("load_ocds", *[str(p) for p in paths], "--json", stdout=out)
    return json.loads(out.getvalue())


def test_every_real_package_loads_with_nothing_quarantined(real_packages):
    result = load(*real_packages)
    assert set(result) == KEYS
    assert result["files"] == 4 and result["releases_read"] == 206
    assert result["releases_new"] == 206 and result["releases_quarantined"] == 0
    assert result["processes_updated"] == Process.objects.count() == 186
    assert Release.objects.count() == 206 and not QuarantinedRelease.objects.exists()
    again = load(*real_packages)
    assert again["releases_unchanged"] == 206
    assert again["releases_new"] == again["processes_updated"] == again["releases_quarantined"] == 0


def test_real_process_is_compiled_and_described(cf_package, write):
    load(write("cf.json", cf_package))
    ocid = "ocds-b5fd17-7d067852-1260-448e-b84a-186d028f9991"
    process = Process.objects.get(ocid=ocid)
    assert process.title == "CON-00000309: Peakon ApS Staff survey services"
    assert process.buyer_name == "NURSING AND MIDWIFERY COUNCIL"
    assert process.phase == "awarded" and process.sme_suitable is True
    assert str(process.value) == "145017.80" and process.currency == "GBP"
    assert process.notice_url.startswith("https://www.contractsfinder.service.gov.uk/Notice/")
    assert list(process.cpvs.values_list("code", "is_main")) == [("48000000", True)]
    award = Award.objects.get(process=process)
    assert [s.name for s in award.suppliers.all()] == ["Peakon ApS"]
    assert Notice.objects.filter(process=process).first().notice_type == "Award update"


def test_processes_with_several_releases_keep_every_notice(cf_package, write):
    load(write("cf.json", cf_package))
    counts = sorted(p.notices.count() for p in Process.objects.all())
    # 100 releases share 86 ocids: 12 processes have several notices, at most 3.
    assert len(counts) == 86 and sum(1 for n in counts if n > 1) == 12 and counts[-1] == 3
    assert Notice.objects.count() == 100


def test_unusable_releases_are_quarantined_and_the_rest_loads(write):
    good = release(release_id="good", tender={"title": "Good", "status": "active"})
    bad = [
        release(release_id="types", tender={"title": 12, "value": {"amount": "lots"}}),
        {k: v for k, v in release(release_id="no-ocid").items() if k != "ocid"},
        release(release_id="huge", tender={"description": "x" * 100_001}),
        release(release_id="when", date="next Tuesday"),
        {k: v for k, v in release(ocid="ocds-no-id").items() if k != "id"},
    ]
    result = load(write("mixed.json", package(good, *bad)))
    assert (
        result["releases_read"] == 6
        and result["releases_new"] == 2
        and result["releases_quarantined"] == 4
    )
    reasons = dict(QuarantinedRelease.objects.values_list("location", "reason"))
    assert set(reasons) == {"releases[2]", "releases[3]", "releases[4]", "releases[5]"}
    assert '"ocid" is a required property' in reasons["releases[2]"]
    assert (
        "tender.description: text of 100,001 characters is over the limit" in reasons["releases[3]"]
    )
    assert "date: 'next Tuesday' is not a date and time" in reasons["releases[4]"]
    assert '"id" is a required property' in reasons["releases[5]"]
    # Wrong types elsewhere: stored as published, with its warnings; the rest compiled.
    kept = Release.objects.get(release_id="types")
    assert kept.has_warnings and kept.data["tender"]["title"] == 12
    assert kept.warnings == [
        "tender.title: a number where text is expected (12)",
        "tender.value.amount: text where a number is expected ('lots')",
    ]
    assert Process.objects.get(ocid="ocds-test-1").title == "Good"
    # Loading again adds no second copy of the quarantine entries.
    load(write("mixed.json", package(good, *bad)))
    assert QuarantinedRelease.objects.count() == 4


def test_truncated_file_loads_up_to_the_cut(write):
    text = json.dumps(package(release(release_id="a"), release(release_id="b", ocid="ocds-test-2")))
    result = load(write("cut.json", text[:-40]))
    assert result["releases_new"] == 1 and result["releases_quarantined"] == 1
    entry = QuarantinedRelease.objects.get()
    assert entry.location == "releases[1]" and "truncated or malformed" in entry.reason


def test_duplicate_release_ids(write):
    first = release(release_id="same", tender={"title": "First"})
    second = release(release_id="same", tender={"title": "Second"})
    result = load(write("dup.json", package(first, second, first)))
    assert result["releases_new"] == 1 and result["releases_quarantined"] == 1
    assert result["releases_unchanged"] == 1  # the same release twice: counted, stored once
    assert "duplicate release id 'same'" in QuarantinedRelease.objects.get().reason
    # A later file reusing the id with other content is quarantined too; the first stays.
    result = load(
        write("later.json", package(release(release_id="same", tender={"title": "Third"})))
    )
    assert result["releases_quarantined"] == 1
    assert Process.objects.get().title == "First"


def test_award_id_reuse_keeps_every_release_and_is_flagged(write):
    def award_release(release_id, supplier, day):
        return release(
            release_id=release_id,
            date=f"2025-02-0{day}T00:00:00Z",
            tag=["award"],
            awards=[
                {"id": "1", "status": "active", "suppliers": [{"id": supplier, "name": supplier}]}
            ],
        )

    load(
        write(
            "fts.json",
            package(award_release("n1", "Alpha Ltd", 1), award_release("n2", "Beta Ltd", 2)),
        )
    )
    process = Process.objects.get()
    assert process.award_conflicts == [
        "award 1: release n1 and release n2 describe different awards"
    ]
    awards = Award.objects.filter(process=process).order_by("release__release_id")
    assert [a.suppliers.get().name for a in awards] == ["Alpha Ltd", "Beta Ltd"]
    assert Supplier.objects.count() == 2


def test_gzip_and_json_lines(write):
    lines = "\n".join(json.dumps(release(ocid=f"ocds-l-{n}", release_id="1")) for n in range(3))
    result = load(
        write("a.jsonl.gz", lines),
        write("b.json.gz", package(release(ocid="ocds-g", release_id="1"))),
    )
    assert result["files"] == 2 and result["releases_new"] == 4


def _deep_release(release_id, ocid="ocds-test-9", levels=300):
    """A release nested `levels` + 1 deep: more than orjson can write (254), which once stopped the
    whole file."""
    return json.dumps(release(ocid=ocid, release_id=release_id))[:-1] + (
        f', "x": {"[" * levels}{"]" * levels}}}'
    )


def test_a_release_nested_too_deep_is_quarantined_and_the_rest_loads(write):
    good = [json.dumps(release(ocid=f"ocds-d-{n}", release_id="1")) for n in range(2)]
    text = f'{{"releases": [{good[0]}, {_deep_release("deep")}, {good[1]}]}}'
    lines = "\n".join([good[0], _deep_release("deep", levels=100_000), good[1]])
    result = load(write("deep.json", text), write("deep.jsonl", lines))
    assert result["releases_new"] == 2 and result["releases_quarantined"] == 2
    entries = QuarantinedRelease.objects.order_by("location")
    assert [(e.source.rsplit("/", 1)[-1], e.location) for e in entries] == [
        ("deep.jsonl", "line 2"),
        ("deep.json", "releases[1]"),
    ]
    assert all("nested more than 64 levels deep" in e.reason for e in entries)
    assert Process.objects.count() == 2


def test_json_lines_that_are_not_releases_are_quarantined_and_the_rest_loads(write):
    lines = [json.dumps(release(ocid=f"ocds-j-{n}", release_id="1")) for n in range(2)]
    result = load(
        write("j.jsonl", "\n".join([lines[0], '{"records":[1,2]}', "[1,2]", "42", lines[1]]))
    )
    assert result["releases_new"] == 2 and result["releases_quarantined"] == 4
    assert sorted(QuarantinedRelease.objects.values_list("location", flat=True)) == [
        "line 2: records[0]",
        "line 2: records[1]",
        "line 3",
        "line 4",
    ]


def test_a_compressed_file_cut_short_loads_up_to_the_cut(tmp_path):
    import gzip

    lines = [
        json.dumps(release(ocid=f"ocds-c-{n}", release_id="1", tender={"title": f"t{n}" * 40}))
        for n in range(300)
    ]
    compressed = gzip.compress("\n".join(lines).encode())
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(compressed[: len(compressed) // 2])
    result = load(path)
    entry = QuarantinedRelease.objects.get()
    assert 50 < result["releases_new"] < 300 and result["releases_quarantined"] == 1
    assert entry.location == f"line {result['releases_new'] + 1}"
    assert f"the compressed file ends early after line {result['releases_new']}" in entry.reason


def test_a_file_is_all_or_nothing(write, monkeypatch):
    from opportunities import loading

    def fail(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(loading.Loader, "_children", fail)  # the last step of a batch
    with pytest.raises(RuntimeError):
        load(write("p.json", package(release())))
    assert not Release.objects.exists() and not Process.objects.exists()
    monkeypatch.undo()
    from opportunities.search import search
    from opportunities.search_request import OpportunitySearch

    assert search(OpportunitySearch()).count() == 0  # nothing indexed for the rolled-back file
    load(write("p.json", package(release())))
    assert search(OpportunitySearch()).count() == 1


def test_missing_file_is_a_clear_error():
    with pytest.raises(CommandError, match="No file at"):
        call_command("load_ocds", "/nowhere.json", stdout=StringIO())


def test_cpv_with_check_digit_and_additional_codes(write):
    data = release(
        tender={
            "title": "Works",
            "classification": {"scheme": "CPV", "id": "45000000-7"},
            "items": [
                {"id": "1", "additionalClassifications": [{"scheme": "CPV", "id": "45210000"}]}
            ],
        }
    )
    load(write("cpv.json", package(data)))
    cpvs = {c.code: (c.check_digit, c.is_main, c.full_code) for c in ProcessCpv.objects.all()}
    assert cpvs == {"45000000": ("7", True, "45000000-7"), "45210000": ("", False, "45210000")}


def test_the_loader_writes_every_column_of_a_process():
    from opportunities.loading import PROCESS_WRITES

    columns = {f.attname for f in Process._meta.concrete_fields} - {"id", "ocid"}
    assert set(PROCESS_WRITES) == columns and len(PROCESS_WRITES) == len(columns)


def _snapshot():
    processes = {
        p["ocid"]: {k: v for k, v in p.items() if k not in ("id", "updated_at", "buyer_id")}
        for p in Process.objects.values()
    }
    children = sorted(
        (n.process.ocid, n.release.release_id, n.notice_type) for n in Notice.objects.all()
    )
    return processes, children, sorted(ProcessCpv.objects.values_list("process__ocid", "code"))


def test_worker_processes_give_the_same_result_as_compiling_in_process(
    real_packages, monkeypatch, settings, tmp_path
):
    """Large batches compile in worker processes; small ones here. Both must store the same."""
    from opportunities import search_index
    from opportunities.compiling import Compiler
    from opportunities.search import search
    from opportunities.search_request import OpportunitySearch

    load(*real_packages)
    inline = _snapshot()
    inline_hits = [p.ocid for p in search(OpportunitySearch(text="services"))]
    Process.objects.all().delete()
    Release.objects.all().delete()
    settings.SEARCH_INDEX_DIR = tmp_path / "second-index"
    search_index.reset_cache()
    monkeypatch.setattr(Compiler, "POOL_FROM", 1)
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    pools = []
    close = Compiler.close
    monkeypatch.setattr(Compiler, "close", lambda self: (pools.append(self._pool), close(self)))
    load(*real_packages)
    assert pools and all(pool is not None for pool in pools)  # the workers did the compiling
    assert _snapshot() == inline
    assert [p.ocid for p in search(OpportunitySearch(text="services"))] == inline_hits


def test_a_reader_failure_stops_the_load_and_keeps_nothing(write, monkeypatch):
    from opportunities import loading

    real = loading.read_releases

    def failing(path):
        yield from real(path)
        raise OSError("disk went away")

    monkeypatch.setattr(loading, "read_releases", failing)
    with pytest.raises(OSError, match="disk went away"):
        load(write("p.json", package(release())))
    assert not Release.objects.exists() and not Process.objects.exists()
