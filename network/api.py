from django.db import transaction
from django.db.models import Q
from django.shortcuts import get_object_or_404
from ninja import Field, FilterSchema, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from core.api_auth import SIGNED_IN_API, InvalidInput
from core.api_errors import field_words, responses
from core.params import Paging
from core.permissions import can_manage_organisation
from network.forms import OrganisationForm
from network.models import ANCHOR_KINDS, SUPPLIER_KINDS, Champion, Organisation, Sector

router = Router(tags=["Network directory"])


class SiteOut(Schema):
    name: str
    postcode: str


class OrganisationOut(Schema):
    slug: str
    name: str
    kind: str
    kind_label: str = Field(alias="get_kind_display")
    is_anchor: bool
    is_network_member: bool
    description: str
    website: str
    companies_house_number: str
    charity_number: str
    vat_number: str
    ppon: str
    size_band: str
    is_vcse: bool
    registered_postcode: str
    sites: list[SiteOut]
    sectors: list[str]
    is_sample: bool
    url: str = Field(alias="get_absolute_url")

    @staticmethod
    def resolve_sectors(obj):
        return [sector.slug for sector in obj.sectors.all()]

    @staticmethod
    def resolve_sites(obj):
        return list(obj.sites.all())


class OrganisationFilter(FilterSchema):
    q: str | None = Field(None, description="Words in the name or description", max_length=100)
    group: str | None = Field(
        None, pattern="^(anchors|suppliers)$", description="anchors or suppliers"
    )
    sector: str | None = Field(None, description="Sector slug, e.g. healthcare")
    members_only: bool = Field(False, description="Only anchors that are members of the network")

    def get_filter_expression(self):
        expression = Q()
        if self.q:
            expression &= Q(name__icontains=self.q) | Q(description__icontains=self.q)
        if self.group == "anchors":
            expression &= Q(kind__in=ANCHOR_KINDS)
        elif self.group == "suppliers":
            expression &= Q(kind__in=SUPPLIER_KINDS)
        if self.sector:
            expression &= Q(sectors__slug=self.sector)
        if self.members_only:
            expression &= Q(kind__in=ANCHOR_KINDS, is_network_member=True)
        return expression


def _organisations():
    return Organisation.objects.prefetch_related("sectors", "sites")


@router.get(
    "/organisations",
    response=responses(list[OrganisationOut], 422),
    auth=None,
    summary="Organisations",
)
@paginate(Paging, page_size=50)
def list_organisations(request, filters: Query[OrganisationFilter]):
    return filters.filter(_organisations()).distinct().order_by("name")


@router.get(
    "/organisations/{slug}",
    response=responses(OrganisationOut, 404),
    auth=None,
    summary="One organisation",
)
def get_organisation(request, slug: str):
    return get_object_or_404(_organisations(), slug=slug)


class OrganisationPatch(Schema):
    description: str | None = None
    website: str | None = None
    registered_postcode: str | None = None
    companies_house_number: str | None = None
    charity_number: str | None = None
    vat_number: str | None = None
    ppon: str | None = None
    size_band: str | None = None
    staff_headcount: int | None = None
    is_vcse: bool | None = None
    sectors: list[str] | None = Field(None, description="Sector slugs; replaces the list")


@router.patch(
    "/organisations/{slug}",
    response=responses(OrganisationOut, 401, 403, 404, 422),
    auth=SIGNED_IN_API,
    summary="Update an organisation (its administrators and coordinators)",
)
def update_organisation(request, slug: str, changes: OrganisationPatch):
    organisation = get_object_or_404(_organisations(), slug=slug)
    if not can_manage_organisation(request.auth, organisation):
        raise HttpError(403, "Only this organisation's administrators can change it")
    # The same form as the web page validates the change, so the rules live in one place.
    kinds = ANCHOR_KINDS if organisation.is_anchor else SUPPLIER_KINDS
    form = OrganisationForm(instance=organisation, kinds=kinds)
    data = {name: form[name].value() for name in form.fields}
    data["sectors"] = [sector.pk for sector in organisation.sectors.all()]
    supplied = changes.dict(exclude_unset=True)
    not_applicable = sorted(set(supplied) - set(form.fields))
    if not_applicable:
        raise InvalidInput(
            [
                {
                    "field": name,
                    "message": f"{field_words(('body', 'changes', name)).capitalize()} does not "
                    f"apply to {'anchor institutions' if organisation.is_anchor else 'suppliers'}: "
                    "leave it out",
                }
                for name in not_applicable
            ]
        )
    if "sectors" in supplied:
        wanted = supplied.pop("sectors") or []
        found = dict(Sector.objects.filter(slug__in=wanted).values_list("slug", "pk"))
        unknown = sorted(set(wanted) - set(found))
        if unknown:
            raise InvalidInput(
                [
                    {
                        "field": "sectors",
                        "message": "Sectors must be known sector slugs, like healthcare: "
                        f"{', '.join(unknown)} is not one",
                    }
                ]
            )
        data["sectors"] = list(found.values())
    data.update({key: ("" if value is None else value) for key, value in supplied.items()})
    form = OrganisationForm(data, instance=organisation, kinds=kinds)
    if not form.is_valid():
        raise InvalidInput(
            [
                {"field": field, "message": message}
                for field, messages in form.errors.items()
                for message in messages
            ]
        )
    with transaction.atomic():
        form.save()
    return _organisations().get(pk=organisation.pk)


class ChampionOrganisation(Schema):
    slug: str
    name: str


class ChampionOut(Schema):
    id: int
    name: str
    job_title: str
    email: str
    phone: str
    about: str
    organisation: ChampionOrganisation
    sectors: list[str]
    is_sample: bool

    @staticmethod
    def resolve_sectors(obj):
        return [sector.slug for sector in obj.sectors.all()]


@router.get(
    "/champions",
    response=responses(list[ChampionOut], 422),
    auth=None,
    summary="Innovation-procurement champions",
)
@paginate(Paging, page_size=50)
def list_champions(request, sector: str | None = None, organisation: str | None = None):
    champions = Champion.objects.select_related("organisation").prefetch_related("sectors")
    if sector:
        champions = champions.filter(sectors__slug=sector)
    if organisation:
        champions = champions.filter(organisation__slug=organisation)
    return champions.distinct()
