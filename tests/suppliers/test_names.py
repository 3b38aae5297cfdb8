"""suppliers/names.py: one normal form of a supplier's name. No database."""

import pytest

from suppliers.names import normalise_name


@pytest.mark.parametrize(
    ("name", "normal"),
    [
        ("The Acme (UK) Ltd.", "acme"),
        ("ACME LIMITED", "acme"),
        ("Acme Co Ltd Ltd", "acme"),  # legal words stripped repeatedly from the end
        ("Acme Holdings Group plc", "acme"),
        ("Smith & Sons Holdings Ltd", "smith and sons"),
        ("Café Nero Group plc", "cafe nero"),  # accents folded
        ("A B C Cleaning Limited", "abc cleaning"),  # initials joined
        ("J Smith t/a Smith Plumbing", "j smith"),  # the proprietor, not the trading name
        ("Acme Trading As Foo", "acme"),
        ("Acme (GB) Services", "acme services"),
        ("  Acme   -  Services, ", "acme services"),
        ("Limited Editions Ltd", "limited editions"),  # a legal word at the start stays
        ("", ""),
        (None, ""),
    ],
)
def test_normalise_name(name, normal):
    assert normalise_name(name) == normal


def test_the_same_organisation_written_differently_meets_one_form():
    forms = {
        normalise_name(n)
        for n in ("The Acme (UK) Limited", "ACME LTD", "Acme Ltd.", "acme plc", "Acme")
    }
    assert forms == {"acme"}


def test_different_organisations_stay_apart():
    assert normalise_name("Acme Cleaning Ltd") != normalise_name("Acme Catering Ltd")
