"""What a typed place means (reference/place_names.py): names, codes and postcodes to places."""

import pytest

from reference import delivery, place_names


@pytest.mark.parametrize(
    ("typed", "key", "inside", "wider"),
    [
        ("Birmingham", "E08000025", {"E08000025", "UKG31"}, ("UKG3", "UKG", "E92000001", "UK")),
        ("birmingham city council", "E08000025", {"E08000025", "UKG31"}, None),
        ("UKG31", "UKG31", {"UKG31", "E08000025"}, None),
        ("TLG31", "UKG31", {"UKG31", "E08000025"}, None),
        ("Coventry", "E08000026", {"E08000026", "UKG33"}, None),
        ("Wolverhampton", "E08000031", {"E08000031", "UKG39"}, None),
        ("Solihull", "E08000029", {"E08000029", "UKG32"}, None),
        ("West Midlands", "UKG", {"UKG"}, ("E92000001", "UK")),
        ("North West", "UKD", {"UKD"}, ("E92000001", "UK")),
        ("Worcestershire", "UKG12", {"UKG12"}, ("UKG1", "UKG", "E92000001", "UK")),
        ("Coventry, West Midlands", "E08000026", None, None),
        ("Leeds", "E08000035", {"E08000035", "UKE42"}, ("UKE4", "UKE", "E92000001", "UK")),
        ("Manchester", "E08000003", {"E08000003", "UKD33"}, ("UKD3", "UKD", "E92000001", "UK")),
        ("Warrington", "E06000007", {"E06000007", "UKD61"}, ("UKD6", "UKD", "E92000001", "UK")),
        ("UKD61", "UKD61", {"UKD61", "E06000007"}, ("UKD6", "UKD", "E92000001", "UK")),
        ("Glasgow", "S12000049", {"S12000049", "UKM82"}, ("UKM8", "UKM", "UK")),
        ("Glasgow City Council", "S12000049", None, None),
        ("Edinburgh", "S12000036", {"S12000036", "UKM75"}, ("UKM7", "UKM", "UK")),
        ("Belfast", "N09000003", {"N09000003", "UKN06"}, ("UKN0", "UKN", "UK")),
        ("Cardiff", "W06000015", {"W06000015"}, ("UKL22", "UKL2", "UKL", "UK")),
        ("Cornwall", "E06000052", {"E06000052"}, ("UKK30", "UKK3", "UKK", "E92000001", "UK")),
        ("Highland", "S12000017", {"S12000017"}, ("UKM6", "UKM", "UK")),
        ("Sheffield", "E08000039", {"E08000039", "UKE32"}, ("UKE3", "UKE", "E92000001", "UK")),
        ("Greater Manchester", "UKD3", {"UKD3"}, ("UKD", "E92000001", "UK")),
    ],
)
def test_names_and_codes_resolve_to_places(typed, key, inside, wider):
    place = place_names.resolve(typed)
    assert place is not None and place.key == key
    if inside is not None:
        assert set(place.inside) == inside
    if wider is not None:
        assert place.wider == wider


def test_an_unlisted_code_is_read_within_its_parent():
    place = place_names.resolve("UKD19")  # not an ITL 2021 area (an ITL 2025 code would be read so)
    assert place.name == "UKD19" and place.wider == ("UKD1", "UKD", "E92000001", "UK")


def test_towns_and_postcodes_are_postcode_districts_within_their_council():
    town = place_names.resolve("Sutton Coldfield")
    assert town.kind == "town" and town.postcodes == ("B72", "B73", "B74", "B75", "B76")
    assert town.wider[0] == "E08000025" and town.widened.name == "Birmingham"
    district = place_names.resolve("b1")
    assert district.kind == "postcode district" and district.postcodes == ("B1",)
    assert district.wider[:2] == ("E08000025", "UKG31")
    assert place_names.resolve("B1 1AA").postcodes == ("B1 1AA",)
    assert place_names.resolve("CV").kind == "postcode area"


@pytest.mark.parametrize("typed", ["Xyz", "Atlantis", "ZZ9", "QQ", ""])
def test_unknown_places_are_none(typed):
    assert place_names.resolve(typed) is None


def test_postcodes_outside_the_west_midlands_resolve_to_their_region():
    for typed, lad, region in [
        ("WA1", "E06000007", "UKD"),
        ("M1", "E08000003", "UKD"),
        ("G1", "S12000049", "UKM"),
        ("EH1", "S12000036", "UKM"),
        ("BT1", "N09000003", "UKN"),
        ("LS1", "E08000035", "UKE"),
        ("TR1", "E06000052", "UKK"),
    ]:
        place = place_names.resolve(typed)
        assert place.wider[0] == lad and region in place.wider, typed
    assert "UKD" in place_names.resolve("WA").wider
    sy = place_names.resolve("SY")  # Shropshire and mid Wales: the region most of it lies in
    assert sy.wider[0] == "UKG"
    assert (
        delivery.nearness(place_names.resolve("Warrington"), delivery.locate([], ["WA1 1UH"]))
        == "in"
    )
