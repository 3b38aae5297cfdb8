from datetime import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from core.api_auth import SIGNED_IN_API, InvalidInput
from core.api_errors import responses
from core.params import EARLIEST_DATE, LATEST_DATE, Paging
from core.roles import BUYERS, role_of
from opportunities.area_search import place_postcodes
from opportunities.forms import OpportunitySearchForm
from opportunities.models import Process, QuarantinedRelease
from opportunities.notice_links import official_notice_url
from opportunities.search import search
from opportunities.sme_signals import signals_for
from opportunities.summary import summary

router = Router(tags=["Opportunities"])


class OpportunityOut(Schema):
    ocid: str
    title: str
    buyer_name: str
    buyer_slug: str | None
    status: str
    phase: str
    value: Decimal | None
    value_gross: Decimal | None
    awarded_value: Decimal | None = Field(
        description="What was awarded, excluding VAT (contracts' values, else awards')"
    )
    awarded_value_gross: Decimal | None = Field(description="What was awarded, including VAT")
    currency: str
    notice_type: str = Field(description="The latest Procurement Act notice: UK1 to UK17")
    legal_basis: str = Field(description="UKPGA (Procurement Act 2023) or CELEX (PCR 2015)")
    deadline: datetime | None
    first_published: datetime | None
    sme_suitable: bool | None
    vcse_suitable: bool | None
    above_threshold: bool | None
    threshold_estimated: bool
    lot_count: int
    is_sample: bool
    url: str = Field(alias="get_absolute_url")
    notice_url: str
    placed_by_buyer_address: bool = Field(
        description="The notice states no delivery place: the buyer's address places it for "
        "the location and area filters"
    )

    @staticmethod
    def resolve_placed_by_buyer_address(process):
        return place_postcodes(
            process.delivery_regions, process.delivery_postcodes, process.buyer_postcode
        )[1]

    @staticmethod
    def resolve_buyer_slug(process):
        return process.buyer.slug if process.buyer_id else None

    @staticmethod
    def resolve_notice_url(process):
        return official_notice_url(process.notice_url)  # also for those stored before the check


DATE_TEXT = f"A date (YYYY-MM-DD) from {EARLIEST_DATE} to {LATEST_DATE}"


class SearchFilters(Schema):
    q: str = Field("", max_length=200, description="Words; quotes for a phrase, minus to exclude")
    status: list[str] = Field(
        default_factory=list, description="planned, open, closing, closed, awarded, cancelled"
    )
    cpv: str = Field("", description="CPV codes, comma-separated; a parent includes its children")
    buyer: str = ""
    anchors_only: bool = False
    location: str = Field(
        "",
        description=(
            "Where the work is delivered: a town, local authority, ITL/NUTS region (name or "
            "code, e.g. Warrington, North West, UKD61) or postcode (area, district or full, "
            "e.g. WA1). Notices covering a wider area that includes it count too, ranked after; "
            "a place we do not know is a 422 error"
        ),
    )
    area: str = Field(
        "",
        max_length=120,
        description=(
            "Delivered in one of the network's areas (its slug or name, e.g. "
            "east-birmingham-postcodes; each is defined at /areas/<slug>/): notices delivered at "
            "its postcodes, else whose buyer's address is there when no delivery place is "
            "stated (see placed_by_buyer_address). A notice that cannot be placed is never "
            "counted in. An area we do not know is a 422 error"
        ),
    )
    value_band: str = ""
    # Numbers and dates are read as text and checked by the search form with every other filter,
    # so one 422 lists every value that cannot be read (a type error would stop at the first).
    awarded_min: str = Field(
        "", max_length=40, description="Awarded value at least (£): a number, 0 or more"
    )
    awarded_max: str = Field(
        "", max_length=40, description="Awarded value at most (£): a number, 0 or more"
    )
    procedure: str = ""
    notice_type: str = ""
    sme: bool = False
    vcse: bool = False
    threshold: str = ""
    deadline_from: str = Field("", max_length=40, description=DATE_TEXT)
    deadline_to: str = Field("", max_length=40, description=DATE_TEXT)
    sort: str = ""


def _form(filters: SearchFilters) -> OpportunitySearchForm:
    data = {k: v for k, v in filters.dict().items() if v not in ("", None, False, [])}
    form = OpportunitySearchForm(_QueryDict(data))
    if not form.is_valid():
        raise InvalidInput(
            [{"field": f, "message": m} for f, ms in form.errors.items() for m in ms]
        )
    return form


class _QueryDict(dict):
    """Enough of a QueryDict for the form: getlist for the multiple-choice field."""

    def getlist(self, key, default=None):
        value = self.get(key, default or [])
        return value if isinstance(value, list) else [value]


@router.get(
    "/opportunities",
    response=responses(list[OpportunityOut], 422),
    auth=None,
    summary="Search opportunities",
)
@paginate(Paging, page_size=20, max_page_size=100)
def search_opportunities(request, filters: Query[SearchFilters]):
    return search(_form(filters).to_search())


class NoticeOut(Schema):
    notice_type: str
    published: datetime
    url: str

    @staticmethod
    def resolve_url(notice):
        return official_notice_url(notice.url)


class SignalOut(Schema):
    name: str
    good: bool | None
    headline: str
    explanation: str


class OpportunityDetail(OpportunityOut):
    description: str
    summary: list[str]
    signals: list[SignalOut]
    notices: list[NoticeOut] = Field(alias="notices_list")
    cpv_codes: list[str]
    award_conflicts: list[str]


@router.get(
    "/opportunities/{ocid}",
    response=responses(OpportunityDetail, 404),
    auth=None,
    summary="One opportunity",
)
def get_opportunity(request, ocid: str):
    process = Process.objects.select_related("buyer").filter(ocid=ocid).first()
    if process is None:
        raise Http404(f"No opportunity with ocid {ocid!r}")
    status = process.status
    process.summary = summary(process, status)
    process.signals = signals_for(process, timezone.now())
    process.cpv_codes = [cpv.full_code for cpv in process.cpvs.all()]
    process.notices_list = list(process.notices.all())
    return process


class QuarantineOut(Schema):
    source: str
    location: str
    ocid: str
    release_id: str
    reason: str
    excerpt: str
    created_at: datetime


@router.get(
    "/quarantine",
    response=responses(list[QuarantineOut], 401, 403, 422),
    auth=SIGNED_IN_API,
    summary="Releases that could not be loaded (buyers and coordinators)",
)
@paginate(Paging, page_size=50)
def list_quarantine(request, source: str = ""):
    if role_of(request.auth) not in BUYERS:
        raise PermissionDenied("Quarantined releases are for buyers and coordinators")
    entries = QuarantinedRelease.objects.all()
    if source:
        entries = entries.filter(source__icontains=source)
    return entries
