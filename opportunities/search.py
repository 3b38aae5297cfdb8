"""Opportunity search: one function for the web page, the API, the command, alerts and benchmarks.

Text and filters are answered by the search index (Tantivy, BM25 over any of the words: title >
description > buyer and lots, all the words and the phrase first, widened by synonyms and CPV
descriptions scored below the words typed; see opportunities/search_index.py, expansion.py and
decisions 0004 and 0014), identically on PostgreSQL and SQLite; the page's rows are then read from the database. The index query is built in
`index_queries.py`, the same filters in SQL in `search_sql.py`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from functools import cached_property

import tantivy
from django.core.paginator import Paginator
from django.utils import timezone

from opportunities import area_search
from opportunities.index_queries import (
    index_query,
)
from opportunities.models import Process
from opportunities.search_index import searcher
from opportunities.search_request import (
    SORTS,
    OpportunitySearch,
)
from reference import places

LIST_DEFERRED = (
    "compiled",
    "description",
    "search_text",
    "delivery_text",
    "buyer__description",
)


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


@dataclass(frozen=True)
class AreaFilter:
    """The network area a search is filtered by, for the page: what it is, where it is defined,
    and how many notices matching the other filters could not be placed in or out of it."""

    slug: str
    name: str
    path: str  # the area's page, /areas/<slug>/
    unplaced: int  # matching the other filters, but their membership is not known
    unchecked: int  # candidates beyond the bound, not checked at all
    needs: str  # what a place must carry for this kind of area
    placeable: bool = True  # False: the registers cannot place any notice in it


def area_filter(query: OpportunitySearch, now: datetime | None = None) -> AreaFilter | None:
    """The search's area and how many of the notices it could not place (never counted as in)."""
    area = area_search.find(query.area) if query.area else None
    if area is None:
        return None
    found = area_search.prepared(area)
    rest = index_query(replace(query, area=""), now or timezone.now())
    both = tantivy.Query.boolean_query(
        [(tantivy.Occur.Must, rest), (tantivy.Occur.Must, found.unplaced)]
    )
    unplaced = searcher().search(both, limit=1, count=True).count
    return AreaFilter(
        area.slug, area.name, area_search.area_path(area.slug), unplaced, found.unchecked,
        found.needs, found.placeable,
    )  # fmt: skip


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
