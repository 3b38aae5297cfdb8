"""`anchorhub scorecard` on the real Find a Tender day: the --json keys of issue 16, the counts
against a plain loop over the files, one buyer, the period, and clear refusals."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from opportunities.loading import Loader
from tests.conftest import require_data
from tests.scorecard.realdata import real_releases, types_by_plain_loop

pytestmark = pytest.mark.django_db


@pytest.fixture
def real_days():
    paths = []
    for day in ("2026-08-10", "2026-08-11"):
        paths += sorted(require_data("ocds", "find-a-tender", day).glob("page-*.json"))
    Loader().load([(Path(p), str(p)) for p in paths])


def run(*args) -> dict:
    out = StringIO()
    call_command("scorecard", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


def test_every_buyer_keys_and_counts_against_a_plain_loop(real_days):
    card = run()
    assert set(card) == {"buyer", "since", "until", "notices", "indicators", "ring_awards"}
    assert card["ring_awards"] == []  # rings are an anchor's, not every buyer's together
    plain: dict[str, int] = {}
    for release in real_releases():
        for kind in types_by_plain_loop(release):
            plain[kind] = plain.get(kind, 0) + 1
    assert card["notices"] == dict(sorted(plain.items(), key=lambda item: int(item[0][2:])))
    lots = card["indicators"]["lots_share"]
    for figure in card["indicators"].values():
        assert set(figure) == {"value", "numerator", "denominator", "band"}
    assert {"pipeline_published", "spend_without_notice", "sme_award_value_share"} <= set(
        card["indicators"]
    )
    assert lots["denominator"] == plain["UK4"]
    direct = card["indicators"]["direct_award_share"]
    assert direct["numerator"] == plain["UK5"]
    assert direct["band"] in {"green", "amber", "red"}


def test_the_period_selects_releases_by_date(real_days):
    day = run("--since", "2026-08-11", "--until", "2026-08-11")
    plain = sum(
        1
        for r in real_releases()
        if r["date"].startswith("2026-08-11") and "UK7" in types_by_plain_loop(r)
    )
    assert day["since"] == day["until"] == "2026-08-11"
    assert day["notices"].get("UK7", 0) == plain
    assert run("--until", "2020-01-01")["notices"] == {}


def test_one_buyer_named_in_the_notices(real_days):
    releases = real_releases()
    name = next(r["buyer"]["name"] for r in releases if (r.get("buyer") or {}).get("name"))
    card = run("--buyer", name)
    assert card["buyer"]
    assert sum(card["notices"].values()) >= 1


def test_bad_input_is_refused_with_what_to_do():
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("scorecard", "--since", "1 April")
    with pytest.raises(CommandError, match="swap"):
        call_command("scorecard", "--since", "2026-05-01", "--until", "2026-04-01")
    with pytest.raises(CommandError, match="No buyer"):
        call_command("scorecard", "--buyer", "Nobody at all")
