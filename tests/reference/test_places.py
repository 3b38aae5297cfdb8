"""The places facade (reference/places.py): the names other apps read, re-exported from
place_tree.py, place_names.py and delivery.py, work together end to end: a typed place resolves,
a notice is located, and how near it is to the place is told. Pure look-ups over versioned data."""

import pytest

from reference import delivery, place_names, place_tree, places


def test_the_facade_re_exports_the_very_names_of_its_modules():
    sources = {
        "Located": delivery,
        "StatedForms": delivery,
        "locate": delivery,
        "nearness": delivery,
        "stated_forms": delivery,
        "widest_stated": delivery,
        "UNKNOWN_PLACE": place_names,
        "Place": place_names,
        "resolve": place_names,
        "code_key": place_tree,
        "local_authority_names": place_tree,
        "name_of": place_tree,
    }
    assert sorted(places.__all__) == sorted(sources)
    for name, module in sources.items():
        assert getattr(places, name) is getattr(module, name), name


def test_a_council_resolves_and_a_notice_in_it_is_in_it():
    birmingham = places.resolve("Birmingham")
    assert isinstance(birmingham, places.Place)
    assert (birmingham.kind, birmingham.key, birmingham.label) == (
        "local authority",
        "E08000025",
        "Birmingham (local authority)",
    )
    assert "UKG31" in birmingham.inside and "UKG" in birmingham.wider
    # Stated as an ITL3 code (Find a Tender), as a postcode (Contracts Finder): in the place.
    by_code = places.locate(["UKG31"], [])
    assert isinstance(by_code, places.Located)
    assert places.nearness(birmingham, by_code) == "in"
    assert places.nearness(birmingham, places.locate([], ["B4 7DJ"])) == "in"


def test_a_notice_for_a_wider_area_is_labelled_with_it():
    birmingham = places.resolve("Birmingham")
    region = places.locate(["West Midlands"], [])
    assert places.nearness(birmingham, region) == "wider"
    assert places.widest_stated(birmingham, region) == "West Midlands"
    assert places.widest_stated(birmingham, places.locate(["UKG31"], [])) == ""
    # elsewhere: neither in nor wider
    assert places.nearness(birmingham, places.locate(["UKI"], [])) is None


def test_codes_in_either_form_are_one_area():
    assert places.code_key("tlg 31") == places.code_key("UKG31") == "UKG31"
    assert places.code_key("UK") == "UK"
    assert places.code_key("Birmingham") is None
    region = places.resolve("TLG31")
    assert (region.kind, region.key, region.name) == ("region", "UKG31", "Birmingham")
    assert places.name_of("UKG") == "West Midlands"
    assert places.name_of("not a key") == "not a key"  # unknown keys are shown as they are


def test_a_postcode_resolves_within_its_council():
    postcode = places.resolve("B4 7DJ")
    assert (postcode.kind, postcode.postcodes) == ("postcode", ("B4 7DJ",))
    assert postcode.wider[0] == "E08000025"
    assert postcode.widened.key == "E08000025"  # the council to suggest instead
    notice = places.locate([], ["B4 7DJ"])
    assert places.nearness(postcode, notice) == "in"


def test_what_is_no_place_is_refused_in_words():
    assert places.resolve("Nowhere at all") is None
    assert places.resolve("   ") is None
    assert places.UNKNOWN_PLACE.format("Atlantis") == (
        "We don't know the place 'Atlantis' — try a town, local authority, region or postcode "
        "district"
    )
    notice = places.locate(["Atlantis"], ["not a postcode"])
    assert notice.unread == ["Atlantis", "not a postcode"] and not notice.area


def test_the_first_part_of_a_place_with_a_comma_that_is_known():
    coventry = places.resolve("Coventry, West Midlands")
    assert (coventry.name, coventry.key) == ("Coventry", "E08000026")
    assert places.nearness(coventry, places.locate([], [], "CV1 5RR")) == "in"  # buyer's address


def test_local_authority_names_and_stated_forms():
    names = places.local_authority_names()
    assert names["E08000025"] == "Birmingham" and names["E08000026"] == "Coventry"
    forms = places.stated_forms(places.resolve("Birmingham"))
    assert isinstance(forms, places.StatedForms)
    assert {"Birmingham", "UKG31", "TLG31", "E08000025"} <= set(forms.inside_names)
    assert {"UKG31", "TLG31"} <= set(forms.inside_code_prefixes)
    assert "B4" in forms.inside_postcodes
    assert {"West Midlands", "UKG", "UK"} <= set(forms.wider_names)
    assert not set(forms.inside_names) & set(forms.wider_names)


@pytest.mark.parametrize("query", ["Birmingham City Council", "birmingham", "UKG31", "TLG31"])
def test_ways_of_typing_one_place_find_its_notices(query):
    assert places.nearness(places.resolve(query), places.locate(["Birmingham"], [])) == "in"
