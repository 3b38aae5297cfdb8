"""The maturity app's URLs: the question set, the network's picture, an anchor's assessments."""

from django.urls import path

from maturity.views import anchors, answering, network, results

app_name = "maturity"

ANCHOR = "maturity/anchors/<slug:slug>/"
ASSESSMENT = ANCHOR + "<int:pk>/"

urlpatterns = [
    path("maturity/", network.network_picture, name="network"),
    path("maturity/network.<str:fmt>", network.network_download, name="network_download"),
    path("maturity/questions/", network.question_list, name="questions"),
    path(ANCHOR, anchors.anchor_assessments, name="anchor"),
    path(ANCHOR + "start/", anchors.start, name="start"),
    path(ASSESSMENT, results.assessment_detail, name="assessment"),
    path(ASSESSMENT + "questions/<slug:key>/", answering.answer, name="answer"),
    path(ASSESSMENT + "check/", answering.check, name="check"),
    path(ASSESSMENT + "completed/", results.completed, name="completed"),
    path(ASSESSMENT + "download.<str:fmt>", results.assessment_download, name="download"),
]
