"""Bounded decompression: every .zip and .gz AnchorHub reads (payment files, the Companies House
file, OCDS files) is counted as it expands, against a total and a ratio, and a bomb is refused
with a clear message before memory grows."""

import gzip
import io
import tracemalloc
import zipfile

import pytest

from opportunities.ocds_input import read_releases
from registers.tables import FileProblem as RegisterFileProblem
from registers.tables import tables
from spend.reading import FileProblem, read_tables
from tests.hostile_files import zeros_gzip, zeros_zip

MB = 1024 * 1024


def refusal(path) -> tuple[str, int]:
    """read_tables' message for the file, and the peak of memory allocated meanwhile."""
    tracemalloc.start()
    try:
        with pytest.raises(FileProblem) as problem:
            read_tables(path)
        return str(problem.value), tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_zip_of_many_large_members_is_refused_as_it_expands(tmp_path):
    # 12 members of 20 MB each: each below the per-file size, together 240 MB in memory before;
    # now refused by the ratio after a few MB.
    path = tmp_path / "payments.zip"
    path.write_bytes(zeros_zip(12, 20 * MB))
    assert path.stat().st_size < MB
    message, peak = refusal(path)
    assert message.startswith("payments.zip: payments-0.csv: it expands more than 100 times")
    assert "refused as a possible zip bomb" in message
    assert peak < 30 * MB


def test_the_total_of_all_members_is_capped_whatever_each_declares(tmp_path, settings):
    settings.DECOMPRESSION_MAX_RATIO = 100_000
    settings.SPEND_MAX_UNCOMPRESSED_BYTES = 10 * MB
    path = tmp_path / "payments.zip"
    path.write_bytes(zeros_zip(4, 3 * MB))
    message, _peak = refusal(path)
    assert message == (
        "payments.zip: it expands to more than 10,485,760 bytes when decompressed; AnchorHub "
        "reads at most 10,485,760. Split it into smaller files."
    )


def test_a_gzip_bomb_is_refused(tmp_path):
    path = tmp_path / "payments.csv.gz"
    path.write_bytes(zeros_gzip(50 * MB))
    message, peak = refusal(path)
    assert message.startswith("payments.csv.gz: it expands more than 100 times")
    assert peak < 30 * MB


def test_real_compressed_files_are_well_within_the_ratio(tmp_path):
    text = "".join(
        f"Supplier {n % 300},{n * 1.5:.2f},0{n % 9 + 1}/04/2024\n" for n in range(80_000)
    )
    path = tmp_path / "payments.csv.gz"
    path.write_bytes(gzip.compress(("Supplier Name,Net Amount,Payment Date\n" + text).encode()))
    [table] = read_tables(path)
    assert len(table.rows) == 80_001


def test_the_companies_house_zip_and_gzip_are_bounded(tmp_path):
    header = b"CompanyName,CompanyNumber\n"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("BasicCompanyData.csv", header + b"0" * (20 * MB))
    for name, data in [
        ("companies.zip", out.getvalue()),
        ("companies.csv.gz", gzip.compress(header + b"0" * (20 * MB))),
    ]:
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises(RegisterFileProblem) as problem:
            for table in tables(path):
                for _row in table.rows:
                    pass
        assert "expands more than 100 times its compressed size" in str(problem.value)


def test_a_gzipped_ocds_file_is_bounded(tmp_path):
    path = tmp_path / "releases.json.gz"
    path.write_bytes(gzip.compress(b"[" + b" " * (20 * MB) + b"]"))
    items = list(read_releases(path))
    assert len(items) == 1
    assert "expands more than 100 times its compressed size" in items[0].error
