"""The interpretations pages for each role: who reads drafts, who writes, changes status and
records adoptions; every change a version shown on the page; the route finder and the guides
showing the interpretations that bear on them."""

import re
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from scorecard.models import Interpretation, InterpretationAdoption, InterpretationVersion

SME = "sme-barriers-have-regard"  # a seed (draft) after migrate
RESERVE = "below-threshold-reservation-councils"
COUNCIL_BELOW_THRESHOLD = (
    "/route-finder/?value=120000&buyer_type=sub-central&category=services&council=on"
)
PUBLIC = ["anonymous", "registered", "supplier"]
DRAFT_READERS = ["other_buyer", "buyer", "anchor_admin", "coordinator"]


@pytest.fixture
def agreed(world):
    """An agreed reading bearing on the open procedure and a guide, adopted by Other Trust."""
    made = Interpretation.objects.create(
        slug="agreed-reading",
        question="What counts as a proportionate turnover ask?",
        reading="No more than twice the yearly value.\n\nNone for low-risk contracts.",
        statute_reference="Procurement Act 2023 s.22",
        statute_url="https://www.legislation.gov.uk/ukpga/2023/54/section/22",
        status="agreed",
        agreed_on=date(2026, 11, 30),
        routes=["open", "below_threshold_local_reservation"],
        guides=["smes-in-supply-chains"],
    )
    InterpretationVersion.objects.create(
        interpretation=made, number=1, snapshot={"question": made.question, "status": "agreed"}
    )
    InterpretationAdoption.objects.create(
        interpretation=made, organisation=world.other, adopted_on=date(2026, 12, 1)
    )
    return made


# A fresh client is anonymous (client_for's client stays signed in as the last role asked for).


def page(client, url):
    response = client.get(url)
    return response.status_code, response.content.decode()


@pytest.mark.parametrize("role", PUBLIC)
def test_the_public_reads_no_drafts(role, client_for, agreed):
    client = client_for(role)
    status, html = page(client, reverse("scorecard:interpretations"))
    assert status == 200
    assert "1 interpretation<" in html and agreed.question in html
    assert "Draft</option>" not in html  # no filter for what they cannot see
    assert client.get(reverse("scorecard:interpretation", args=[SME])).status_code == 404
    assert client.get(reverse("scorecard:interpretations") + "?status=draft").status_code == 200
    assert "1 interpretation<" in client.get("/interpretations/?status=draft").content.decode()


@pytest.mark.parametrize("role", DRAFT_READERS)
def test_buyers_of_any_anchor_and_coordinators_read_drafts(role, client_for, agreed):
    client = client_for(role)
    status, html = page(client, reverse("scorecard:interpretations"))
    assert status == 200 and "4 interpretations<" in html
    status, html = page(client, "/interpretations/?status=draft")
    assert "3 interpretations<" in html and agreed.question not in html
    status, html = page(client, reverse("scorecard:interpretation", args=[SME]))
    assert status == 200 and "the network has not agreed this reading" in html
    assert 'href="https://www.legislation.gov.uk/ukpga/2023/54/section/12"' in html
    assert ("Edit the interpretation" in html) == (role == "coordinator")


def test_an_agreed_reading_shows_everything_the_issue_asks(client_for, world, agreed):
    status, html = page(Client(), agreed.get_absolute_url())
    assert status == 200
    assert agreed.question in html and "None for low-risk contracts." in html
    assert (
        '<a class="govuk-link" href="https://www.legislation.gov.uk/ukpga/2023/54/section/22"'
        in html
    )
    assert "Procurement Act 2023 s.22 (legislation.gov.uk)" in html
    assert "30 November 2026" in html and "Agreed</strong>" in html
    assert "Other Trust" in html and "1 December 2026" in html
    assert "Open procedure" in html  # the route's name, from the route finder's data
    assert "Below-threshold competition reserved for UK-based or local suppliers" in html
    assert f'href="{reverse("cases:guide", args=["smes-in-supply-chains"])}"' in html
    assert "Bringing SMEs into supply chains alongside larger suppliers" in html
    assert 'href="/route-finder/"' in html
    assert "Version 1," in html
    assert "Record an adoption" not in html and "Withdraw" not in html


def test_a_coordinator_writes_an_interpretation_as_version_one(client_for, world):
    client = client_for("coordinator")
    response = client.post(
        reverse("scorecard:interpretation_create"),
        {
            "slug": "pipeline-duty",
            "question": "Which anchors must publish a pipeline notice?",
            "reading": "Those expecting to pay more than £100m in the financial year.",
            "statute_reference": "Procurement Act 2023 s.93",
            "statute_url": "https://www.legislation.gov.uk/ukpga/2023/54/section/93",
            "routes": ["open", "competitive_flexible"],
            "guides": ["preliminary-market-engagement"],
            "note": "First version.",
        },
    )
    assert response.status_code == 302
    made = Interpretation.objects.get(slug="pipeline-duty")
    assert response.url == made.get_absolute_url()
    assert made.status == "draft" and made.version == 1 and made.edited_in_product
    assert made.seed_version == "" and made.routes == ["open", "competitive_flexible"]
    (version,) = made.versions.all()
    assert version.changed_by == world.users["coordinator"] and version.note == "First version."
    assert version.snapshot["guides"] == ["preliminary-market-engagement"]


def test_the_form_refuses_unknown_routes_and_links_off_legislation(client_for):
    response = client_for("coordinator").post(
        reverse("scorecard:interpretation_create"),
        {
            "slug": "bad",
            "question": "Q?",
            "reading": "R.",
            "statute_url": "https://example.org/act",
            "routes": ["no_such_route"],
            "note": "x",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200 and html.count("govuk-error-message") >= 2
    assert "https://www.legislation.gov.uk/" in html
    assert not Interpretation.objects.filter(slug="bad").exists()


def test_every_edit_is_a_version_and_the_page_shows_what_changed(client_for, world):
    client = client_for("coordinator")
    seed = Interpretation.objects.get(slug=SME)
    data = {
        "question": seed.question,
        "reading": seed.reading.replace("three things", "four things"),
        "statute_reference": seed.statute_reference,
        "statute_url": seed.statute_url,
        "routes": seed.routes,
        "guides": seed.guides,
        "note": "Four things, not three",
    }
    assert (
        client.post(reverse("scorecard:interpretation_edit", args=[SME]), data).status_code == 302
    )
    seed.refresh_from_db()
    assert seed.version == 2 and seed.edited_in_product
    assert seed.versions.get(number=2).note == "Four things, not three"
    assert "four things" in seed.versions.get(number=2).snapshot["reading"]
    html = client.get(seed.get_absolute_url()).content.decode()
    assert re.search(r"<del>.*three.*</del>", html) and re.search(r"<ins>.*four.*</ins>", html)
    assert "Four things, not three" in html and "by Coordinator" in html
    # Saving the same again keeps no version.
    client.post(reverse("scorecard:interpretation_edit", args=[SME]), {**data, "note": "again"})
    seed.refresh_from_db()
    assert seed.version == 2 and seed.versions.count() == 2


def test_changing_the_status_agrees_then_supersedes_with_a_link_to_the_newer(client_for, world):
    client = client_for("coordinator")
    url = reverse("scorecard:interpretation_status", args=[RESERVE])
    incomplete = client.post(url, {"status": "agreed", "note": "Agreed at the meeting"})
    assert incomplete.status_code == 200 and "Enter the day the network agreed" in (
        incomplete.content.decode()
    )
    day = {"agreed_on_0": "30", "agreed_on_1": "11", "agreed_on_2": "2026"}
    agreed = client.post(url, {"status": "agreed", "note": "Agreed at the meeting", **day})
    assert agreed.status_code == 302
    old = Interpretation.objects.get(slug=RESERVE)
    assert old.status == "agreed" and old.agreed_on == date(2026, 11, 30) and old.version == 2
    # The public can read it now.
    assert Client().get(old.get_absolute_url()).status_code == 200
    client = client_for("coordinator")
    no_newer = client.post(url, {"status": "superseded", "note": "Replaced", **day})
    assert "Choose the interpretation that supersedes this one" in no_newer.content.decode()
    newer = Interpretation.objects.get(slug=SME)
    newer.status, newer.agreed_on = "agreed", date(2026, 12, 1)
    newer.save()
    done = client.post(
        url, {"status": "superseded", "superseded_by": SME, "note": "Replaced", **day}
    )
    assert done.status_code == 302
    old.refresh_from_db()
    assert old.status == "superseded" and old.superseded_by == newer and old.version == 3
    assert old.versions.get(number=3).snapshot["superseded_by"] == SME
    html = Client().get(old.get_absolute_url()).content.decode()
    assert f'href="{newer.get_absolute_url()}">the newer interpretation</a>' in html
    assert "Superseded by" in html
    html = Client().get(newer.get_absolute_url()).content.decode()
    assert "Supersedes" in html and old.get_absolute_url() in html


def test_a_superseded_reading_hides_a_newer_draft_from_the_public(client_for, world, agreed):
    agreed.status, agreed.superseded_by = "superseded", Interpretation.objects.get(slug=SME)
    agreed.save()
    public = Client().get(agreed.get_absolute_url()).content.decode()
    assert "by a newer reading that is still a draft" in public
    assert reverse("scorecard:interpretation", args=[SME]) not in public


def test_an_anchor_admin_records_and_withdraws_only_their_own_anchors_adoption(
    client_for, world, agreed
):
    client = client_for("anchor_admin")
    url = reverse("scorecard:interpretation_adopt", args=[agreed.slug])
    form = client.get(url).content.decode()
    assert "Home Council" in form and "Other Trust" not in form
    day = {"adopted_on_0": "2", "adopted_on_1": "12", "adopted_on_2": "2026"}
    refused = client.post(url, {"organisation": world.other.pk, **day})
    assert refused.status_code == 200 and "govuk-error-message" in refused.content.decode()
    assert client.post(url, {"organisation": world.home.pk, **day}).status_code == 302
    adoption = InterpretationAdoption.objects.get(interpretation=agreed, organisation=world.home)
    assert adoption.adopted_on == date(2026, 12, 2)
    assert adoption.recorded_by == world.users["anchor_admin"]
    html = client.get(agreed.get_absolute_url()).content.decode()
    assert "2 December 2026" in html and "Record an adoption" not in html  # adopted already
    own = reverse("scorecard:interpretation_withdraw", args=[agreed.slug, world.home.slug])
    other = reverse("scorecard:interpretation_withdraw", args=[agreed.slug, world.other.slug])
    assert own in html and other not in html
    assert client.post(other).status_code == 403
    assert client.post(own).status_code == 302
    assert list(agreed.adoptions.values_list("organisation__name", flat=True)) == ["Other Trust"]


def test_a_coordinator_records_any_anchors_adoption(client_for, world, agreed):
    client = client_for("coordinator")
    url = reverse("scorecard:interpretation_adopt", args=[agreed.slug])
    day = {"adopted_on_0": "1", "adopted_on_1": "12", "adopted_on_2": "2026"}
    assert client.post(url, {"organisation": world.home.pk, **day}).status_code == 302
    assert agreed.adoptions.count() == 2
    other = reverse("scorecard:interpretation_withdraw", args=[agreed.slug, world.other.slug])
    assert client.post(other).status_code == 302
    assert list(agreed.adoptions.values_list("organisation__name", flat=True)) == ["Home Council"]


def test_no_adoption_of_a_draft_nor_in_the_future(client_for, world, agreed):
    client = client_for("coordinator")
    assert client.get(reverse("scorecard:interpretation_adopt", args=[SME])).status_code == 404
    future = client.post(
        reverse("scorecard:interpretation_adopt", args=[agreed.slug]),
        {
            "organisation": world.home.pk,
            "adopted_on_0": "1",
            "adopted_on_1": "1",
            "adopted_on_2": "2099",
        },
    )
    assert "The date must be today or in the past" in future.content.decode()


@pytest.mark.parametrize("role", ["buyer", "other_buyer", "supplier"])
def test_others_neither_write_nor_adopt(role, client_for, agreed):
    client = client_for(role)
    assert client.get(reverse("scorecard:interpretation_create")).status_code == 403
    assert client.post(reverse("scorecard:interpretation_edit", args=[SME]), {}).status_code == 403
    assert (
        client.post(reverse("scorecard:interpretation_adopt", args=[agreed.slug])).status_code
        == 403
    )
    assert Interpretation.objects.get(slug=SME).version == 1


def test_the_route_finder_shows_the_interpretations_bearing_on_each_route(client_for, agreed):
    html = client_for("buyer").get(COUNCIL_BELOW_THRESHOLD).content.decode()
    reservation = Interpretation.objects.get(slug=RESERVE)
    assert html.count(reservation.get_absolute_url()) >= 3  # on each below-threshold route
    assert agreed.get_absolute_url() in html  # the local reservation route
    assert "The network's reading of the Act" in html and "Draft</strong>" in html
    public = Client().get(COUNCIL_BELOW_THRESHOLD).content.decode()
    assert reservation.get_absolute_url() not in public  # a draft
    assert public.count(agreed.get_absolute_url()) == 1


def test_the_route_finder_without_answers_shows_no_interpretations(client_for, agreed):
    html = client_for("buyer").get("/route-finder/").content.decode()
    assert "The network's reading of the Act" not in html


def test_a_guide_shows_the_interpretations_bearing_on_it(client_for, agreed):
    url = reverse("cases:guide", args=["smes-in-supply-chains"])
    html = client_for("buyer").get(url).content.decode()
    for slug in [SME, "proportionate-conditions-of-participation", agreed.slug]:
        assert reverse("scorecard:interpretation", args=[slug]) in html
    assert RESERVE not in html
    public = Client().get(url).content.decode()
    assert agreed.get_absolute_url() in public and SME not in public
    other = Client().get(reverse("cases:guide", args=["outcome-based-specification"]))
    assert "The network's reading of the Act" not in other.content.decode()
