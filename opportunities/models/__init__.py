"""The opportunities app's models, one module for each thing they hold; every model is importable
from here (migrations name `opportunities.models._token` and `SearchVectorColumn`)."""

from opportunities.models.processes import (
    Award,
    Contract,
    Document,
    Lot,
    Notice,
    NoticeManager,
    Phase,
    Process,
    ProcessCpv,
    ProcessQuerySet,
)
from opportunities.models.profiles import AlertSent, Interest, SavedSearch, SupplierProfile, _token
from opportunities.models.releases import (
    FetchWindow,
    QuarantinedRelease,
    Release,
    SearchVectorColumn,
)

__all__ = [
    "SearchVectorColumn",
    "Release",
    "QuarantinedRelease",
    "FetchWindow",
    "Phase",
    "ProcessQuerySet",
    "Process",
    "NoticeManager",
    "Notice",
    "Lot",
    "ProcessCpv",
    "Award",
    "Contract",
    "Document",
    "_token",
    "SupplierProfile",
    "SavedSearch",
    "AlertSent",
    "Interest",
]
