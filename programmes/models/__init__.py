"""The programme's records, one module per part."""

from programmes.models.kpis import Kpi, KpiSnapshot, ManualResult, ResultEvidence
from programmes.models.money import (
    BidStatus,
    BudgetAllocation,
    BudgetLine,
    BudgetLineYear,
    Contribution,
    ContributionEvidence,
    ContributionKind,
    ContributionStatus,
    ContributionYear,
    CostingSettings,
    FundingSource,
    InKindType,
)
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
    "BidStatus",
    "BudgetAllocation",
    "BudgetLine",
    "BudgetLineYear",
    "Contribution",
    "ContributionEvidence",
    "ContributionKind",
    "ContributionStatus",
    "ContributionYear",
    "CostingSettings",
    "Decision",
    "FundingSource",
    "InKindType",
    "Kpi",
    "KpiSnapshot",
    "ManualResult",
    "Milestone",
    "MilestoneStatus",
    "Partner",
    "PartnerKind",
    "Programme",
    "ResultEvidence",
    "Risk",
    "RiskStatus",
    "Stage",
]
