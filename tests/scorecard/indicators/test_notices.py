"""Indicators over the notices: worked examples, and the real Find a Tender day against counts
made by a plain loop over the release files. No database."""

from scorecard.indicators.notices import direct_award_share, lots_share
from scorecard.notice_table import tables
from tests.scorecard.realdata import real_releases, types_by_plain_loop


def _tables(releases, in_period=True):
    return tables((r, "k", "", in_period, False) for r in releases)


def test_lots_share_by_hand():
    releases = [
        {
            "id": "1",
            "tender": {"lots": [{"id": "1"}, {"id": "2"}], "documents": [{"noticeType": "UK4"}]},
        },
        {"id": "2", "tender": {"lots": [{"id": "1"}], "documents": [{"noticeType": "UK4"}]}},
        {
            "id": "3",
            "tender": {"lots": [{"id": "1"}, {"id": "2"}], "documents": [{"noticeType": "UK2"}]},
        },
    ]
    figure = lots_share(_tables(releases))
    assert (figure.numerator, figure.denominator, figure.value) == (1, 2, 0.5)
    assert figure.behind.height == 2
    assert lots_share(_tables(releases, in_period=False)).value is None


def test_direct_award_share_by_hand():
    releases = [
        {"id": "1", "tender": {"documents": [{"noticeType": "UK4"}]}},
        {"id": "2", "tender": {"documents": [{"noticeType": "UK5"}]}},
        {"id": "3", "tender": {"documents": [{"noticeType": "UK5"}]}},
        {"id": "4", "tender": {"documents": [{"noticeType": "UK6"}]}},
    ]
    figure = direct_award_share(_tables(releases))
    assert (figure.numerator, figure.denominator) == (2, 3)


def test_on_the_real_day_against_a_plain_loop():
    releases = real_releases()
    table = _tables(releases)
    uk4 = [r for r in releases if "UK4" in types_by_plain_loop(r)]
    uk5 = [r for r in releases if "UK5" in types_by_plain_loop(r)]
    divided = [r for r in uk4 if len((r.get("tender") or {}).get("lots") or []) >= 2]
    lots = lots_share(table)
    assert (lots.numerator, lots.denominator) == (len(divided), len(uk4))
    assert len(uk4) > 0 and 0 < len(divided) < len(uk4)
    direct = direct_award_share(table)
    assert (direct.numerator, direct.denominator) == (len(uk5), len(uk4) + len(uk5))
    assert len(uk5) > 0
