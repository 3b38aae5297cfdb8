"""KPIs from the local-wealth ledger: the share of spend with local suppliers, SMEs and VCSEs,
each the ledger's own measure (spend/measures/) over the subject's payments in the period, with
the ledger's own local ring: each anchor's own local authority. No second implementation."""

from __future__ import annotations

from programmes.kpi_sources.registry import Inputs, Result, source
from spend.measures import MEASURES
from spend.measures.payments import analysed

# The ledger's coverage of the fact each share needs, and that fact in words.
COVERAGE = {
    "local_share_operational": ("location_coverage", "place"),
    "sme_share": ("size_coverage", "size"),
}


def ledger_share(inputs: Inputs, measure: str, what: str) -> Result:
    """The ledger's measure `measure` over the payments read, with analysed spend as the
    denominator and the coverage of the fact it needs in the basis."""
    frame = inputs.payments
    if frame is None or frame.height == 0 or analysed(frame).height == 0:
        return Result(None, note=f"No payments in the ledger for {inputs.period.words}")
    total = MEASURES["total_spend"](frame)
    value = MEASURES[measure](frame)
    if value is None or not total:
        return Result(None, None, total, note="No analysed spend in the period")
    basis = (
        f"Spend with {what} £{value * total:,.0f} of analysed spend £{total:,.0f}, payments "
        f"{inputs.period.words}"
    )
    if measure in COVERAGE:
        coverage_measure, fact = COVERAGE[measure]
        coverage = MEASURES[coverage_measure](frame)
        shown = f"{coverage:.0%}" if coverage is not None else "none"
        basis += f"; the supplier's {fact} is known for {shown} of that spend"
    return Result(value, value * total, total, basis)


@source("local_spend_share", "Share of spend with local suppliers", unit="share", needs="payments")
def local_spend_share(inputs: Inputs) -> Result:
    """The ledger's headline measure: spend with suppliers that operate in the anchor's own local
    authority (a registered office or a site there) ÷ total analysed spend, over the payments
    dated in the period; for a programme, every partner anchor's payments, each judged against
    its own local authority. Suppliers whose place is not known count neither in nor out."""
    return ledger_share(inputs, "local_share_operational", "local suppliers")


@source("sme_spend_share", "Share of spend with SMEs", unit="share", needs="payments")
def sme_spend_share(inputs: Inputs) -> Result:
    """The ledger's measure: spend with suppliers known to be small or medium-sized ÷ total
    analysed spend, over the payments dated in the period (for a programme, every partner
    anchor's). Suppliers of unknown size are not counted as SMEs."""
    return ledger_share(inputs, "sme_share", "SMEs")


@source("vcse_spend_share", "Share of spend with VCSEs", unit="share", needs="payments")
def vcse_spend_share(inputs: Inputs) -> Result:
    """The ledger's measure: spend with voluntary, community and social enterprise suppliers ÷
    total analysed spend, over the payments dated in the period (for a programme, every partner
    anchor's)."""
    return ledger_share(inputs, "vcse_share", "VCSEs")
