"""Concentration and new suppliers: worked examples, and the real days against a plain loop over
the release files. No database."""

import pytest

from scorecard.indicators.suppliers import new_supplier_value_share, supplier_concentration
from scorecard.notice_table import tables
from tests.scorecard.realdata import real_releases


def _award(ocid, rid, date, award_id, value, *suppliers, status="active"):
    return {
        "ocid": ocid,
        "id": rid,
        "date": date,
        "awards": [
            {
                "id": award_id,
                "status": status,
                "value": {"amount": value},
                "suppliers": [{"id": s, "name": s} for s in suppliers],
            }
        ],
        "parties": [{"id": s, "identifier": {"scheme": "GB-COH", "id": s}} for s in suppliers],
    }


def _tables(pairs):
    return tables((r, "buyer", "", in_period, False) for r, in_period in pairs)


def test_concentration_by_hand():
    table = _tables(
        [
            (_award("a", "1", "2026-01-01T00:00:00Z", "x", 600, "S1"), True),
            (_award("b", "1", "2026-01-02T00:00:00Z", "y", 400, "S1", "S2"), True),  # 200 each
            (_award("c", "1", "2026-01-03T00:00:00Z", "z", 900, "S3", status="cancelled"), True),
        ]
    )
    figure = supplier_concentration(table)
    # S1 800 of 1000, S2 200: 0.8² + 0.2² = 0.68
    assert figure.value == pytest.approx(0.68)
    assert figure.denominator == 2


def test_new_suppliers_are_those_not_awarded_before_the_period():
    table = _tables(
        [
            (_award("a", "1", "2025-01-01T00:00:00Z", "x", 100, "S1"), False),
            (_award("b", "1", "2026-01-02T00:00:00Z", "y", 300, "S1"), True),
            (_award("c", "1", "2026-01-03T00:00:00Z", "z", 100, "S2"), True),
        ]
    )
    figure = new_supplier_value_share(table)
    assert (figure.numerator, figure.denominator, figure.value) == (100, 400, 0.25)


def test_concentration_on_the_real_days_against_a_plain_loop():
    releases = real_releases()
    latest = {}
    for r in sorted(releases, key=lambda r: (r["date"], r["id"])):
        parties = {p.get("id"): p for p in r.get("parties") or []}
        for award in r.get("awards") or []:
            if (award.get("status") or "").lower() in ("cancelled", "unsuccessful"):
                continue
            amount = (award.get("value") or {}).get("amount")
            if amount is None:  # the contracts' values, as the product reads them
                found = [
                    (c.get("value") or {}).get("amount")
                    for c in r.get("contracts") or []
                    if c.get("awardID") == award.get("id")
                ]
                found = [a for a in found if isinstance(a, int | float)]
                amount = sum(found) if found else None
            suppliers = award.get("suppliers") or []
            for s in suppliers:
                party = parties.get(s.get("id")) or {}
                ident = party.get("identifier") or {}
                if ident.get("scheme") and ident.get("id"):
                    key = f"{ident['scheme'].upper()}:{ident['id']}"
                else:
                    key = "name:" + (s.get("name") or party.get("name") or "").upper()
                value = amount / len(suppliers) if isinstance(amount, int | float) else None
                latest[(r["ocid"], award.get("id"), key)] = value
    per = {}
    for (_ocid, _award_id, key), value in latest.items():
        if value and value > 0:
            per[key] = per.get(key, 0) + value
    total = sum(per.values())
    plain = sum((v / total) ** 2 for v in per.values())
    figure = supplier_concentration(_tables((r, True) for r in releases))
    assert figure.denominator == len(per) > 0
    assert figure.value == pytest.approx(plain)
