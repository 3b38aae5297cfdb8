"""ocid_prefixes.py: who published a process, as its ocid says. Checked against the shared real
notices (../shared/data), the links made from them and the sample notices. No database."""

import json

from opportunities.notice_links import notice_url
from opportunities.ocid_prefixes import CF_PREFIX, FTS_PREFIX, SAMPLE_PREFIX
from tests.conftest import require_data
from tests.opportunities.conftest import DAY_FILES, FTS


def test_the_prefixes_are_distinct_ocds_prefixes():
    prefixes = [FTS_PREFIX, CF_PREFIX, SAMPLE_PREFIX]
    assert len(set(prefixes)) == 3
    assert all(p.startswith("ocds-") and p.endswith("-") for p in prefixes)
    assert not any(a != b and b.startswith(a) for a in prefixes for b in prefixes)


def test_every_real_find_a_tender_release_has_the_find_a_tender_prefix():
    ocids = set()
    for name in DAY_FILES:
        ocids |= {r["ocid"] for r in json.loads(require_data(*FTS, name).read_text())["releases"]}
    assert ocids and all(ocid.startswith(FTS_PREFIX) for ocid in ocids)
    assert not any(ocid.startswith((CF_PREFIX, SAMPLE_PREFIX)) for ocid in ocids)


def test_every_real_contracts_finder_release_has_the_contracts_finder_prefix(real_packages):
    ocids = {r["ocid"] for path in real_packages for r in json.loads(path.read_text())["releases"]}
    assert ocids and all(ocid.startswith(CF_PREFIX) for ocid in ocids)


def test_the_prefix_decides_the_official_link():
    assert notice_url({"ocid": f"{FTS_PREFIX}06e0b1", "id": "075962-2026"}).startswith(
        "https://www.find-tender.service.gov.uk/Notice/"
    )
    assert notice_url({"ocid": f"{SAMPLE_PREFIX}1", "id": "075962-2026"}) == ""
