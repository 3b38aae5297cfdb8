"""The programme report: the printable page, its PDF and its XLSX."""

from django.urls import path

from programmes import report_views

urlpatterns = [
    path("programmes/<slug:slug>/report/", report_views.report_page, name="report"),
    path("programmes/<slug:slug>/report.pdf", report_views.report_pdf_download, name="report_pdf"),
    path(
        "programmes/<slug:slug>/report.xlsx", report_views.report_xlsx_download, name="report_xlsx"
    ),
]
