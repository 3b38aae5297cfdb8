"""A search as a query of the search index (search_index.py): text as any of the words, BM25 with
the title first, all the words and the phrase above, widened by synonyms and CPV descriptions
scored below the words typed (expansion.py, decision 0014); places; and every filter."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from time import monotonic

import tantivy

from opportunities import area_search, search_index
from opportunities.expansion import CpvVocabulary, Expansion, default_synonyms, expand
from opportunities.search_index import BOOSTS, SCHEMA, TEXT_FIELDS, english_analyzer, get_index
from opportunities.search_request import (
    VALUE_BANDS,
    OpportunitySearch,
    day_end,
    day_start,
)
from reference import places
from reference.cpv import significant_prefix
from reference.models import CpvCode


def location_query(location: str) -> tantivy.Query:
    """Delivered in the place (scored 1), or in a wider area that includes it (scored less, so
    ranked after); a place we do not know (the search form refuses one) by its words."""
    place = places.resolve(location)
    if place is None:
        options = [_term("postcode", location.strip().upper())]
        in_text = _words("location", location)
        if in_text is not None:
            options.append(in_text)
        return _any(*options)
    inside = [_term("area", key) for key in place.inside]
    inside += [_term("postcode", prefix) for prefix in place.postcodes]
    options = [tantivy.Query.const_score_query(_any(*inside), 1.0)]
    if place.wider:
        wider = _any(*(_term("area_stated", key) for key in place.wider))
        options.append(tantivy.Query.const_score_query(wider, WIDER_SCORE))
    return _any(*options)


WIDER_SCORE = 0.25


# Characters the index's query language would read as syntax; people type them in titles ("Lot 1:").
SYNTAX = re.compile(r"[:()\[\]{}^~*!+<>=\\/|&?]")


WORDS = re.compile(r"[a-z0-9]+")


Occur = tantivy.Occur


def _term(name: str, value) -> tantivy.Query:
    return tantivy.Query.term_query(SCHEMA, name, value)


def _all(*queries: tantivy.Query) -> tantivy.Query:
    return tantivy.Query.boolean_query([(Occur.Must, q) for q in queries])


def _any(*queries: tantivy.Query) -> tantivy.Query:
    return tantivy.Query.boolean_query([(Occur.Should, q) for q in queries])


def _dates(name: str, low=None, high=None, *, include_high=True) -> tantivy.Query:
    return tantivy.Query.range_query(
        SCHEMA, name, tantivy.FieldType.Date, low, high, include_upper=include_high
    )


def _words(name: str, text: str) -> tantivy.Query | None:
    """All of these words, in this order, in a field with the default (lower-case) tokenizer."""
    words = WORDS.findall(text.lower())
    if not words:
        return None
    if len(words) == 1:
        return _term(name, words[0])
    return tantivy.Query.phrase_query(SCHEMA, name, words)


# How the words of a search are scored (BM25 throughout, title > buyer and lots > description):
# every word is optional; a notice with all the words, and one with them as a phrase, gets their
# scores again; expanded terms score below the words typed. Decision 0014.
ALL_WORDS_BOOST = 1.0


PHRASE_BOOST = 1.0


PHRASE_FIELDS = ("title", "body")


SYNONYM_WEIGHT = 0.4


MAX_TERMS = 32  # words of a search searched (a pasted page would otherwise search them all)


CPV_SCORE = 3.0  # a notice classified under a CPV code the query names, at full coverage


EXCLUDED = re.compile(r'(?<!\S)-("[^"]*"|[^\s"]+)')


OPERATORS = re.compile(r"\b(?:AND|OR|NOT)\b")


ANALYZE = english_analyzer().analyze


def _clean(text: str) -> str:
    text = SYNTAX.sub(" ", text)
    if text.count('"') % 2:
        text = text.replace('"', " ")
    return re.sub(r"(?<=\S)-|-(?=\s|$)", " ", text)  # only a leading hyphen excludes


def _parse(
    text: str, *, all_words: bool, boosts: dict | None = None, fields=TEXT_FIELDS
) -> tantivy.Query:
    parsed, _errors = get_index().parse_query_lenient(
        text,
        list(fields),
        field_boosts=BOOSTS if boosts is None else boosts,
        conjunction_by_default=all_words,
    )
    return parsed


_cpv_cache: dict[str, tuple[float, CpvVocabulary]] = {}


CPV_CACHE_SECONDS = 600


def cpv_vocabulary() -> CpvVocabulary:
    """The CPV descriptions loaded by `load_reference`, analysed once per process (re-read after
    CPV_CACHE_SECONDS, or when tests reset the search caches)."""
    cached = _cpv_cache.get("cpv")
    if cached is None or monotonic() - cached[0] > CPV_CACHE_SECONDS:
        entries = CpvCode.objects.order_by("code").values_list("code", "description")
        cached = (monotonic(), CpvVocabulary(entries, ANALYZE))
        _cpv_cache["cpv"] = cached
    return cached[1]


def reset_caches() -> None:
    """Forget open indexes and the CPV vocabulary (tests switch databases and index folders)."""
    search_index.reset_cache()
    area_search.reset_cache()
    _cpv_cache.clear()


def query_words(text: str) -> list[str]:
    """The analysed words a search asks for (excluded words and operators left out)."""
    return ANALYZE(OPERATORS.sub(" ", EXCLUDED.sub(" ", _clean(text))))


def expansion_of(text: str) -> Expansion:
    return expand(query_words(text), ANALYZE, default_synonyms(), cpv_vocabulary())


def text_query(text: str, *, expanded: bool = True) -> tantivy.Query | None:
    """Any of the words (stemmed, stop words ignored), best first: BM25 over title, buyer and lots,
    and description, plus all the words, plus the words as a phrase; then, scored lower, the
    synonyms and CPV codes the words name (opportunities/expansion.py). "Quoted phrases" are
    searched as phrases; a -word or -"phrase" excludes."""
    text = _clean(text)
    excluded = [match.strip('"') for match in EXCLUDED.findall(text)][:MAX_TERMS]
    wanted = " ".join(EXCLUDED.sub(" ", text).split()[:MAX_TERMS])
    if wanted.count('"') % 2:
        wanted = wanted.replace('"', " ")
    if not re.search(r"[A-Za-z0-9]", wanted):
        return None
    words = query_words(wanted)
    if not words:
        return tantivy.Query.empty_query()
    scored = [(Occur.Should, _parse(wanted, all_words=False))]
    if len(set(words)) > 1:
        scored.append(
            (
                Occur.Should,
                tantivy.Query.boost_query(_parse(wanted, all_words=True), ALL_WORDS_BOOST),
            )
        )
        if '"' not in wanted:
            plain = " ".join(OPERATORS.sub(" ", wanted).split())
            phrase = _parse(f'"{plain}"', all_words=True, fields=PHRASE_FIELDS)
            scored.append((Occur.Should, tantivy.Query.boost_query(phrase, PHRASE_BOOST)))
    if expanded:
        expansion = expansion_of(wanted)
        if expansion.synonyms:
            synonyms = [_parse(f'"{term}"', all_words=True) for term in expansion.synonyms]
            scored.append(
                (
                    Occur.Should,
                    tantivy.Query.boost_query(
                        tantivy.Query.disjunction_max_query(synonyms), SYNONYM_WEIGHT
                    ),
                )
            )
        if expansion.cpv:
            codes = [
                tantivy.Query.const_score_query(_term("cpv", m.prefix), CPV_SCORE * m.coverage)
                for m in expansion.cpv
            ]
            scored.append((Occur.Should, tantivy.Query.disjunction_max_query(codes)))
    clauses = [(Occur.Must, tantivy.Query.boolean_query(scored))]
    for phrase in excluded:
        if ANALYZE(phrase):
            clauses.append((Occur.MustNot, _parse(f'"{phrase}"', all_words=True)))
    return tantivy.Query.boolean_query(clauses)


def plain_text_query(text: str) -> tantivy.Query | None:
    """The baseline the relevance benchmark compares with: BM25, any of the words, the same
    analyzer and fields, no field boosts, no all-words or phrase bonus, no expansion."""
    text = EXCLUDED.sub(" ", _clean(text))
    if not query_words(text):
        return None
    return _parse(text, all_words=False, boosts={})


def index_query(
    query: OpportunitySearch, now: datetime, updated_after: datetime | None = None
) -> tantivy.Query:
    parts: list[tantivy.Query] = []
    text = query.text.strip()
    if text:
        parsed = text_query(text)
        if parsed is not None:
            parts.append(parsed)
    if query.statuses:
        tender = _term("phase", "tender")
        options = []
        for status in query.statuses:
            if status == "planned":
                options.append(_term("phase", "planned"))
            elif status == "open":
                undated = tantivy.Query.boolean_query(
                    [(Occur.Must, tender), (Occur.MustNot, tantivy.Query.exists_query("deadline"))]
                )
                options.append(_any(_all(tender, _dates("deadline", now)), undated))
            elif status == "closing":
                options.append(_all(tender, _dates("deadline", now, now + timedelta(days=7))))
            elif status == "closed":
                options.append(_all(tender, _dates("deadline", None, now, include_high=False)))
            elif status in ("awarded", "cancelled"):
                options.append(_term("phase", status))
        parts.append(_any(*options) if options else tantivy.Query.empty_query())
    if query.cpv:
        parts.append(_any(*(_term("cpv", significant_prefix(code)) for code in query.cpv)))
    if query.buyer:
        options = [_term("buyer_slug", query.buyer)]
        by_name = _words("buyer_name", query.buyer)
        if by_name is not None:
            options.append(by_name)
        parts.append(_any(*options))
    if query.anchors_only:
        parts.append(_term("anchor", True))
    if query.location:
        parts.append(location_query(query.location))
    if query.area:
        parts.append(area_search.inside_query(query.area))
    if query.value_band in VALUE_BANDS:
        _label, low, high = VALUE_BANDS[query.value_band]
        parts.append(
            tantivy.Query.range_query(
                SCHEMA,
                "value",
                tantivy.FieldType.Float,
                float(low) if low is not None else None,
                float(high) if high is not None else None,
                include_upper=high is None,
            )
        )
    if query.awarded_min is not None or query.awarded_max is not None:
        parts.append(
            tantivy.Query.range_query(
                SCHEMA,
                "awarded_value",
                tantivy.FieldType.Float,
                float(query.awarded_min) if query.awarded_min is not None else None,
                float(query.awarded_max) if query.awarded_max is not None else None,
            )
        )
    if query.procedure:
        parts.append(_term("procedure", query.procedure))
    if query.notice_type:
        parts.append(_term("notice_type", query.notice_type))
    if query.sme:
        parts.append(_term("sme", True))
    if query.vcse:
        parts.append(_term("vcse", True))
    if query.threshold in ("above", "below"):
        parts.append(_term("threshold", query.threshold))
    if query.deadline_from:
        parts.append(_dates("deadline", day_start(query.deadline_from)))
    if query.deadline_to:
        parts.append(_dates("deadline", None, day_end(query.deadline_to), include_high=False))
    if updated_after:
        parts.append(
            tantivy.Query.boolean_query(
                [
                    (Occur.Must, _dates("updated", updated_after)),
                    (Occur.MustNot, _dates("updated", None, updated_after)),
                ]
            )
        )
    return _all(*parts) if parts else tantivy.Query.all_query()
