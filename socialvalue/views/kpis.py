from django.shortcuts import render

from core.paging import page_of
from core.permissions import BUYERS, allow
from socialvalue import access
from socialvalue.models import ContractKpiResult


@allow(BUYERS)
def kpi_results(request):
    """Every imported UK9 KPI result, with the contract it belongs to when the person sees one."""
    results = ContractKpiResult.objects.all()
    page = page_of(request, results, 50)
    contracts = {}
    for item in (
        access.visible_contracts(request.user)
        .exclude(ocid="")
        .filter(ocid__in={r.ocid for r in page.object_list})
    ):
        contracts.setdefault(item.ocid, item)
    rows = [{"result": r, "contract": contracts.get(r.ocid)} for r in page.object_list]
    return render(
        request,
        "socialvalue/kpi_results.html",
        {"page": page, "rows": rows, "total": results.count()},
    )
