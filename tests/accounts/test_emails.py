"""accounts/emails.py: the one form of an email address. No database."""

import pytest

from accounts.emails import normalise_email


@pytest.mark.parametrize(
    ("written", "normal"),
    [
        ("buyer@example.org", "buyer@example.org"),
        (" Buyer@Example.ORG ", "buyer@example.org"),
        ("\tbuyer@example.org\n", "buyer@example.org"),
        ("ｂｕｙｅｒ@example.org", "buyer@example.org"),  # full-width letters are those letters
        ("", ""),
    ],
)
def test_every_spelling_of_an_address_meets_one_form(written, normal):
    assert normalise_email(written) == normal


def test_different_addresses_stay_apart():
    assert normalise_email("buyer@example.org") != normalise_email("buyer2@example.org")
