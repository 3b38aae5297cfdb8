"""The report's registry of sections, without a database: sections come out in their order,
whatever order they were registered in, and registering a key again replaces it."""

import pytest

from programmes import report_sections
from programmes.report_sections import Section


@pytest.fixture(autouse=True)
def empty_registry(monkeypatch):
    monkeypatch.setattr(report_sections, "_SECTIONS", {})


def test_sections_come_out_in_their_order():
    def late(programme):
        return Section("late", "Late")

    def early(programme):
        return Section("early", "Early")

    report_sections.section("late", 90)(late)
    report_sections.section("early", 10)(early)
    assert report_sections.registered() == [("early", early), ("late", late)]


def test_a_key_registered_again_replaces_the_first():
    def first(programme):
        return None

    def second(programme):
        return Section("x", "X")

    report_sections.section("x", 10)(first)
    assert report_sections.section("x", 20)(second) is second
    assert report_sections.registered() == [("x", second)]


def test_a_section_for_the_reader_is_known_by_its_entry_and_replaced_with_it():
    def public(programme):
        return None

    def for_reader(programme, viewer=None):
        return None

    report_sections.section("x", 10, for_viewer=True)(for_reader)
    assert report_sections.is_for_viewer("x")
    report_sections.section("x", 10)(public)
    assert not report_sections.is_for_viewer("x") and not report_sections.is_for_viewer("y")
