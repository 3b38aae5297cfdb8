"""The data-file contract (core/datafiles.py): every `<app>/data/*.json` has the envelope and
matches its own schema, and no entry is without a source; deliberate breaches are reported."""

import copy
import json
from pathlib import Path

import pytest

from core import datafiles

ROOT = Path(datafiles.__file__).resolve().parent.parent
FILES = sorted(ROOT.glob("*/data/*.json"))


def document(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_every_app_data_file_is_covered():
    assert len(FILES) >= 24
    assert all(datafiles.schema_path(path).exists() for path in FILES), "a data file has no schema"


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_a_data_file_keeps_the_contract(path):
    assert datafiles.problems(document(path), datafiles.schema_path(path)) == []
    file = datafiles.read(path)
    assert file.version and file.sources and file.content
    cited = json.dumps(file.cited())
    assert all(f'"source": "{name}"' not in cited for name in file.sources if len(name) > 3)


def test_the_loader_takes_a_path_or_an_app_and_name():
    assert datafiles.load(("network", "sectors")) == datafiles.load(
        ROOT / "network/data/sectors.json"
    )
    sectors = datafiles.load(("network", "sectors"), cited=True)["sectors"]
    assert sectors[0]["source"].startswith("Supporting the Advancement of Innovative Procurement")


def test_dated_rules_say_from_when():
    assert datafiles.read(("reference", "thresholds")).effective_from == "2024-01-01"
    assert datafiles.read(("challenges", "routes")).effective_from == "2025-02-24"


def test_the_supplier_model_says_how_it_was_trained():
    model = datafiles.load(("suppliers", "supplier_model"))
    training = model["training"]
    assert {"method", "data", "trained", "command", "parameters"} <= set(training)
    assert "bench/bench_suppliers.py --train" in training["command"]
    assert model["settings"]["comparisons"]  # what Splink is given, as Splink wrote it


# Deliberate breaches: each must be reported, so the checks above would fail on them.


def breaches() -> dict[str, tuple[Path, dict, str]]:
    sectors = ROOT / "network/data/sectors.json"
    stopwords = ROOT / "opportunities/data/stopwords.json"
    areas = ROOT / "reference/data/areas.json"
    cases = {}

    doc = document(sectors)
    del doc["content"]["sectors"][0]["source"]
    cases["entry without a source or a reason"] = (sectors, doc, "content/sectors/0")

    doc = document(sectors)
    doc["content"]["sectors"][0]["source"] = "nowhere"
    cases["entry naming a source not listed"] = (sectors, doc, "'nowhere' is not one of")

    doc = document(sectors)
    del doc["version"]
    cases["envelope without a version"] = (sectors, doc, '"version" is a required property')

    doc = document(sectors)
    doc["sources"][0] = {"id": "iawm-2020", "covers": "sectors"}
    cases["source with neither document nor url"] = (sectors, doc, "envelope: sources/0")

    doc = document(stopwords)
    del doc["source"]
    cases["file-level source dropped where entries have none"] = (stopwords, doc, '"source"')

    doc = document(areas)
    doc["section_sources"]["somewhere"] = "wmca"
    cases["section source for no part of the content"] = (areas, doc, "'somewhere'")

    doc = document(ROOT / "reference/data/thresholds.json")
    del doc["effective_from"]
    cases["dated rules without effective_from"] = (
        ROOT / "reference/data/thresholds.json",
        doc,
        '"effective_from" is a required property',
    )
    return cases


@pytest.mark.parametrize("name", list(breaches()))
def test_a_breach_is_reported(name, tmp_path):
    path, doc, expected = breaches()[name]
    found = datafiles.problems(doc, datafiles.schema_path(path))
    assert any(expected in problem for problem in found), found
    # and the loader refuses the file
    copy_path = tmp_path / "data" / path.name
    copy_path.parent.mkdir()
    (copy_path.parent / "schemas").mkdir()
    (copy_path.parent / "schemas" / path.name).write_text(datafiles.schema_path(path).read_text())
    copy_path.write_text(json.dumps(doc))
    with pytest.raises(datafiles.DataFileError, match=str(copy_path.name)):
        datafiles.load(copy_path)


def test_a_file_without_a_schema_is_refused(tmp_path):
    doc = copy.deepcopy(document(ROOT / "network/data/sectors.json"))
    path = tmp_path / "sectors.json"
    path.write_text(json.dumps(doc))
    with pytest.raises(datafiles.DataFileError, match="no schema"):
        datafiles.load(path)


def test_written_files_read_back_the_same():
    for path in FILES:
        doc = document(path)
        assert json.loads(datafiles.dumps(doc)) == doc


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("Procurement Act 2023 (RULES.md section 2 and 3)", "Procurement Act 2023"),
        (
            "AnchorHub spend ledger (spend/ledger.py): what is known of each supplier",
            "AnchorHub spend ledger: what is known of each supplier",
        ),
        ("s.93 (RULES.md section 3, UK1 Pipeline [V]): a pipeline", "s.93: a pipeline"),
        ("CLES brief, as summarised in ../shared/seeds/: the network", "CLES brief: the network"),
        ("The network's own [U]", "The network's own (check before relying on this)"),
        ("An order made under s.116 [S]", "An order made under s.116"),
        ("£30,000 (others) including VAT [V/S]", "£30,000 (others) including VAT"),
    ],
)
def test_sources_as_readers_see_them(written, read):
    assert datafiles.for_readers(written) == read
