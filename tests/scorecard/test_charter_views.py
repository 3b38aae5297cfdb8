"""The charter's pages for each role: reading (everyone), changing (coordinators, each change a
version), adoptions (an anchor's administrators for their own anchor, coordinators for any),
each anchor's progress (published scorecards only for those outside the network's buyers), the
adoption picture and its downloads, and progress on a scorecard."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from scorecard.charter import progress_for, save_version
from scorecard.charter_sync import sync_charter
from scorecard.gathering import organisation_buyer, tables_for
from scorecard.indicators import INDICATORS, Indicator
from scorecard.models import (
    Commitment,
    CommitmentAdoption,
    CommitmentVersion,
    ScorecardPublication,
)
from scorecard.report import scorecard_of
from tests.conftest import make_user
from tests.scorecard.stored import stored_tender

LOTS = "divide-into-lots"


@pytest.fixture
def charter(world):
    sync_charter()
    return Commitment.objects.get(slug=LOTS)


def _url(name, *args):
    return reverse(f"scorecard:{name}", args=args)


def _adopt(commitment, organisation, day=date(2026, 4, 1)):
    return CommitmentAdoption.objects.create(
        commitment=commitment, organisation=organisation, adopted_on=day
    )


def _edit(commitment, **changes):
    data = {
        "title": commitment.title,
        "description": commitment.description,
        "indicator": commitment.indicator,
        "target_entered": "" if commitment.target is None else commitment.target * 100,
        "comparison": commitment.comparison,
        "source": commitment.source,
        "note": "",
    }
    return {**data, **changes}


# Reading


@pytest.mark.parametrize("role", ["anonymous", "supplier", "other_buyer", "buyer"])
def test_everyone_reads_the_charter_and_only_coordinators_may_add(role, charter, client_for):
    page = client_for(role).get(_url("charter")).content.decode()
    assert "Divide contracts into lots where practicable" in page
    assert "At least 30%" in page and "At most 5%" in page  # shares as percentages
    assert "Add a commitment" not in page


def test_a_coordinator_is_offered_to_add(charter, client_for):
    assert "Add a commitment" in client_for("coordinator").get(_url("charter")).content.decode()


def test_a_commitment_shows_its_indicator_target_adoptions_and_history(charter, world, client_for):
    _adopt(charter, world.home, date(2026, 4, 1))
    charter.target = 0.4
    save_version(charter, world.users["coordinator"], "Agreed at the June meeting")
    page = client_for("anonymous").get(_url("charter_commitment", LOTS)).content.decode()
    assert "Tenders divided into lots" in page  # the indicator's label from the registry
    assert "How this is calculated" in page
    assert "At least 40%" in page
    assert "Home Council" in page and "1 April 2026" in page
    assert "Version 2" in page and "Version 1" in page
    assert "Agreed at the June meeting" in page and "Coordinator" in page
    assert "the charter data (version 2026-12-03)" in page
    assert "Withdraw" not in page and "Record an adoption" not in page


def test_the_tender_period_commitment_says_its_days(charter, client_for):
    page = client_for("anonymous").get(
        _url("charter_commitment", "minimum-tender-period-below-threshold")
    )
    assert "At least 15 days" in page.content.decode()


def test_an_anchor_admin_may_adopt_and_withdraw_only_their_own(charter, world, client_for):
    _adopt(charter, world.home)
    other = _adopt(charter, world.other)
    page = client_for("anchor_admin").get(_url("charter_commitment", LOTS)).content.decode()
    assert "Record an adoption" in page
    own = CommitmentAdoption.objects.get(organisation=world.home)
    assert _url("charter_withdraw", LOTS, own.pk) in page
    assert _url("charter_withdraw", LOTS, other.pk) not in page


def test_an_unknown_commitment_is_not_found(charter, client_for):
    assert client_for("anonymous").get(_url("charter_commitment", "nope")).status_code == 404


# Changing: coordinators only, each change a version


def test_a_coordinator_adds_a_commitment_as_version_one(charter, world, client_for):
    response = client_for("coordinator").post(
        _url("charter_add"),
        {
            "title": "Publish contract details",
            "description": "Publish every UK7.",
            "indicator": "direct_award_share",
            "target_entered": "10",
            "comparison": "at_most",
            "source": "The network's own",
            "note": "",
        },
    )
    made = Commitment.objects.get(slug="publish-contract-details")
    assert response.status_code == 302 and response.url == _url("charter_commitment", made.slug)
    assert (made.target, made.comparison, made.version, made.updated_by) == (
        0.1,
        "at_most",
        1,
        world.users["coordinator"],
    )
    (version,) = made.versions.all()
    assert version.snapshot["target"] == 0.1 and version.note == "Added"
    assert version.changed_by == world.users["coordinator"] and version.data_version == ""
    assert made.position == Commitment.objects.exclude(pk=made.pk).count()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"indicator": "not_an_indicator"}, "indicator", "Select indicator that measures it from"),
        ({"indicator": "", "target_entered": "50"}, "target_entered", "Choose the indicator"),
        ({"target_entered": "150"}, "target_entered", "from 0 to 100"),
        ({"indicator": "yes_or_no", "target_entered": "2"}, "target_entered", "1 for yes"),
        ({"note": ""}, "note", "Enter what changed and why"),
    ],
)
def test_an_edit_is_validated(charter, client_for, changes, field, message, monkeypatch):
    monkeypatch.setitem(
        INDICATORS, "yes_or_no", Indicator("yes_or_no", "Yes or no", lambda t: None, "yes_no")
    )
    response = client_for("coordinator").post(
        _url("charter_edit", LOTS), _edit(charter, **{"note": "Why", **changes})
    )
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    charter.refresh_from_db()
    assert charter.version == 1


def test_a_target_in_days_is_kept_as_days(charter, client_for):
    client_for("coordinator").post(
        _url("charter_edit", LOTS),
        _edit(
            charter, indicator="days_to_award", target_entered="40", comparison="at_most", note="x"
        ),
    )
    charter.refresh_from_db()
    assert (charter.indicator, charter.target, charter.comparison) == (
        "days_to_award",
        40,
        "at_most",
    )


def test_an_edit_with_nothing_changed_is_refused(charter, client_for):
    response = client_for("coordinator").post(
        _url("charter_edit", LOTS), _edit(charter, note="Why")
    )
    assert "Nothing has changed" in response.content.decode()
    assert Commitment.objects.get(slug=LOTS).version == 1


def test_a_coordinators_edit_is_a_new_version(charter, world, client_for):
    client = client_for("coordinator")
    form = client.get(_url("charter_edit", LOTS)).context["form"]
    assert form.initial["target_entered"] == 30  # a share typed as a percentage
    response = client.post(
        _url("charter_edit", LOTS),
        _edit(charter, target_entered="40", note="Agreed at the June meeting"),
    )
    assert response.status_code == 302
    charter.refresh_from_db()
    assert (charter.target, charter.version, charter.updated_by) == (
        0.4,
        2,
        world.users["coordinator"],
    )
    latest, first = charter.versions.all()
    assert (latest.number, latest.snapshot["target"], latest.note) == (
        2,
        0.4,
        "Agreed at the June meeting",
    )
    assert first.snapshot["target"] == 0.3  # the first version is kept as it was


def test_a_coordinator_retires_and_reactivates(charter, world, client_for):
    client = client_for("coordinator")
    assert "Retire commitment" in client.get(_url("charter_status", LOTS)).content.decode()
    client.post(_url("charter_status", LOTS), {"note": "Replaced by a wider one"})
    charter.refresh_from_db()
    assert not charter.is_active and charter.version == 2
    page = client.get(_url("charter")).content.decode()
    assert "Retired commitments" in page
    assert "Reactivate commitment" in client.get(_url("charter_status", LOTS)).content.decode()
    client.post(_url("charter_status", LOTS), {"note": "Back in"})
    charter.refresh_from_db()
    assert charter.is_active and charter.version == 3
    assert [v.snapshot["is_active"] for v in charter.versions.all()] == [True, False, True]


@pytest.mark.parametrize("role", ["supplier", "other_buyer", "buyer", "anchor_admin"])
def test_only_coordinators_change_the_charter(role, charter, client_for):
    client = client_for(role)
    assert (
        client.post(_url("charter_edit", LOTS), _edit(charter, note="x", title="Hm")).status_code
        == 403
    )
    assert client.post(_url("charter_status", LOTS), {"note": "x"}).status_code == 403
    assert client.post(_url("charter_add"), {"title": "New"}).status_code == 403
    charter.refresh_from_db()
    assert charter.version == 1 and charter.is_active
    assert not Commitment.objects.filter(slug="new").exists()


def test_anonymous_visitors_are_sent_to_sign_in(charter, client_for):
    response = client_for("anonymous").post(_url("charter_edit", LOTS), {"note": "x"})
    assert response.status_code == 302 and reverse("accounts:sign_in") in response.url
    assert CommitmentVersion.objects.filter(commitment=charter).count() == 1


# Adoptions


def test_an_anchor_admin_records_their_own_anchors_adoption(charter, world, client_for):
    client = client_for("anchor_admin")
    form = client.get(_url("charter_adopt", LOTS)).context["form"]
    assert "organisation" not in form.fields  # their own anchor, not a choice
    response = client.post(
        _url("charter_adopt", LOTS),
        {
            "organisation": world.other.pk,  # ignored: not theirs to choose
            "adopted_on_0": "1",
            "adopted_on_1": "4",
            "adopted_on_2": "2026",
        },
    )
    assert response.status_code == 302
    (adoption,) = CommitmentAdoption.objects.filter(commitment=charter)
    assert (adoption.organisation, adoption.adopted_on, adoption.recorded_by) == (
        world.home,
        date(2026, 4, 1),
        world.users["anchor_admin"],
    )
    # recording again corrects the date
    client.post(
        _url("charter_adopt", LOTS),
        {"adopted_on_0": "2", "adopted_on_1": "5", "adopted_on_2": "2026"},
    )
    adoption.refresh_from_db()
    assert adoption.adopted_on == date(2026, 5, 2)


def test_an_adoption_cannot_be_in_the_future(charter, client_for):
    later = date.today() + timedelta(days=3)
    response = client_for("anchor_admin").post(
        _url("charter_adopt", LOTS),
        {"adopted_on_0": later.day, "adopted_on_1": later.month, "adopted_on_2": later.year},
    )
    assert "today or in the past" in response.content.decode()
    assert not CommitmentAdoption.objects.exists()


def test_a_coordinator_records_any_anchors_adoption(charter, world, client_for):
    client = client_for("coordinator")
    choices = client.get(_url("charter_adopt", LOTS)).context["form"].fields["organisation"]
    assert set(choices.queryset) == {world.home, world.other}  # the network's anchors only
    client.post(
        _url("charter_adopt", LOTS),
        {
            "organisation": world.other.pk,
            "adopted_on_0": "1",
            "adopted_on_1": "4",
            "adopted_on_2": "2026",
        },
    )
    assert CommitmentAdoption.objects.get(commitment=charter).organisation == world.other


@pytest.mark.parametrize("role", ["supplier", "other_buyer", "buyer"])
def test_others_may_not_record_adoptions(role, charter, world, client_for):
    response = client_for(role).post(
        _url("charter_adopt", LOTS),
        {"adopted_on_0": "1", "adopted_on_1": "4", "adopted_on_2": "2026"},
    )
    assert response.status_code == 403
    assert not CommitmentAdoption.objects.exists()


def test_a_retired_commitment_is_not_adopted(charter, client_for):
    charter.is_active = False
    charter.save()
    assert client_for("anchor_admin").get(_url("charter_adopt", LOTS)).status_code == 403


def test_withdrawing_an_adoption(charter, world, client, client_for):
    own = _adopt(charter, world.home)
    other = _adopt(charter, world.other)
    admin = client_for("anchor_admin")
    assert admin.post(_url("charter_withdraw", LOTS, other.pk)).status_code == 403
    assert (
        "Withdraw Home Council"
        in admin.get(_url("charter_withdraw", LOTS, own.pk)).content.decode()
    )
    assert admin.post(_url("charter_withdraw", LOTS, own.pk)).status_code == 302
    assert list(CommitmentAdoption.objects.all()) == [other]
    # another anchor's administrator withdraws theirs; a coordinator any
    other_admin = make_user("other-admin@example.org", world.other, admin=True)
    client.force_login(other_admin, backend="accounts.backends.EmailBackend")
    assert client.post(_url("charter_withdraw", LOTS, other.pk)).status_code == 302
    assert not CommitmentAdoption.objects.exists()


# Progress


def _tender(world, organisation, ocid, lots, when="2026-08-10T10:00:00Z"):
    stored_tender(organisation, ocid, when, {"lots": [{"id": str(n)} for n in range(lots)]})


@pytest.fixture
def notices(world, charter):
    """Home Council: 1 of 2 tenders in lots (50%, meets 30%); Other Trust: 0 of 1 (0%)."""
    _tender(world, world.home, "ocds-c-1", 3)
    _tender(world, world.home, "ocds-c-2", 1)
    _tender(world, world.other, "ocds-c-3", 1)
    _adopt(charter, world.home, date(2026, 4, 1))


def _rows(response):
    return {row.organisation.name: row for row in response.context["rows"]}


def test_buyers_see_every_anchors_progress(notices, client_for):
    rows = _rows(client_for("buyer").get(_url("charter_progress", LOTS)))
    assert set(rows) == {"Home Council", "Other Trust"}
    home, other = rows["Home Council"], rows["Other Trust"]
    assert (home.figure.value, home.met, home.value_shown, home.adopted_on) == (
        0.5,
        True,
        "50%",
        date(2026, 4, 1),
    )
    assert (other.figure.value, other.met, other.adopted_on) == (0.0, False, None)


def test_the_public_sees_only_anchors_that_publish_their_scorecard(notices, world, client_for):
    ScorecardPublication.objects.create(organisation=world.other, published=True)
    ScorecardPublication.objects.create(organisation=world.home, published=False)
    for role in ("anonymous", "supplier"):
        response = client_for(role).get(_url("charter_progress", LOTS))
        assert set(_rows(response)) == {"Other Trust"}
        page = response.content.decode()
        assert "Only the anchors that publish their scorecard" in page
        if role == "anonymous":
            # the period is one GET form of its own (none inside another, no token in the URL)
            assert page.count("<form") == 1 and 'method="get"' in page
            assert "csrfmiddlewaretoken" not in page


def test_progress_over_a_period(notices, world, client_for):
    _tender(world, world.other, "ocds-c-4", 2, when="2025-01-10T10:00:00Z")
    client = client_for("coordinator")
    every = _rows(client.get(_url("charter_progress", LOTS)))
    assert every["Other Trust"].figure.value == 0.5
    recent = _rows(client.get(_url("charter_progress", LOTS), {"since": "2026-01-01"}))
    assert recent["Other Trust"].figure.value == 0.0
    wrong = client.get(
        _url("charter_progress", LOTS), {"since": "2026-02-01", "until": "2026-01-01"}
    )
    assert wrong.context["rows"] == [] and "must be before" in wrong.content.decode()


def test_progress_on_a_scorecard(notices, world):
    buyer = organisation_buyer(world.home)
    card = scorecard_of(tables_for(buyer, None, None), buyer, None, None)
    found = {item.slug: item for item in progress_for(card)}
    lots = found[LOTS]
    assert (lots.value, lots.met, lots.adopted_on, lots.target_shown) == (
        0.5,
        True,
        date(2026, 4, 1),
        "At least 30%",
    )
    assert found["pay-within-30-days"].adopted_on is None


# The adoption picture


def test_the_adoption_picture_and_its_downloads(charter, world, client_for):
    _adopt(charter, world.home, date(2026, 4, 1))
    client = client_for("anonymous")
    page = client.get(_url("charter_adoption")).content.decode()
    assert "Home Council" in page and "Other Trust" in page
    assert "Divide contracts into lots where practicable, 1 April 2026" in page
    assert "1 of 2" in page  # one of the two anchors adopted it
    csv = client.get(_url("charter_adoption_download", "csv"))
    assert csv["Content-Type"].startswith("text/csv")
    lines = csv.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "Commitment,Home Council,Other Trust,Anchors adopting"
    assert "Divide contracts into lots where practicable,2026-04-01,Not adopted,1" in lines
    xlsx = client.get(_url("charter_adoption_download", "xlsx"))
    assert xlsx.content[:2] == b"PK"
    assert client.get(_url("charter_adoption_download", "pdf")).status_code == 404
