"""The areas pages (issue 19): the list, an area's page with its versions, defining and changing
an area with its preview, and the suppliers known to be in an area with its CSV."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse

from network.models import OperatingSite, Organisation
from opportunities.models import Award, Process, ProcessCpv, Release
from reference.models import Area, AreaVersion, CpvCode
from registers.models import PostcodePlace
from spend.models import Payee, Payment, SpendImport
from suppliers.models import Supplier
from tests.conftest import require_data
from tests.registers.test_small_areas import LOOKUP

pytestmark = pytest.mark.django_db
SECTORS = "east-birmingham-postcodes"


def _pay(buyer, name, postcode, category, amount=500):
    record, _ = SpendImport.objects.get_or_create(
        buyer=buyer, source_name="t.csv", defaults={"digest": "0" * 64}
    )
    payee = Payee.objects.create(
        buyer=buyer, supplier_name=name, postcode=postcode, postcode_source="test"
    )
    number = Payment.objects.count() + 1
    Payment.objects.create(
        buyer=buyer,
        spend_import=record,
        row_number=number,
        payment_date=date(2024, 5, 1),
        amount=amount,
        supplier_name=name,
        category=category,
        payee=payee,
        row_digest=f"{number:032x}",
    )
    return payee


def _award(buyer, supplier, cpv="72000000"):
    process = Process.objects.create(
        ocid=f"ocds-area-{supplier.pk}",
        compiled={},
        phase="awarded",
        title="IT support",
        buyer=buyer,
    )
    release = Release.objects.create(
        ocid=process.ocid,
        release_id="r1",
        date="2026-03-01T00:00Z",
        data={},
        digest="d",
        source="s",
        location="l",
    )
    ProcessCpv.objects.create(process=process, code=cpv, is_main=True)
    CpvCode.objects.get_or_create(code=cpv, defaults={"description": "IT services", "depth": 2})
    award = Award.objects.create(process=process, release=release, award_id="1")
    award.suppliers.add(supplier)
    return award


@pytest.fixture
def suppliers_in_and_out(world):
    """A profile supplier, a paid payee and an awarded supplier in East Birmingham (B9 4, B10 0,
    B8 1); one of each outside (B1 1, CV1, B90); a payee placed only by its authority."""
    inside = Organisation.objects.create(
        name="Bordesley Bakes Ltd", kind="company", size_band="small", registered_postcode="B1 1BB"
    )
    OperatingSite.objects.create(organisation=inside, name="Bakery", postcode="B9 4RL")
    Organisation.objects.create(
        name="Ladywood Lettings Ltd",
        kind="company",
        size_band="large",
        registered_postcode="B1 1BB",
    )
    _pay(world.home, "Small Heath Cleaning Ltd", "B10 0JS", "Cleaning")
    _pay(world.home, "Coventry Catering Ltd", "CV1 2DX", "Catering")
    Payee.objects.create(buyer=world.home, supplier_name="Nowhere Known Ltd")
    awarded = Supplier.objects.create(
        name="Washwood Web CIC",
        normalised_name="washwood web",
        postcode="B8 1AA",
        scale="sme",
        is_vcse=True,
    )
    _award(world.home, awarded)
    far = Supplier.objects.create(
        name="Solihull Systems Ltd", normalised_name="solihull systems", postcode="B90 4SJ"
    )
    _award(world.other, far)
    return world


def _coordinator(client_for):
    return client_for("coordinator")


def test_the_list_shows_every_area_with_its_check_in_words(world, client):
    page = client.get(reverse("areas:list")).content.decode()
    assert "East Birmingham (postcode sectors)" in page
    assert "Check before relying on this" in page
    assert "Define an area" not in page


def test_coordinators_are_offered_to_define_an_area(world, client_for):
    page = _coordinator(client_for).get(reverse("areas:list")).content.decode()
    assert reverse("areas:new") in page


def test_an_areas_page_shows_its_source_and_versions(world, client):
    page = client.get(reverse("areas:detail", args=[SECTORS])).content.decode()
    assert "Version 1" in page and "shipped data" in page
    assert "B9 4" in page
    assert reverse("areas:suppliers", args=[SECTORS]) not in page  # not for the public


def _form(**values):
    return {
        "name": "Small Heath",
        "description": "",
        "kind": "postcodes",
        "members": "B10 0\nB9",
        "centre_postcodes": "",
        "miles": "",
        "source": "Drawn by the network's coordinator, December 2026",
        "source_url": "",
        "confidence": "U",
        "note": "",
        "action": "preview",
        **values,
    }


def test_every_wrong_member_is_its_own_error_naming_it(world, client_for):
    response = _coordinator(client_for).post(
        reverse("areas:new"), _form(members="B10 0\nB99X, 9B\nB9")
    )
    errors = response.context["form"].errors["members"]
    assert len(errors) == 2
    assert "B99X" in errors[0] and "9B" in errors[1]
    assert not Area.objects.filter(name="Small Heath").exists()


def test_a_radius_needs_its_centres_and_miles(world, client_for):
    response = _coordinator(client_for).post(
        reverse("areas:new"), _form(kind="radius", members="", centre_postcodes="nowhere")
    )
    errors = response.context["form"].errors
    assert "nowhere" in errors["centre_postcodes"][0]
    assert errors["miles"] == ["Enter the distance in miles, like 5"]


def test_the_preview_lists_districts_and_sectors_with_their_postcodes(world, client_for):
    response = _coordinator(client_for).post(reverse("areas:new"), _form())
    preview = response.context["preview"]
    by_code = {member.code: member for member in preview.members}
    assert by_code["B9"].postcodes == 809  # the packaged ONS district counts
    assert by_code["B9"].authorities == ["Birmingham"]
    assert by_code["B10 0"].postcodes and by_code["B10 0"].authorities == ["Birmingham"]
    assert preview.authorities == ["Birmingham"]
    page = response.content.decode()
    assert "Preview: what the area holds" in page and "Save this area" in page
    assert not Area.objects.filter(name="Small Heath").exists()


def test_a_sector_is_counted_from_the_loaded_directory_when_there(world, client_for):
    PostcodePlace.objects.create(postcode="B10 0JS", local_authority_code="E08000025")
    PostcodePlace.objects.create(postcode="B10 0AA", local_authority_code="E08000025")
    response = _coordinator(client_for).post(reverse("areas:new"), _form(members="B10 0"))
    (member,) = response.context["preview"].members
    assert member.postcodes == 2
    assert member.counted_from == "the loaded postcode directory"


def test_a_radius_preview_places_its_centres_and_counts_the_postcodes_inside(world, client_for):
    PostcodePlace.objects.create(
        postcode="B9 4RL", local_authority_code="E08000025", easting=410000, northing=287000
    )
    PostcodePlace.objects.create(
        postcode="B10 0JS", local_authority_code="E08000025", easting=411000, northing=287000
    )
    PostcodePlace.objects.create(
        postcode="CV1 2DX", local_authority_code="E08000026", easting=433000, northing=279000
    )
    response = _coordinator(client_for).post(
        reverse("areas:new"),
        _form(kind="radius", members="", centre_postcodes="b9 4rl, B1 1BB", miles="2"),
    )
    preview = response.context["preview"]
    assert [(c.postcode, c.grid) for c in preview.centres] == [
        ("B9 4RL", (410000, 287000)),
        ("B1 1BB", (406654, 286948)),  # not loaded: the packaged directory's grid reference
    ]
    assert preview.postcodes == 2 and preview.authorities == ["Birmingham"]


def test_the_preview_says_which_suppliers_are_inside(suppliers_in_and_out, client_for):
    response = _coordinator(client_for).post(
        reverse("areas:edit", args=[SECTORS]),
        _form(**_current(SECTORS), note="Looked again"),
    )
    found = response.context["preview"].suppliers
    assert found.counts() == {"profile": 1, "payee": 1, "award": 1}
    assert found.not_placed["payee"] == 1  # Nowhere Known Ltd: no place at all


def _current(slug):
    area = Area.objects.get(slug=slug)
    return {
        "name": area.name,
        "kind": area.kind,
        "members": "\n".join(area.members),
        "source": area.source,
        "confidence": area.confidence,
    }


def test_saving_after_the_preview_keeps_a_new_version(world, client_for):
    client = _coordinator(client_for)
    preview = client.post(reverse("areas:new"), _form())
    digest = preview.context["digest"]
    response = client.post(
        reverse("areas:new"), _form(action="save", previewed=digest), follow=True
    )
    area = Area.objects.get(slug="small-heath")
    assert (area.members, area.version, area.edited) == (["B10 0", "B9"], 1, True)
    version = AreaVersion.objects.get(area=area)
    assert version.saved_by == world.users["coordinator"]
    assert version.note == "Defined in the product"
    assert "version 1 is saved" in response.content.decode()


def test_saving_what_was_not_previewed_shows_the_preview_again(world, client_for):
    client = _coordinator(client_for)
    digest = client.post(reverse("areas:new"), _form()).context["digest"]
    response = client.post(
        reverse("areas:new"), _form(members="B10 0", action="save", previewed=digest)
    )
    assert response.status_code == 200 and response.context["preview"]
    assert not Area.objects.filter(slug="small-heath").exists()


def test_changing_a_shipped_area_bumps_its_version_and_marks_it_edited(world, client_for):
    client = _coordinator(client_for)
    values = _form(
        **{**_current(SECTORS), "members": "B9 4\nB10 0", "confidence": "S"},
        note="Only Small Heath for now",
    )
    digest = client.post(reverse("areas:edit", args=[SECTORS]), values).context["digest"]
    client.post(
        reverse("areas:edit", args=[SECTORS]), {**values, "action": "save", "previewed": digest}
    )
    area = Area.objects.get(slug=SECTORS)
    assert (area.version, area.edited, area.members, area.confidence) == (
        2,
        True,
        ["B9 4", "B10 0"],
        "S",
    )
    assert list(area.versions.values_list("version", "note")) == [
        (2, "Only Small Heath for now"),
        (1, "shipped data 2026-12-04"),
    ]
    page = client.get(reverse("areas:detail", args=[SECTORS])).content.decode()
    assert "Only Small Heath for now" in page and "Version 2" in page


def test_a_change_needs_a_note(world, client_for):
    response = _coordinator(client_for).post(
        reverse("areas:edit", args=[SECTORS]), _form(**_current(SECTORS))
    )
    assert response.context["form"].errors["note"]


def test_the_suppliers_of_east_birmingham(suppliers_in_and_out, client_for):
    response = client_for("buyer").get(reverse("areas:suppliers", args=[SECTORS]))
    rows = {row.name: row for row in response.context["rows"]}
    assert set(rows) == {"Bordesley Bakes Ltd", "Small Heath Cleaning Ltd", "Washwood Web CIC"}
    bakes = rows["Bordesley Bakes Ltd"]
    assert (bakes.size, bakes.vcse, bakes.known_by) == (
        "SME",
        "No",
        ["Network profile (site Bakery B9 4RL)"],
    )
    cleaning = rows["Small Heath Cleaning Ltd"]
    assert cleaning.category_lines() == ["Cleaning (paid by Home Council)"]
    assert cleaning.known_by == [
        "Paid by Home Council (B10 0JS, from a postcode given for the payee)"
    ]
    web = rows["Washwood Web CIC"]
    assert (web.size, web.vcse) == ("SME", "Yes")
    assert web.category_lines() == ["CPV 72000000 IT services (awarded by Home Council)"]
    page = response.content.decode()
    assert "before reserving a below-threshold competition" in page.lower()
    assert "2 could not be placed for this area" in page


def test_the_filters_keep_smes_or_vcses(suppliers_in_and_out, client_for):
    url = reverse("areas:suppliers", args=[SECTORS])
    client = client_for("coordinator")
    vcses = client.get(url, {"vcse": "on"}).context["rows"]
    assert [row.name for row in vcses] == ["Washwood Web CIC"]
    smes = client.get(url, {"sme": "on"}).context["rows"]
    assert {row.name for row in smes} == {"Bordesley Bakes Ltd", "Washwood Web CIC"}


def test_the_csv_of_an_areas_suppliers(suppliers_in_and_out, client_for):
    response = client_for("anchor_admin").get(
        reverse("areas:suppliers_download", args=[SECTORS]), {"vcse": "on"}
    )
    assert response["Content-Type"].startswith("text/csv")
    assert f"suppliers-in-{SECTORS}-" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows == [
        [
            "Supplier",
            "Size",
            "VCSE",
            "How it is known to be in the area",
            "Postcodes in the area",
            "Categories it already supplies",
        ],
        [
            "Washwood Web CIC",
            "SME",
            "Yes",
            "Awarded contracts by Home Council (B8 1AA, from notices)",
            "B8 1AA",
            "CPV 72000000 IT services (awarded by Home Council)",
        ],
    ]


def test_a_ward_area_lists_no_one_known_only_by_postcode_and_says_so(
    suppliers_in_and_out, client_for
):
    response = client_for("buyer").get(reverse("areas:suppliers", args=["east-birmingham"]))
    assert response.context["rows"] == []
    assert "could not be placed for this area: each needs a ward" in response.content.decode()


def test_a_ward_area_lists_a_supplier_whose_postcode_has_a_ward(suppliers_in_and_out, client_for):
    PostcodePlace.objects.create(
        postcode="B9 4RL",
        local_authority_code="E08000025",
        ward_code="E05011127",
        lsoa21="E01009332",
        lsoa11="E01009332",
    )
    rows = (
        client_for("buyer")
        .get(reverse("areas:suppliers", args=["east-birmingham"]))
        .context["rows"]
    )
    assert [row.name for row in rows] == ["Bordesley Bakes Ltd"]


def test_a_ward_preview_names_each_ward_from_the_ons_lookup(world, client_for):
    from django.core.management import call_command

    call_command(
        "load_registers", str(require_data(*LOOKUP)), stdout=io.StringIO(), stderr=io.StringIO()
    )
    PostcodePlace.objects.create(
        postcode="B9 4RL", local_authority_code="E08000025", ward_code="E05011127"
    )
    PostcodePlace.objects.create(
        postcode="B10 0JS", local_authority_code="E08000025", lsoa21="E01009380"
    )
    response = _coordinator(client_for).post(
        reverse("areas:new"), _form(kind="wards", members="E05011127, E05011155")
    )
    members = {m.code: m for m in response.context["preview"].members}
    assert members["E05011127"].name == "Bordesley Green"
    assert members["E05011155"].name == "Nechells"
    # one postcode by its ward, one by its LSOA 2021 in the ward
    assert members["E05011127"].postcodes == 2
    assert members["E05011155"].postcodes is None
    assert members["E05011155"].authorities == ["Birmingham"]


def test_the_suppliers_within_a_distance_of_a_point(suppliers_in_and_out):
    from areas.smes import smes_of
    from registers.areas import radius

    # Grid references from the postcode directory packaged with the product (ONSPD): B9 4RL
    # (409327, 286341); B10 0JS (409735, 285711) is 0.47 miles away, B8 1AA (409500, 287200)
    # 0.54, B1 1BB (406654, 286948) 1.70, B90 4SJ (413582, 277047) 6.35, CV1 2DX 15.6.
    found = smes_of(radius(["B9 4RL"], 1))
    assert {row.name for row in found.rows} == {
        "Bordesley Bakes Ltd",  # its site is B9 4RL itself
        "Small Heath Cleaning Ltd",
        "Washwood Web CIC",
    }
    # Not known, never outside: the payee Nowhere Known Ltd and the profile Supplier Ltd (the
    # test world's supplier) have no place at all.
    assert found.not_placed == {"profile": 1, "payee": 1, "award": 0}
