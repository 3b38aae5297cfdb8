"""Which supplier names, seen in payments and notices, are the same organisation.

Pure: observations in, clusters out; no Django database (Splink runs on its own in-memory DuckDB).

1. Strong evidence links observations outright: the same company number (SC/NI/OC prefixes and
   leading zeros already made comparable), the same charity number, the same buyer's own supplier
   id, or the same normalised name. VAT numbers are not used: group VAT registrations cover
   several companies (a council and its schools share one).
2. Splink (Fellegi-Sunter) scores the remaining pairs of names on Jaro-Winkler similarity and their
   distinctive words, with the model in suppliers/data/supplier_model.json (trained on the real
   payment names by `train_model`). Pairs from `auto` up (suppliers/data/resolution.json) are
   merged when the names are the same but for generic words, a slip of spelling or a cut-off last
   word (hints.same_but_for_generic_words): the model alone gives 0.9998 to pairs of different
   schools and branches. Other pairs from `review` up go to people, whose decisions are
   remembered and win over the model. Two observations with different company numbers are never
   merged.
3. Before the model, names with the same core (hints.core_name: bracketed qualifiers, account
   and store numbers, trailing codes removed) are linked, and so are names matched with certainty
   to the same register entry (spend/payee_placing.py): the register says they are one.
"""

from __future__ import annotations

import logging
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from core import datafiles
from suppliers.hints import core_name, same_but_for_generic_words
from suppliers.names import normalise_name

if TYPE_CHECKING:
    from splink import SettingsCreator

REVIEW_FROM = 0.80
RULES = Path(__file__).resolve().parent / "data" / "resolution.json"


def rules() -> dict:
    """The versioned merging rules (suppliers/data/resolution.json)."""
    return datafiles.load(RULES)


@dataclass(frozen=True)
class Observation:
    key: str  # stable across runs, e.g. "payment:<name>|<company number>"
    name: str
    company_number: str = ""
    charity_number: str = ""
    buyer_ref: str = ""  # "<buyer id>:<the buyer's supplier id>"
    postcode: str = ""
    weight: int = 1  # how many payments or awards carry it
    register_entry: str = ""  # the register entry the name was matched to with certainty


@dataclass(frozen=True)
class Pair:
    a: str  # normalised names, a < b
    b: str
    probability: float


@dataclass
class Resolution:
    cluster_of: dict[str, int]  # observation key → cluster number
    probability: dict[str, float]  # observation key → probability of its link (1.0 if certain)
    for_review: list[Pair] = field(default_factory=list)
    auto_merged: int = 0  # unions made without a person: strong evidence, and the model if allowed


class _Groups:
    def __init__(self, keys: Iterable[str]):
        self.parent = {key: key for key in keys}

    def find(self, key: str) -> str:
        root = key
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[key] != root:
            self.parent[key], key = root, self.parent[key]
        return root

    def union(self, a: str, b: str) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        self.parent[max(ra, rb)] = min(ra, rb)
        return True


def _same_names(observations, normalised, groups: _Groups) -> int:
    """The same normalised name links observations, except across different company numbers (two
    registered companies can share a name): names without a number join the most used number."""
    merged = 0
    by_name: dict[str, list[Observation]] = defaultdict(list)
    for o in observations:
        if normalised[o.key]:
            by_name[normalised[o.key]].append(o)
    for group in by_name.values():
        numbers: Counter = Counter()
        for o in group:
            if o.company_number:
                numbers[o.company_number] += o.weight
        anchor_of: dict[str, str] = {}  # company number -> the first observation with it
        for o in group:
            number = o.company_number or (numbers.most_common(1)[0][0] if numbers else "")
            if number in anchor_of:
                merged += groups.union(anchor_of[number], o.key)
            else:
                anchor_of[number] = o.key
    return merged


def pair_key(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


def resolve(
    observations: list[Observation],
    decisions: dict[tuple[str, str], bool] | None = None,
    *,
    auto: float | None = None,
    review: float = REVIEW_FROM,
    use_model: bool = True,
    core_names: bool = True,
) -> Resolution:
    """`decisions`: (normalised name, normalised name) → True (same) or False (different)."""
    decisions = decisions or {}
    groups = _Groups(o.key for o in observations)
    normalised = {o.key: normalise_name(o.name) or o.name.strip().lower() for o in observations}
    by_evidence: dict[tuple[str, str], list[str]] = defaultdict(list)
    for o in observations:
        for kind, value in (
            ("company", o.company_number),
            ("charity", o.charity_number),
            ("buyer_ref", o.buyer_ref),
            ("register", o.register_entry),
        ):
            if value:
                by_evidence[(kind, value)].append(o.key)
    merged = 0
    for keys in by_evidence.values():
        for key in keys[1:]:
            merged += groups.union(keys[0], key)
    merged += _same_names(observations, normalised, groups)
    if core_names:
        core = {o.key: core_name(o.name) for o in observations}
        merged += _same_names(observations, core, groups)
    by_name = defaultdict(list)
    for key, name in normalised.items():
        by_name[name].append(key)
    for (a, b), same in decisions.items():
        if same and a in by_name and b in by_name:
            groups.union(by_name[a][0], by_name[b][0])
    probability = dict.fromkeys(normalised, 1.0)
    result = Resolution({}, probability, auto_merged=merged)
    if use_model and len(by_name) > 1:
        companies = {o.key: o.company_number for o in observations}
        for pair in score_pairs(observations, normalised):
            if pair.probability < review:
                continue
            if pair_key(pair.a, pair.b) in decisions:
                continue  # people have decided this pair
            ka, kb = by_name[pair.a][0], by_name[pair.b][0]
            if groups.find(ka) == groups.find(kb):
                continue
            numbers_a = {companies[k] for k in by_name[pair.a] if companies[k]}
            numbers_b = {companies[k] for k in by_name[pair.b] if companies[k]}
            if numbers_a and numbers_b and not numbers_a & numbers_b:
                continue  # registered companies with different numbers are different
            if (
                auto is not None
                and pair.probability >= auto
                and same_but_for_generic_words(pair.a, pair.b)
            ):
                groups.union(ka, kb)
                result.auto_merged += 1
                for k in by_name[pair.a] + by_name[pair.b]:
                    probability[k] = min(probability[k], pair.probability)
            else:
                result.for_review.append(pair)
    roots: dict[str, int] = {}  # a group's root key -> its cluster number
    for key in normalised:
        result.cluster_of[key] = roots.setdefault(groups.find(key), len(roots))
    return result


def _tokens(name: str, common: frozenset[str] = frozenset()) -> list[str]:
    """The name's distinctive words: those not among the most frequent in the names at hand
    ("school", "council", "services" say little about which one)."""
    return sorted(set(name.split()) - common)


def common_words(names: list[str], share: float = 0.002) -> frozenset[str]:
    counts = Counter(word for name in names for word in set(name.split()))
    limit = max(3, share * len(names))
    return frozenset(word for word, count in counts.items() if count > limit)


MODEL = Path(__file__).resolve().parent / "data" / "supplier_model.json"


def settings() -> SettingsCreator:
    """The linkage model's structure (comparisons, blocking). Its trained parameters live in
    suppliers/data/supplier_model.json, made by `train_model` on real payment names."""
    # Splink takes seconds to import: only when a run links names, not on every start-up.
    from splink import SettingsCreator, block_on  # noqa: PLC0415 (Splink takes seconds to import: only when names are linked)
    from splink import comparison_library as cl  # noqa: PLC0415 (Splink takes seconds to import: only when names are linked)

    return SettingsCreator(
        link_type="dedupe_only",
        comparisons=[
            cl.JaroWinklerAtThresholds("name", [0.97, 0.92, 0.85]),
            cl.ArrayIntersectAtSizes("tokens", [3, 2, 1]),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("first_token"),
            block_on("sorted_name"),
        ],
        probability_two_random_records_match=0.0001,
        retain_matching_columns=True,
    )


def _records(names: list[str]) -> dict:
    common = common_words(names)
    return {
        "unique_id": list(range(len(names))),
        "name": names,
        "tokens": [_tokens(n, common) for n in names],
        "first_token": [n.split()[0] if n.split() else "" for n in names],
        "sorted_name": [" ".join(_tokens(n)) for n in names],
    }


# Words that say nothing about which organisation it is (web addresses, joining words).
NOISE = {"www", "co", "uk", "com", "org", "net", "gov", "the", "and", "of", "for"}


def light(name: str) -> str:
    """Lower case, punctuation as spaces, web and joining words dropped; legal suffixes and 't/a'
    kept, so the model sees the differences that full normalisation would hide."""
    text = re.sub(r"[^a-z0-9& ]", " ", (name or "").lower()).replace("&", " and ")
    return " ".join(word for word in text.split() if word not in NOISE)


def train_model(names: Iterable[str], path: Path = MODEL) -> dict:
    """Train on real supplier names without hand labels: spellings that normalise to the same name
    (ACME LIMITED, Acme Ltd.) are taken as the same supplier, which gives the m probabilities;
    random pairs give the u probabilities."""
    from splink import DuckDBAPI  # noqa: PLC0415 (Splink takes seconds to import: only when names are linked)

    spellings = sorted({light(n) for n in names} - {""})
    records = _records(spellings)
    records["label"] = [normalise_name(n) or n for n in spellings]
    from splink import Linker  # noqa: PLC0415 (Splink takes seconds to import: only when names are linked)

    linker = Linker(DuckDBAPI().register(records), settings(), log_level=logging.WARNING)
    linker.training.estimate_u_using_random_sampling(max_pairs=5e6, seed=1)
    linker.training.estimate_m_from_label_column("label")
    model = linker.misc.save_model_to_json()
    path.write_text(datafiles.dumps(trained_model(model, len(spellings))), encoding="utf-8")
    return model


def trained_model(model: dict, names: int) -> dict:
    """Splink's model in the data-file envelope, with how and from what it was trained."""
    trained = date.today().isoformat()
    training = {
        "method": (
            "Splink (Fellegi-Sunter, DuckDB backend) without hand labels: u probabilities from "
            "random pairs (estimate_u_using_random_sampling, max_pairs=5e6, seed=1); m "
            "probabilities from the spellings that normalise to the same name "
            "(suppliers/names.normalise_name), taken as known matches "
            "(estimate_m_from_label_column('label')). Comparisons and blocking: "
            "suppliers/resolution.settings()."
        ),
        "data": (
            "Every distinct supplier name in the payment files of ../shared/data/spend (redacted "
            f"names left out), lightly cleaned (suppliers/resolution.light): {names:,} spellings."
        ),
        "source": "shared-spend",
        "trained": trained,
        "command": ".venv/bin/python bench/bench_suppliers.py --train",
        "code": "suppliers/resolution.train_model",
        "parameters": {
            "u_max_pairs": 5000000,
            "u_seed": 1,
            "m_from": "label column: normalised name",
            "probability_two_random_records_match": model.get(
                "probability_two_random_records_match"
            ),
        },
    }
    current = datafiles.read(MODEL)  # the description and sources stay as they are
    return datafiles.envelope(
        {"training": training, "settings": model},
        version=trained,
        description=current.description,
        sources=list(current.sources.values()),
        source_note=current.source_note,
    )


def score_pairs(observations: list[Observation], normalised: dict[str, str]) -> list[Pair]:
    """Splink's match probability for pairs of distinct normalised names, each compared through its
    most used spelling."""
    from splink import DuckDBAPI, Linker  # noqa: PLC0415 (Splink takes seconds to import: only when names are linked)

    spelling: dict[str, Counter] = defaultdict(Counter)
    for o in observations:
        if normalised[o.key]:
            spelling[normalised[o.key]][light(o.name)] += o.weight
    names = sorted(spelling)
    shown = [spelling[n].most_common(1)[0][0] for n in names]
    model = datafiles.load(MODEL)["settings"]
    linker = Linker(DuckDBAPI().register(_records(shown)), model, log_level=logging.WARNING)
    rows = linker.inference.predict(
        threshold_match_probability=0.5, warning_mode="never"
    ).as_record_list()
    return [
        Pair(*pair_key(names[r["unique_id_l"]], names[r["unique_id_r"]]), r["match_probability"])
        for r in rows
    ]
