"""What the ledger reads of each payee (spend/ledger.payee_facts over spend/payee_sources.py):
register entries, Companies House, a postcode given, the buyer's files, and the LSOA directory."""

from datetime import date

import pytest

from registers.models import PostcodePlace, RegisterEntry
from spend.ledger import payee_facts, payments_frame, supplier_facts
from spend.models import Payee, Payment, SpendImport
from suppliers.models import Supplier
from tests.conftest import require_data

pytestmark = pytest.mark.django_db
IMD = ("reference", "imd", "File_1_-_IMD2019_Index_of_Multiple_Deprivation.csv.gz")


def pay(buyer, name, amount=100, paid_at="", **payee):
    record, _ = SpendImport.objects.get_or_create(
        buyer=buyer, source_name="t.csv", defaults={"digest": "0" * 64}
    )
    made, _ = Payee.objects.get_or_create(buyer=buyer, supplier_name=name, defaults=payee)
    number = Payment.objects.count() + 1
    Payment.objects.create(
        buyer=buyer,
        spend_import=record,
        row_number=number,
        payment_date=date(2024, 5, 1),
        amount=amount,
        supplier_name=name,
        supplier_postcode=paid_at,
        payee=made,
        row_digest=f"{number:032x}",
    )
    return made


def entry(register, identifier, name, **values):
    return RegisterEntry.objects.create(
        register=register, identifier=identifier, name=name, normalised_name=name.lower(), **values
    )


def facts_of(payee):
    (row,) = payee_facts(Payee.objects.filter(pk=payee.pk)).to_dicts()
    return row


def test_companies_house_by_the_suppliers_company_number(world):
    company = entry(
        "companies-house",
        "01234567",
        "BRUM BUILDERS LIMITED",
        postcode="B5 5SE",
        kind="Private Limited Company",
        size="sme",
        size_basis="accounts category MICRO ENTITY",
    )
    cic = entry("companies-house", "09876543", "KIND HANDS CIC", kind="Community Interest Company")
    cic.is_vcse = True
    cic.save()
    brum = Supplier.objects.create(
        name="Brum Builders Ltd",
        normalised_name="brum builders",
        scheme="GB-COH",
        identifier="01234567",
    )
    builders = pay(world.home, "Brum Builders Ltd", supplier=brum)
    kind = pay(world.home, "Kind Hands", company_number="9876543")  # the file gave the number
    row = facts_of(builders)
    assert (row["registered_la"], row["place_source"]) == ("E08000025", "Companies House")
    assert row["place_evidence"] == (
        "BRUM BUILDERS LIMITED (company 01234567) registered office at B5 5SE"
    )
    assert (row["is_sme"], row["size_source"]) == (True, "Companies House")
    assert row["size_evidence"] == "company 01234567: accounts category MICRO ENTITY"
    assert row["sector"] == "private" and row["sector_source"] == "Companies House company 01234567"
    other = facts_of(kind)
    assert other["sector"] == "third" and other["is_vcse"] is True
    assert other["registered_la"] is None and other["in_uk"] is None  # no postcode: not known
    assert company.pk and supplier_facts()["supplier_id"].to_list() == [brum.pk]


def test_a_register_entry_places_and_lsoa_judges_deprivation(world):
    require_data(*IMD)
    trust = entry(
        "nhs-ods",
        "RBK",
        "WALSALL HEALTHCARE NHS TRUST",
        postcode="WS2 9PS",
        sector="public",
        kind="NHS trust",
    )
    council = entry(
        "local-authorities",
        "E08000030",
        "Walsall Council",
        local_authority_code="E08000030",
        sector="public",
        kind="council",
    )
    PostcodePlace.objects.create(
        postcode="WS2 9PS", local_authority_code="E08000030", lsoa21="E01010266"
    )
    paid = pay(
        world.home,
        "WALSALL HEALTHCARE NHS TRUST 001",
        register_entry=trust,
        match_probability=0.99,
        match_status="matched",
    )
    other = pay(world.home, "WALSALL MBC", register_entry=council, match_status="matched")
    row = facts_of(paid)
    assert row["place_evidence"] == "WALSALL HEALTHCARE NHS TRUST (NHS trust RBK) at WS2 9PS"
    assert (row["sector"], row["is_vcse"], row["vcse_source"]) == ("public", False, "a public body")
    # An unchanged LSOA 2021 code (Walsall 023D), in the most deprived tenth by the IMD file.
    assert row["lsoa"] == "E01010266" and row["deprivation_level"] == "LSOA"
    assert (row["deprivation_decile"], row["in_deprived_area"]) == (1, True)
    walsall = facts_of(other)
    assert walsall["registered_la"] == "E08000030" and walsall["place_evidence"] == (
        "Walsall Council (council E08000030) in Walsall"
    )
    assert walsall["in_deprived_area"] is None and walsall["deprivation_level"] is None


def test_a_given_postcode_and_the_buyers_files_place_last(world):
    given = pay(world.home, "Corner Shop", postcode="WV1 1AA", postcode_source="given by a buyer")
    filed = pay(world.home, "Van Hire", paid_at="b5 5se")
    nowhere = pay(world.home, "Nowhere Ltd", paid_at="NOT A PC")
    assert facts_of(given)["place_source"] == "postcode given for the payee"
    assert facts_of(given)["place_evidence"] == "postcode WV1 1AA (given by a buyer)"
    row = facts_of(filed)
    assert row["place_source"] == "buyer's payment files" and row["operating_las"] == ["E08000025"]
    assert row["registered_la"] is None and row["in_uk"] is True
    assert facts_of(nowhere)["in_uk"] is None


def test_the_payments_table_carries_payee_sector_and_level(world):
    trust = entry("nhs-ods", "RBK", "WALSALL HEALTHCARE NHS TRUST", sector="public")
    paid = pay(world.home, "WALSALL HEALTHCARE", register_entry=trust)
    unknown = pay(world.home, "Mystery Ltd")
    frame = payments_frame(world.home).sort("payee_id")
    rows = {row["payee_id"]: row for row in frame.to_dicts()}
    assert rows[paid.pk]["sector"] == "public"
    assert rows[paid.pk]["supplier"] == "WALSALL HEALTHCARE NHS TRUST"
    assert rows[paid.pk]["supplier_key"] == f"entry:{trust.pk}"
    mystery = rows[unknown.pk]
    # Nothing places it; its name's legal form (Ltd) is all that says who it is.
    assert mystery["sector"] == "private" and mystery["in_uk"] is None
    assert mystery["registered_local"] is None and mystery["deprivation_level"] is None
    assert mystery["supplier_key"] == "name:MYSTERY LTD"
