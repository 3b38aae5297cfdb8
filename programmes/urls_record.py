"""URLs of the programme record: the list, a programme's page and its parts (partners,
milestones, risks, the appraisal and decision)."""

from django.urls import path

from programmes.views import appraisal, milestones, partners, record, risks

P = "programmes/<slug:slug>/"

urlpatterns = [
    path("programmes/", record.programme_list, name="list"),
    path("programmes/new/", record.programme_create, name="create"),
    path(P, record.programme_detail, name="detail"),
    path(P + "edit/", record.programme_edit, name="edit"),
    path(P + "publish/", record.programme_publish, name="publish"),
    path(P + "partners/new/", partners.partner_add, name="partner_add"),
    path(P + "partners/<int:pk>/edit/", partners.partner_edit, name="partner_edit"),
    path(P + "partners/<int:pk>/remove/", partners.partner_remove, name="partner_remove"),
    path(P + "milestones/new/", milestones.milestone_add, name="milestone_add"),
    path(P + "milestones/<int:pk>/edit/", milestones.milestone_edit, name="milestone_edit"),
    path(P + "milestones/<int:pk>/status/", milestones.milestone_status, name="milestone_status"),
    path(P + "risks/new/", risks.risk_add, name="risk_add"),
    path(P + "risks/<int:pk>/edit/", risks.risk_edit, name="risk_edit"),
    path(P + "appraisal/options/new/", appraisal.option_add, name="option_add"),
    path(P + "appraisal/options/<int:pk>/edit/", appraisal.option_edit, name="option_edit"),
    path(P + "appraisal/decision/", appraisal.decision, name="decision"),
]
