"""The scorecard's tables kept in memory for a short while, so that a page, its downloads, its
drill-downs and the comparison do not each read every release again. A table is used again only
while the data it was read from is unchanged (`gathering.data_state`: releases, processes,
payments, payees, organisations, awards, suppliers, the charter's commitments) and for at most `SCORECARD_CACHE_SECONDS` (60 by default; 0
turns this off), so a change the state does not show (a payee resolved again) is seen within a
minute. Each process keeps its own few tables (LIMIT); nothing is shared between processes."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

from django.conf import settings

LIMIT = 8  # tables kept per process: a national read of every release is the largest

T = TypeVar("T")
_kept: OrderedDict[Hashable, tuple[float, object]] = OrderedDict()
_lock = threading.Lock()


def remembered(key: Hashable, state: Callable[[], Hashable], read: Callable[[], T]) -> T:
    """`read()`'s result for `key`, kept while `state()` is what it was and for the time allowed."""
    seconds = getattr(settings, "SCORECARD_CACHE_SECONDS", 60)
    if seconds <= 0:
        return read()
    full = (key, state())
    now = time.monotonic()
    with _lock:
        found = _kept.get(full)
        if found is not None and now - found[0] < seconds:
            _kept.move_to_end(full)
            return found[1]  # type: ignore[return-value]
    value = read()
    with _lock:
        _kept[full] = (now, value)
        _kept.move_to_end(full)
        while len(_kept) > LIMIT:
            _kept.popitem(last=False)
    return value


def forget() -> None:
    with _lock:
        _kept.clear()
