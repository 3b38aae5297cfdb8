"""Opportunity search: one function for the web page, the API, the command, alerts and benchmarks.

Text and filters are answered by the search index (Tantivy, BM25 over any of the words: title >
description > buyer and lots, all the words and the phrase first, widened by synonyms and CPV
descriptions scored below the words typed; see opportunities/search_index.py, expansion.py and
decisions 0004 and 0014), identically on PostgreSQL and SQLite; the page's rows are then read from the database. `filtered` states the same filters in SQL:
the benchmark's naive baseline uses it, and a test checks the index agrees with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import cached_property
from time import monotonic

import tantivy
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Q, QuerySet, TextField
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone

from core.params import EARLIEST_DATE, LATEST_DATE
from opportunities import search_index
from opportunities.expansion import CpvVocabulary, Expansion, default_synonyms, expand
from opportunities.models import Notice, Phase, Process, ProcessCpv
from opportunities.search_index import BOOSTS, SCHEMA, TEXT_FIELDS, _analyzer, get_index, searcher
from reference import places
from reference.cpv import significant_prefix

STATUSES = {
    "planned": "Planned",
    "open": "Open",
    "closing": "Closing within 7 days",
    "closed": "Closed, not awarded",
    "awarded": "Awarded",
    "cancelled": "Cancelled",
}
VALUE_BANDS = {
    "under-30k": ("Under £30,000", None, Decimal(30_000)),
    "30k-100k": ("£30,000 to £100,000", Decimal(30_000), Decimal(100_000)),
    "100k-500k": ("£100,000 to £500,000", Decimal(100_000), Decimal(500_000)),
    "500k-2m": ("£500,000 to £2 million", Decimal(500_000), Decimal(2_000_000)),
    "over-2m": ("Over £2 million", Decimal(2_000_000), None),
}
PROCEDURES = {
    "open": "Open",
    "selective": "Selective (restricted or competitive flexible)",
    "limited": "Limited",
    "direct": "Direct award",
}
LIST_DEFERRED = (
    "compiled",
    "description",
    "search_text",
    "delivery_text",
    "buyer__description",
)
SORTS = {
    "relevance": "Best match",
    "deadline": "Closing soonest",
    "value": "Highest value",
    "date": "Newest",
}


@dataclass
class OpportunitySearch:
    text: str = ""
    statuses: list[str] = field(default_factory=list)
    cpv: list[str] = field(default_factory=list)
    buyer: str = ""  # network organisation slug, or words in the buyer's name
    anchors_only: bool = False
    location: str = ""
    value_band: str = ""
    awarded_min: Decimal | None = None  # awarded value (contracts', else awards'), £, at least
    awarded_max: Decimal | None = None  # and at most
    procedure: str = ""
    notice_type: str = ""
    sme: bool = False
    vcse: bool = False
    threshold: str = ""  # "above" or "below"
    deadline_from: date | None = None
    deadline_to: date | None = None
    sort: str = "relevance"


# The deadlines a search may ask about (the search form refuses others; core/params.py says why).
# A value out of range stored before the form checked it is taken as the nearest end.


def _day_start(day: date) -> datetime:
    day = min(max(day, EARLIEST_DATE), LATEST_DATE)
    return timezone.make_aware(datetime.combine(day, time.min))


def _day_end(day: date) -> datetime:
    """The start of the day after `day`."""
    return _day_start(day) + timedelta(days=1)


def filtered(query: OpportunitySearch, now: datetime | None = None) -> QuerySet:
    now = now or timezone.now()
    processes = Process.objects.all()
    if query.statuses:
        conditions = Q()
        for status in query.statuses:
            if status == "planned":
                conditions |= Q(phase=Phase.PLANNED)
            elif status == "open":
                conditions |= Q(phase=Phase.TENDER) & (
                    Q(deadline__gte=now) | Q(deadline__isnull=True)
                )
            elif status == "closing":
                conditions |= Q(
                    phase=Phase.TENDER, deadline__gte=now, deadline__lte=now + timedelta(days=7)
                )
            elif status == "closed":
                conditions |= Q(phase=Phase.TENDER, deadline__lt=now)
            elif status in ("awarded", "cancelled"):
                conditions |= Q(phase=status)
        processes = processes.filter(conditions)
    if query.cpv:
        within = Q()
        for code in query.cpv:
            within |= Q(code__startswith=significant_prefix(code))
        processes = processes.filter(
            Exists(ProcessCpv.objects.filter(within, process=OuterRef("pk")))
        )
    if query.buyer:
        processes = processes.filter(
            Q(buyer__slug=query.buyer) | Q(buyer_name__icontains=query.buyer)
        )
    if query.anchors_only:
        processes = processes.filter(buyer__is_network_member=True)
    if query.location:
        processes = processes.annotate(
            _regions=Cast("delivery_regions", TextField()),
            _postcodes=Cast("delivery_postcodes", TextField()),
        ).filter(_location_sql(query.location))
    if query.value_band in VALUE_BANDS:
        _label, low, high = VALUE_BANDS[query.value_band]
        processes = processes.annotate(_value=Coalesce("value", "value_gross"))
        if low is not None:
            processes = processes.filter(_value__gte=low)
        if high is not None:
            processes = processes.filter(_value__lt=high)
    if query.awarded_min is not None or query.awarded_max is not None:
        processes = processes.annotate(_awarded=Coalesce("awarded_value", "awarded_value_gross"))
        if query.awarded_min is not None:
            processes = processes.filter(_awarded__gte=query.awarded_min)
        if query.awarded_max is not None:
            processes = processes.filter(_awarded__lte=query.awarded_max)
    if query.procedure:
        processes = processes.filter(procedure=query.procedure)
    if query.notice_type:
        processes = processes.filter(
            Exists(Notice.objects.filter(process=OuterRef("pk"), notice_type=query.notice_type))
        )
    if query.sme:
        processes = processes.filter(Q(sme_suitable=True) | Q(reserved_for_sme_vcse=True))
    if query.vcse:
        processes = processes.filter(Q(vcse_suitable=True) | Q(reserved_for_sme_vcse=True))
    if query.threshold in ("above", "below"):
        processes = processes.filter(above_threshold=query.threshold == "above")
    if query.deadline_from:
        processes = processes.filter(deadline__gte=_day_start(query.deadline_from))
    if query.deadline_to:
        processes = processes.filter(deadline__lt=_day_end(query.deadline_to))
    return processes


def _alternatives(values) -> str:
    return "|".join(re.escape(value) for value in sorted(values, key=len, reverse=True))


def _location_sql(location: str) -> Q:
    """The location filter over the regions and postcodes a process states (their JSON text,
    where each value is quoted) and, when it states none, the buyer's postcode. Postcodes are
    placed by their district's main local authority here, by the postcode directory in the index:
    they differ only for the few postcodes of a district split between local authorities."""
    place = places.resolve(location)
    if place is None:
        return Q(delivery_text__icontains=location) | Q(buyer_postcode__istartswith=location)
    forms = places.stated_forms(place)
    stated = Q(_regions__iregex=f'"({_alternatives(forms.inside_names + forms.wider_names)})"')
    if forms.inside_code_prefixes:
        stated |= Q(
            _regions__iregex=f'"({_alternatives(forms.inside_code_prefixes)})[0-9A-Z]{{0,3}}"'
        )
    if not forms.inside_postcodes:
        return stated
    districts = [p for p in forms.inside_postcodes if " " not in p and p[-1].isdigit()]
    options = []
    if districts:
        options.append(f"({_alternatives(districts)}) ?[0-9][A-Z]{{2}}")
    for prefix in forms.inside_postcodes:
        if prefix in districts:
            continue
        if " " in prefix:  # a sector (B1 1) or a whole postcode (B1 1AA)
            district, inward = prefix.split(" ")
            rest = "[A-Z]{2}" if len(inward) == 1 else ""
            options.append(f"{re.escape(district)} ?{re.escape(inward)}{rest}")
        else:  # a postcode area (B): its letters, then a district's digit
            options.append(f"{re.escape(prefix)}[0-9][0-9A-Z]? ?[0-9][A-Z]{{2}}")
    postcode = "(" + "|".join(options) + ")"
    unstated = Q(_regions="[]", _postcodes="[]")
    return (
        stated
        | Q(_postcodes__iregex=f'"{postcode}"')
        | (unstated & Q(buyer_postcode__iregex=f"^{postcode}$"))
    )


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


def label_places(location: str, processes) -> None:
    """Say of each process on a page how it is deliverable in the place searched for:
    `place_match` is ("in", "") or ("wider", name of the wider area), or None."""
    place = places.resolve(location) if location else None
    for process in processes:
        process.place_match = None
        if place is None:
            continue
        located = places.locate(
            process.delivery_regions or [], process.delivery_postcodes or [], process.buyer_postcode
        )
        near = places.nearness(place, located)
        if near == "in":
            process.place_match = ("in", "buyer's address" if located.from_buyer else "")
        elif near == "wider":
            process.place_match = ("wider", places.widest_stated(place, located))


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
ANALYZE = _analyzer().analyze


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
    from reference.models import CpvCode

    cached = _cpv_cache.get("cpv")
    if cached is None or monotonic() - cached[0] > CPV_CACHE_SECONDS:
        entries = CpvCode.objects.order_by("code").values_list("code", "description")
        cached = (monotonic(), CpvVocabulary(entries, ANALYZE))
        _cpv_cache["cpv"] = cached
    return cached[1]


def reset_caches() -> None:
    """Forget open indexes and the CPV vocabulary (tests switch databases and index folders)."""
    search_index.reset_cache()
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
        parts.append(_dates("deadline", _day_start(query.deadline_from)))
    if query.deadline_to:
        parts.append(_dates("deadline", None, _day_end(query.deadline_to), include_high=False))
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


# The slice a paginator asks for after the count, unless told otherwise: the first page of the
# search page and of the API (20 each).
FIRST_PAGE = (0, 20)
# A page asked for further in than this is fetched after the count, as before, once the paginator
# has checked it exists: the index keeps offset + limit hits in memory while it searches, so an
# unchecked page number (?page=10**15) must never become an offset.
WINDOW_MAX_OFFSET = 10_000


class SearchResults:
    """The matches of a search, lazily: the index gives the count and the ids of the page asked
    for, the database the rows. Sliced like a QuerySet (for Django's and django-ninja's paginators).

    A paginator asks for the count and for one page (Django's count first, django-ninja's page
    first). Counting visits every match, and so does finding the best few, so one search takes the
    count and the hits of `window` (offset, limit): the page expected costs no second pass."""

    def __init__(
        self,
        query: OpportunitySearch,
        now: datetime,
        updated_after=None,
        window: tuple[int, int] = FIRST_PAGE,
    ):
        self.query = query
        self.now = now
        self.updated_after = updated_after
        self.sort = query.sort if query.sort in SORTS else "relevance"
        self._searcher = searcher()
        self._index_query = index_query(query, now, updated_after)
        self._window = window
        self._window_hits: list | None = None

    def all(self) -> SearchResults:
        return self

    @cached_property
    def _count(self) -> int:
        offset, limit = self._window
        found = self._searcher.search(
            self._index_query, limit=max(limit, 1), offset=offset, count=True, **self._order()
        )
        self._window_hits = found.hits
        return found.count

    def _hits(self, offset: int, limit: int) -> list:
        """The (score or sort key, address) of matches offset..offset+limit, in order."""
        start, size = self._window
        if offset == start and limit <= size:
            self._count  # noqa: B018 (asked for the page first, as django-ninja does: one search still)
            return self._window_hits[:limit]  # the best `limit` are the first of the best `size`
        return self._searcher.search(
            self._index_query, limit=limit, offset=offset, count=False, **self._order()
        ).hits

    def count(self) -> int:
        return self._count

    def __len__(self) -> int:
        return self._count

    def _order(self) -> dict:
        if self.sort == "relevance" and (self.query.text.strip() or self.query.location.strip()):
            return {}  # by score: with a place and no words, those delivered in it first
        if self.sort == "deadline":
            return {"order_by_field": "deadline", "order": tantivy.Order.Asc}
        if self.sort == "value":
            return {"order_by_field": "value", "order": tantivy.Order.Desc}
        return {"order_by_field": "published", "order": tantivy.Order.Desc}

    def _rows(self, offset: int, limit: int) -> list[Process]:
        if limit <= 0:
            return []
        hits = self._hits(offset, limit)
        addresses = [address for _key, address in hits]
        ids = self._searcher.fast_field_values("id", addresses)
        keys = [key for key, _address in hits]
        rows = Process.objects.select_related("buyer").defer(*LIST_DEFERRED).in_bulk(ids)
        result = []
        for process_id, key in zip(ids, keys, strict=True):
            process = rows.get(process_id)
            if process is not None:  # gone from the database since it was indexed
                process.rank = key if not self._order() else None
                result.append(process)
        return result

    def __getitem__(self, key):
        if isinstance(key, slice):
            if key.step not in (None, 1):
                raise ValueError("search results slice without a step")
            start = key.start or 0
            stop = key.stop if key.stop is not None else self._count
            return self._rows(start, stop - start)
        rows = self._rows(key, 1)
        if not rows:
            raise IndexError(key)
        return rows[0]

    def __iter__(self):
        for offset in range(0, self._count, 200):
            yield from self._rows(offset, 200)


def search(
    query: OpportunitySearch, now: datetime | None = None, updated_after: datetime | None = None
) -> SearchResults:
    return SearchResults(query, now or timezone.now(), updated_after)


def search_page(query: OpportunitySearch, page: int | str = 1, per_page: int = 20, now=None):
    try:
        number = max(int(page), 1)
    except (TypeError, ValueError):
        number = 1  # the paginator shows the first page for a page that is not a number
    window = ((number - 1) * per_page, per_page)
    if window[0] > WINDOW_MAX_OFFSET:
        window = (0, per_page)
    return Paginator(SearchResults(query, now or timezone.now(), window=window), per_page).get_page(
        page
    )
