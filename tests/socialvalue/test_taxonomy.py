"""The Social Value Model as data (PPN 002, OGL): shape, sources, the attribution, and none of the
National TOMs (CC BY-NC-ND)."""

import json
import re
from decimal import Decimal

from core import datafiles
from socialvalue import taxonomy


def test_the_model_has_five_missions_and_eight_outcomes():
    assert [m["key"] for m in taxonomy.missions()] == [
        "growth",
        "clean-energy",
        "safer-streets",
        "opportunity",
        "health",
    ]
    outcomes = taxonomy.outcomes()
    assert [o["number"] for o in outcomes] == list(range(1, 9))
    missions = {m["key"] for m in taxonomy.missions()}
    assert all(o["mission"] in missions for o in outcomes)


def test_every_metric_belongs_to_an_outcome_and_has_a_unit_and_source():
    keys = {o["key"] for o in taxonomy.outcomes()}
    metrics = taxonomy.model_metrics()
    assert len(metrics) == 13
    assert len({m.key for m in metrics}) == len(metrics)
    for metric in metrics:
        assert metric.outcome in keys and metric.unit and metric.source
        assert metric.marker in {"V", "S", "U"}


def test_what_was_not_confirmed_says_so():
    unconfirmed = [m for m in taxonomy.model_metrics() if m.marker == "U"]
    assert unconfirmed and all(m.caution == "check before relying on this" for m in unconfirmed)


def test_the_file_states_the_crown_copyright_and_the_open_government_licence():
    words = taxonomy.attribution()
    assert "Crown copyright" in words and "Open Government Licence v3.0" in words
    sources = datafiles.read(("socialvalue", "social_value_model")).sources
    assert "gov.uk/government/publications/ppn-002" in sources["ppn002"]["url"]


def test_no_national_toms_wording_or_codes():
    text = datafiles.path_of(("socialvalue", "social_value_model")).read_text(encoding="utf-8")
    proxies = datafiles.path_of(("socialvalue", "proxy_values")).read_text(encoding="utf-8")
    for document in (text, proxies):
        content = json.dumps(json.loads(document)["content"])
        assert "TOMs" not in content and "Themes, Outcomes and Measures" not in content
        assert not re.search(r"\bNT\s?\d+\b", content), "a National TOMs reference code"


def test_local_metrics_sit_beside_the_models_and_never_replace_one():
    local = taxonomy.local_metric("food-miles", "Food miles saved", "miles", "", "Network, 2026")
    merged = taxonomy.all_metrics([local])
    assert merged["local-food-miles"].is_local
    assert merged["apprenticeships"].marker != "local"
    same_key = taxonomy.local_metric("local-apprenticeships", "x", "y", "", "z")
    assert taxonomy.all_metrics([same_key])["apprenticeships"].title != "x"
    tree = taxonomy.tree(local_metrics=[local])
    assert tree[-1]["title"] == "Other metrics"
    assert tree[-1]["outcomes"][0]["metrics"] == [local]


def test_a_local_outcome_is_shown_under_its_mission():
    tree = taxonomy.tree(
        local_outcomes=[
            {"key": "local-food", "title": "Local food", "mission": "health", "source": "Network"}
        ]
    )
    health = next(m for m in tree if m["key"] == "health")
    assert health["outcomes"][-1]["title"] == "Local food"
    assert health["outcomes"][-1]["marker"] == "local"


def test_no_proxy_values_until_the_network_chooses_a_set():
    assert taxonomy.proxy_sets() == []
    assert taxonomy.proxy_for("apprenticeships") is None
    assert taxonomy.proxy_for("apprenticeships", "anything") is None


def test_a_chosen_proxy_set_gives_its_value_and_source(monkeypatch):
    file = datafiles.DataFile(
        path=datafiles.path_of(("socialvalue", "proxy_values")),
        version="2026-12-03",
        effective_from=None,
        description="",
        sources={"ours": {"id": "ours", "document": "Network board, 2026", "covers": "all"}},
        content={
            "chosen": "board",
            "proxy_sets": [
                {
                    "id": "board",
                    "title": "Board",
                    "source": "ours",
                    "values": {"apprenticeships": "2500.00"},
                }
            ],
        },
    )
    monkeypatch.setattr(taxonomy, "_proxy_file", lambda: file)
    assert taxonomy.proxy_for("apprenticeships") == (Decimal("2500.00"), "Network board, 2026")
    assert taxonomy.proxy_for("apprenticeships", "other") is None
