"""The area form's limits (issue 19): every text field has a length it may not pass, a radius at
most MAX_CENTRES centres, and an area's address (its slug) is letters, digits and hyphens only and
never shared with another area."""

import pytest
from django.urls import reverse

from areas.forms import area_slug
from reference.area_rules import MAX_CENTRES
from reference.area_sync import save_version
from reference.models import Area
from tests.areas.test_pages import _form

pytestmark = pytest.mark.django_db


def _post(client_for, **values):
    return client_for("coordinator").post(reverse("areas:new"), _form(**values))


@pytest.mark.parametrize(
    ("field", "words"),
    [
        ("description", "Description"),
        ("source", "Source"),
        ("members", "members"),
        ("centre_postcodes", "centre postcodes"),
    ],
)
def test_each_text_field_has_a_length_it_may_not_pass(world, client_for, field, words):
    errors = _post(client_for, **{field: "B9 4\n" * 10_000}).context["form"].errors[field]
    assert len(errors) == 1
    assert words.lower() in errors[0].lower() and "characters or fewer" in errors[0]


def test_a_radius_has_at_most_max_centres_centres(world, client_for):
    centres = "\n".join(f"B{n // 10 + 1} {n % 10}AA" for n in range(MAX_CENTRES + 1))
    response = _post(client_for, kind="radius", members="", centre_postcodes=centres, miles="5")
    assert response.context["form"].errors["centre_postcodes"] == [
        f"An area can have at most {MAX_CENTRES} centre postcodes"
    ]


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("East_Birmingham 2", "east-birmingham-2"),
        ("  Small   Heath -- & Bordesley_ ", "small-heath-bordesley"),
        ("Café Quarter", "cafe-quarter"),
        ("!!!", ""),
        ("x" * 79 + " y", "x" * 79),
    ],
)
def test_an_areas_slug_is_letters_digits_and_single_hyphens(name, slug):
    assert area_slug(name) == slug


def test_a_name_whose_slug_another_area_has_is_refused(world, client_for):
    Area.objects.create(slug="small-heath", name="Small Heath", kind="postcodes", source="s")
    for name in ("Small_Heath", "small heath", "Small-Heath!"):
        errors = _post(client_for, name=name).context["form"].errors
        assert errors["name"] == ["An area with this name already exists: choose another name"]


def test_a_name_with_no_letter_or_digit_is_refused(world, client_for):
    errors = _post(client_for, name="!!!").context["form"].errors
    assert errors["name"] == ["Enter a name with at least one letter or digit"]


def test_an_area_saved_from_an_underscored_name_has_a_hyphened_slug(world, client_for):
    client = client_for("coordinator")
    values = _form(name="Small_Heath_East")
    digest = client.post(reverse("areas:new"), values).context["digest"]
    client.post(reverse("areas:new"), {**values, "action": "save", "previewed": digest})
    assert Area.objects.get(name="Small_Heath_East").slug == "small-heath-east"


@pytest.mark.parametrize(
    ("role", "sees_name"),
    [
        ("anonymous", False),
        ("registered", False),
        ("supplier", False),
        ("other_buyer", True),
        ("buyer", True),
        ("anchor_admin", True),
        ("coordinator", True),
    ],
)
def test_who_saved_a_version_is_named_to_the_networks_people_only(
    world, client_for, role, sees_name
):
    area = Area.objects.get(slug="east-birmingham-postcodes")
    area.version += 1
    area.save()
    save_version(area, world.users["coordinator"], "Checked the sectors")
    name = world.users["coordinator"].full_name
    page = client_for(role).get(reverse("areas:detail", args=[area.slug])).content.decode()
    assert "Checked the sectors" in page
    assert (name in page) is sees_name
    assert ("by a coordinator" in page) is not sees_name
