"""An opportunity's page (its summary, how to respond, what happened, its documents and SME
signals; a supplier's fit) and a supplier's interest in it."""

import urllib.parse

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from core import panels
from core.permissions import ANYONE, BUYERS, Role, allow, role_of
from opportunities.forms import InterestForm
from opportunities.matching import match
from opportunities.models import Interest, Process
from opportunities.notice_links import official_notice_url
from opportunities.notice_model import legal_basis_words
from opportunities.recommend import candidate_of, capabilities_of
from opportunities.responding import (
    changes_of,
    endings_of,
    identifiers_text,
    notice_label,
    outside_link,
    response_of,
    time_left,
)
from opportunities.sme_signals import how_judged, signals_for
from opportunities.summary import summary
from opportunities.views.capabilities import profile_for
from reference.cpv import split_cpv
from reference.models import CpvCode


@allow(ANYONE)
def opportunity_detail(request, ocid):
    process = get_object_or_404(
        Process.objects.select_related("buyer").prefetch_related(
            "notices", "lots", "cpvs", "documents", "awards__suppliers", "contracts"
        ),
        ocid=ocid,
    )
    process.notice_url = official_notice_url(process.notice_url)  # also for those stored before
    now = timezone.now()
    status = process.status
    lots = list(process.lots.all())
    codes = {cpv.code for cpv in process.cpvs.all()}
    lot_codes = {lot.pk: _cpv_codes(lot.cpv_codes) for lot in lots}
    codes.update(code for found in lot_codes.values() for code in found)
    descriptions = dict(CpvCode.objects.filter(code__in=codes).values_list("code", "description"))
    awards = list(process.awards.all())
    winners = [
        s.name
        for award in awards
        if award.status not in ("cancelled", "unsuccessful")
        for s in award.suppliers.all()
    ]
    role = role_of(request.user)
    profile = profile_for(request.user) if role is Role.SUPPLIER else None
    fit = match(capabilities_of(profile), candidate_of(process)) if profile else None
    own_interest = (
        Interest.objects.filter(
            process=process, organisation_id=request.user.organisation_id
        ).first()
        if role is Role.SUPPLIER
        else None
    )
    sees_interest = role is Role.COORDINATOR or (
        role in (Role.BUYER, Role.ANCHOR_ADMIN) and process.buyer_id == request.user.organisation_id
    )
    return render(
        request,
        "opportunities/opportunity_detail.html",
        {
            "fit": fit,
            "role": role,
            "own_interest": own_interest,
            "interest_form": InterestForm(),
            "interests": process.interests.select_related("organisation", "user")
            if sees_interest
            else None,
            "process": process,
            "status": status,
            "summary": summary(process, status, winners),
            "response": response_of(process.compiled or {}),
            "deadline_left": time_left(process.deadline, now) if status == "open" else "",
            "deadline_closed": time_left(process.deadline, now) if status == "closed" else "",
            "enquiry_left": time_left(process.enquiry_end, now)
            if process.enquiry_end and process.enquiry_end > now
            else "",
            "legal_basis": legal_basis_words(process.legal_basis, process.legal_basis_id),
            "notice_label": notice_label(process.notice_type) if process.notice_type else "",
            "lots": [
                (lot, [(code, descriptions.get(code[:8], "")) for code in lot_codes[lot.pk]])
                for lot in lots
            ],
            "has_bids": any(
                lot.bids is not None or lot.final_stage_bids is not None for lot in lots
            ),
            "awards": [(award, _award_suppliers(award)) for award in awards],
            "contracts": list(process.contracts.all()),
            "changes": changes_of(process.compiled or {}),
            "endings": endings_of(process.compiled or {}),
            "documents": _documents(process),
            "buyer_identifiers": identifiers_text(process.buyer_identifiers),
            "signals": signals_for(process, now),
            "how_judged": how_judged(),
            "cpvs": [(cpv, descriptions.get(cpv.code, "")) for cpv in process.cpvs.all()],
            "challenges": [],
            "data_warnings": process.data_warnings if role in BUYERS else None,
        }
        # what higher apps show of this process (challenges: those it follows)
        | panels.gather("process_page", request.user, process),
    )


def _cpv_codes(codes: list[str]) -> list[str]:
    """A lot's CPV codes as published ("79411000"), whole and valid ones only."""
    found = []
    for code in codes:
        try:
            found.append("-".join(part for part in split_cpv(code) if part))
        except ValueError:
            continue
    return found


def _award_suppliers(award) -> list[tuple[str, str]]:
    """(name, "PPON ..., Companies House ...") of each supplier as the notice published it."""
    published = [
        (entry.get("name", ""), identifiers_text(entry.get("identifiers", [])))
        for entry in award.supplier_identifiers or []
        if isinstance(entry, dict)
    ]
    return published or [(s.name, "") for s in award.suppliers.all()]


def _documents(process) -> list[dict]:
    """Each document once (notices repeat earlier ones), newest first, with a link only when it
    is safe to follow: the official notice services, or the buyer's own web address."""
    seen, documents = set(), []
    for document in sorted(
        process.documents.all(), key=lambda d: d.published or process.first_published, reverse=True
    ):
        key = (document.document_id, document.url)
        if key in seen or document.document_type == "conflictOfInterest":
            continue
        seen.add(key)
        # A document that says it is a notice links only to the official services (it would
        # pass for the official notice); the buyer's own documents may link to its web address,
        # shown beside the link so that readers see where it goes.
        official = official_notice_url(document.url)
        is_notice = document.document_type.endswith("Notice") or bool(document.notice_type)
        link = official or ("" if is_notice else outside_link(document.url))
        documents.append(
            {
                "title": document.title or document.document_type or "Document",
                "kind": DOCUMENT_KINDS.get(document.document_type, document.document_type),
                "link": link,
                "host": "" if official or not link else urllib.parse.urlsplit(link).hostname,
                "text": "" if link or is_notice else document.url,
                "published": document.published,
                "notice_type": document.notice_type,
            }
        )
    return documents


DOCUMENT_KINDS = {
    "tenderNotice": "Tender notice",
    "biddingDocuments": "Tender documents",
    "technicalSpecifications": "Specification",
    "technicalSelectionCriteria": "Technical selection criteria",
    "economicSelectionCriteria": "Economic selection criteria",
    "awardNotice": "Award notice",
    "contractNotice": "Contract notice",
    "implementationNotice": "Performance notice",
    "planningNotice": "Planning notice",
    "tenderCancellationNotice": "Termination notice",
    "contractTerminationNotice": "Contract termination notice",
}


@allow({Role.SUPPLIER})
@require_POST
def register_interest(request, ocid):
    process = get_object_or_404(Process, ocid=ocid)
    if request.POST.get("withdraw"):
        Interest.objects.filter(process=process, organisation=request.user.organisation).delete()
        messages.success(request, "Your interest has been withdrawn.")
        return redirect(process)
    if process.status not in ("planned", "open"):
        raise PermissionDenied(
            "Interest can be registered only while an opportunity is planned or open."
        )
    form = InterestForm(request.POST)
    if form.is_valid():
        Interest.objects.update_or_create(
            process=process,
            organisation=request.user.organisation,
            defaults={"user": request.user, "note": form.cleaned_data["note"]},
        )
        messages.success(
            request, f"The buyer can now see that {request.user.organisation.name} is interested."
        )
    else:
        messages.error(request, "Your note is too long: use 500 characters at most.")
    return redirect(process)
