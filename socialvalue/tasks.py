"""Social value's background work (jobs/): the contract KPIs of the releases already stored, after
notices are fetched (the notice loader has no hook of its own)."""

from jobs.registry import kind
from socialvalue.kpi_import import import_stored


@kind("socialvalue.import_contract_kpis", "Import contract KPIs from stored UK9 notices")
def import_contract_kpis(job, progress) -> dict:
    return import_stored(progress).as_json()
