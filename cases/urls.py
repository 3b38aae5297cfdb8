from django.urls import path

from cases import views

app_name = "cases"

urlpatterns = [
    path("cases/", views.case_list, name="list"),
    path("cases/new/", views.case_create, name="create"),
    path("cases/import/", views.case_import, name="import"),
    path("cases/import/template.csv", views.import_template, name="import_template"),
    path("cases/across-sectors/", views.cross_sector, name="cross_sector"),
    path("cases/feed.atom", views.feed, name="feed"),
    path("cases/export.<str:fmt>", views.export, name="export"),
    path("cases/review/", views.review_queue, name="review"),
    path("cases/<slug:slug>/", views.case_detail, name="detail"),
    path("cases/<slug:slug>/edit/", views.case_edit, name="edit"),
    path("cases/<slug:slug>/history/", views.case_history, name="history"),
    path("cases/<slug:slug>/review/", views.review_case, name="review_case"),
    path("cases/<slug:slug>/files/", views.attachment_upload, name="attachment_upload"),
    path("cases/<slug:slug>/files/<int:pk>/", views.attachment_download, name="attachment"),
    path("guides/", views.guide_list, name="guides"),
    path("guides/<slug:slug>/", views.guide_detail, name="guide"),
    path("invest-to-save/", views.calculator, name="calculator"),
    path("invest-to-save/save/", views.calculator_save, name="calculator_save"),
]
