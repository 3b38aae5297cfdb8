"""Concentration and new suppliers: worked examples, and the real days against a plain loop over
the release files. No database."""

import polars as pl
import pytest

from scorecard.indicators.suppliers import new_supplier_value_share, supplier_concentration
from scorecard.notice_table import tables
from tests.scorecard.realdata import live_awards_by_plain_loop, real_releases, when


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


def _pounds(value):
    """An OCDS value's amount when it is in pounds (or says no currency), else None."""
    value = value or {}
    if (value.get("currency") or "GBP").upper() != "GBP":
        return None
    amount = value.get("amount")
    return amount if isinstance(amount, int | float) and not isinstance(amount, bool) else None


def _supplier_rows(releases):
    """(ocid, award id, supplier key, value each, party, release) for each supplier of each award
    still standing (live_awards_by_plain_loop), by a plain walk."""
    rows = []
    for (ocid, award_id), entry in live_awards_by_plain_loop(releases).items():
        r, award = entry["release"], entry.get("award")
        if r is None:
            continue  # no release names its suppliers
        parties = {p.get("id"): p for p in r.get("parties") or []}
        amount = _pounds(award.get("value"))
        if amount is None and ((award.get("value") or {}).get("currency") or "GBP") == "GBP":
            found = [
                _pounds(c.get("value"))
                for c in r.get("contracts") or []
                if c.get("awardID") == award.get("id")
            ]
            found = [a for a in found if a is not None]
            amount = sum(found) if found else None
        suppliers = award.get("suppliers") or []
        seen = set()
        for s in suppliers:
            party = parties.get(s.get("id")) or {}
            ident = party.get("identifier") or {}
            if ident.get("scheme") and ident.get("id"):
                key = f"{ident['scheme'].upper()}:{ident['id']}"
            else:
                key = "name:" + (s.get("name") or party.get("name") or "").upper()
            if key in seen:
                continue
            seen.add(key)
            value = amount / len(suppliers) if amount is not None else None
            rows.append((ocid, award_id, key, value, party, r))
    return rows


def test_concentration_on_the_real_days_against_a_plain_loop():
    releases = real_releases()
    per = {}
    for _ocid, _award_id, key, value, _party, _r in _supplier_rows(releases):
        if value and value > 0:
            per[key] = per.get(key, 0) + value
    total = sum(per.values())
    plain = sum((v / total) ** 2 for v in per.values())
    figure = supplier_concentration(_tables((r, True) for r in releases))
    assert figure.denominator == len(per) > 0
    assert figure.value == pytest.approx(plain)
    # The £250k award to Ridge and Partners (ocds-h6vhtk-06dfd9) is ended by the procurement
    # termination notice (UK12) that follows it, its contract cancelled: not counted.
    from scorecard.indicators.suppliers import awarded

    table = _tables((r, True) for r in releases)
    assert awarded(table).filter(pl.col("ocid") == "ocds-h6vhtk-06dfd9").is_empty()
    assert table.awards.filter(pl.col("ocid") == "ocds-h6vhtk-06dfd9")["value"].to_list() == [
        250000.0
    ]


def test_an_award_ended_by_a_later_release_is_not_counted_by_hand():
    """Latest release per award first, then what it says: a termination notice (UK12) whose
    award names no supplier and whose contract is cancelled ends the award it follows; an
    earlier cancelled award published again as active stands; a terminated contract stands."""
    first = _award("a", "1", "2026-01-01T00:00:00Z", "1", 250, "S1")
    ended = {
        "ocid": "a",
        "id": "2",
        "date": "2026-01-05T00:00:00Z",
        "tag": ["tenderCancellation"],
        "awards": [{"id": "1", "status": "active"}],
        "contracts": [{"id": "1", "awardID": "1", "status": "cancelled"}],
    }
    revived = [
        _award("b", "1", "2026-01-01T00:00:00Z", "1", 100, "S2", status="cancelled"),
        _award("b", "2", "2026-01-02T00:00:00Z", "1", 100, "S2"),
    ]
    terminated = _award("c", "1", "2026-01-01T00:00:00Z", "1", 300, "S3")
    terminated["contracts"] = [{"id": "1", "awardID": "1", "status": "terminated"}]
    table = _tables(
        [(first, True), (ended, True), *((r, True) for r in revived), (terminated, True)]
    )
    figure = supplier_concentration(table)
    assert sorted(figure.behind["supplier"].to_list()) == ["GB-COH:S2", "GB-COH:S3"]
    assert figure.value == pytest.approx(0.25**2 + 0.75**2)
    # without the termination notice, S1's award counts
    kept = supplier_concentration(_tables([(first, True), (revived[1], True)]))
    assert kept.denominator == 2


def test_new_suppliers_on_the_real_days_against_a_plain_loop():
    releases = real_releases()
    start = when("2026-08-10T13:00:00+01:00")
    rows = _supplier_rows(releases)
    earlier = {key for _o, _a, key, _v, _p, r in rows if when(r["date"]) < start}
    now = [(key, v) for _o, _a, key, v, _p, r in rows if when(r["date"]) >= start and v and v > 0]
    new = sum(v for key, v in now if key not in earlier)
    total = sum(v for _key, v in now)
    figure = new_supplier_value_share(_tables((r, when(r["date"]) >= start) for r in releases))
    assert figure.denominator == pytest.approx(total)
    assert figure.numerator == pytest.approx(new)
    assert 0 < new < total  # some suppliers awarded before the period are awarded again in it
    everything = new_supplier_value_share(_tables((r, True) for r in releases))
    assert everything.value == pytest.approx(1.0)  # nothing earlier loaded: every supplier new


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
    for ocid, award_id, key, value, party, _r in _supplier_rows(releases):
        details = party.get("details") or {}
        scale = str(details.get("scale") or "").lower()
        vcse = details.get("vcse") if isinstance(details.get("vcse"), bool) else None
        latest[(ocid, award_id, key)] = (value, scale, vcse)
    sized = [scale for _v, scale, _c in latest.values() if scale in ("sme", "large")]
    figure = sme_award_count_share(_tables((r, True) for r in releases))
    assert (figure.numerator, figure.denominator) == (sized.count("sme"), len(sized))
    assert 0 < sized.count("sme") < len(sized)
    valued = [(v, c) for v, _s, c in latest.values() if v and v > 0 and c is not None]
    figure = vcse_award_value_share(_tables((r, True) for r in releases))
    assert figure.denominator == pytest.approx(sum(v for v, _c in valued))
    assert figure.denominator > 0
    assert figure.numerator == pytest.approx(sum(v for v, c in valued if c))


def test_local_shares_on_the_real_days_against_a_plain_loop():
    """Published postcodes against a home authority (Birmingham, E08000025), placed by a plain
    read of the West Midlands postcode file; a postcode not in it is not known (as gathering
    leaves a postcode it cannot place)."""
    import csv

    from scorecard.indicators.suppliers import local_award_count_share, local_award_value_share
    from tests.conftest import require_data

    home = "E08000025"
    with require_data("reference", "postcodes-west-midlands.csv").open(newline="") as f:
        places = {row["pcd"].replace(" ", "").upper(): row["laua"] for row in csv.DictReader(f)}

    def local(postcode):
        place = places.get((postcode or "").replace(" ", "").upper())
        return None if place is None else place == home

    releases = real_releases()
    rows = []
    for _ocid, _award_id, _key, value, party, _r in _supplier_rows(releases):
        rows.append((value, local((party.get("address") or {}).get("postalCode"))))
    known = [(v, is_local) for v, is_local in rows if is_local is not None]
    valued = [(v, is_local) for v, is_local in known if v and v > 0]
    table = _tables((r, True) for r in releases)
    from dataclasses import replace

    import polars as pl

    places_of = {
        postcode: local(postcode)
        for postcode in table.awards["postcode"].unique().to_list()
        if local(postcode) is not None
    }
    table = replace(
        table,
        awards=table.awards.with_columns(
            published_local=pl.col("postcode").replace_strict(
                places_of, default=None, return_dtype=pl.Boolean
            )
        ),
    )
    count = local_award_count_share(table)
    assert (count.numerator, count.denominator) == (
        sum(1 for _v, is_local in known if is_local),
        len(known),
    )
    assert 0 < count.numerator < count.denominator
    value = local_award_value_share(table)
    assert value.denominator == pytest.approx(sum(v for v, _l in valued))
    assert value.numerator == pytest.approx(sum(v for v, is_local in valued if is_local))
    assert 0 < value.numerator < value.denominator
