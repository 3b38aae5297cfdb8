"""A new supplier's guided capability set-up, and the recommendations that fit a small supplier."""

from decimal import Decimal

import pytest
from django.urls import reverse

from network.models import Organisation, OrganisationKind
from opportunities.loading import Loader
from opportunities.models import SupplierProfile
from tests.conftest import make_user
from tests.opportunities.conftest import package
from tests.opportunities.test_search import tender

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("ocds_schema")]


def step_url(step):
    return reverse("opportunities:capabilities_setup_step", kwargs={"step": step})


@pytest.fixture
def newcomer(client):
    """An administrator of a supplier organisation just registered, with no capabilities yet."""
    organisation = Organisation.objects.create(
        name="Tipton Retrofit Ltd", kind=OrganisationKind.COMPANY
    )
    user = make_user("owner@tipton.example", organisation, admin=True)
    client.force_login(user)
    return organisation


def test_recommended_page_leads_a_new_supplier_to_the_set_up(client, newcomer):
    html = client.get(reverse("opportunities:recommended")).content.decode()
    assert "Set up your capabilities" in html
    assert reverse("opportunities:capabilities_setup") in html
    response = client.get(reverse("opportunities:capabilities_setup"))
    assert response.status_code == 302 and response.url == step_url("what-you-do")


def test_each_step_names_its_errors_and_the_last_ends_on_recommendations(client, newcomer):
    # Later steps before the first send you back to it: nothing matches without what you do.
    assert client.get(step_url("areas")).url == step_url("what-you-do")

    page = client.get(step_url("what-you-do")).content.decode()
    assert "What does Tipton Retrofit Ltd do?" in page and "question 1 of 4" in page
    page = client.post(step_url("what-you-do"), {"keywords": "", "cpv_codes": ""}).content.decode()
    assert "<title>Error:" in page
    assert "Enter words for what you do, or a CPV code, so we can find work that fits" in page
    page = client.post(
        step_url("what-you-do"), {"keywords": "retrofit", "cpv_codes": "4532"}
    ).content.decode()
    assert "&#x27;4532&#x27; is not a CPV code: enter 8 digits, like 72000000" in page
    assert not SupplierProfile.objects.filter(organisation=newcomer).exists()
    response = client.post(
        step_url("what-you-do"),
        {"keywords": "retrofit, insulation", "cpv_codes": "45321000-3"},
    )
    assert response.url == step_url("largest-contract")

    for given, message in [
        ("", "Enter the largest contract you could take on, in pounds, like 100000"),
        ("a lot", "Enter the largest contract you could take on as a whole number of pounds"),
        ("0", "The largest contract you could take on must be £1 or more"),
    ]:
        page = client.post(step_url("largest-contract"), {"max_contract_value": given})
        assert message in page.content.decode(), given
    response = client.post(step_url("largest-contract"), {"max_contract_value": "£100,000"})
    assert response.url == step_url("areas")

    page = client.post(step_url("areas"), {"areas": ""}).content.decode()
    assert "Enter the places where you deliver work, like Birmingham or West Midlands" in page
    assert client.post(step_url("areas"), {"areas": "Sandwell; West Midlands"}).url == step_url(
        "size"
    )

    page = client.post(step_url("size"), {}).content.decode()
    assert "Select how many people work for Tipton Retrofit Ltd" in page
    page = client.post(step_url("size"), {"size_band": "huge"}).content.decode()
    assert "Select how many people work for Tipton Retrofit Ltd" in page
    response = client.post(step_url("size"), {"size_band": "micro"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("opportunities:recommended")
    assert "Your capabilities are set up" in response.content.decode()

    profile = SupplierProfile.objects.get(organisation=newcomer)
    assert profile.keywords == ["retrofit", "insulation"] and profile.cpv_codes == ["45321000"]
    assert profile.max_contract_value == Decimal(100_000)
    assert profile.areas == ["Sandwell", "West Midlands"]
    newcomer.refresh_from_db()
    assert newcomer.size_band == "micro"


def test_answers_already_given_are_shown_and_the_back_link_goes_one_step_back(client, newcomer):
    SupplierProfile.objects.create(
        organisation=newcomer, keywords=["retrofit"], max_contract_value=50_000
    )
    page = client.get(step_url("largest-contract")).content.decode()
    assert 'value="50000"' in page and f'href="{step_url("what-you-do")}"' in page
    assert 'class="govuk-label govuk-label--l"' in page  # the question is the page's heading
    html = client.get(reverse("opportunities:recommended")).content.decode()
    assert "To make these fit better, tell us" in html
    assert step_url("areas") in html and step_url("size") in html
    assert step_url("largest-contract") not in html


def test_a_headcount_given_at_registration_is_not_asked_again(client, newcomer):
    newcomer.staff_headcount, newcomer.size_band = 12, "small"
    newcomer.save()
    assert "3 short questions" in client.get(reverse("opportunities:recommended")).content.decode()
    client.post(step_url("what-you-do"), {"keywords": "retrofit"})
    page = client.get(step_url("areas")).content.decode()
    assert "question 3 of 3" in page
    response = client.post(step_url("areas"), {"areas": "Walsall"})
    assert response.url == reverse("opportunities:recommended")
    # The size can still be changed there, as the last of four questions.
    assert "question 4 of 4" in client.get(step_url("size")).content.decode()


def test_only_administrators_answer(client, newcomer):
    member = make_user("member@tipton.example", newcomer)
    client.force_login(member)
    page = client.get(step_url("what-you-do")).content.decode()
    assert "Only your organisation's administrators can set up its capabilities" in page
    assert client.post(step_url("what-you-do"), {"keywords": "retrofit"}).status_code == 403
    assert not SupplierProfile.objects.filter(organisation=newcomer).exists()


def test_an_unknown_step_is_not_found(client, newcomer):
    assert client.get(step_url("favourite-colour")).status_code == 404


@pytest.fixture
def contracts(world, write):
    """What the issue saw for a micro supplier that can take on £100k, and what should lead."""
    lotted = tender("ocds-r-lotted", "Retrofit of council homes", cpv="45321000", value=1_200_000)
    lotted["tender"]["lots"] = [
        {"id": "1", "title": "Main works", "value": {"amount": 1_120_000, "currency": "GBP"}},
        {"id": "2", "title": "Surveys", "value": {"amount": 80_000, "currency": "GBP"}},
    ]
    releases = [
        tender("ocds-r-325k", "Retrofit of sheltered housing", cpv="45321000", value=325_000),
        tender("ocds-r-3m", "Retrofit of tower blocks", cpv="45321000", value=3_300_000),
        tender("ocds-r-90k", "Retrofit of a community centre", cpv="45321000", value=90_000),
        lotted,
    ]
    Loader().load([(write("r.json", package(*releases)), "r.json")])


def test_a_micro_supplier_with_100k_capacity_sees_work_it_can_take_on(client_for, world, contracts):
    world.supplier_org.size_band = "micro"
    world.supplier_org.save()
    world.profile.cpv_codes = ["45000000"]
    world.profile.keywords = ["retrofit"]
    world.profile.areas = ["West Midlands"]
    world.profile.max_contract_value = Decimal(100_000)
    world.profile.save()
    html = client_for("supplier").get(reverse("opportunities:recommended")).content.decode()
    fitting, _, apart = html.partition('id="too-large"')
    assert fitting.index("Retrofit of a community centre") < fitting.index(
        "Retrofit of council homes"
    )
    assert "Worth £90,000, within your capacity of £100,000" in fitting
    assert "Lot 2 fits your capacity: worth £80,000" in fitting
    assert "Delivered in an area you serve (West Midlands)" in fitting
    for title in ("Retrofit of sheltered housing", "Retrofit of tower blocks"):
        assert title not in fitting and title in apart
    assert "too large for your capacity of £100,000 now" in apart
    assert "2 recommendations, and 2 too large for you now" in html


def test_the_email_digest_leaves_out_work_too_large_for_the_supplier(world, contracts):
    from opportunities.recommend import recommendations, recommended

    world.profile.cpv_codes, world.profile.max_contract_value = ["45000000"], Decimal(100_000)
    world.profile.save()
    titles = {process.title for process, _ in recommended(world.profile)}
    assert titles == {"Retrofit of a community centre", "Retrofit of council homes"}
    apart = recommendations(world.profile).too_large
    assert {process.title for process, _ in apart} == {
        "Retrofit of sheltered housing",
        "Retrofit of tower blocks",
    }


def test_the_set_up_and_the_home_prompt_agree_on_what_is_complete(newcomer):
    """Words without CPV codes say what the supplier does, for the set-up's step as for the home
    page's prompt: one definition (capability_profile)."""
    from opportunities.panels import missing_capabilities
    from opportunities.views.capabilities import STEP_BY_SLUG

    profile = SupplierProfile.objects.create(organisation=newcomer, keywords=["retrofit"])
    assert STEP_BY_SLUG["what-you-do"].answered(profile)
    assert "what you do" not in missing_capabilities(profile, newcomer)
    profile.max_contract_value = Decimal(100000)
    profile.areas = ["E08000028"]
    profile.save()
    newcomer.size_band = "micro"
    newcomer.save()
    assert missing_capabilities(profile, newcomer) == []
    assert all(step.answered(profile) for step in STEP_BY_SLUG.values())
