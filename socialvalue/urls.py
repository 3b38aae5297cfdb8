from django.urls import path

from socialvalue.views import commitments, kpis, reports, taxonomy

app_name = "socialvalue"

urlpatterns = [
    path("social-value/", commitments.commitments, name="commitments"),
    path("social-value/model/", taxonomy.taxonomy_page, name="taxonomy"),
    path("social-value/model/add/", taxonomy.local_add, name="local_add"),
    path(
        "social-value/download/<slug:table>.<str:fmt>",
        commitments.download,
        name="download",
    ),
    path("social-value/contracts/new/", commitments.contract_add, name="contract_add"),
    path("social-value/contracts/<int:pk>/", commitments.contract, name="contract"),
    path(
        "social-value/contracts/<int:pk>/commitments/new/",
        commitments.commitment_add,
        name="commitment_add",
    ),
    path("social-value/commitments/<int:pk>/reports/new/", reports.report_add, name="report_add"),
    path("social-value/reports/<int:pk>/review/", reports.report_review, name="report_review"),
    path("social-value/reports/<int:pk>/evidence/", reports.evidence_add, name="evidence_add"),
    path("social-value/evidence/<int:pk>/", reports.evidence_download, name="evidence"),
    path("social-value/kpi-results/", kpis.kpi_results, name="kpi_results"),
]
