"""Query expansion (pure): synonyms from the data file and CPV descriptions, bounded."""

import json

import pytest

from core import datafiles
from opportunities import expansion
from opportunities.expansion import (
    CpvVocabulary,
    default_synonyms,
    expand,
    read_synonyms,
    synonyms_for,
)
from opportunities.search_index import english_analyzer

analyze = english_analyzer().analyze


def test_every_synonym_group_has_a_source_and_terms_in_one_group_only():
    groups = default_synonyms()
    assert len(groups) >= 10
    seen = {}
    for group in groups:
        assert len(group.terms) >= 2 and len(group.source) > 20
        for term in group.terms:
            key = tuple(analyze(term))
            assert key, f"{term!r} is only stop words"
            assert key not in seen, f"{term!r} is in two groups"
            seen[key] = group


def test_a_group_without_a_source_or_with_one_term_is_refused():
    with pytest.raises(ValueError, match="group 1"):
        read_synonyms(json.dumps({"groups": [{"terms": ["a", "b"], "source": " "}]}))
    with pytest.raises(ValueError, match="group 2"):
        read_synonyms(
            json.dumps(
                {"groups": [{"terms": ["a", "b"], "source": "x"}, {"terms": ["c"], "source": "y"}]}
            )
        )


def words(text):
    return analyze(text)


def test_synonyms_of_a_phrase_in_the_query_other_word_forms_included():
    groups = default_synonyms()
    found = synonyms_for(words("help for victims of violence at home"), groups, analyze)
    assert "domestic abuse" in found and "violence at home" not in found
    assert "insulation" in synonyms_for(words("Retrofits of council homes"), groups, analyze)
    assert synonyms_for(words("school transport"), groups, analyze)[0] == "home-to-school transport"
    assert synonyms_for(words("violence"), groups, analyze) == []  # a part of a term is not it
    assert synonyms_for(words("zebra crossing"), groups, analyze) == []


def test_narrower_terms_are_searched_for_the_wider_term_only():
    groups = default_synonyms()
    assert "council homes" in synonyms_for(words("housing"), groups, analyze)
    assert "housing" not in synonyms_for(words("council homes"), groups, analyze)
    assert "social housing" in synonyms_for(words("council homes"), groups, analyze)


def test_synonyms_are_capped(monkeypatch):
    groups = read_synonyms(
        json.dumps({"groups": [{"terms": [f"word{n}" for n in range(20)], "source": "test"}]})
    )
    assert len(synonyms_for(["word0"], groups, analyze)) == expansion.MAX_SYNONYMS


CPV = [
    ("90900000", "Cleaning and sanitation services"),
    ("90910000", "Cleaning services"),
    ("90911200", "Building-cleaning services"),
    ("70333000", "Housing services"),
    ("85100000", "Health services"),
    ("60000000", "Transport services (excl. Waste transport)"),
    ("55523100", "School-meal services"),
]


def test_a_cpv_description_in_the_query_names_its_code_broadest_first():
    vocabulary = CpvVocabulary(CPV, analyze)
    matches = vocabulary.matches(words("cleaning services"))
    # the group (Cleaning services) covers the query; its child adds a word the query lacks;
    # Cleaning and sanitation shares half its words
    assert [(m.code, m.prefix, m.coverage) for m in matches] == [
        ("90910000", "9091", 1.0),
        ("90900000", "909", 0.5),
    ]
    assert [m.code for m in vocabulary.matches(words("housing"))] == ["70333000"]
    assert vocabulary.matches(words("services")) == []  # only a word every description uses
    assert vocabulary.matches(words("zebra")) == []
    # words in brackets are not the description's own ("excl. Waste transport")
    assert [m.code for m in vocabulary.matches(words("transport"))] == ["60000000"]
    assert vocabulary.matches(words("waste")) == []


def test_a_weak_cpv_match_is_left_out_and_matches_are_capped(monkeypatch):
    vocabulary = CpvVocabulary(CPV, analyze)
    # "health" is half of "mental health" and all of "Health services": weight 0.5
    assert [m.coverage for m in vocabulary.matches(words("mental health"))] == [0.5]
    # one word of six: below the least weight kept
    assert vocabulary.matches(words("health checks for older staff at local depots")) == []
    many = CpvVocabulary([(f"{n:02d}000000", "Cleaning") for n in range(10, 20)], analyze)
    assert len(many.matches(["clean"])) == expansion.MAX_CPV_CODES


def test_expand_gives_both():
    result = expand(words("school meals"), analyze, default_synonyms(), CpvVocabulary(CPV, analyze))
    assert "school catering" in result.synonyms
    assert [m.code for m in result.cpv] == ["55523100"]
    assert not expand(words("zebra"), analyze, default_synonyms(), CpvVocabulary(CPV, analyze))


def test_stop_words_come_from_the_data_file_split_as_the_tokenizer_splits():
    from opportunities.search_index import STOP_WORDS_FILE, stop_words

    data = datafiles.read(STOP_WORDS_FILE)
    assert "snowballstem.org" in data.cite(data.source)
    assert {"the", "and", "our", "after", "can", "t", "re"} <= set(stop_words())
    assert analyze("Support when you're feeling low, after our move") == [
        "support",
        "feel",
        "low",
        "move",
    ]
