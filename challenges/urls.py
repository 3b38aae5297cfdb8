from django.urls import path

from challenges import views

app_name = "challenges"

urlpatterns = [
    path("challenges/", views.challenge_list, name="list"),
    path("challenges/new/", views.challenge_create, name="create"),
    path("route-finder/", views.route_finder, name="route_finder"),
    path("challenges/<str:reference>/", views.challenge_detail, name="detail"),
    path("challenges/<str:reference>/edit/", views.challenge_edit, name="edit"),
    path("challenges/<str:reference>/criteria/", views.challenge_criteria, name="criteria"),
    path(
        "challenges/<str:reference>/criteria/<int:pk>/delete/",
        views.criterion_delete,
        name="criterion_delete",
    ),
    path("challenges/<str:reference>/move/", views.challenge_move, name="move"),
    path("challenges/<str:reference>/uk2.json", views.challenge_uk2, name="uk2"),
    path("challenges/<str:reference>/route/", views.challenge_route, name="route"),
    path("challenges/<str:reference>/questions/", views.question_list, name="questions"),
    path("challenges/<str:reference>/questions/ask/", views.question_ask, name="ask"),
    path(
        "challenges/<str:reference>/questions/<int:pk>/answer/",
        views.question_answer,
        name="answer",
    ),
    path("challenges/<str:reference>/events/new/", views.event_create, name="event_create"),
    path(
        "challenges/<str:reference>/events/<int:pk>/",
        views.event_registrations,
        name="event_registrations",
    ),
    path(
        "challenges/<str:reference>/events/<int:pk>/register/",
        views.event_register,
        name="event_register",
    ),
    path("challenges/<str:reference>/interest/", views.interest_express, name="interest"),
    path("challenges/<str:reference>/interests/", views.interest_list, name="interests"),
    path("challenges/<str:reference>/response/", views.response_edit, name="response"),
    path(
        "challenges/<str:reference>/response/attachments/",
        views.attachment_upload,
        name="attachment_upload",
    ),
    path(
        "challenges/<str:reference>/response/attachments/<int:pk>/delete/",
        views.attachment_delete,
        name="attachment_delete",
    ),
    path(
        "challenges/<str:reference>/attachments/<int:pk>/",
        views.attachment_download,
        name="attachment",
    ),
    path("challenges/<str:reference>/partners/", views.partners, name="partners"),
    path("challenges/<str:reference>/partners/introduce/", views.introduce, name="introduce"),
    path(
        "challenges/<str:reference>/partners/introductions/<int:pk>/",
        views.introduction_reply,
        name="introduction_reply",
    ),
    path("challenges/<str:reference>/panel/", views.panel, name="panel"),
    path("challenges/<str:reference>/evaluation/declare/", views.declare, name="declare"),
    path("challenges/<str:reference>/evaluation/", views.evaluate, name="evaluate"),
    path("challenges/<str:reference>/evaluation/<int:pk>/", views.score, name="score"),
    path("challenges/<str:reference>/moderation/", views.moderation, name="moderation"),
    path("challenges/<str:reference>/moderation/<int:pk>/", views.moderate, name="moderate"),
    path(
        "challenges/<str:reference>/moderation/score-sheet.<str:fmt>",
        views.score_sheet_download,
        name="score_sheet",
    ),
    path("challenges/<str:reference>/outcome/", views.outcome, name="outcome"),
    path("challenges/<str:reference>/adopt/", views.adopt, name="adopt"),
]
