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
