"""The indicator registry: bands, shares, and every indicator described in data. No database."""

from core import datafiles
from scorecard.indicators import INDICATORS, band_of
from scorecard.indicators.registry import share


def test_bands_read_in_order():
    lower = {"green": {"max": 0.1}, "amber": {"max": 0.2}, "red": {}}
    assert band_of(0.05, lower) == "green"
    assert band_of(0.1, lower) == "green"
    assert band_of(0.15, lower) == "amber"
    assert band_of(0.9, lower) == "red"
    higher = {"green": {"min": 0.5}, "amber": {"min": 0.3}, "red": {}}
    assert band_of(0.6, higher) == "green" and band_of(0.4, higher) == "amber"
    assert band_of(None, lower) is None and band_of(0.5, None) is None


def test_share_without_denominator_has_no_value():
    assert share(0, 0).value is None and share(0, 0).note
    assert share(1, 4).value == 0.25


def test_every_indicator_has_words_a_source_and_a_docstring():
    described = datafiles.load(("scorecard", "indicators"))["indicators"]
    assert set(INDICATORS) <= set(described)
    for name, item in INDICATORS.items():
        assert len(item.how) > 40, name
