"""On paper, a table too wide for a page prints in parts (core.tables.PRINTED_COLUMNS): for a
table built in its template rather than from a core.tables.Table, `columns|printed_slices` gives
the slices ("0:8", "8:16", ...) of its columns after the first that each part prints."""

from django import template

from core.tables import PRINTED_COLUMNS

register = template.Library()


@register.filter
def printed_slices(columns) -> list[str]:
    step = PRINTED_COLUMNS - 1
    count = len(columns)
    return [f"{start}:{start + step}" for start in range(0, count, step)]
