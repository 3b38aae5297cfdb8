"""The programme's records, one module per part."""

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

__all__ = [
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
    "FundingSource",
    "InKindType",
    "Partner",
    "PartnerKind",
    "Programme",
    "Stage",
]
