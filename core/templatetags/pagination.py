"""Page links for `includes/pagination.html`: the GOV.UK pattern of the first and last pages, the
pages around the current one, and ellipses between. A search matching 100,000 notices has 5,000
pages; a link to each made the page 800 KB and its rendering the slowest part of the request."""

from django import template
from django.core.paginator import Paginator

register = template.Library()

# Pages shown either side of the current one, and at each end (GOV.UK: "1 … 4 5 [6] 7 8 … 42").
AROUND_CURRENT = 2
AT_ENDS = 1


@register.filter
def page_links(page) -> list[int | None]:
    """Page numbers to link to, in order; None where an ellipsis stands for the pages left out."""
    return [
        None if number == Paginator.ELLIPSIS else number
        for number in page.paginator.get_elided_page_range(
            page.number, on_each_side=AROUND_CURRENT, on_ends=AT_ENDS
        )
    ]
