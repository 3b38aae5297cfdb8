"""The places of a payee or a supplier (issue 19), one gathering for the ledger's rings, the
areas' SME page and the scorecard: a postcode in the buyer's files counts as much as the
registered one; a postcode that cannot be read is a place not known (None, never False); and the
anchor's own authority has one rule everywhere."""

from datetime import date

import pytest

from areas.smes import smes_of
from reference.area_rules import POSTCODES, Definition, Where, any_inside, places_of, unreadable
from reference.models import Area
from registers.areas import definition
from registers.models import PostcodePlace
from scorecard.ring_places import rules_for, standard_rules
from spend.ledger import Homes, payments_frame
from spend.models import Payee, Payment, RingChoice, RingKind, SpendImport
from spend.rings import home_authority, rings_for, standard_ring

SECTORS = "east-birmingham-postcodes"
EAST = Definition(POSTCODES, ("B9 4", "B10 0"))


def test_an_unreadable_postcode_is_a_place_not_known():
    outside = Where(postcode="CV1 2DX", la="E08000026")
    found = places_of(["CV1 2DX", "not a postcode", ""], {"CV1 2DX": outside})
    assert found == [outside, Where()]
    assert any_inside(EAST, found) is None  # not False: one place is not known
    assert any_inside(EAST, [outside]) is False
    assert places_of(["??"], {}, la="E08000025") == [Where(la="E08000025")]
    assert places_of([None], {}, la="E08000025") == [Where(la="E08000025")]
    assert unreadable(["B9 4RL", "??", None, ""]) == 1


def _pay(buyer, name, registered, in_files, category="Catering"):
    record, _ = SpendImport.objects.get_or_create(
        buyer=buyer, source_name="t.csv", defaults={"digest": "0" * 64}
    )
    payee = Payee.objects.create(
        buyer=buyer, supplier_name=name, postcode=registered, postcode_source="test"
    )
    number = Payment.objects.count() + 1
    Payment.objects.create(
        buyer=buyer,
        spend_import=record,
        row_number=number,
        payment_date=date(2024, 5, 1),
        amount=700,
        supplier_name=name,
        supplier_postcode=in_files,
        category=category,
        payee=payee,
        row_digest=f"{number:032x}",
    )
    return payee


@pytest.mark.django_db
def test_a_postcode_in_the_buyers_files_places_a_payee_in_the_area_everywhere(world):
    _pay(world.home, "Small Heath Foods Ltd", "CV1 2DX", "B9 4RL")
    _pay(world.home, "Unreadable Foods Ltd", "CV1 2DX", "NOT A PC")
    area = Area.objects.get(slug=SECTORS)
    RingChoice.objects.create(anchor=world.home, position=0, kind=RingKind.AREA, area=area)
    rings = rings_for(world.home)
    frame = payments_frame(world.home, rings=rings)
    rows = {row["supplier"]: row for row in frame.to_dicts()}
    column = rings[0].column
    assert rows["Small Heath Foods Ltd"][column] is True  # registered outside, paid in B9 4
    assert rows["Unreadable Foods Ltd"][column] is None  # not False: a place not known
    found = smes_of(definition(area))
    listed = {row.name: row for row in found.rows}
    assert "Small Heath Foods Ltd" in listed
    assert listed["Small Heath Foods Ltd"].known_by == [
        "Paid by Home Council (B9 4RL, from its sites or the buyer's payment files)"
    ]
    assert "Unreadable Foods Ltd" not in listed
    assert found.not_placed["payee"] == 1  # counted as not placed, not as outside


@pytest.mark.django_db
def test_one_home_authority_rule_when_the_directory_and_the_package_differ(world):
    # The packaged directory puts B1 1BB in Birmingham; a loaded directory says otherwise.
    assert home_authority(world.home) == "E08000025"
    PostcodePlace.objects.create(postcode="B1 1BB", local_authority_code="E08000029")
    assert home_authority(world.home) == "E08000029"
    assert Homes.of([world.home.pk]).by_buyer[world.home.pk] == "E08000029"
    ring = standard_ring(RingKind.AUTHORITY, world.home)
    assert ring.label == "Solihull" and ring.definition.members == ("E08000029",)
    for rules in (rules_for(world.home), standard_rules(world.home)):
        assert rules[0].key == "authority"
        assert rules[0].definition == ring.definition
