"""Page links: the first and last pages, two either side of the current one, ellipses between."""

from django.core.paginator import Paginator
from django.template.loader import render_to_string

from core.templatetags.pagination import page_links


def test_pages_far_from_the_current_one_are_left_out():
    page = Paginator(range(100_000), 20).page(50)
    assert page_links(page) == [1, None, 48, 49, 50, 51, 52, None, 5000]
    assert page_links(Paginator(range(100_000), 20).page(1)) == [1, 2, 3, None, 5000]
    assert page_links(Paginator(range(100_000), 20).page(5000)) == [1, None, 4998, 4999, 5000]


def test_a_few_pages_are_all_listed():
    assert page_links(Paginator(range(100), 20).page(3)) == [1, 2, 3, 4, 5]


def test_the_links_keep_the_query_and_mark_the_current_page():
    html = render_to_string(
        "includes/pagination.html",
        {"page": Paginator(range(100_000), 20).page(50), "query": "q=care"},
    )
    assert html.count("govuk-pagination__item--ellipses") == 2
    assert html.count('class="govuk-link govuk-pagination__link"') == 7 + 2  # pages, prev, next
    assert 'href="?q=care&amp;page=5000"' in html and "page=4999" not in html
    assert 'href="?q=care&amp;page=50" aria-label="Page 50" aria-current="page"' in html


def test_one_page_has_no_links():
    assert "govuk-pagination" not in render_to_string(
        "includes/pagination.html", {"page": Paginator(range(5), 20).page(1), "query": ""}
    )
