"""Social value's forms (GOV.UK pattern): a contract, a commitment, a delivery report, a review
and the network's own outcomes and metrics."""

from socialvalue.forms.commitments import CommitmentForm, ContractForm
from socialvalue.forms.reports import DeliveryReportForm, ReviewForm
from socialvalue.forms.taxonomy import LocalAdditionForm

__all__ = [
    "CommitmentForm",
    "ContractForm",
    "DeliveryReportForm",
    "LocalAdditionForm",
    "ReviewForm",
]
