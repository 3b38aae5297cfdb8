"""Agreement to share holds everywhere a case can appear: pages, search, feed, exports, API."""

import itertools
import json

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from cases import services, sharing
from cases.models import Case
from cases.sharing import CaseFacts, Level, Status, Viewer, can_see
from core.roles import Role
from tests.cases.factories import case
from tests.conftest import ROLES

pytestmark = pytest.mark.django_db


def test_the_pure_rules():
    published = dict(status=Status.PUBLISHED, organisation_id=1, submitted_by_id=10)
    outsider = Viewer(Role.SUPPLIER, user_id=99, organisation_id=7)
    anonymous = Viewer(Role.ANONYMOUS)
    assert can_see(CaseFacts(Level.PUBLIC, **published), anonymous)
    assert not can_see(CaseFacts(Level.NETWORK, **published), anonymous)
    assert not can_see(CaseFacts(Level.NETWORK, **published), Viewer(Role.REGISTERED, user_id=5))
    assert can_see(CaseFacts(Level.NETWORK, **published), outsider)
    assert not can_see(CaseFacts(Level.NAMED, **published), outsider)
    assert can_see(CaseFacts(Level.NAMED, **published, named_ids=frozenset({7})), outsider)
    assert not can_see(CaseFacts(Level.PRIVATE, **published), outsider)
    draft = CaseFacts(Level.PUBLIC, Status.DRAFT, 1, 10)
    assert not can_see(draft, anonymous)
    assert can_see(draft, Viewer(Role.BUYER, user_id=11, organisation_id=1))  # same organisation
    assert can_see(draft, Viewer(Role.COORDINATOR, user_id=12))


LEVELS = list(Level)
STATUSES = list(Status)


@pytest.fixture
def library(world):
    """One case for each level and status, owned by Home Council; named ones shared with the
    supplier's organisation."""
    made = []
    for level, status in itertools.product(LEVELS, STATUSES):
        item = case(world, level, status, title=f"Case {level} {status}")
        if level == Level.NAMED:
            item.named_organisations.add(world.supplier_org)
        made.append(item)
    return made


@pytest.mark.parametrize("role", ROLES)
def test_the_database_filter_agrees_with_the_rules_for_every_role(role, world, library):
    user = world.users.get(role)
    viewer = services.viewer_of(user) if user else Viewer(Role.ANONYMOUS)
    expected = {c.pk for c in library if can_see(services.facts_of(c), viewer)}
    found = set(Case.objects.visible_to(user or AnonymousUser()).values_list("pk", flat=True))
    assert found == expected
    # Spot-check the meaning, not just the agreement.
    titles = {c.title for c in library if c.pk in found}
    if role == "anonymous":
        assert titles == {"Case public published"}
    if role == "supplier":
        assert titles == {"Case public published", "Case network published", "Case named published"}
    if role == "other_buyer":
        assert titles == {"Case public published", "Case network published"}
    if role in {"buyer", "anchor_admin", "coordinator"}:
        assert len(titles) == len(LEVELS) * len(STATUSES)


@pytest.mark.parametrize("role", ROLES)
def test_every_place_a_case_appears_keeps_to_its_level(role, world, library, client_for):
    user = world.users.get(role)
    viewer = services.viewer_of(user) if user else Viewer(Role.ANONYMOUS)
    client = client_for(role)
    listing = client.get(reverse("cases:list")).content.decode()
    searched = client.get(reverse("cases:list"), {"q": "hospital lighting"}).content.decode()
    searched = searched[searched.index('id="results"') :]  # the results, not "your drafts"
    csv_export = client.get(reverse("cases:export", kwargs={"fmt": "csv"})).content.decode()
    json_export = json.loads(client.get(reverse("cases:export", kwargs={"fmt": "json"})).content)
    api = client.get("/api/cases").json()
    feed = client.get(reverse("cases:feed")).content.decode()
    exported = {c["title"] for c in json_export["cases"]}
    from_api = {c["title"] for c in api["cases"]}
    for item in library:
        visible = can_see(services.facts_of(item), viewer)
        published = item.status == Status.PUBLISHED
        page = client.get(item.get_absolute_url())
        assert (page.status_code == 200) == visible, (role, item.title)
        api_one = client.get(f"/api/cases/{item.slug}")
        assert (api_one.status_code == 200) == (visible and published), (role, item.title)
        # Search, exports and the API list published cases only, within the level.
        listed = visible and published
        assert (item.title in exported) == listed, (role, item.title)
        assert (item.title in from_api) == listed, (role, item.title)
        assert (item.title in csv_export) == listed, (role, item.title)
        assert (item.title in searched) == listed, (role, item.title)
        if not visible:
            assert item.title not in listing
        # The feed carries public published cases only, whoever asks.
        in_feed = item.level == Level.PUBLIC and published
        assert (item.title in feed) == in_feed, (role, item.title)


def test_the_api_with_a_token_sees_what_its_user_sees(world, library, client):
    token = f"Bearer {world.api_secret}"  # the home buyer's token
    titles = {
        c["title"] for c in client.get("/api/cases", HTTP_AUTHORIZATION=token).json()["cases"]
    }
    assert "Case private published" in titles and "Case named published" in titles
    assert client.get("/api/cases", HTTP_AUTHORIZATION="Bearer wrong").status_code == 401
    anonymous = {c["title"] for c in client.get("/api/cases").json()["cases"]}
    assert anonymous == {"Case public published"}


def test_similar_cases_never_reveal_a_hidden_one(world, client_for):
    shown = case(world, Level.PUBLIC, title="Public lighting case")
    case(
        world,
        Level.PRIVATE,
        title="Secret lighting case",
        summary="Hospital wards got efficient lighting.",
    )
    page = client_for("anonymous").get(shown.get_absolute_url()).content.decode()
    assert "Secret lighting case" not in page


def test_levels_cover_the_issue():
    assert {level.label for level in sharing.Level} == {
        "Public",
        "Network members",
        "Named organisations",
        "Private draft",
    }
