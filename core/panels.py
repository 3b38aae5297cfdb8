"""What a page of a lower app shows from a higher app, without the lower app importing it (the
dependency direction, docs/ARCHITECTURE.md). The higher app registers a provider for a named slot
in its AppConfig.ready(); the page gathers what every provider gives for that slot:

    # cases/apps.py, ready():
    panels.provide("organisation_page", organisation_cases)
    # network/views.py:
    context |= panels.gather("organisation_page", request.user, organisation)

A provider returns a dict of template context; the template shows a part only if its key is there.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

_providers: dict[str, list[Callable[..., dict]]] = defaultdict(list)


def provide(slot: str, provider: Callable[..., dict]) -> None:
    if provider not in _providers[slot]:
        _providers[slot].append(provider)


def gather(slot: str, *args, **kwargs) -> dict:
    found: dict = {}
    for provider in _providers[slot]:
        found |= provider(*args, **kwargs)
    return found
