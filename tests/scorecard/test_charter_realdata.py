"""Each anchor's progress on the real Find a Tender days: the figures from every buyer's tables
read once and split by anchor are those of each anchor's scorecard read alone, for every
commitment of the charter, and single bidding agrees with a plain loop over the files."""

from pathlib import Path

import pytest

from network.models import Organisation
from opportunities.loading import Loader
from scorecard import charter
from scorecard.charter_sync import sync_charter
from scorecard.gathering import organisation_buyer
from scorecard.models import Commitment
from scorecard.report import scorecard
from tests.conftest import require_data
from tests.scorecard.realdata import real_releases

pytestmark = pytest.mark.django_db

ANCHORS = {"Birmingham City Council": "council", "Coventry University": "university"}


@pytest.fixture
def real_anchors():
    for name, kind in ANCHORS.items():
        Organisation.objects.create(name=name, kind=kind, is_network_member=True)
    paths = []
    for day in ("2026-08-10", "2026-08-11"):
        paths += sorted(require_data("ocds", "find-a-tender", day).glob("page-*.json"))
    Loader().load([(Path(p), str(p)) for p in paths])
    sync_charter()
    return charter.network_anchors()


def test_each_anchors_part_is_its_scorecard_read_alone(real_anchors):
    alone = {o.pk: scorecard(organisation_buyer(o)).figures for o in real_anchors}
    checked = 0
    for commitment in Commitment.objects.exclude(indicator=""):
        assert commitment.indicator in next(iter(alone.values())), commitment.indicator
        for row in charter.anchors_progress(commitment, real_anchors):
            own = alone[row.organisation.pk][commitment.indicator]
            assert (row.figure.value, row.figure.denominator) == (own.value, own.denominator)
            checked += 1
    assert checked >= 2 * 4  # lots, UK2 before UK4, direct awards, single bidding


def test_single_bidding_against_a_plain_loop(real_anchors):
    """Per anchor, lots with a published bids count (the latest release of each process and lot
    wins) and how many had one bid, counted from the files directly."""
    latest: dict[tuple[str, str, str], tuple[str, float]] = {}
    for release in real_releases():
        name = (release.get("buyer") or {}).get("name") or ""
        for statistic in (release.get("bids") or {}).get("statistics") or []:
            if statistic.get("measure") != "bids" or name not in ANCHORS:
                continue
            key = (name, release["ocid"], str(statistic.get("relatedLot") or ""))
            if key not in latest or release["date"] >= latest[key][0]:
                latest[key] = (release["date"], float(statistic["value"]))
    plain = {name: [0, 0] for name in ANCHORS}
    for (name, _ocid, _lot), (_date, bids) in latest.items():
        plain[name][1] += 1
        plain[name][0] += bids == 1
    single = Commitment.objects.get(slug="reduce-single-bidding")
    found = {
        row.organisation.name: [row.figure.numerator, row.figure.denominator]
        for row in charter.anchors_progress(single, real_anchors)
    }
    assert found == plain
    assert sum(total for _single, total in plain.values()) > 0  # the real days publish bids
