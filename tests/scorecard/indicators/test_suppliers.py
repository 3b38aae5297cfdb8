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
            pounds = ((award.get("value") or {}).get("currency") or "GBP").upper() == "GBP"
            if not pounds:  # kept in its currency, not added as pounds
                amount = None
            elif amount is None:  # the contracts' values, as the product reads them
                found = [
                    (c.get("value") or {}).get("amount")
                    for c in r.get("contracts") or []
                    if c.get("awardID") == award.get("id")
                    and ((c.get("value") or {}).get("currency") or "GBP").upper() == "GBP"
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


def _with(pairs, suppliers=None, local=None):
    """Tables whose awards carry register entries (S1 → 1, ...) as gathering links them."""
    from dataclasses import replace

    import polars as pl

    table = _tables(pairs)
    awards = table.awards.with_columns(
        supplier_id=pl.col("supplier_name").str.slice(1).cast(pl.Int64),
        published_local=pl.col("supplier_name").replace_strict(
            local or {}, default=None, return_dtype=pl.Boolean
        ),
    )
    return replace(table, awards=awards, suppliers=suppliers)


def _facts(rows):
    import polars as pl

    from scorecard.notice_table import SUPPLIERS

    return pl.DataFrame(
        [
            {
                "buyer_key": "buyer",
                "supplier_id": pk,
                "is_sme": sme,
                "size_source": "register entry",
                "is_vcse": vcse,
                "vcse_source": "charity number",
                "is_local": local,
                "place": "E08000025",
                "place_source": "Companies House",
            }
            for pk, sme, vcse, local in rows
        ],
        schema=SUPPLIERS,
    )


def test_sme_vcse_and_local_shares_ledger_first_then_the_notice_by_hand():
    from scorecard.indicators.suppliers import (
        local_award_count_share,
        local_award_value_share,
        sme_award_count_share,
        sme_award_value_share,
        vcse_award_count_share,
        vcse_award_value_share,
    )

    a = _award("a", "1", "2026-01-01T00:00:00Z", "x", 600, "S1")
    b = _award("b", "1", "2026-01-02T00:00:00Z", "y", 300, "S2")
    c = _award("c", "1", "2026-01-03T00:00:00Z", "z", 100, "S3")
    d = _award("d", "1", "2026-01-04T00:00:00Z", "w", 50, "S4")
    a["parties"][0]["details"] = {"scale": "large"}  # the ledger (SME) wins over this
    c["parties"][0]["details"] = {"scale": "sme", "vcse": True}  # the ledger knows nothing of S3
    table = _with(
        [(a, True), (b, True), (c, True), (d, True)],
        _facts([(1, True, None, True), (2, False, False, False)]),
        local={"S3": True, "S4": False},
    )
    # SME: S1 (ledger) 600, S2 (ledger) not, S3 (notice) 100, S4 unknown: 700 of 1000
    sme = sme_award_value_share(table)
    assert (sme.numerator, sme.denominator) == (700, 1000)
    assert sme.behind.sort("supplier_id")["sme_by"].to_list() == [
        "ledger (register entry)",
        "ledger (register entry)",
        "notice as published",
        "not known",
    ]
    assert (sme_award_count_share(table).numerator, sme_award_count_share(table).denominator) == (
        2,
        3,
    )
    # VCSE: S1 unknown, S2 ledger no, S3 notice yes: 100 of 400
    vcse = vcse_award_value_share(table)
    assert (vcse.numerator, vcse.denominator) == (100, 400)
    assert vcse_award_count_share(table).value == 0.5
    # local: S1 ledger yes 600, S2 ledger no, S3 published yes 100, S4 published no: 700 of 1050
    local = local_award_value_share(table)
    assert (local.numerator, local.denominator) == (700, 1050)
    assert local_award_count_share(table).value == 0.5


def test_sme_and_vcse_shares_on_the_real_days_against_a_plain_loop():
    from scorecard.indicators.suppliers import sme_award_count_share, vcse_award_value_share

    releases = real_releases()
    latest = {}
    for r in sorted(releases, key=lambda r: (r["date"], r["id"])):
        parties = {p.get("id"): p for p in r.get("parties") or []}
        for award in r.get("awards") or []:
            if (award.get("status") or "").lower() in ("cancelled", "unsuccessful"):
                continue
            amount = (award.get("value") or {}).get("amount")
            pounds = ((award.get("value") or {}).get("currency") or "GBP").upper() == "GBP"
            if not pounds:  # kept in its currency, not added as pounds
                amount = None
            elif amount is None:
                found = [
                    (c.get("value") or {}).get("amount")
                    for c in r.get("contracts") or []
                    if c.get("awardID") == award.get("id")
                    and ((c.get("value") or {}).get("currency") or "GBP").upper() == "GBP"
                ]
                found = [x for x in found if isinstance(x, int | float)]
                amount = sum(found) if found else None
            suppliers = award.get("suppliers") or []
            for s in suppliers:
                party = parties.get(s.get("id")) or {}
                ident = party.get("identifier") or {}
                if ident.get("scheme") and ident.get("id"):
                    key = f"{ident['scheme'].upper()}:{ident['id']}"
                else:
                    key = "name:" + (s.get("name") or party.get("name") or "").upper()
                details = party.get("details") or {}
                value = amount / len(suppliers) if isinstance(amount, int | float) else None
                scale = str(details.get("scale") or "").lower()
                vcse = details.get("vcse") if isinstance(details.get("vcse"), bool) else None
                latest[(r["ocid"], award.get("id"), key)] = (value, scale, vcse)
    sized = [scale for _v, scale, _c in latest.values() if scale in ("sme", "large")]
    figure = sme_award_count_share(_tables((r, True) for r in releases))
    assert (figure.numerator, figure.denominator) == (sized.count("sme"), len(sized))
    assert 0 < sized.count("sme") < len(sized)
    valued = [(v, c) for v, _s, c in latest.values() if v and v > 0 and c is not None]
    figure = vcse_award_value_share(_tables((r, True) for r in releases))
    assert figure.denominator == pytest.approx(sum(v for v, _c in valued))
    assert figure.denominator > 0
    assert figure.numerator == pytest.approx(sum(v for v, c in valued if c))
