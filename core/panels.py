"""What a page of a lower app shows from a higher app, without the lower app importing it (the
dependency direction, docs/ARCHITECTURE.md). The higher app registers a provider for a named slot
in its AppConfig.ready(); the page gathers what every provider gives for that slot:

    # cases/apps.py, ready():
    panels.provide("organisation_page", organisation_cases)
    # network/views.py:
    context |= panels.gather("organisation_page", request.user, organisation)

A provider returns a dict of template context; the template shows a part only if its key is there.
Slots whose page shows a list of parts (the home page's "home" panels and "home_figures", the
"my_activity" page's sections) are `collect`ed: each provider returns a list of `Panel`s or
`Figure`s.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

_providers: dict[str, list[Callable[..., dict]]] = defaultdict(list)


def provide(slot: str, provider: Callable[..., dict]) -> None:
    if provider not in _providers[slot]:
        _providers[slot].append(provider)


def gather(slot: str, *args, **kwargs) -> dict:
    found: dict = {}
    for provider in _providers[slot]:
        found |= provider(*args, **kwargs)
    return found


def collect(slot: str, *args, **kwargs) -> list:
    """Every provider's list for a slot, one after the other (the home page's panels, the
    "My activity" page's sections): a provider returns [] when it has nothing for the viewer."""
    found: list = []
    for provider in _providers[slot]:
        found.extend(provider(*args, **kwargs))
    return found


@dataclass(frozen=True)
class Item:
    """One line of a panel: what is waiting, in words with its count, and where to act on it."""

    text: str
    url: str = ""
    detail: str = ""


@dataclass(frozen=True)
class Panel:
    """A part of the home or "My activity" page: a heading, what is waiting (items), the links
    to act (actions) and what it says when nothing is waiting ("" when its summary says all).
    `order` places it on the page."""

    title: str
    items: list[Item] = field(default_factory=list)
    actions: list[tuple[str, str]] = field(default_factory=list)
    summary: str = ""
    empty: str = "Nothing waiting."
    order: int = 50


@dataclass(frozen=True)
class Figure:
    """A headline number on the coordinator's network at a glance."""

    label: str
    value: str
    url: str = ""
    order: int = 50


def counted(count: int, singular: str, plural: str | None = None) -> str:
    """ "1 question", "3 questions"."""
    return f"{count:,} {singular if count == 1 else (plural or singular + 's')}"
