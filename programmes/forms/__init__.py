"""Forms for the programme record, one module per part. Validation lives here and in the pure
`record_rules`; views only fetch, call and store."""

from programmes.forms.appraisal import DecisionForm, OptionForm
from programmes.forms.milestones import MilestoneForm, MilestoneStatusForm
from programmes.forms.partners import PartnerForm
from programmes.forms.record import ProgrammeForm, unique_slug
from programmes.forms.risks import RiskForm

__all__ = [
    "DecisionForm",
    "MilestoneForm",
    "MilestoneStatusForm",
    "OptionForm",
    "PartnerForm",
    "ProgrammeForm",
    "RiskForm",
    "unique_slug",
]
