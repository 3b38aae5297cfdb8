"""Postcode normalisation (reference/postcodes.py): pure functions, no database."""

import pytest

from reference.postcodes import normalise_postcode, postcode_area


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("b11bb", "B1 1BB"),
        ("CV1 5RR", "CV1 5RR"),
        (" wv10  0qp ", "WV10 0QP"),
        ("EC1A1BB", "EC1A 1BB"),
    ],
)
def test_postcodes(raw, expected):
    assert normalise_postcode(raw) == expected


@pytest.mark.parametrize("raw", ["", "B1", "Q1 1AA", "B1 1BBB", "12345"])
def test_bad_postcodes(raw):
    with pytest.raises(ValueError):
        normalise_postcode(raw)


def test_postcode_area():
    assert postcode_area("B1 1BB") == "B"
    assert postcode_area("CV1 5RR") == "CV"
