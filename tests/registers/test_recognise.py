"""Files are recognised by their header or shape, never by their name; what nothing recognises
gets a message naming the file and listing what was expected. (How each format reads what it
recognises is tested beside it, in tests/registers/formats/.)"""

import pytest

from registers.recognise import NotRecognised
from registers.tables import FileProblem, tables
from tests.conftest import require_data
from tests.registers.formats.helpers import read_path


def test_what_nothing_recognises_is_named_with_what_was_expected(tmp_path):
    path = tmp_path / "companies.csv"  # the name says nothing: the header decides
    path.write_text("Supplier Name,Amount\nAcme,1\n")
    with pytest.raises(NotRecognised) as problem:
        read_path(path)
    message = str(problem.value)
    assert message.startswith("companies.csv: not a register file AnchorHub knows")
    assert "its first row is: Supplier Name, Amount" in message
    assert "Companies House basic company data: a header with CompanyName" in message
    assert "NHS ODS GP practices (epraccur.csv, no header)" in message
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(NotRecognised, match="empty.csv: .*it is empty"):
        read_path(empty)
    with pytest.raises(FileProblem, match="no such file"):
        list(tables(tmp_path / "absent.csv"))


def test_headerless_shapes_are_told_apart(tmp_path):
    ods = [
        f'"{v}"'
        for v in [
            "RXK",
            "SANDWELL AND WEST BIRMINGHAM HOSPITALS NHS TRUST",
            "Y60",
            "QUA",
            "",
            "",
            "",
            "",
            "",
            "B71 4HJ",
            "20010401",
        ]
    ]
    line = ",".join(ods + ['""'] * 16)
    path = tmp_path / "anything.csv"
    path.write_text(line + "\n")
    name, items = read_path(path)
    assert name == "ods-trusts" and items[0][1].postcode == "B71 4HJ"
    path.write_text(",".join(['"x"'] * 27) + "\n")  # 27 fields, but no ODS codes or dates
    with pytest.raises(NotRecognised):
        read_path(path)


def test_the_charity_cross_walks_are_not_taken_for_the_mutuals_register():
    path = require_data(
        "registers", "charities", "charity-lookups", "relationships_charity-company-numbers.csv"
    )
    with pytest.raises(NotRecognised):
        read_path(path)
