"""Where a notice is delivered (reference/delivery.py): what it states becomes its areas, and how
near that is to a place searched for."""

from reference import delivery, place_names


def test_what_a_notice_states_becomes_its_areas():
    fts = delivery.locate(["UKG31"], [])
    assert fts.stated == {"UKG31", "E08000025"} and {"UKG3", "UKG", "UK"} <= fts.area
    cf = delivery.locate(["West Midlands"], ["B4 7DJ"])
    assert cf.stated == {"UKG"} and "E08000025" in cf.area and "B4" in cf.postcodes
    unknown = delivery.locate(["BZ", "Somewhere odd"], [])
    assert unknown.unread == ["BZ", "Somewhere odd"] and not unknown.area
    buyer = delivery.locate([], [], "CV1 5RR")
    assert buyer.from_buyer and "E08000026" in buyer.area
    assert not delivery.locate(["UK"], [], "CV1 5RR").from_buyer


def test_a_local_authority_code_is_read_as_its_area():
    birmingham = delivery.locate([" e08000025 "], [])
    assert "E08000025" in birmingham.stated and {"UKG31", "UKG", "UK"} <= birmingham.area
    assert birmingham.unread == []
    assert delivery.nearness(place_names.resolve("Birmingham"), birmingham) == "in"
    assert delivery.locate(["E0800002"], []).unread == ["E0800002"]  # one digit short


def test_nearness_in_and_wider():
    birmingham = place_names.resolve("Birmingham")
    assert delivery.nearness(birmingham, delivery.locate(["UKG31"], [])) == "in"
    assert delivery.nearness(birmingham, delivery.locate([], ["B4 7DJ"])) == "in"
    wider = delivery.locate(["UKG"], [])
    assert delivery.nearness(birmingham, wider) == "wider"
    assert delivery.widest_stated(birmingham, wider) == "West Midlands"
    assert delivery.nearness(birmingham, delivery.locate(["UK"], [])) == "wider"
    assert delivery.nearness(birmingham, delivery.locate(["UKI"], [])) is None
    assert delivery.nearness(birmingham, delivery.locate(["Sandwell"], [])) is None
