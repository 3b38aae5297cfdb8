"""Each KPI source read from the database against figures worked out by hand on small fixtures:
the ledger's shares equal the ledger's own figures for the same payments, the practice indicator
the scorecard's own, and the counts what the fixture holds."""

from datetime import UTC, date, datetime
from io import StringIO

import pytest
from django.core.management import call_command

from challenges.models import Adoption, Challenge, StatusChange
from network.models import OperatingSite, Organisation
from programmes.kpi_reading import inputs_for
from programmes.kpi_sources import SOURCES
from programmes.models import Kpi, ManualResult, Partner, Programme
from tests.conftest import make_user, require_data

pytestmark = pytest.mark.django_db

END = date(2026, 3, 31)  # the period end: the financial year 2025-26 with the 12-month window


def make_programme(world, slug="healthy-homes", published=True) -> Programme:
    """A programme led by Home Council with Other Trust as a partner, and a university partner
    named without a directory entry."""
    programme = Programme.objects.create(
        slug=slug,
        title="Healthy homes pilot",
        summary="A pilot",
        aims="Warmer homes",
        is_published=published,
    )
    Partner.objects.create(
        programme=programme, organisation=world.home, kind="anchor", role="Lead", is_lead=True
    )
    Partner.objects.create(
        programme=programme, organisation=world.other, kind="anchor", role="Partner"
    )
    Partner.objects.create(programme=programme, name="A University", kind="university", role="R")
    return programme


def kpi_of(owner, source, **extra) -> Kpi:
    field = "programme" if isinstance(owner, Programme) else "organisation"
    item = SOURCES[source]
    return Kpi.objects.create(
        **{field: owner},
        source=source,
        title=extra.pop("title", item.label),
        unit=extra.pop("unit", item.unit),
        window=extra.pop("window", item.window),
        **extra,
    )


def figure(kpi, end=END):
    inputs = inputs_for(kpi, end)
    return SOURCES[kpi.source](inputs)


@pytest.fixture
def paid(world, tmp_path):
    """Home Council (Birmingham) in 2025-26: a local builder £400 (small), a national firm with
    a Birmingham depot £300 (large), a Coventry CIC £200 (micro, VCSE), a firm with no known place
    £100 and a withheld name £999 (left out); £50 in March 2025 (the year before). Other Trust
    (Coventry) pays the CIC £80."""
    require_data("reference", "imd", "English IMD - Local Authorities.csv")
    Organisation.objects.create(
        name="Brum Builders Ltd", kind="company", size_band="small", registered_postcode="B5 5SE"
    )
    national = Organisation.objects.create(
        name="National Care Ltd", kind="company", size_band="large", registered_postcode="SW1A 1AA"
    )
    OperatingSite.objects.create(organisation=national, name="Depot", postcode="B9 4AA")
    Organisation.objects.create(
        name="Kind Hands CIC",
        kind="cic",
        size_band="micro",
        is_vcse=True,
        registered_postcode="CV1 2GT",
    )
    path = tmp_path / "home.csv"
    path.write_text(
        "Supplier Name,Net Amount,Payment Date,Category,Directorate\n"
        "Brum Builders Limited,400.00,15/04/2025,Construction,Place\n"
        "NATIONAL CARE LTD,300.00,15/07/2025,Social Care,Adults\n"
        "Kind Hands CIC,200.00,15/10/2025,Social Care,Adults\n"
        "Faraway Widgets plc,100.00,15/01/2026,Equipment,Place\n"
        "Redacted Personal Information,999.00,15/01/2026,Social Care,Adults\n"
        "Brum Builders Ltd,50.00,15/03/2025,Construction,Place\n"
    )
    call_command("import_spend", str(path), "--buyer", world.home.name, stdout=StringIO())
    other = tmp_path / "other.csv"
    other.write_text("Supplier Name,Net Amount,Payment Date\nKind Hands CIC,80.00,01/05/2025\n")
    call_command("import_spend", str(other), "--buyer", world.other.name, stdout=StringIO())
    call_command("resolve_suppliers", stdout=StringIO())
    return world


def test_ledger_shares_for_an_anchor_by_hand_and_as_the_ledger_has_them(paid):
    from spend.dashboard import ledger

    figures = ledger(paid.home, 2025).figures
    expected = {
        "local_spend_share": (0.7, "local_share_operational"),  # 400 + 300 of 1,000
        "sme_spend_share": (0.6, "sme_share"),  # 400 + 200
        "vcse_spend_share": (0.2, "vcse_share"),  # 200
    }
    for source, (by_hand, measure) in expected.items():
        result = figure(kpi_of(paid.home, source))
        assert result.value == pytest.approx(by_hand), source
        assert result.value == pytest.approx(figures[measure]), source
        assert result.denominator == pytest.approx(1000)
    # a period reaching past the ledger's last payment says the figure covers only part of it
    later = inputs_for(kpi_of(paid.home, "local_spend_share"), date(2026, 6, 30))
    assert "the latest dated 15 January 2026: the figure covers only the part" in later.data_note
    # the year before holds only the £50 to the local builder
    assert figure(kpi_of(paid.home, "local_spend_share"), date(2025, 3, 31)).value == 1.0


def test_ledger_shares_for_a_programme_judge_each_anchor_against_its_own_authority(paid):
    programme = make_programme(paid)
    result = figure(kpi_of(programme, "local_spend_share"))
    # Home's £700 local of £1,000, and Other Trust's (Coventry) £80 with the Coventry CIC
    assert result.denominator == pytest.approx(1080)
    assert result.value == pytest.approx(780 / 1080)
    assert figure(kpi_of(programme, "vcse_spend_share")).value == pytest.approx(280 / 1080)


def test_a_practice_indicator_is_the_scorecard_s_own_figure(world):
    from scorecard.gathering import organisation_buyer
    from scorecard.report import scorecard
    from tests.scorecard.stored import stored_tender

    when = "2025-06-01T00:00:00Z"
    stored_tender(world.home, "ocds-k-1", when, {"lots": [{"id": "1"}, {"id": "2"}]})
    stored_tender(world.home, "ocds-k-2", when, {"lots": [{"id": "1"}, {"id": "2"}]})
    stored_tender(world.home, "ocds-k-3", when, {})
    stored_tender(world.other, "ocds-k-4", when, {})
    kpi = kpi_of(world.home, "practice_indicator", parameters={"indicator": "lots_share"})
    result = figure(kpi)
    own = scorecard(organisation_buyer(world.home), date(2025, 4, 1), END).figures["lots_share"]
    assert result.value == pytest.approx(2 / 3) == pytest.approx(own.value)
    assert (result.numerator, result.denominator) == (2, 3)
    programme = make_programme(world)
    pooled = kpi_of(programme, "practice_indicator", parameters={"indicator": "lots_share"})
    assert figure(pooled).value == pytest.approx(2 / 4)


def _challenge(owner, title, **extra):
    return Challenge.objects.create(
        owner=owner,
        title=title,
        summary="s",
        problem="p",
        affected="a",
        outcomes="o",
        success_measures="m",
        **extra,
    )


def at(day: str) -> datetime:
    return datetime.fromisoformat(day).replace(tzinfo=UTC)


@pytest.fixture
def challenged(world):
    """Home's challenges: one published in May 2025 and awarded in January 2026 (adopted by
    Other Trust and by Home itself), one published in 2024, one draft; Other's own challenge
    published in June 2025. The programme tackles Home's first two and Other's."""
    first = _challenge(
        world.home,
        "Warm homes",
        status="awarded",
        published_at=at("2025-05-01T10:00:00"),
        award_date=date(2026, 1, 10),
    )
    older = _challenge(world.home, "Damp", status="published", published_at=at("2024-05-01T10:00"))
    _challenge(world.home, "Draft", status="draft")
    theirs = _challenge(
        world.other, "Ward heat", status="awarded", published_at=at("2025-06-01T10:00")
    )
    StatusChange.objects.create(
        challenge=theirs, from_status="engagement_closed", to_status="awarded", at=at("2025-09-09")
    )
    Adoption.objects.create(challenge=first, organisation=world.other, adopted_on=date(2026, 2, 1))
    Adoption.objects.create(challenge=first, organisation=world.home, adopted_on=date(2026, 2, 2))
    programme = make_programme(world)
    programme.challenges.set([first, older, theirs])
    return programme


def test_challenge_counts_for_an_anchor_and_a_programme(world, challenged):
    year = {"window": "year"}
    assert figure(kpi_of(world.home, "challenges_published", **year)).value == 1
    assert figure(kpi_of(world.home, "challenges_published", window="all")).value == 2
    assert figure(kpi_of(challenged, "challenges_published", **year)).value == 2
    assert figure(kpi_of(world.home, "challenges_awarded", **year)).value == 1
    # Other's award has no date: the day it was recorded counts
    assert figure(kpi_of(challenged, "challenges_awarded", **year)).value == 2
    # spread: Other Trust's adoption of Home's challenge; Home's own is not spread
    assert figure(kpi_of(challenged, "adoptions_by_others", **year)).value == 1
    assert figure(kpi_of(world.home, "adoptions_by_others", **year)).value == 1
    assert figure(kpi_of(world.other, "adoptions_by_others", **year)).value == 0


def test_cases_shared(world, challenged):
    from cases.models import Case

    def case(slug, **extra):
        return Case.objects.create(
            slug=slug,
            title=slug,
            summary="s",
            problem="p",
            buyer_names="Home Council",
            buyer_type="local_authority",
            route="open",
            **extra,
        )

    shared = case("shared", status="published", level="network", organisation=world.home)
    shared.published_at = at("2025-08-01T09:00")
    shared.save()
    shared.challenges.add(challenged.challenges.get(title="Warm homes"))
    private = case("private", status="published", level="private", organisation=world.home)
    private.published_at = at("2025-08-01T09:00")
    private.save()
    case("draft", status="draft", level="public", organisation=world.home)
    assert figure(kpi_of(world.home, "cases_shared", window="year")).value == 1
    assert figure(kpi_of(challenged, "cases_shared", window="year")).value == 1
    assert figure(kpi_of(world.other, "cases_shared", window="year")).value == 0


def test_local_suppliers_registered_and_alerts_sent(world):
    from opportunities.models import AlertSent

    brum = Organisation.objects.create(name="Brum Co", kind="company", registered_postcode="B5 5SE")
    away = Organisation.objects.create(
        name="Away Co", kind="company", registered_postcode="CV1 2GT"
    )
    make_user("brum@example.org", brum, date_joined=at("2025-06-01T09:00"))
    make_user("away@example.org", away, date_joined=at("2025-06-01T09:00"))
    # the world's supplier has no postcode; its member joined today (outside the period)
    home = figure(kpi_of(world.home, "suppliers_registered"))
    assert home.value == 1
    assert figure(kpi_of(world.other, "suppliers_registered")).value == 1
    programme = make_programme(world)
    assert figure(kpi_of(programme, "suppliers_registered")).value == 2
    sent = AlertSent.objects.create(user=world.users["supplier"], process=world.process)
    AlertSent.objects.filter(pk=sent.pk).update(sent_at=at("2025-07-01T07:00"))
    assert figure(kpi_of(world.home, "alerts_sent")).value == 1
    assert figure(kpi_of(world.other, "alerts_sent")).value == 0
    assert figure(kpi_of(programme, "alerts_sent")).value == 1


def test_a_manual_kpi_reads_its_entered_results(world):
    programme = make_programme(world)
    kpi = kpi_of(programme, "manual", unit="number")
    ManualResult.objects.create(
        kpi=kpi,
        period_end=date(2025, 12, 31),
        value=12,
        evidence_note="Survey",
        evidence_link="https://example.org",
    )
    result = figure(kpi)
    assert result.value == 12
    assert "a link" in result.basis
