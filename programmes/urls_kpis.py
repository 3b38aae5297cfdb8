"""The KPIs' URLs, spliced into programmes/urls.py."""

from django.urls import path

from programmes.kpi_views import editing, pages

urlpatterns = [
    path("programmes/<slug:slug>/kpis/", pages.programme_kpis, name="kpis"),
    path("programmes/<slug:slug>/kpis/new/", editing.programme_kpi_add, name="kpi_add"),
    path(
        "programmes/<slug:slug>/kpis/downloads/<str:name>.<str:fmt>",
        pages.programme_kpis_download,
        name="kpis_download",
    ),
    path("organisations/<slug:slug>/kpis/", pages.anchor_kpis, name="anchor_kpis"),
    path("organisations/<slug:slug>/kpis/new/", editing.anchor_kpi_add, name="anchor_kpi_add"),
    path(
        "organisations/<slug:slug>/kpis/downloads/<str:name>.<str:fmt>",
        pages.anchor_kpis_download,
        name="anchor_kpis_download",
    ),
    path("kpis/<int:pk>/edit/", editing.kpi_edit, name="kpi_edit"),
    path("kpis/<int:pk>/results/new/", editing.kpi_result_add, name="kpi_result_add"),
    path("kpis/<int:pk>/evidence/<int:file_pk>/", editing.kpi_evidence, name="kpi_evidence"),
    path("kpis/<int:pk>/snapshot/", editing.kpi_snapshot, name="kpi_snapshot"),
]
