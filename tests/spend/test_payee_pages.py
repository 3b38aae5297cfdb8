"""The payee page and the payees-to-place queue: decisions take effect on the ledger at once, are
recorded with who and when, and can be undone."""

from datetime import date

import pytest

from registers.models import RegisterAlias, RegisterEntry
from spend import payee_decisions as decisions
from spend.ledger import payments_frame
from spend.models import Payee, Payment, SpendImport
from suppliers.models import PayeeDecision, RegisterMatch

pytestmark = pytest.mark.django_db


def pay(buyer, name, *amounts, **payee):
    record, _ = SpendImport.objects.get_or_create(
        buyer=buyer, source_name="t.csv", defaults={"digest": "0" * 64}
    )
    made, _ = Payee.objects.get_or_create(buyer=buyer, supplier_name=name, defaults=payee)
    for amount in amounts:
        number = Payment.objects.count() + 1
        Payment.objects.create(
            buyer=buyer,
            spend_import=record,
            row_number=number,
            payment_date=date(2024, 5, number % 28 + 1),
            amount=amount,
            supplier_name=name,
            payee=made,
            row_digest=f"{number:032x}",
        )
    return made


def entry(register, identifier, name, **values):
    return RegisterEntry.objects.create(
        register=register,
        identifier=identifier,
        name=name,
        normalised_name=name.lower(),
        **values,
    )


@pytest.fixture
def trust(world):
    """Home Council paid "WALSALL HEALTHCARE 001" twice; the matcher suggests two entries."""
    walsall = entry(
        "nhs-ods",
        "RBK",
        "WALSALL HEALTHCARE NHS TRUST",
        postcode="WS2 9PS",
        sector="public",
        kind="NHS trust",
    )
    wrong = entry("companies-house", "01234567", "WALSALL HEALTHCARE SUPPLIES LIMITED")
    payee = pay(world.home, "WALSALL HEALTHCARE 001", 1000, 234.5, match_status="suggested")
    RegisterMatch.objects.create(
        payee=payee,
        entry=walsall,
        probability=0.82,
        evidence="name matches the NHS trust RBK at WS2 9PS",
        rank=1,
    )
    RegisterMatch.objects.create(
        payee=payee, entry=wrong, probability=0.41, evidence="name is close", rank=2
    )
    return payee, walsall, wrong


def ledger_row(payee):
    (row,) = payments_frame(payee.buyer).filter(payee_id=payee.pk).to_dicts()
    return row


def decide(client, payee, **data):
    return client.post(f"/suppliers/payees/{payee.pk}/decide/", data, follow=True)


def test_the_page_shows_the_payee_its_payments_and_the_suggestions(client_for, trust):
    payee, _walsall, _ = trust
    html = client_for("buyer").get(f"/suppliers/payees/{payee.pk}/").content.decode()
    assert '<h1 class="govuk-heading-l">WALSALL HEALTHCARE 001</h1>' in html
    assert "£1,234.50 in 2 payments" in html
    assert "name matches the NHS trust RBK at WS2 9PS" in html and "0.82" in html
    assert html.count(">Confirm<") == 2 and html.count(">Not this one<") == 2
    assert "Not known" in html  # nothing placed before a decision


def test_confirming_takes_effect_on_the_ledger_at_once_and_can_be_undone(client_for, trust, world):
    payee, walsall, _wrong = trust
    assert ledger_row(payee)["sector"] is None and ledger_row(payee)["in_uk"] is None
    client = client_for("buyer")
    candidate = payee.candidates.get(entry=walsall)
    page = decide(client, payee, action="confirm", candidate=candidate.pk)
    assert (
        "Confirmed: WALSALL HEALTHCARE 001 is WALSALL HEALTHCARE NHS TRUST" in page.content.decode()
    )
    payee.refresh_from_db()
    candidate.refresh_from_db()
    assert payee.register_entry == walsall and payee.match_status == "confirmed"
    assert payee.matched_by == world.users["buyer"] and payee.matched_at is not None
    assert candidate.status == "accepted" and candidate.decided_by == world.users["buyer"]
    row = ledger_row(payee)
    assert row["sector"] == "public" and row["in_combined_authority"] is True
    assert row["supplier"] == "WALSALL HEALTHCARE NHS TRUST"
    html = client.get(f"/suppliers/payees/{payee.pk}/").content.decode()
    assert "WALSALL HEALTHCARE NHS TRUST (NHS trust RBK) at WS2 9PS" in html
    assert "Public sector" in html and "Source: register entry NHS trust RBK" in html

    decision = PayeeDecision.objects.get()
    assert decision.decided_by == world.users["buyer"] and decision.action == "confirm"
    decide(client, payee, action="undo", decision=decision.pk)
    payee.refresh_from_db()
    candidate.refresh_from_db()
    assert payee.register_entry is None and payee.match_status == "suggested"
    assert payee.matched_by is None and candidate.status == "pending"
    assert candidate.decided_by is None
    assert ledger_row(payee)["sector"] is None
    decision.refresh_from_db()
    assert decision.undone_by == world.users["buyer"] and decision.undone_at is not None


def test_turning_down_every_suggestion_leaves_the_payee_unmatched(client_for, trust):
    payee, walsall, wrong = trust
    client = client_for("anchor_admin")
    decide(client, payee, action="confirm", candidate=payee.candidates.get(entry=wrong).pk)
    decide(client, payee, action="reject", candidate=payee.candidates.get(entry=wrong).pk)
    payee.refresh_from_db()
    assert payee.register_entry is None and payee.match_status == "suggested"  # one still waits
    decide(client, payee, action="reject", candidate=payee.candidates.get(entry=walsall).pk)
    payee.refresh_from_db()
    assert payee.match_status == "rejected"
    assert set(payee.candidates.values_list("status", flat=True)) == {"rejected"}
    # Only the latest decision can be undone, so that no later one is overwritten.
    first = PayeeDecision.objects.order_by("pk").first()
    page = decide(client, payee, action="undo", decision=first.pk)
    assert "Only the latest decision can be undone" in page.content.decode()
    for decision in PayeeDecision.objects.order_by("-pk"):
        decide(client, payee, action="undo", decision=decision.pk)
    payee.refresh_from_db()
    assert payee.match_status == "suggested" and payee.register_entry is None
    assert set(payee.candidates.values_list("status", flat=True)) == {"pending"}


def test_a_postcode_given_places_the_payee_and_bad_ones_are_explained(client_for, trust):
    payee, *_ = trust
    client = client_for("buyer")
    page = client.post(f"/suppliers/payees/{payee.pk}/", {"postcode": "nowhere"})
    html = page.content.decode()
    assert page.status_code == 200 and "<title>Error:" in html
    assert "Enter a real UK postcode, like B1 1BB" in html
    client.post(f"/suppliers/payees/{payee.pk}/", {"postcode": "ws2 9ps"}, follow=True)
    payee.refresh_from_db()
    assert (payee.postcode, payee.postcode_source) == ("WS2 9PS", decisions.GIVEN)
    row = ledger_row(payee)
    assert row["place_source"] == "postcode given for the payee" and row["in_uk"] is True
    decide(client, payee, action="undo", decision=PayeeDecision.objects.get().pk)
    payee.refresh_from_db()
    assert payee.postcode == "" and ledger_row(payee)["in_uk"] is None


def test_searching_the_registers_and_choosing_an_entry(client_for, trust):
    payee, _walsall, _ = trust
    council = entry("local-authorities", "E08000030", "Walsall Council", sector="public")
    RegisterAlias.objects.create(
        entry=council, name="Walsall MBC", normalised_name="walsall metropolitan borough council"
    )
    client = client_for("buyer")
    by_number = client.get(f"/suppliers/payees/{payee.pk}/?q=1234567").content.decode()
    assert "WALSALL HEALTHCARE SUPPLIES LIMITED" in by_number  # the number, zero-padded
    by_alias = client.get(f"/suppliers/payees/{payee.pk}/?q=Walsall+Metropolitan").content.decode()
    assert "Walsall Council" in by_alias and "This is the one" in by_alias
    empty = client.get(f"/suppliers/payees/{payee.pk}/?q=").content.decode()
    assert "Enter a name or number to search the registers for" in empty
    decide(client, payee, action="choose", entry=council.pk, q="Walsall Metropolitan")
    payee.refresh_from_db()
    chosen = payee.candidates.get(entry=council)
    assert payee.register_entry == council and chosen.status == "accepted"
    assert "searched for “Walsall Metropolitan”" in chosen.evidence
    decide(client, payee, action="undo", decision=PayeeDecision.objects.get().pk)
    assert not payee.candidates.filter(entry=council).exists()  # made by the choice: gone


def test_other_anchors_cannot_decide_or_see(client_for, trust):
    payee, walsall, _ = trust
    candidate = payee.candidates.get(entry=walsall)
    page = decide(client_for("other_buyer"), payee, action="confirm", candidate=candidate.pk)
    assert page.status_code == 404
    payee.refresh_from_db()
    assert payee.register_entry is None
    assert (
        client_for("other_buyer")
        .get("/suppliers/places/")
        .content.decode()
        .count("WALSALL HEALTHCARE 001")
        == 0
    )


def test_the_queue_lists_largest_spend_first_and_filters_by_anchor(client_for, trust, world):
    payee, walsall, _ = trust
    small = pay(world.home, "WALSALL HOSP", 10)
    RegisterMatch.objects.create(payee=small, entry=walsall, probability=0.6, evidence="close")
    theirs = pay(world.other, "WALSALL HEALTHCARE", 5000)
    RegisterMatch.objects.create(payee=theirs, entry=walsall, probability=0.7, evidence="close")
    decided = pay(world.home, "DONE LTD", 99999)  # nothing pending: not listed
    RegisterMatch.objects.create(
        payee=decided, entry=walsall, probability=0.9, evidence="x", status="accepted"
    )
    html = client_for("buyer").get("/suppliers/places/").content.decode()
    assert "2 payees with suggestions" in html and "WALSALL HEALTHCARE 001" in html
    assert html.index("WALSALL HEALTHCARE 001") < html.index("WALSALL HOSP")
    assert "DONE LTD" not in html and "£1,235" in html  # 1,234.50, to the pound
    every = client_for("coordinator").get("/suppliers/places/").content.decode()
    assert "3 payees" in every and every.index("WALSALL HEALTHCARE<") < every.index("001")
    mine = client_for("coordinator").get(f"/suppliers/places/?buyer={world.other.slug}")
    assert "1 payee with suggestions to decide for Other Trust" in mine.content.decode()
    # Deciding inline returns to the queue.
    candidate = payee.candidates.get(entry=walsall)
    page = decide(
        client_for("buyer"),
        payee,
        action="confirm",
        candidate=candidate.pk,
        next="/suppliers/places/",
    )
    assert page.redirect_chain[-1][0] == "/suppliers/places/"
    assert "1 payee with suggestions" in page.content.decode()
    # An address elsewhere is never followed.
    page = decide(
        client_for("buyer"), payee, action="reject", candidate=candidate.pk, next="//evil.example"
    )
    assert page.redirect_chain[-1][0] == f"/suppliers/payees/{payee.pk}/"
