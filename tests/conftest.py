"""Shared fixtures: a small network with one user per role."""

import os
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings

from accounts.models import ApiToken, Invitation, JoinRequest, User
from network.models import Champion, OperatingSite, Organisation, Sector
from network.taxonomy import sync_sectors
from opportunities.models import Process, SavedSearch, SupplierProfile

PASSWORD = "correct-horse-battery-staple"

# The roles every permission test covers. "other_buyer" is a buyer of another anchor.
ROLES = [
    "anonymous",
    "registered",
    "supplier",
    "other_buyer",
    "buyer",
    "anchor_admin",
    "coordinator",
]


def data_dir() -> Path:
    return Path(os.environ.get("ANCHORHUB_DATA_DIR") or settings.DATA_DIR)


def require_data(*parts: str) -> Path:
    """The path of a file in ../shared/data; skip (never in CI) when the folder is absent."""
    path = data_dir().joinpath(*parts)
    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail(f"Real data file missing in CI: {path}")
        pytest.skip(f"Real data not available: {path} (set ANCHORHUB_DATA_DIR)")
    return path


@pytest.fixture(scope="session")
def ocds_schema():
    """The OCDS release schema with the UK extension, from ../shared/data, the cache or the web;
    skip (never in CI) when none of them can give it, as on a machine offline without the data."""
    from opportunities.schema import SchemaUnavailable, release_schema

    try:
        return release_schema()
    except SchemaUnavailable as problem:
        if os.environ.get("CI"):
            pytest.fail(f"OCDS schema missing in CI: {problem}")
        pytest.skip(f"OCDS schema not available here: {problem}")


@pytest.fixture(autouse=True)
def _fast_password_hashing_and_mail(settings):
    # Argon2 is the production hasher (and is tested as such in tests/accounts); the rest of the
    # suite uses MD5 so that hundreds of sign-ins stay fast.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture(autouse=True)
def _own_search_index(settings, tmp_path):
    # The search index lives beside the database; each test's database is rolled back, so each test
    # gets an index of its own too.
    from opportunities import index_queries

    settings.SEARCH_INDEX_DIR = tmp_path / "search-index"
    settings.MEDIA_ROOT = tmp_path / "media"  # uploads, e.g. payment files waiting to be confirmed
    index_queries.reset_caches()
    yield
    index_queries.reset_caches()


@pytest.fixture(autouse=True)
def _scorecard_tables_read_afresh(settings):
    # Each test's database is rolled back and its keys may be used again, so a table kept from one
    # test could look current in the next: tests read afresh (tests/scorecard/test_remembering.py
    # turns keeping on).
    settings.SCORECARD_CACHE_SECONDS = 0


@pytest.fixture(autouse=True)
def _fresh_job_progress():
    # Live job progress and the worker's heartbeat live in the "jobs" cache (in memory in tests).
    from django.core.cache import caches

    caches["jobs"].clear()
    yield
    caches["jobs"].clear()


def make_user(email, organisation=None, admin=False, coordinator=False, **extra):
    return User.objects.create_user(
        email,
        PASSWORD,
        full_name=extra.pop("full_name", email.split("@")[0].replace("-", " ").title()),
        organisation=organisation,
        is_organisation_admin=admin,
        is_coordinator=coordinator,
        **extra,
    )


@pytest.fixture
def world(db):
    """A home anchor, another anchor, a supplier, one user per role and an object of each kind."""
    sync_sectors()
    healthcare = Sector.objects.get(slug="healthcare")
    home = Organisation.objects.create(
        name="Home Council", kind="council", is_network_member=True, registered_postcode="B1 1BB"
    )
    home.sectors.add(healthcare)
    other = Organisation.objects.create(
        name="Other Trust", kind="nhs_trust", is_network_member=True, registered_postcode="CV2 2DX"
    )
    supplier_org = Organisation.objects.create(
        name="Supplier Ltd", kind="company", size_band="small", companies_house_number="01234567"
    )
    users = {
        "registered": make_user("registered@example.org"),
        "supplier": make_user("supplier@example.org", supplier_org, admin=True),
        "other_buyer": make_user("other-buyer@example.org", other),
        "buyer": make_user("buyer@example.org", home),
        "anchor_admin": make_user("anchor-admin@example.org", home, admin=True),
        "coordinator": make_user("coordinator@example.org", coordinator=True, is_staff=True),
    }
    champion = Champion.objects.create(
        organisation=home,
        name="Cara Champion",
        job_title="Innovation lead",
        email="cara@example.org",
    )
    champion.sectors.add(healthcare)
    site = OperatingSite.objects.create(organisation=home, name="Depot", postcode="B5 5SE")
    joiner = make_user("joiner@example.org")
    join_request = JoinRequest.objects.create(user=joiner, organisation=home)
    invitation, invitation_token = Invitation.issue(
        email="invitee@example.org",
        full_name="Ivy Invitee",
        organisation=home,
        invited_by=users["anchor_admin"],
    )
    api_token, api_secret = ApiToken.issue(users["buyer"], "Dashboard")
    process = Process.objects.create(
        ocid="ocds-world-1", compiled={}, phase="tender", title="Home Council tender", buyer=home
    )
    profile = SupplierProfile.objects.create(
        organisation=supplier_org, cpv_codes=["72000000"], keywords=["software"]
    )
    saved_search = SavedSearch.objects.create(user=users["buyer"], name="Care", query="q=care")
    return SimpleNamespace(
        home=home,
        other=other,
        supplier_org=supplier_org,
        users=users,
        champion=champion,
        site=site,
        join_request=join_request,
        invitation=invitation,
        invitation_token=invitation_token,
        api_token=api_token,
        api_secret=api_secret,
        healthcare=healthcare,
        process=process,
        profile=profile,
        saved_search=saved_search,
    )


@pytest.fixture
def client_for(client, world):
    """client_for(role): a test client signed in as that role's user (or anonymous)."""

    def signed_in(role):
        if role != "anonymous":
            client.force_login(world.users[role], backend="accounts.backends.EmailBackend")
        return client

    return signed_in
