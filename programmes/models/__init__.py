"""The programme's records, one module per part."""

from programmes.models.programme import Partner, PartnerKind, Programme, Stage
from programmes.models.record import (
    AppraisalOption,
    Decision,
    Milestone,
    MilestoneStatus,
    Risk,
    RiskStatus,
)

__all__ = [
    "AppraisalOption",
    "Decision",
    "Milestone",
    "MilestoneStatus",
    "Partner",
    "PartnerKind",
    "Programme",
    "Risk",
    "RiskStatus",
    "Stage",
]
