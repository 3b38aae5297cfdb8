"""reference/area_rules.py: whether a place is in an area of each kind (postcode districts and
sectors, wards, LSOAs, local authorities, a radius), unknown places never counted outside, a
supplier's many places, members and centres as typed, the radius's miles and the definition in
words. Pure: no database. Grid references are the real ones of postcodes-west-midlands.csv."""

import pytest

from reference.area_rules import (
    AUTHORITIES,
    KINDS,
    LSOAS,
    MAX_CENTRES,
    MAX_MEMBERS,
    MAX_MILES,
    NEEDS,
    POSTCODES,
    RADIUS,
    WARDS,
    Definition,
    Where,
    any_inside,
    check_miles,
    contains,
    describe,
    distance_miles,
    normalise_member,
    parse_centres,
    parse_members,
    sector,
)

# postcodes-west-midlands.csv (pcd, laua, oseast1m, osnrth1m):
B9_4RL = (409327, 286341)  # Bordesley Green, Birmingham
B10_0JS = (409735, 285711)  # Bordesley Green, Birmingham
B6_7SJ = (409222, 289835)  # Nechells, Birmingham
B1_1BB = (406654, 286948)  # Ladywood, Birmingham
B90_4SJ = (413582, 277047)  # Blythe, Solihull


def place(postcode="", grid=None, **known) -> Where:
    east, north = grid or (None, None)
    return Where(postcode=postcode, easting=east, northing=north, **known)


def test_every_kind_has_words_and_what_it_needs():
    assert set(KINDS) == set(NEEDS) == {POSTCODES, WARDS, LSOAS, AUTHORITIES, RADIUS}


def test_a_district_holds_all_its_sectors_and_a_sector_only_its_own():
    b9 = Definition(POSTCODES, ("B9",))
    b9_4 = Definition(POSTCODES, ("B9 4",))
    assert contains(b9, place("B9 4RL")) is True
    assert contains(b9, place("B9 5SS")) is True
    assert contains(b9_4, place("B9 4RL")) is True
    assert contains(b9_4, place("B9 5SS")) is False
    # B9 is not a prefix of B90: districts are whole outward codes
    assert contains(b9, place("B90 4SJ")) is False
    assert contains(Definition(POSTCODES, ("B9 4", "B10")), place("B10 0JS")) is True


def test_sector_of_a_postcode():
    assert sector("B9 4RL") == "B9 4"
    assert sector("B10 0JS") == "B10 0"
    assert sector("") == sector("B9") == ""


def test_wards_lsoas_and_authorities_by_their_codes():
    bordesley_green = Definition(WARDS, ("E05011127",))
    assert contains(bordesley_green, place("B9 4RL", ward="E05011127")) is True
    assert contains(bordesley_green, place("B6 7SJ", ward="E05011155")) is False
    lsoas = Definition(LSOAS, ("E01009332",))
    assert contains(lsoas, place(lsoa21="E01009332")) is True
    assert contains(lsoas, place(lsoa11="E01009332")) is True  # a 2011 code counts as well
    assert contains(lsoas, place(lsoa11="E01009380", lsoa21="E01009380")) is False
    birmingham = Definition(AUTHORITIES, ("E08000025",))
    assert contains(birmingham, place(la="E08000025")) is True
    assert contains(birmingham, place(la="E08000029")) is False


def test_a_radius_by_hand_computed_distances():
    # B9 4RL → B10 0JS: dx 408, dy -630; √(408² + 630²) = √563,364 = 750.6 m = 0.4664 miles
    assert distance_miles(B9_4RL, B10_0JS) == pytest.approx(0.4664, abs=1e-4)
    # B9 4RL → B1 1BB: dx -2,673, dy 607; √7,513,378 = 2,741.1 m = 1.7032 miles
    assert distance_miles(B9_4RL, B1_1BB) == pytest.approx(1.7032, abs=1e-4)
    # B9 4RL → B6 7SJ: dx -105, dy 3,494; √12,219,061 = 3,495.6 m = 2.1721 miles
    assert distance_miles(B9_4RL, B6_7SJ) == pytest.approx(2.1721, abs=1e-4)
    # B9 4RL → B90 4SJ: dx 4,255, dy -9,294; √104,483,461 = 10,221.7 m = 6.3515 miles
    assert distance_miles(B9_4RL, B90_4SJ) == pytest.approx(6.3515, abs=1e-4)
    two_miles = Definition(RADIUS, centres=(B9_4RL,), miles=2)
    assert contains(two_miles, place("B10 0JS", B10_0JS)) is True
    assert contains(two_miles, place("B1 1BB", B1_1BB)) is True
    assert contains(two_miles, place("B6 7SJ", B6_7SJ)) is False  # 2.17 miles
    assert contains(two_miles, place("B90 4SJ", B90_4SJ)) is False
    # within the radius of any of its centres
    two_sites = Definition(RADIUS, centres=(B9_4RL, B90_4SJ), miles=2)
    assert contains(two_sites, place("B90 4SJ", B90_4SJ)) is True
    # exactly on the edge counts as within
    edge = Definition(RADIUS, centres=(B9_4RL,), miles=distance_miles(B9_4RL, B1_1BB))
    assert contains(edge, place("B1 1BB", B1_1BB)) is True


@pytest.mark.parametrize(
    ("definition", "where"),
    [
        (Definition(POSTCODES, ("B9",)), Where()),  # no postcode
        (Definition(WARDS, ("E05011127",)), place("B9 4RL", la="E08000025")),  # no ward
        (Definition(LSOAS, ("E01009332",)), place("B9 4RL", ward="E05011127")),  # no LSOA
        (Definition(AUTHORITIES, ("E08000025",)), place("B9 4RL")),  # no authority
        (Definition(RADIUS, centres=(B9_4RL,), miles=2), place("B9 4RL")),  # no grid reference
        (Definition(RADIUS, centres=(), miles=2), place("B9 4RL", B9_4RL)),  # no centre placed
        (Definition(RADIUS, centres=(B9_4RL,), miles=None), place("B9 4RL", B9_4RL)),
    ],
)
def test_a_place_without_what_the_area_needs_is_not_known_never_outside(definition, where):
    assert contains(definition, where) is None


def test_an_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="Unknown kind of area 'parish'"):
        contains(Definition("parish", ("x",)), place("B9 4RL"))


def test_any_inside_over_a_suppliers_places():
    wards = Definition(WARDS, ("E05011127",))
    inside = place("B9 4RL", ward="E05011127")
    outside = place("B6 7SJ", ward="E05011155")
    unknown = place("B1 1BB")
    assert any_inside(wards, [outside, inside]) is True
    assert any_inside(wards, [unknown, inside]) is True  # one inside is enough
    assert any_inside(wards, [outside, outside]) is False
    assert any_inside(wards, [outside, unknown]) is None  # not known, never outside
    assert any_inside(wards, []) is None


def test_parse_members_normalises_removes_repeats_and_names_each_problem():
    members, problems = parse_members(POSTCODES, "b9 4\nB8, b10; B9  4\n")
    assert members == ("B9 4", "B8", "B10") and problems == []
    members, problems = parse_members(POSTCODES, "B9 4RL, XX, B9")
    assert members == ("B9",)
    assert problems == [
        (
            "“B9 4RL” is not a postcode district or sector: write a district like B8 or a "
            "sector like B9 4"
        ),
        "“XX” is not a postcode district or sector: write a district like B8 or a sector like B9 4",
    ]
    assert parse_members(WARDS, "e05011127, E0501112") == (
        ("E05011127",),
        ["“E0501112” is not a ward code like E05011130"],
    )
    assert parse_members(LSOAS, "E01009332\nE05011127") == (
        ("E01009332",),
        ["“E05011127” is not an LSOA code like E01009001"],
    )
    assert parse_members(AUTHORITIES, "E08000025, E05011127") == (
        ("E08000025",),
        ["“E05011127” is not a local authority code like E08000025"],
    )
    assert parse_members(WARDS, "") == ((), [])
    with pytest.raises(ValueError, match="is empty"):
        normalise_member(WARDS, "  ")
    with pytest.raises(ValueError, match="Unknown kind of area"):
        normalise_member("parish", "x")


def test_parse_members_caps_the_number_of_members():
    text = "\n".join(f"E01{n:06d}" for n in range(MAX_MEMBERS + 1))
    members, problems = parse_members(LSOAS, text)
    assert len(members) == MAX_MEMBERS + 1
    assert problems == [f"An area can list at most {MAX_MEMBERS:,} members"]


def test_parse_centres_caps_the_number_of_centres():
    text = "\n".join(f"B{n // 10 + 1} {n % 10}AA" for n in range(MAX_CENTRES + 1))
    centres, problems = parse_centres(text)
    assert len(centres) == MAX_CENTRES + 1
    assert problems == [f"An area can have at most {MAX_CENTRES} centre postcodes"]
    assert parse_centres(text.rsplit("\n", 1)[0])[1] == []


def test_parse_centres():
    assert parse_centres("b9 4rl\nB90 4SJ, B9 4RL") == (("B9 4RL", "B90 4SJ"), [])
    assert parse_centres("B9 4RL; not a postcode") == (
        ("B9 4RL",),
        ["“not a postcode” is not a UK postcode, like B9 5SS"],
    )


@pytest.mark.parametrize(
    ("miles", "problem"),
    [
        (None, "Enter the distance in miles, like 5"),
        (0, f"The distance must be more than 0 and at most {MAX_MILES} miles"),
        (-1, f"The distance must be more than 0 and at most {MAX_MILES} miles"),
        (MAX_MILES + 0.1, f"The distance must be more than 0 and at most {MAX_MILES} miles"),
        (0.5, None),
        (MAX_MILES, None),
    ],
)
def test_check_miles(miles, problem):
    assert check_miles(miles) == problem


def test_describe():
    assert describe(Definition(POSTCODES, ("B8", "B9 4"))) == (
        "postcode districts or sectors: B8, B9 4"
    )
    assert describe(
        Definition(WARDS, ("E05011127", "E05011999")), {"E05011127": "Bordesley Green"}
    ) == ("wards: Bordesley Green, E05011999")
    assert describe(Definition(RADIUS, centres=(B9_4RL,), miles=5)) == "within 5 miles of 1 point"
    assert (
        describe(Definition(RADIUS, centres=(B9_4RL,), miles=2.5, unplaced_centres=("B1 1AA",)))
        == "within 2.5 miles of 2 points"
    )
    assert describe(Definition(RADIUS)) == "within ? miles of 0 points"
