"""The programme's records, one module per part."""

from programmes.models.kpis import Kpi, KpiSnapshot, ManualResult, ResultEvidence
from programmes.models.programme import Partner, PartnerKind, Programme, Stage

__all__ = [
    "Kpi",
    "KpiSnapshot",
    "ManualResult",
    "Partner",
    "PartnerKind",
    "Programme",
    "ResultEvidence",
    "Stage",
]
