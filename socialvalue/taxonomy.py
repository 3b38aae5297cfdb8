"""The social-value taxonomy: the Social Value Model of PPN 002 as data
(`data/social_value_model.json`, Crown copyright, Open Government Licence v3.0) with the network's
own outcomes and metrics beside it, and the proxy values the network chose
(`data/proxy_values.json`). Pure: the data files and plain records of local additions in, lookups
out. Never the National TOMs (licensed CC BY-NC-ND): docs/decisions/0027-social-value-model-not-toms.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from core import datafiles

MARKER_WORDS = {"V": "", "S": "", "U": "check before relying on this"}


@dataclass(frozen=True)
class Metric:
    key: str
    title: str
    unit: str
    outcome: str  # an outcome key (the model's or a local one), or ""
    marker: str  # V, S, U; "local" for the network's own
    source: str  # the source in words

    @property
    def is_local(self) -> bool:
        return self.marker == "local"

    @property
    def caution(self) -> str:
        return MARKER_WORDS.get(self.marker, "")


@cache
def model_file() -> datafiles.DataFile:
    return datafiles.read(("socialvalue", "social_value_model"))


def model() -> dict:
    """The model's content with each entry's source in words."""
    return model_file().cited()


def attribution() -> str:
    return model()["attribution"]


def missions() -> list[dict]:
    return model()["missions"]


def outcomes() -> list[dict]:
    return model()["outcomes"]


def model_metrics() -> list[Metric]:
    return [
        Metric(m["key"], m["title"], m["unit"], m["outcome"], m["marker"], m["source"])
        for m in model()["metrics"]
    ]


def local_metric(key: str, title: str, unit: str, outcome: str, source: str) -> Metric:
    """A metric the network added (socialvalue.LocalAddition), keyed apart from the model's."""
    return Metric(
        f"local-{key}" if not key.startswith("local-") else key,
        title,
        unit,
        outcome,
        "local",
        source,
    )


def all_metrics(local: Sequence[Metric] = ()) -> dict[str, Metric]:
    """Every metric a commitment may name: the model's, then the network's own."""
    found = {metric.key: metric for metric in model_metrics()}
    for metric in local:
        found.setdefault(metric.key, metric)
    return found


def tree(local_outcomes: Sequence[dict] = (), local_metrics: Sequence[Metric] = ()) -> list[dict]:
    """Missions → outcomes → metrics for the taxonomy page; local outcomes (dicts with key, title,
    mission, source) under their mission, local metrics under their outcome."""
    metrics = [*model_metrics(), *local_metrics]
    every_outcome = [*outcomes(), *({**o, "marker": "local"} for o in local_outcomes)]
    out = []
    for mission in missions():
        items = []
        for outcome in every_outcome:
            if outcome.get("mission") != mission["key"]:
                continue
            items.append(
                {**outcome, "metrics": [m for m in metrics if m.outcome == outcome["key"]]}
            )
        out.append({**mission, "outcomes": items})
    keys = {o["key"] for o in every_outcome}
    loose = [m for m in metrics if m.outcome not in keys]
    if loose:
        out.append(
            {
                "key": "",
                "title": "Other metrics",
                "marker": "local",
                "source": "",
                "outcomes": [
                    {
                        "key": "",
                        "title": "Not tied to an outcome",
                        "marker": "local",
                        "source": "",
                        "metrics": loose,
                    }
                ],
            }
        )
    return out


@cache
def _proxy_file() -> datafiles.DataFile:
    return datafiles.read(("socialvalue", "proxy_values"))


def proxy_sets() -> list[dict]:
    return _proxy_file().content["proxy_sets"]


def proxy_for(metric: str, chosen: str | None = None) -> tuple[Decimal, str] | None:
    """(£ per unit, the set's source in words) of a metric in the chosen set; None when no set is
    chosen or the set has no value for it. `chosen` overrides the file's own choice."""
    file = _proxy_file()
    wanted = chosen if chosen is not None else file.content["chosen"]
    for proxy_set in file.content["proxy_sets"]:
        if proxy_set["id"] == wanted and metric in proxy_set["values"]:
            return Decimal(proxy_set["values"][metric]), file.cite(proxy_set["source"])
    return None
