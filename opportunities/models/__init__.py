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
    "AlertSent",
    "Award",
    "Contract",
    "Document",
    "FetchWindow",
    "Interest",
    "Lot",
    "Notice",
    "NoticeManager",
    "Phase",
    "Process",
    "ProcessCpv",
    "ProcessQuerySet",
    "QuarantinedRelease",
    "Release",
    "SavedSearch",
    "SearchVectorColumn",
    "SupplierProfile",
    "_token",
]
