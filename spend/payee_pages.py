"""The payee page (what is known of one payee, with the evidence, and the decisions a person can
make on it) and the review queue of payees with register entries to confirm. Payment-level data:
the payee's own anchor's buyers and coordinators; anyone else is told the page does not exist."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import (
    Count,
    DecimalField,
    Exists,
    F,
    Max,
    Min,
    OuterRef,
    Prefetch,
    Subquery,
    Sum,
)
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode

from core.permissions import BUYERS, allow
from core.roles import Role, role_of
from network.models import Organisation
from reference.places import local_authority_names
from registers.models import RegisterEntry, Sector
from spend import payee_decisions as decisions
from spend.ledger import payee_facts
from spend.models import Payee, Payment
from spend.payee_forms import PostcodeForm, RegisterSearchForm
from suppliers.models import PayeeDecision, RegisterMatch

SECTOR_LABELS = dict(Sector.choices)


def _payee(request, pk) -> Payee:
    return get_object_or_404(
        decisions.visible_payees(request.user).select_related(
            "buyer", "register_entry", "matched_by", "supplier"
        ),
        pk=pk,
    )


def _known(facts: dict) -> list[dict]:
    """Sector, place, size, VCSE and deprivation, each with its source, in words."""
    names = local_authority_names()

    def authority(code):
        return f"{names.get(code, code)} ({code})" if code else ""

    if facts["registered_la"]:
        place = authority(facts["registered_la"])
        if facts["postcode"]:
            place = f"{facts['postcode']}, {place}"
    elif facts["operating_las"]:
        place = "Operates in " + ", ".join(authority(code) for code in facts["operating_las"])
    else:
        place = ""
    sites = [authority(code) for code in facts["operating_las"] if code != facts["registered_la"]]
    if facts["deprivation_level"]:
        deprivation = (
            f"IMD 2019 decile {facts['deprivation_decile']} at LSOA level"
            + (f" ({facts['lsoa']})" if facts["lsoa"] else "")
            + (": among the most deprived tenth of areas" if facts["in_deprived_area"] else "")
        )
        deprivation_source = "the postcode's LSOA in the ONS postcode directory" + (
            f": {facts['deprivation_basis']}" if facts.get("deprivation_basis") else ""
        )
    elif facts.get("deprivation_basis"):  # an LSOA is known but has no IMD 2019 decile
        deprivation = "Not known"
        deprivation_source = facts["deprivation_basis"]
    else:
        deprivation = ""
        deprivation_source = (
            "only the local authority is known, which does not say whether the area is deprived"
            if place
            else ""
        )
    size = {True: "SME", False: "Large"}.get(facts["is_sme"], "")
    vcse = {True: "Yes", False: "No"}.get(facts["is_vcse"], "")
    return [
        {
            "key": "Sector",
            "value": SECTOR_LABELS.get(facts["sector"], facts["sector"] or ""),
            "source": facts["sector_source"],
        },
        {
            "key": "Place",
            "value": place,
            "source": facts["place_source"],
            "evidence": facts["place_evidence"],
            "more": f"Also operates in {', '.join(sites)}"
            if sites and facts["registered_la"]
            else "",
        },
        {
            "key": "Size",
            "value": size,
            "source": facts["size_source"],
            "evidence": facts["size_evidence"],
        },
        {"key": "VCSE", "value": vcse, "source": facts["vcse_source"]},
        {"key": "Deprivation", "value": deprivation, "source": deprivation_source},
    ]


@allow(BUYERS)
def payee(request, pk):
    record = _payee(request, pk)
    form = PostcodeForm(request.POST or None, initial={"postcode": record.postcode})
    if request.method == "POST" and form.is_valid():
        decisions.give_postcode(record, form.cleaned_data["postcode"], request.user)
        messages.success(
            request,
            f"Postcode {form.cleaned_data['postcode']} saved for {record.supplier_name}: the "
            "ledger places it there now.",
        )
        return redirect("suppliers:payee", pk=record.pk)
    search = RegisterSearchForm(request.GET if "q" in request.GET else None)
    found = None
    if search.is_bound and search.is_valid():
        found = decisions.search_registers(search.cleaned_data["q"])
    (facts,) = payee_facts(Payee.objects.filter(pk=record.pk)).to_dicts()
    paid = record.payments.aggregate(
        total=Sum("amount"), count=Count("pk"), first=Min("payment_date"), last=Max("payment_date")
    )
    candidates = record.candidates.select_related("entry", "decided_by").order_by("rank")
    return render(
        request,
        "spend/payee.html",
        {
            "payee": record,
            "paid": paid,
            "facts": facts,
            "known": _known(facts),
            "candidates": candidates,
            "form": form,
            "search": search,
            "found": found,
            "query": search.cleaned_data.get("q", "") if found is not None else "",
            "history": record.decisions.select_related("entry", "decided_by", "undone_by")[:20],
            "latest": decisions.latest(record),
            "here": request.get_full_path(),
        },
    )


def _next(request, record) -> str:
    target = request.POST.get("next", "")
    if target.startswith("/suppliers/") and "//" not in target and "\\" not in target:
        return target
    return reverse("suppliers:payee", args=[record.pk])


@allow(BUYERS)
def decide(request, pk):
    """Confirm or turn down a suggestion, choose a searched entry, or undo the latest decision;
    each takes effect at once."""
    if request.method != "POST":
        raise Http404("Decide with the buttons on the payee page")
    record = _payee(request, pk)
    action = request.POST.get("action")
    user = request.user
    try:
        if action in ("confirm", "reject"):
            candidate = get_object_or_404(
                RegisterMatch.objects.select_related("entry"),
                pk=request.POST.get("candidate") or 0,
                payee=record,
            )
            if action == "confirm":
                decisions.confirm(record, candidate, user)
                done = f"Confirmed: {record.supplier_name} is {candidate.entry.name}."
            else:
                decisions.reject(record, candidate, user)
                done = f"Turned down: {record.supplier_name} is not {candidate.entry.name}."
        elif action == "choose":
            entry = get_object_or_404(RegisterEntry, pk=request.POST.get("entry") or 0)
            decisions.choose(record, entry, user, request.POST.get("q", "")[:200])
            done = f"Chosen: {record.supplier_name} is {entry.name}."
        elif action == "undo":
            decision = get_object_or_404(
                PayeeDecision, pk=request.POST.get("decision") or 0, payee=record
            )
            decisions.undo(record, decision, user)
            done = f"Undone: {decision.get_action_display().lower()} for {record.supplier_name}."
        else:
            raise Http404("Unknown decision")
    except decisions.DecisionProblem as problem:
        messages.error(request, str(problem))
    else:
        messages.success(request, done + " The ledger reads it now.")
    return redirect(_next(request, record))


def _spend(field: str, function):
    return Subquery(
        Payment.objects.filter(payee=OuterRef("pk"))
        .values("payee")
        .annotate(value=function(field))
        .values("value")[:1]
    )


@allow(BUYERS)
def places(request):
    """Payees with suggested register entries to decide, largest spend first."""
    coordinator = role_of(request.user) is Role.COORDINATOR
    pending = RegisterMatch.objects.filter(payee=OuterRef("pk"), status=RegisterMatch.PENDING)
    # Payees already matched for certain or confirmed by a person are decided: not listed.
    payees = (
        decisions.visible_payees(request.user)
        .filter(Exists(pending))
        .exclude(match_status__in=["matched", "confirmed"])
    )
    buyers = []
    chosen = None
    if coordinator:
        buyers = list(
            Organisation.objects.filter(pk__in=payees.values("buyer_id"))
            .order_by("name")
            .values_list("slug", "name")
        )
        slug = request.GET.get("buyer", "")
        if slug:
            chosen = next((name for s, name in buyers if s == slug), None)
            payees = payees.filter(buyer__slug=slug)
    payees = (
        payees.select_related("buyer")
        .annotate(
            spend=_spend("amount", lambda f: Sum(f, output_field=DecimalField())),
            paid=_spend("pk", Count),
        )
        .order_by(F("spend").desc(nulls_last=True), "supplier_name", "pk")
        .prefetch_related(
            Prefetch(
                "candidates",
                queryset=RegisterMatch.objects.filter(status=RegisterMatch.PENDING)
                .select_related("entry")
                .order_by("rank"),
                to_attr="pending",
            )
        )
    )
    page = Paginator(payees, 25).get_page(request.GET.get("page"))
    query = urlencode({"buyer": request.GET.get("buyer", "")}) if chosen else ""
    return render(
        request,
        "spend/places.html",
        {
            "page": page,
            "coordinator": coordinator,
            "buyers": buyers,
            "buyer": request.GET.get("buyer", "") if chosen else "",
            "chosen": chosen,
            "query": query,
            "here": request.get_full_path(),
        },
    )
