"""The route finder: the public page (`/route-finder/`), and its answers saved on a challenge."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render

from challenges import access, routefinder
from challenges.forms import RouteFinderForm
from core import panels
from core.permissions import ANYONE, BUYERS, allow


@allow(ANYONE)
def route_finder(request):
    form = RouteFinderForm(request.GET or None)
    result = routefinder.find_routes(form.answers()) if form.is_valid() else None
    context = {"form": form, "result": result, "notices": routefinder.load()["notices"]}
    if result is not None:  # the network's interpretations bearing on each route (scorecard)
        ids = [route.id for route in result.routes]
        context |= panels.gather("route_interpretations", request.user, ids)
    return render(request, "challenges/route_finder.html", context)


@allow(BUYERS)
def challenge_route(request, reference):
    challenge = access.managed(request.user, reference)
    initial = challenge.route_answers or {}
    form = RouteFinderForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        challenge.route_answers = form.stored()
        challenge.save(update_fields=["route_answers", "updated_at"])
        messages.success(request, "Route finder answers saved on the challenge.")
        return redirect(f"{challenge.get_absolute_url()}#route")
    return render(
        request,
        "form_page.html",
        {
            "form": form,
            "heading": "Find a lawful route for this challenge",
            "caption": challenge.title,
            "back_url": challenge.get_absolute_url(),
        },
    )
