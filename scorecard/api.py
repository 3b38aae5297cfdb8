"""The procurement-practice scorecard in the JSON API, with the pages' rules
(`scorecard/visibility.py`): anonymous callers and suppliers get published anchors' scorecards and
only those in the comparison; a buyer's or coordinator's token (or session) gets every one. The
period is a financial year (with a quarter or not) or dates from and to, checked as on the pages
(`scorecard/periods.py`)."""

from __future__ import annotations

from django.http import Http404
from ninja import Field, Query, Router, Schema
from ninja.errors import AuthenticationError

from core.api_auth import ApiTokenAuth, InvalidInput
from core.api_errors import responses
from core.params import MAX_PAGE, ApiDate
from core.roles import role_of
from network.models import Organisation
from scorecard import presenting, visibility
from scorecard.indicators import INDICATORS
from scorecard.periods import FIRST_YEAR, LAST_YEAR, Period, period
from scorecard.views.comparison import compare
from scorecard.views.scorecards import card_for, published_ids

router = Router(tags=["Scorecard"])

ROWS_PER_PAGE = 100


def _user(request):
    """The caller: a bearer token's user if one is sent, else the session's (or anonymous)."""
    header = request.headers.get("Authorization", "")
    if header.startswith("Bearer "):
        user = ApiTokenAuth().authenticate(request, header.removeprefix("Bearer ").strip())
        if user is None:
            raise AuthenticationError
        return user
    return request.user


class PeriodQuery(Schema):
    year: int | None = Field(
        None,
        ge=FIRST_YEAR,
        le=LAST_YEAR,
        description="A financial year: 2026 for April 2026 to March 2027",
    )
    quarter: int | None = Field(
        None, ge=1, le=4, description="A quarter of that financial year: 1 is April to June"
    )
    since: ApiDate | None = None
    until: ApiDate | None = None


class DrilldownQuery(PeriodQuery):
    page: int = Field(1, ge=1, le=MAX_PAGE, description=f"Page number, 1 to {MAX_PAGE}")


def _period(query: PeriodQuery) -> Period:
    chosen, errors = period(query.year, query.quarter, query.since, query.until)
    if chosen is None:
        raise InvalidInput([{"field": name, "message": text} for name, text in errors.items()])
    return chosen


def _anchor(request, slug: str) -> tuple[Organisation, bool]:
    organisation = Organisation.objects.anchors().filter(slug=slug).first()
    if organisation is None:
        raise Http404("No such scorecard")
    published = organisation.pk in published_ids()
    if not visibility.may_see(role_of(_user(request)), published):
        raise Http404("No such scorecard")
    return organisation, published


def _period_json(chosen: Period) -> dict:
    return {
        "label": chosen.label,
        "since": chosen.since.isoformat() if chosen.since else None,
        "until": chosen.until.isoformat() if chosen.until else None,
    }


@router.get(
    "/scorecards/network",
    response=responses(dict, 401, 422),
    summary="The network comparison: anchors the caller may see, the network and every buyer",
)
def scorecard_comparison(request, query: Query[PeriodQuery]):
    chosen = _period(query)
    result = compare(role_of(_user(request)), chosen)
    return {
        "period": _period_json(chosen),
        "network_covers": "every anchor" if result.everyone else "published anchors",
        "buyers": [
            {
                "name": column.heading,
                "kind": column.kind,
                "published": column.published if column.kind == "anchor" else None,
                "notices": column.notices,
                "indicators": {
                    name: line.figure.as_json(line.band)  # type: ignore[arg-type]
                    for name, line in column.lines.items()
                },
                "ring_awards": [ring.as_json() for ring in column.rings]
                if column.kind == "anchor"
                else None,
            }
            for column in result.columns
        ],
    }


@router.get(
    "/scorecards/{slug}",
    response=responses(dict, 401, 404, 422),
    summary="One anchor's scorecard, if the caller may see it",
)
def get_scorecard(request, slug: str, query: Query[PeriodQuery]):
    organisation, published = _anchor(request, slug)
    chosen = _period(query)
    card = card_for(organisation, chosen)
    trend = presenting.trend(card.tables, chosen)
    return {
        "buyer": organisation.name,
        "slug": organisation.slug,
        "published": published,
        "since": chosen.since.isoformat() if chosen.since else None,
        "until": chosen.until.isoformat() if chosen.until else None,
        "period": _period_json(chosen),
        "notices": card.notices,
        "indicators": {line.name: line.as_json() for line in presenting.lines(card)},
        "ring_awards": [ring.as_json() for ring in card.ring_awards],
        "trend": [
            {
                "quarter": quarter_.label,
                "indicators": {
                    name: {
                        "value": figure.value,
                        "numerator": figure.numerator,
                        "denominator": figure.denominator,
                    }
                    for name, figure in figures.items()
                },
            }
            for quarter_, figures in trend
        ],
    }


@router.get(
    "/scorecards/{slug}/{indicator}",
    response=responses(dict, 401, 404, 422),
    summary="What one indicator's figure rests on (the drill-down), a page of rows at a time",
)
def get_scorecard_drilldown(request, slug: str, indicator: str, query: Query[DrilldownQuery]):
    organisation, _published = _anchor(request, slug)
    if indicator not in INDICATORS:
        raise Http404("No such indicator")
    chosen = _period(query)
    page = query.page
    card = card_for(organisation, chosen, rings=False)
    line = presenting.line(indicator, card.figures[indicator])
    columns, rows = presenting.behind_rows(card.figures[indicator])
    start = (page - 1) * ROWS_PER_PAGE
    return {
        "buyer": organisation.name,
        "indicator": indicator,
        "period": _period_json(chosen),
        **line.as_json(),
        "count": len(rows),
        "page": page,
        "pages": max(1, -(-len(rows) // ROWS_PER_PAGE)),
        "columns": [{"key": c.key, "label": c.label} for c in columns],
        "rows": rows[start : start + ROWS_PER_PAGE],
    }
