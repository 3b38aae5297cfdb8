from django.urls import path

from cases.views import calculator, editing, files, guides, import_export, library

app_name = "cases"

urlpatterns = [
    path("cases/", library.case_list, name="list"),
    path("cases/new/", editing.case_create, name="create"),
    path("cases/import/", import_export.case_import, name="import"),
    path("cases/import/template.csv", import_export.import_template, name="import_template"),
    path("cases/across-sectors/", library.cross_sector, name="cross_sector"),
    path("cases/feed.atom", import_export.feed, name="feed"),
    path("cases/export.<str:fmt>", import_export.export, name="export"),
    path("cases/review/", editing.review_queue, name="review"),
    path("cases/<slug:slug>/", library.case_detail, name="detail"),
    path("cases/<slug:slug>/edit/", editing.case_edit, name="edit"),
    path("cases/<slug:slug>/history/", editing.case_history, name="history"),
    path("cases/<slug:slug>/review/", editing.review_case, name="review_case"),
    path("cases/<slug:slug>/files/", files.attachment_upload, name="attachment_upload"),
    path("cases/<slug:slug>/files/<int:pk>/", files.attachment_download, name="attachment"),
    path("guides/", guides.guide_list, name="guides"),
    path("guides/<slug:slug>/", guides.guide_detail, name="guide"),
    path("invest-to-save/", calculator.calculator, name="calculator"),
    path("invest-to-save/save/", calculator.calculator_save, name="calculator_save"),
]
