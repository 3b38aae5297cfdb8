"""suppliers/likeness.py: candidate pairs blocked on rare words and scored by Fellegi-Sunter, in
an in-memory DuckDB. No database of ours: frames in, a frame out."""

import polars as pl
import pytest

from core import datafiles
from suppliers.likeness import _levels, score
from suppliers.matching import RULES

MODEL = datafiles.load(RULES)["fuzzy"]

NAMES = pl.DataFrame(
    {
        "id": [1, 2, 3, 4],
        "normalised_name": [
            "mulderrings cleaning",
            "city catering",
            "northfield widgets",
            "acme plumbing",
        ],
    }
)
ENTRIES = pl.DataFrame({"id": [1, 2, 3, 4], "postcode": ["B1 1AA", "", "WV1 1AA", ""]})


def queries(*rows):
    return pl.DataFrame(
        list(rows), schema=["payee_id", "normalised_name", "hint", "postcode"], orient="row"
    )


def test_slips_in_a_rare_word_still_meet_their_entry():
    found = score(
        queries(
            (10, "muxderrings cleaning", "", ""),
            (12, "northfield widgeys", "", ""),
        ),
        NAMES,
        ENTRIES,
        MODEL,
    )
    assert dict(zip(found["payee_id"], found["id"], strict=True)) == {10: 1, 12: 3}
    assert found["probability"].min() > 0.9
    assert set(found.columns) == {
        "payee_id",
        "id",
        "hint",
        "jw",
        "shared",
        "words",
        "rare",
        "rare_n",
        "probability",
    }


def test_a_name_sharing_nothing_finds_nothing():
    assert score(queries((11, "zebra holdings", "", "")), NAMES, ENTRIES, MODEL).is_empty()


def test_the_same_postcode_raises_the_probability_and_another_lowers_it():
    def probability(postcode):
        found = score(queries((10, "muxderrings cleaning", "", postcode)), NAMES, ENTRIES, MODEL)
        return found["probability"].item()

    assert probability("B1 1AA") > probability("") > probability("DY1 1AA")


def test_several_forms_of_one_payee_give_one_row_per_entry():
    found = score(
        queries((13, "acme plumbing", "", ""), (13, "acme plumbing", "removing 'the'", "")),
        NAMES,
        ENTRIES,
        MODEL,
    )
    assert found.select("payee_id", "id").rows() == [(13, 4)]
    assert found["jw"].item() == pytest.approx(1.0)


def test_at_most_the_configured_candidates_per_payee_above_the_floor():
    names = pl.DataFrame(
        {"id": list(range(1, 7)), "normalised_name": [f"quokka care {i}" for i in range(1, 7)]}
    )
    entries = pl.DataFrame({"id": list(range(1, 7)), "postcode": [""] * 6})
    found = score(queries((1, "quokka care", "", "")), names, entries, MODEL)
    assert 0 < found.height <= MODEL["candidates_per_payee"]
    assert score(queries((1, "quokka care", "", "")), names, entries, MODEL, floor=1.0).is_empty()


def test_levels_are_a_case_of_bayes_factors_in_order():
    assert _levels("jw", [{"at_least": 0.9, "m": 0.5, "u": 0.25}], "at_least") == (
        "CASE WHEN jw >= 0.9 THEN CAST(2.0 AS DOUBLE) ELSE 1.0 END"
    )
    assert _levels("n", [{"at_most": 5, "m": 0.3, "u": 0.1}], "at_most").startswith(
        "CASE WHEN n <= 5 THEN"
    )
