"""The payee pages, at their /suppliers/ URLs and in the suppliers' URL namespace (core/urls.py
mounts them there beside the supplier review), where links to them have always pointed."""

from django.urls import path

from spend import payee_pages

urlpatterns = [
    path("suppliers/places/", payee_pages.places, name="places"),
    path("suppliers/payees/<int:pk>/", payee_pages.payee, name="payee"),
    path("suppliers/payees/<int:pk>/decide/", payee_pages.decide, name="payee_decide"),
]
