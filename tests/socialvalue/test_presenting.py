"""The commitments page's tables: pure, no database."""

from datetime import date
from decimal import Decimal

from socialvalue import measures, presenting

COMMITMENT = measures.Commitment(
    1,
    10,
    "Repairs",
    "Home Council",
    "Supplier Ltd",
    "apprenticeships",
    "Apprenticeship starts",
    "apprentices",
    Decimal(4),
    date(2026, 1, 1),
    date(2026, 12, 31),
    3,
    Decimal(1000),
)


def test_every_table_is_made_and_overdue_rows_link_to_their_contract():
    items = measures.all_progress([COMMITMENT], [], date(2026, 8, 1))
    tables = presenting.tables(items, {10: "/social-value/contracts/10/"})
    assert list(tables) == list(presenting.TABLES)
    overdue = tables["overdue"]
    assert [row["state_words"] for row in overdue.rows] == ["No report", "No report"]
    assert overdue.rows[0]["url"] == "/social-value/contracts/10/"
    assert overdue.rows[0]["period"] == "01 Jan 2026 to 31 Mar 2026"
    assert tables["contract"].rows[0]["url"] == "/social-value/contracts/10/"
    cells = tables["metric"].display()[0]
    assert cells[0][0] == "Apprenticeship starts" and cells[-2][0] == "£4,000"
    assert "Apprenticeship starts" in tables["metric"].csv()
    assert tables["supplier"].xlsx()[:2] == b"PK"
    assert tables["metric"].xlsx()[:2] == b"PK"  # Decimal quantities


def test_empty_tables_say_so():
    tables = presenting.tables([], {})
    assert tables["overdue"].empty == "Nothing is overdue."
    assert tables["metric"].rows == []
