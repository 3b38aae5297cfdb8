"""Bid-statistics indicators: worked examples (the latest release wins per process and lot) and
the real Find a Tender days against a plain loop over the release files. No database."""

import pytest

from scorecard.indicators.bids import (
    single_bid_share,
    sme_final_stage_share,
    vcse_final_stage_share,
)
from scorecard.notice_table import tables
from tests.scorecard.realdata import real_releases


def _release(rid, date, stats, ocid="ocds-1"):
    return {
        "ocid": ocid,
        "id": rid,
        "date": date,
        "bids": {
            "statistics": [{"measure": m, "value": v, "relatedLot": lot} for lot, m, v in stats]
        },
    }


def _tables(releases):
    return tables((r, "k", "", True, False) for r in releases)


def test_the_latest_release_wins_per_process_and_lot():
    releases = [
        _release("a", "2026-01-01T00:00:00Z", [("1", "bids", 1), ("2", "bids", 1)]),
        _release("b", "2026-02-01T00:00:00Z", [("1", "bids", 4)]),  # corrects lot 1
        _release("c", "2026-01-15T00:00:00Z", [("1", "bids", 1)], ocid="ocds-2"),
    ]
    figure = single_bid_share(_tables(releases))
    assert (figure.numerator, figure.denominator) == (2, 3)  # ocds-1 lot 2, ocds-2 lot 1


def test_final_stage_shares_need_both_figures():
    releases = [
        _release(
            "a",
            "2026-01-01T00:00:00Z",
            [
                ("1", "finalStageBids", 4),
                ("1", "smeFinalStageBids", 3),
                ("1", "vcseFinalStageBids", 1),
                ("2", "finalStageBids", 6),  # no SME figure: left out of the SME share
                ("2", "vcseFinalStageBids", 0),
            ],
        )
    ]
    sme = sme_final_stage_share(_tables(releases))
    assert (sme.numerator, sme.denominator, sme.value) == (3, 4, 0.75)
    vcse = vcse_final_stage_share(_tables(releases))
    assert (vcse.numerator, vcse.denominator) == (1, 10)
    assert sme_final_stage_share(_tables([])).value is None


def _plain_latest(releases, measures):
    """Per (ocid, lot), the latest release's statistics that give every one of `measures`."""
    found = {}
    for release in sorted(releases, key=lambda r: (r["date"], r["id"])):
        per_lot = {}
        for s in (release.get("bids") or {}).get("statistics") or []:
            if isinstance(s.get("value"), int | float):
                per_lot.setdefault(s.get("relatedLot") or "", {})[s["measure"]] = s["value"]
        for lot, values in per_lot.items():
            if all(m in values for m in measures):
                found[(release["ocid"], lot)] = values
    return found


def test_on_the_real_days_against_a_plain_loop():
    releases = real_releases()
    table = _tables(releases)
    with_bids = _plain_latest(releases, ["bids"])
    single = single_bid_share(table)
    assert single.denominator == len(with_bids) > 0
    assert single.numerator == sum(1 for v in with_bids.values() if v["bids"] == 1)
    both = _plain_latest(releases, ["finalStageBids", "smeFinalStageBids"])
    sme = sme_final_stage_share(table)
    assert sme.denominator == sum(v["finalStageBids"] for v in both.values()) > 0
    assert sme.numerator == sum(v["smeFinalStageBids"] for v in both.values())
    assert sme.value == pytest.approx(sme.numerator / sme.denominator)
    vcse_both = _plain_latest(releases, ["finalStageBids", "vcseFinalStageBids"])
    vcse = vcse_final_stage_share(table)
    assert vcse.numerator == sum(v["vcseFinalStageBids"] for v in vcse_both.values())
