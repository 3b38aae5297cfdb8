"""Saved searches and their email alerts, and unsubscribing from them."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from core.permissions import ANYONE, MEMBERS, allow
from opportunities.forms import SavedSearchForm
from opportunities.models import SavedSearch, SupplierProfile


@allow(MEMBERS)
def saved_searches(request):
    form = SavedSearchForm(request.POST or None, initial={"query": request.GET.urlencode()})
    if request.method == "POST" and form.is_valid():
        SavedSearch.objects.create(
            user=request.user, name=form.cleaned_data["name"], query=form.cleaned_data["query"]
        )
        messages.success(
            request,
            f"Search '{form.cleaned_data['name']}' saved. New results will be in your email digest.",
        )
        return redirect("opportunities:saved_searches")
    return render(
        request,
        "opportunities/saved_searches.html",
        {
            "form": form,
            "searches": request.user.saved_searches.all(),
            "query": request.GET.urlencode(),
        },
    )


@allow(MEMBERS)
@require_POST
def saved_search_delete(request, pk):
    saved = get_object_or_404(SavedSearch, pk=pk, user=request.user)
    saved.delete()
    messages.success(request, f"Search '{saved.name}' deleted.")
    return redirect("opportunities:saved_searches")


@allow(ANYONE)
@csrf_exempt  # RFC 8058 one-click unsubscribe: mail clients POST without a form; the token is the secret
def unsubscribe(request, token):
    profile = get_object_or_404(SupplierProfile, unsubscribe_token=token)
    if request.method == "POST":
        profile.alerts_enabled = False
        profile.save(update_fields=["alerts_enabled"])
        SavedSearch.objects.filter(user__organisation=profile.organisation).update(
            alerts_enabled=False
        )
        return render(request, "opportunities/unsubscribed.html", {"profile": profile})
    return render(request, "opportunities/unsubscribe.html", {"profile": profile})
