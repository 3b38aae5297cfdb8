"""What the programme report reads (maturity/summaries.py): each anchor's latest level per theme
and overall, with the change since its previous completed self-assessment."""

from decimal import Decimal

from maturity import questions, summaries
from tests.maturity.helpers import completed, draft

SET = questions.current()


def test_latest_levels_per_theme_and_change_for_the_anchors_asked(world):
    completed(world.home, 1, (2025, 6, 1))
    completed(world.home, 3, (2026, 6, 1), is_sample=True)
    draft(world.other, {SET.questions[0].key: 4})
    rows = summaries.for_anchors([world.home.pk, world.other.pk])
    home, other = rows
    assert home.organisation == "Home Council" and home.assessed_on.isoformat() == "2026-06-01"
    assert home.overall.level == 3 and home.overall.change == Decimal("2.0") and home.is_sample
    assert [t.title for t in home.themes] == [t.title for t in SET.themes]
    assert all(t.level == 3 and t.change == Decimal("2.0") for t in home.themes)
    assert other.overall is None and other.assessed_on is None  # only a draft

    headers, table = summaries.table(rows)
    assert headers[:5] == ("Anchor", "Assessed on", "Overall level", "Overall score", "Change")
    assert table[0][:5] == (
        "Home Council (sample data)",
        "2026-06-01",
        "3. Established",
        3.0,
        "up 2.0",
    )
    assert table[0][5] == "3. Established (up 2.0)"
    assert table[1][:2] == ("Other Trust", "Not yet")


def test_an_anchor_assessed_once_has_no_change(world):
    completed(world.home, 2, (2026, 6, 1))
    (row,) = summaries.for_anchors([world.home.pk])
    assert row.overall.change is None
    assert summaries.table([row])[1][0][4] == ""
