"""Progress against commitments, worked by hand. No database."""

from datetime import date

from scorecard.charter_progress import met, progress
from scorecard.indicators.registry import Figure


def test_met_at_least_and_at_most():
    assert met(0.5, 0.4, "at_least") is True
    assert met(0.3, 0.4, "at_least") is False
    assert met(0.3, 0.4, "at_most") is True
    assert met(None, 0.4, "at_least") is None
    assert met(0.3, None, "at_most") is None


def test_progress_reads_figures_and_adoptions():
    commitments = [
        {
            "slug": "lots",
            "title": "Divide into lots",
            "indicator": "lots_share",
            "target": 0.5,
            "comparison": "at_least",
        },
        {
            "slug": "engage",
            "title": "Engage the market",
            "indicator": "",
            "target": None,
            "comparison": "at_least",
        },
    ]
    figures = {"lots_share": Figure(0.25, 1, 4)}
    found = progress(commitments, {"lots": date(2026, 4, 1)}, figures)
    assert [(p.slug, p.value, p.met, p.adopted_on) for p in found] == [
        ("lots", 0.25, False, date(2026, 4, 1)),
        ("engage", None, None, None),
    ]
