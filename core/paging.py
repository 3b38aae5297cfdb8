"""One page of a long list, from the request's `page` parameter (out of range or not a number:
the nearest page), the one way every list pages."""

from __future__ import annotations

from django.core.paginator import Page, Paginator


def page_of(request, items, per_page: int) -> Page:
    return Paginator(items, per_page).get_page(request.GET.get("page"))
