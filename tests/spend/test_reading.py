"""spend/reading.py: a payment file as publishers distribute it, to rows of text. No database."""

import csv
import gzip
import io
import re
import zipfile

import pytest

from spend.reading import FileProblem, read_tables
from tests.conftest import require_data

CSV = "Date,Supplier,Amount\n03/04/2024,Acme Ltd,10.00\n04/04/2024,Beta Ltd,20.00\n"
ROWS = [
    ["Date", "Supplier", "Amount"],
    ["03/04/2024", "Acme Ltd", "10.00"],
    ["04/04/2024", "Beta Ltd", "20.00"],
]


def write(tmp_path, name, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_the_delimiter_is_found(tmp_path, delimiter):
    (table,) = read_tables(write(tmp_path, "p.csv", CSV.replace(",", delimiter).encode()))
    assert table.delimiter == delimiter
    assert table.rows == ROWS
    assert (table.name, table.encoding) == ("p.csv", "utf-8")


def test_a_comma_inside_quotes_does_not_fool_the_delimiter(tmp_path):
    text = 'Date;Supplier;Amount\n03/04/2024;"Acme, Ltd";10,00\n04/04/2024;Beta;20,00\n'
    (table,) = read_tables(write(tmp_path, "p.csv", text.encode()))
    assert table.delimiter == ";"
    assert table.rows[1] == ["03/04/2024", "Acme, Ltd", "10,00"]


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (b"\xef\xbb\xbf" + CSV.encode(), "utf-8 (with BOM)"),
        (CSV.encode("utf-16"), "utf-16"),
        (CSV.replace("Acme", "Café").encode("cp1252"), "cp1252"),
        (CSV.replace("Acme", "Caf\u00e9").encode("utf-8"), "utf-8"),
    ],
)
def test_the_encoding_is_found(tmp_path, data, encoding):
    (table,) = read_tables(write(tmp_path, "p.csv", data))
    assert table.encoding == encoding
    assert table.rows[0] == ["Date", "Supplier", "Amount"]


def test_a_gzip_file_is_read_under_its_inner_name(tmp_path):
    (table,) = read_tables(write(tmp_path, "p.csv.gz", gzip.compress(CSV.encode())))
    assert table.name == "p.csv"
    assert table.rows == ROWS


def test_every_member_of_a_zip_is_a_table_and_hidden_members_are_left_out(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("april.csv", CSV)
        archive.writestr("may.csv", CSV.replace("Acme", "Gamma"))
        archive.writestr("__MACOSX/._april.csv", b"\x00\x01")
        archive.writestr(".hidden.csv", "x")
    tables = read_tables(write(tmp_path, "payments.zip", buffer.getvalue()))
    assert [t.name for t in tables] == ["payments.zip: april.csv", "payments.zip: may.csv"]
    assert tables[1].rows[1][1] == "Gamma Ltd"


def test_a_zip_holding_no_files_is_refused(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("__MACOSX/x", "x")
    with pytest.raises(FileProblem, match=re.escape("payments.zip: the zip file holds no files")):
        read_tables(write(tmp_path, "payments.zip", buffer.getvalue()))


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("p.csv", b"", "p.csv: the file is empty (0 bytes)"),
        ("p.csv.gz", gzip.compress(b"", mtime=0), "p.csv: the file is empty (0 bytes)"),
        ("p.csv.gz", b"\x1f\x8b\x08\x00broken", "p.csv.gz: the gzip file is damaged"),
        ("p.zip", b"PK\x03\x04broken", "p.zip: the zip file is damaged"),
        ("p.csv", b"Date,Amount\n\x00\x01\x02", "p.csv: this is not a text (CSV) file"),
    ],
)
def test_unreadable_files_say_what_is_wrong(tmp_path, name, data, message):
    with pytest.raises(FileProblem, match=re.escape(message)):
        read_tables(write(tmp_path, name, data))


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(FileProblem, match="No file at"):
        read_tables(tmp_path / "nowhere.csv")


def test_a_file_over_the_limit_is_refused_not_half_read(tmp_path, settings):
    settings.SPEND_MAX_UNCOMPRESSED_BYTES = 10
    with pytest.raises(FileProblem, match=re.escape("p.csv: larger than 10 bytes")):
        read_tables(write(tmp_path, "p.csv", CSV.encode()))


def test_an_unclosed_quote_names_its_line(tmp_path):
    limit = csv.field_size_limit()
    text = 'Date,Supplier,Amount\n03/04/2024,"Acme,10\n' + "x" * (limit + 10) + "\n"
    with pytest.raises(FileProblem, match=re.escape("p.csv: line 2 holds a field longer than")):
        read_tables(write(tmp_path, "p.csv", text.encode()))


def test_a_real_published_file_reads_whole():
    path = require_data("spend", "odileeds-processed", "leeds", "2020-01.csv.gz")
    (table,) = read_tables(path)
    assert table.name == "2020-01.csv"
    assert (table.encoding, table.delimiter) == ("utf-8", ",")
    assert table.rows[0][:4] == [
        "Payment Date",
        "Amount",
        "Organisational Unit",
        "Beneficiary Name",
    ]
    assert len(table.rows) > 1000
    width = len(table.rows[0])
    assert all(len(r) == width for r in table.rows)
