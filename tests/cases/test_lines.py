"""cases/lines.py: outcomes and sources written one per line, and back. No database."""

from types import SimpleNamespace

from cases.lines import OUTCOME_KINDS, outcomes_text, parse_outcomes, parse_sources, sources_text


def test_an_outcome_line_with_every_cell():
    outcomes, problems = parse_outcomes("Cost per visit | 120 | 80 | £ | Money | claim")
    assert problems == []
    assert outcomes == [
        {
            "measure": "Cost per visit",
            "baseline": "120",
            "result": "80",
            "unit": "£",
            "kind": "money",
            "is_claim": True,
        }
    ]


def test_optional_cells_default_and_blank_lines_are_skipped():
    outcomes, problems = parse_outcomes("\n  \nTonnes of CO2 saved |  | 40\n")
    assert problems == []
    assert outcomes == [
        {
            "measure": "Tonnes of CO2 saved",
            "baseline": "",
            "result": "40",
            "unit": "",
            "kind": "other",
            "is_claim": False,
        }
    ]


def test_claim_accepts_yes_and_true():
    outcomes, _ = parse_outcomes("a | | 1 | | | YES\nb | | 2 | | | true\nc | | 3 | | | no")
    assert [o["is_claim"] for o in outcomes] == [True, True, False]


def test_outcome_problems_name_their_line_and_keep_the_good_lines():
    text = "Visits | 1 | 2\nno result here\n| | 3\nWaste | 1 | 2 | t | rubbish"
    outcomes, problems = parse_outcomes(text)
    assert [o["measure"] for o in outcomes] == ["Visits"]
    assert problems == [
        (
            "Outcome line 2: give at least the measure and the result, as "
            "'measure | baseline | result | unit'"
        ),
        (
            "Outcome line 3: give at least the measure and the result, as "
            "'measure | baseline | result | unit'"
        ),
        f"Outcome line 4: the kind must be one of {', '.join(sorted(OUTCOME_KINDS))}",
    ]


def test_outcome_cells_are_cut_to_their_field_lengths():
    outcomes, _ = parse_outcomes(f"{'m' * 300} | {'b' * 150} | {'r' * 150} | {'u' * 90}")
    (outcome,) = outcomes
    assert [len(outcome[k]) for k in ("measure", "baseline", "result", "unit")] == [
        200,
        100,
        100,
        60,
    ]


def test_sources_with_and_without_an_address():
    sources, problems = parse_sources(
        "Annual report | https://example.org/report.pdf\nCommittee minutes\n\n"
    )
    assert problems == []
    assert sources == [
        {"title": "Annual report", "url": "https://example.org/report.pdf"},
        {"title": "Committee minutes", "url": ""},
    ]


def test_source_problems_name_their_line():
    sources, problems = parse_sources(
        "| https://example.org\nMinutes | ftp://example.org/x\nNotes | example.org\nOK | http://a.b"
    )
    assert sources == [{"title": "OK", "url": "http://a.b"}]
    assert problems == [
        "Source line 1: give a title",
        "Source line 2: the address must start with https://",
        "Source line 3: the address must start with https://",
    ]


def test_source_cells_are_cut_to_their_field_lengths():
    sources, _ = parse_sources(f"{'t' * 400} | https://example.org/{'p' * 600}")
    assert [len(sources[0]["title"]), len(sources[0]["url"])] == [300, 500]


def test_written_back_one_per_line_without_trailing_empty_cells():
    outcome = SimpleNamespace(
        measure="Visits", baseline="", result="2", unit="", kind="other", is_claim=False
    )
    claimed = SimpleNamespace(
        measure="Cost", baseline="1", result="2", unit="£", kind="money", is_claim=True
    )
    assert (
        outcomes_text([outcome, claimed])
        == "Visits |  | 2 |  | other\nCost | 1 | 2 | £ | money | claim"
    )
    sources = [
        SimpleNamespace(title="Report", url="https://example.org"),
        SimpleNamespace(title="Minutes", url=""),
    ]
    assert sources_text(sources) == "Report | https://example.org\nMinutes"
    assert outcomes_text([]) == "" and sources_text([]) == ""


def test_text_written_back_parses_to_the_same_outcomes():
    text = "Cost | 1 | 2 | £ | money | claim\nVisits |  | 2 |  | other"
    outcomes, _ = parse_outcomes(text)
    again = outcomes_text(SimpleNamespace(**{**o, "is_claim": o["is_claim"]}) for o in outcomes)
    assert parse_outcomes(again) == (outcomes, [])
