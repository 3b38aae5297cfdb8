"""When a search finds nothing: the nearest wider searches, each with how many it would find.

Pure: given the search, its URL parameters and a function that counts a search's matches, it
returns links to try. Each count is one search of the index, so at most MAX_COUNTS are taken.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from django.http import QueryDict

from opportunities.search_request import OpportunitySearch
from reference import places

MAX_COUNTS = 5

# The filters a search may drop, most often the one that empties a search first: (field of
# OpportunitySearch, its URL parameters, how to say it).
FILTERS = (
    ("location", ("location",), "the delivery location"),
    ("area", ("area",), "the network area"),
    ("cpv", ("cpv",), "the CPV codes"),
    ("statuses", ("status",), "the status"),
    ("deadline_from", ("deadline_from", "deadline_to"), "the deadline dates"),
    ("value_band", ("value_band",), "the value"),
    ("notice_type", ("notice_type",), "the notice type"),
    ("procedure", ("procedure",), "the procedure"),
    ("buyer", ("buyer",), "the buyer"),
    ("threshold", ("threshold",), "the threshold"),
    ("sme", ("sme",), "suitable for SMEs"),
    ("vcse", ("vcse",), "suitable for VCSEs"),
    ("anchors_only", ("anchors_only",), "network anchors only"),
)
EMPTY = OpportunitySearch()


@dataclass(frozen=True)
class Suggestion:
    text: str
    query: str  # URL parameters
    count: int


def _set(query: OpportunitySearch, name: str) -> bool:
    if name == "deadline_from":
        return bool(query.deadline_from or query.deadline_to)
    return bool(getattr(query, name))


def _without(query: OpportunitySearch, name: str) -> OpportunitySearch:
    if name == "deadline_from":
        return replace(query, deadline_from=None, deadline_to=None)
    return replace(query, **{name: getattr(EMPTY, name)})


def suggestions(
    query: OpportunitySearch, params: QueryDict, count: Callable[[OpportunitySearch], int]
) -> list[Suggestion]:
    """At most MAX_COUNTS searches near this one, those that find something, most found first
    (a wider place first of all: it keeps the most of what was asked)."""
    params = params.copy()
    params.pop("page", None)
    tries: list[tuple[str, OpportunitySearch, QueryDict]] = []
    place = places.resolve(query.location) if query.location else None
    wider = place.widened if place else None
    if wider is not None:
        changed = params.copy()
        changed["location"] = wider.name
        tries.append((f"Search all of {wider.name}", replace(query, location=wider.name), changed))
    words = query.text.split()
    if len(words) > 1:
        changed = params.copy()
        changed["q"] = " ".join(words[:-1])
        tries.append((f"Search for “{changed['q']}”", replace(query, text=changed["q"]), changed))
    active = [entry for entry in FILTERS if _set(query, entry[0])]
    for name, keys, said in active:
        changed = params.copy()
        for key in keys:
            changed.pop(key, None)
        tries.append((f"Remove {said}", _without(query, name), changed))
    if len(active) > 1:
        changed = QueryDict(mutable=True)
        if query.text:
            changed["q"] = query.text
        tries.append(("Remove every filter", replace(EMPTY, text=query.text), changed))
    if len(tries) > MAX_COUNTS:  # keep the last, widest one
        tries = tries[: MAX_COUNTS - 1] + tries[-1:] if len(active) > 1 else tries[:MAX_COUNTS]
    found = []
    for text, search, changed in tries:
        number = count(search)
        if number:
            found.append(Suggestion(text, changed.urlencode(), number))
    first = found[:1] if wider is not None and found and found[0].text.endswith(wider.name) else []
    rest = sorted(found[len(first) :], key=lambda s: -s.count)
    return first + rest
