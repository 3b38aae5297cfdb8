"""The question set (maturity/data/assessment.json): it keeps the data-file contract, is written
for the network (themes, 8-12 questions, a description per level), and every guide, case filter
and tool it links to exists. No database."""

import json

import pytest
from django.urls import reverse

from cases import guides
from challenges.routefinder import route_names
from core import datafiles
from maturity import questions
from maturity.sample_assessments import KEYS

FILE = datafiles.read(("maturity", "assessment"))
SET = questions.current()
BARRIERS = {b["slug"] for b in datafiles.load(("cases", "barriers"))["barriers"]}


def every_level():
    return [(q, level) for q in FILE.content["questions"] for level in q["levels"]]


def test_the_file_keeps_the_contract_and_is_versioned():
    document = json.loads(FILE.path.read_text(encoding="utf-8"))
    assert datafiles.problems(document, datafiles.schema_path(FILE.path)) == []
    assert SET.version == FILE.version == document["version"]


def test_questions_are_grouped_in_themes_with_a_level_each_of_the_scale():
    assert 8 <= len(SET.questions) <= 12
    scale = [number for number, _, _ in SET.scale]
    assert scale == list(range(1, len(scale) + 1)) and 4 <= len(scale) <= 5
    themes = {t.key for t in SET.themes}
    assert {q.theme for q in SET.questions} == themes, "a theme without questions, or unknown"
    for question in SET.questions:
        assert [level.level for level in question.levels] == scale, question.key
        assert all(level.good for level in question.levels)
    assert len({q.key for q in SET.questions}) == len(SET.questions)


def test_questions_read_theme_by_theme():
    order = [t.key for t in SET.themes]
    seen = [order.index(q.theme) for q in SET.questions]
    assert seen == sorted(seen)


def test_every_guide_slug_named_is_a_guide():
    slugs = {guide.slug for guide in guides.all_guides()}
    named = {slug for _, level in every_level() for slug in level["guides"]}
    assert named and named <= slugs, named - slugs


def test_every_case_link_filters_by_a_barrier_or_route_that_exists_or_by_words():
    routes = {route for route, _ in route_names()}
    for question, level in every_level():
        for link in level["cases"]:
            if "barrier" in link:
                assert link["barrier"] in BARRIERS, (question["key"], link)
            elif "route" in link:
                assert link["route"] in routes, (question["key"], link)
            else:
                assert link["q"].strip()


def test_every_tool_is_a_page_of_the_product():
    for _, level in every_level():
        for tool in level.get("tools", []):
            assert reverse(tool["url_name"])


def test_every_source_named_is_listed_and_shown_in_readers_words():
    listed = set(FILE.sources)
    for question in FILE.content["questions"]:
        assert set(question.get("see_also", [])) <= listed, question["key"]
    assert all(".json" not in q.source and "RULES.md" not in q.source for q in SET.questions)


def test_a_level_links_the_case_library_with_its_filter():
    question = SET.question("risk-appetite")
    assert question.level(1).cases[0].target == "barrier=risk-appetite"
    assert question.level(9) is None


def test_the_sample_answers_use_the_questions_keys():
    assert set(KEYS) == {q.key for q in SET.questions}


@pytest.mark.parametrize("marker", ["U"])
def test_unconfirmed_entries_say_so(marker):
    flagged = [q for q in FILE.content["questions"] if q["marker"] == marker]
    assert all(SET.question(q["key"]).unconfirmed for q in flagged)
