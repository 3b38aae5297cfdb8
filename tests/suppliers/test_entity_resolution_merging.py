"""Resolution that merges (suppliers/entity_resolution.py): on the real Calderdale and Kirklees payment
files with their identifiers hidden, against the company numbers they publish; and names placed
in one register entry."""

from collections import Counter
from math import comb

import pytest

from core import datafiles
from spend.columns import suggest
from spend.reading import read_tables
from spend.rows import company_number
from spend.values import is_redacted
from suppliers import entity_resolution as resolution
from suppliers.entity_resolution import Observation, resolve, rules
from suppliers.names import normalise_name
from tests.conftest import require_data


def names_and_numbers(council: str) -> Counter:
    """(name, company number or '') → payments, read as the importer reads the files."""
    folder = require_data("registers", "spend-with-identifiers", council)
    counts = Counter()
    for path in sorted(folder.glob("*.csv.gz")):
        for table in read_tables(path):
            found = suggest(table.rows)
            name_at, number_at = found.mapping["supplier_name"], found.mapping["company_number"]
            for row in table.rows[found.header_row + 1 :]:
                name = row[name_at].strip() if name_at < len(row) else ""
                if name and not is_redacted(name):
                    counts[
                        (name, company_number(row[number_at]) if number_at < len(row) else "")
                    ] += 1
    return counts


def pairwise(labelled: Counter, cluster_of) -> tuple[float, float]:
    both, predicted, actual = Counter(), Counter(), Counter()
    for (name, truth), count in labelled.items():
        both[(cluster_of(name), truth)] += count
        predicted[cluster_of(name)] += count
        actual[truth] += count
    tp = sum(comb(n, 2) for n in both.values())
    p, t = sum(comb(n, 2) for n in predicted.values()), sum(comb(n, 2) for n in actual.values())
    return tp / p, tp / t


@pytest.fixture(scope="module")
def kirklees():
    counts = names_and_numbers("kirklees")
    by_name = Counter()
    for (name, _number), count in counts.items():
        by_name[name] += count
    # Only names go in: the company numbers are the ground truth.
    observations = [Observation(name, name, weight=n) for name, n in sorted(by_name.items())]
    merging = rules()
    result = resolve(
        observations,
        auto=merging["auto_merge"]["value"],
        core_names=merging["core_names"]["value"],
    )
    return counts, result


def test_kirklees_names_of_one_company_are_merged(kirklees):
    _counts, result = kirklees
    same = result.cluster_of
    assert same["Naylor Myers Ltd (Batley)"] == same["Naylor Myers Ltd (Huddersfield)"]
    assert same["Northern Gas Networks"] == same["Northern Gas Networks (92315697)"]
    assert same["Northern Powergrid (Yorkshire) Plc"] == same["Northern Powergrid (Yorks) Plc (YED"]
    assert same["Parts Town Limited"] == same["Parts Town UK Limited"]
    # Names the model rates highly but that are other companies (their numbers differ).
    assert same["Colas Ltd"] != same["Colas Siac Ltd"]
    assert same["EDF Energy"] != same["Edf Energy 1 Ltd"]


def test_kirklees_merging_beats_exact_names_without_losing_precision(kirklees):
    counts, result = kirklees
    labelled = Counter({key: n for key, n in counts.items() if key[1]})
    ours = pairwise(labelled, lambda name: result.cluster_of[name])
    baseline = pairwise(labelled, normalise_name)
    assert ours[0] >= 0.98 and ours[1] > baseline[1]
    # Over distinct names (each spelling once) the gain is larger, and so is the precision: the
    # only wrong pairs are identical names the file gives two numbers (British Gas Trading).
    names = Counter(dict.fromkeys(labelled, 1))
    ours_names = pairwise(names, lambda name: result.cluster_of[name])
    baseline_names = pairwise(names, normalise_name)
    assert ours_names[0] > baseline_names[0] and ours_names[1] >= 3 * baseline_names[1]


def test_calderdale_merging_keeps_precision():
    counts = names_and_numbers("calderdale")
    by_name = Counter()
    for (name, _number), count in counts.items():
        by_name[name] += count
    observations = [Observation(name, name, weight=n) for name, n in sorted(by_name.items())]
    result = resolve(observations, auto=rules()["auto_merge"]["value"])
    assert result.auto_merged > len(observations) // 100
    labelled = Counter({key: n for key, n in counts.items() if key[1]})
    precision, recall = pairwise(labelled, lambda name: result.cluster_of[name])
    assert precision >= 0.98 and recall >= 0.99


def test_names_placed_in_one_register_entry_are_one_supplier():
    result = resolve(
        [
            Observation("a", "WALSALL HEALTHCARE NHS TRUST 001", register_entry="17"),
            Observation("b", "Walsall Manor Hospital", register_entry="17"),
            Observation("c", "Walsall Council", register_entry="18"),
        ],
        use_model=False,
    )
    assert result.cluster_of["a"] == result.cluster_of["b"] != result.cluster_of["c"]


def test_the_merging_rules_say_why():
    merging = rules()
    file = datafiles.read(resolution.RULES)
    assert file.version and file.source
    assert 0.5 < merging["auto_merge"]["value"] < 1 and merging["auto_merge"]["reason"]
