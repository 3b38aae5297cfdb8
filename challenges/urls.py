from django.urls import path

from challenges.views import (
    engagement,
    evaluation,
    outcome,
    partners,
    responses,
    route_finder,
    statement,
    uk2_export,
)

app_name = "challenges"

urlpatterns = [
    path("challenges/", statement.challenge_list, name="list"),
    path("challenges/new/", statement.challenge_create, name="create"),
    path("route-finder/", route_finder.route_finder, name="route_finder"),
    path("challenges/<str:reference>/", statement.challenge_detail, name="detail"),
    path("challenges/<str:reference>/edit/", statement.challenge_edit, name="edit"),
    path("challenges/<str:reference>/criteria/", statement.challenge_criteria, name="criteria"),
    path(
        "challenges/<str:reference>/criteria/<int:pk>/delete/",
        statement.criterion_delete,
        name="criterion_delete",
    ),
    path("challenges/<str:reference>/move/", statement.challenge_move, name="move"),
    path("challenges/<str:reference>/uk2.json", uk2_export.challenge_uk2, name="uk2"),
    path("challenges/<str:reference>/route/", route_finder.challenge_route, name="route"),
    path("challenges/<str:reference>/questions/", engagement.question_list, name="questions"),
    path("challenges/<str:reference>/questions/ask/", engagement.question_ask, name="ask"),
    path(
        "challenges/<str:reference>/questions/<int:pk>/answer/",
        engagement.question_answer,
        name="answer",
    ),
    path("challenges/<str:reference>/events/new/", engagement.event_create, name="event_create"),
    path(
        "challenges/<str:reference>/events/<int:pk>/",
        engagement.event_registrations,
        name="event_registrations",
    ),
    path(
        "challenges/<str:reference>/events/<int:pk>/register/",
        engagement.event_register,
        name="event_register",
    ),
    path("challenges/<str:reference>/interest/", engagement.interest_express, name="interest"),
    path("challenges/<str:reference>/interests/", engagement.interest_list, name="interests"),
    path("challenges/<str:reference>/response/", responses.response_edit, name="response"),
    path(
        "challenges/<str:reference>/response/attachments/",
        responses.attachment_upload,
        name="attachment_upload",
    ),
    path(
        "challenges/<str:reference>/response/attachments/<int:pk>/delete/",
        responses.attachment_delete,
        name="attachment_delete",
    ),
    path(
        "challenges/<str:reference>/attachments/<int:pk>/",
        responses.attachment_download,
        name="attachment",
    ),
    path("challenges/<str:reference>/partners/", partners.partners, name="partners"),
    path("challenges/<str:reference>/partners/introduce/", partners.introduce, name="introduce"),
    path(
        "challenges/<str:reference>/partners/introductions/<int:pk>/",
        partners.introduction_reply,
        name="introduction_reply",
    ),
    path("challenges/<str:reference>/panel/", evaluation.panel, name="panel"),
    path("challenges/<str:reference>/evaluation/declare/", evaluation.declare, name="declare"),
    path("challenges/<str:reference>/evaluation/", evaluation.evaluate, name="evaluate"),
    path("challenges/<str:reference>/evaluation/<int:pk>/", evaluation.score, name="score"),
    path("challenges/<str:reference>/moderation/", evaluation.moderation, name="moderation"),
    path("challenges/<str:reference>/moderation/<int:pk>/", evaluation.moderate, name="moderate"),
    path(
        "challenges/<str:reference>/moderation/score-sheet.<str:fmt>",
        evaluation.score_sheet_download,
        name="score_sheet",
    ),
    path("challenges/<str:reference>/outcome/", outcome.outcome, name="outcome"),
    path("challenges/<str:reference>/adopt/", outcome.adopt, name="adopt"),
]
