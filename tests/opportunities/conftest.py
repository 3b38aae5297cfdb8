import copy
import gzip
import json
from pathlib import Path

import pytest

from tests.conftest import require_data

CF = ("ocds", "contracts-finder")


@pytest.fixture
def cf_package():
    """The 100-release Contracts Finder package named in the brief (real data)."""
    path = require_data(*CF, "ukcontracts_cfsearchtestdata_2022-10-19_2022-10-20.json")
    return json.loads(path.read_text())


@pytest.fixture
def real_packages():
    folder = require_data(*CF)
    return sorted(folder.glob("*.json"))


@pytest.fixture
def write(tmp_path):
    """write(name, data) -> Path: JSON (or bytes/str as is), gzip when the name ends in .gz."""

    def writer(name: str, data) -> Path:
        path = tmp_path / name
        raw = (
            data
            if isinstance(data, bytes)
            else (data if isinstance(data, str) else json.dumps(data)).encode()
        )
        path.write_bytes(gzip.compress(raw) if name.endswith(".gz") else raw)
        return path

    return writer


def release(ocid="ocds-test-1", release_id="r1", date="2025-01-10T10:00:00Z", **fields):
    data = {
        "ocid": ocid,
        "id": release_id,
        "date": date,
        "tag": ["tender"],
        "initiationType": "tender",
    }
    data.update(copy.deepcopy(fields))
    if isinstance(data.get("tender"), dict):
        data["tender"].setdefault("id", f"{ocid}-tender")
    return data


def package(*releases):
    return {
        "uri": "https://example.org/p",
        "version": "1.1",
        "publishedDate": "2025-01-10T10:00:00Z",
        "publisher": {"name": "Test"},
        "releases": list(releases),
    }


# The real Find a Tender days (../shared/data, section 5), read in place: the notice model's tests
# (test_notice_model.py) and the pure modules' tests that read real notices (test_facts.py,
# test_responding.py) share them.
FTS = ("ocds", "find-a-tender")
DAY_FILES = [f"2026-08-10/page-00{n}.json" for n in range(1, 6)] + ["2026-08-11/page-004.json"]


def document_types(release: dict) -> set[str]:
    """The notice types (UK1..UK17) a release's documents publish."""
    documents = []
    for part in ("tender", "planning"):
        documents += (release.get(part) or {}).get("documents") or []
    for part in ("awards", "contracts"):
        for entry in release.get(part) or []:
            documents += entry.get("documents") or []
    return {d["noticeType"] for d in documents if d.get("noticeType")}


@pytest.fixture(scope="module")
def fts_releases():
    """Every release of the shared days by id, read with Python's own JSON reader (which takes
    1e9999)."""
    releases = []
    for name in DAY_FILES:
        releases += json.loads(require_data(*FTS, name).read_text())["releases"]
    return {r["id"]: r for r in releases}


@pytest.fixture(scope="module")
def fts_facts(fts_releases, ocds_schema):
    """fts_facts(release_id): the process facts of one real release, compiled on its own."""
    import ocdsmerge

    from opportunities.facts import process_facts

    merger = ocdsmerge.Merger(ocds_schema)

    def facts(release_id):
        release = fts_releases[release_id]
        return process_facts(release["ocid"], [release], merger.create_compiled_release([release]))

    return facts
