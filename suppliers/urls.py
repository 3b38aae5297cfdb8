from django.urls import path

from suppliers import payee_views, views

app_name = "suppliers"
urlpatterns = [
    path("suppliers/review/", views.review_list, name="review"),
    path("suppliers/review/<int:pk>/", views.review_decide, name="review_decide"),
    path("suppliers/places/", payee_views.places, name="places"),
    path("suppliers/payees/<int:pk>/", payee_views.payee, name="payee"),
    path("suppliers/payees/<int:pk>/decide/", payee_views.decide, name="payee_decide"),
]
