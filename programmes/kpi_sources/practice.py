"""KPIs from the procurement-practice scorecard: any registered indicator (scorecard/indicators/)
over the subject's notices and ledger in the period, as the scorecard computes it."""

from __future__ import annotations

from programmes.kpi_sources.registry import Inputs, Result, SourceProblem, source
from scorecard.indicators import INDICATORS


def indicator_of(inputs: Inputs):
    key = inputs.parameters.get("indicator", "")
    if key not in INDICATORS:
        raise SourceProblem(f"The scorecard has no indicator called {key!r}: choose another")
    return INDICATORS[key]


@source(
    "practice_indicator", "A practice indicator from the scorecard", unit="share", needs="scorecard"
)
def practice_indicator(inputs: Inputs) -> Result:
    """The scorecard's own figure for the chosen practice indicator (its "how this is calculated"
    is shown beside it), over the anchor's notices and payments dated in the period; for a
    programme, over every partner anchor's together."""
    item = indicator_of(inputs)
    if inputs.tables is None:
        return Result(None, note="No notices read for the period")
    figure = item(inputs.tables)
    if figure.value is None:
        return Result(None, figure.numerator, figure.denominator, note=figure.note or "No figure")
    counted = ""
    if figure.denominator is not None:
        counted = (
            f" ({figure.numerator:g} of {figure.denominator:g})"
            if figure.numerator is not None
            else f" (over {figure.denominator:g})"
        )
    return Result(
        float(figure.value),
        figure.numerator,
        figure.denominator,
        f"The scorecard's “{item.label}”{counted}, notices {inputs.period.words}",
    )
