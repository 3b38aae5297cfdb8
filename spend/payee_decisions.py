"""A person's decisions on a payee, taking effect at once: confirm or turn down a suggested register
entry, choose one from a search of the registers, give a postcode; and undo the latest.

Each decision updates the Payee and its RegisterMatch candidates in one transaction and records a
PayeeDecision with who, when and what it replaced; the ledger reads Payee live
(spend/ledger.payee_facts), so its figures change with the next page view. Matching runs
(spend/payee_placing.py) leave decided candidates and confirmed payees as people left them.
Who may decide: the payee's own anchor's buyers and administrators, and coordinators (the views'
@allow(BUYERS) over visible_payees).
"""

from __future__ import annotations

import contextlib

from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from core.roles import Role, role_of
from network.identifiers import normalise_company_number
from registers.models import RegisterAlias, RegisterEntry
from spend.models import Payee
from suppliers.models import PayeeDecision, RegisterMatch
from suppliers.names import normalise_name

PAYEE_FIELDS = (
    "register_entry_id",
    "match_probability",
    "match_evidence",
    "match_status",
    "matched_by_id",
    "matched_at",
    "postcode",
    "postcode_source",
)
GIVEN = "given on the payee page"
SEARCH_LIMIT = 20


class DecisionProblem(Exception):
    """The decision cannot be made as asked; the message says why."""


def visible_payees(user):
    """Payees whose page this user may open."""
    if role_of(user) is Role.COORDINATOR:
        return Payee.objects.all()
    return Payee.objects.filter(buyer_id=user.organisation_id)


def _snapshot(payee: Payee) -> dict:
    state = {}
    for name in PAYEE_FIELDS:
        value = getattr(payee, name)
        state[name] = value.isoformat() if hasattr(value, "isoformat") else value
    state["candidates"] = {
        str(pk): [status, by, at.isoformat() if at else None]
        for pk, status, by, at in payee.candidates.values_list(
            "pk", "status", "decided_by_id", "decided_at"
        )
    }
    return state


def _record(payee, action, user, entry=None, detail="", before=None) -> PayeeDecision:
    return PayeeDecision.objects.create(
        payee=payee,
        action=action,
        entry=entry,
        detail=detail[:300],
        before=before if before is not None else _snapshot(payee),
        decided_by=user,
    )


def _locked(payee: Payee) -> Payee:
    return Payee.objects.select_for_update().get(pk=payee.pk)


def _accept(payee: Payee, candidate: RegisterMatch, user, now) -> None:
    payee.candidates.filter(status=RegisterMatch.ACCEPTED).exclude(pk=candidate.pk).update(
        status=RegisterMatch.PENDING, decided_by=None, decided_at=None
    )
    candidate.status = RegisterMatch.ACCEPTED
    candidate.decided_by, candidate.decided_at = user, now
    candidate.save(update_fields=["status", "decided_by", "decided_at"])
    payee.register_entry_id = candidate.entry_id
    payee.match_probability = candidate.probability
    payee.match_evidence = candidate.evidence
    payee.match_status = "confirmed"
    payee.matched_by, payee.matched_at = user, now
    payee.save(update_fields=PAYEE_FIELDS[:6])


@transaction.atomic
def confirm(payee: Payee, candidate: RegisterMatch, user) -> PayeeDecision:
    """This candidate is the payee: it becomes the payee's register entry."""
    payee = _locked(payee)
    if candidate.payee_id != payee.pk:
        raise DecisionProblem("That suggestion is for another payee")
    decision = _record(payee, PayeeDecision.CONFIRM, user, candidate.entry)
    _accept(payee, candidate, user, timezone.now())
    return decision


@transaction.atomic
def reject(payee: Payee, candidate: RegisterMatch, user) -> PayeeDecision:
    """This candidate is not the payee: turned down, and no longer its entry if it was."""
    payee = _locked(payee)
    if candidate.payee_id != payee.pk:
        raise DecisionProblem("That suggestion is for another payee")
    decision = _record(payee, PayeeDecision.REJECT, user, candidate.entry)
    now = timezone.now()
    candidate.status = RegisterMatch.REJECTED
    candidate.decided_by, candidate.decided_at = user, now
    candidate.save(update_fields=["status", "decided_by", "decided_at"])
    if payee.register_entry_id == candidate.entry_id:
        payee.register_entry_id, payee.match_probability, payee.match_evidence = None, None, ""
    if payee.register_entry_id is None:
        waiting = payee.candidates.filter(status=RegisterMatch.PENDING).exists()
        payee.match_status = "suggested" if waiting else "rejected"
    payee.matched_by, payee.matched_at = user, now
    payee.save(update_fields=PAYEE_FIELDS[:6])
    return decision


@transaction.atomic
def choose(payee: Payee, entry: RegisterEntry, user, search: str = "") -> PayeeDecision:
    """A person found the payee's entry in the registers: it becomes a confirmed candidate."""
    payee = _locked(payee)
    before = _snapshot(payee)
    candidate = payee.candidates.filter(entry=entry).first()
    if candidate is None:
        rank = payee.candidates.aggregate(top=Max("rank"))["top"] or 0
        evidence = f"chosen by a person from the registers (searched for “{search}”)"
        candidate = RegisterMatch.objects.create(
            payee=payee, entry=entry, probability=1.0, evidence=evidence[:1000], rank=rank + 1
        )
    decision = _record(payee, PayeeDecision.CHOOSE, user, entry, search, before)
    _accept(payee, candidate, user, timezone.now())
    return decision


@transaction.atomic
def give_postcode(payee: Payee, postcode: str, user) -> PayeeDecision:
    """A postcode for the payee (already normalised), or none to clear it."""
    payee = _locked(payee)
    decision = _record(payee, PayeeDecision.POSTCODE, user, detail=postcode)
    payee.postcode = postcode
    payee.postcode_source = GIVEN if postcode else ""
    payee.save(update_fields=["postcode", "postcode_source"])
    return decision


def latest(payee: Payee) -> PayeeDecision | None:
    """The decision an undo would reverse: the latest not already undone."""
    return payee.decisions.filter(undone_at__isnull=True).first()


@transaction.atomic
def undo(payee: Payee, decision: PayeeDecision, user) -> None:
    """Put the payee and its candidates back as they were before the decision (the latest one
    only, so that no later decision is overwritten)."""
    payee = _locked(payee)
    if decision.payee_id != payee.pk or decision.undone_at is not None:
        raise DecisionProblem("That decision has already been undone")
    if latest(payee) != decision:
        raise DecisionProblem("Only the latest decision can be undone: undo the later ones first")
    state = decision.before
    for name in PAYEE_FIELDS:
        setattr(payee, name, state.get(name))
    payee.match_evidence = payee.match_evidence or ""
    payee.match_status = payee.match_status or ""
    payee.postcode, payee.postcode_source = payee.postcode or "", payee.postcode_source or ""
    if (
        payee.register_entry_id
        and not RegisterEntry.objects.filter(pk=payee.register_entry_id).exists()
    ):
        payee.register_entry_id = None
    payee.save(update_fields=PAYEE_FIELDS)
    known = state.get("candidates", {})
    for candidate in payee.candidates.all():
        if str(candidate.pk) not in known:
            candidate.delete()  # made by this decision (a register search)
            continue
        status, by, at = known[str(candidate.pk)]
        RegisterMatch.objects.filter(pk=candidate.pk).update(
            status=status, decided_by_id=by, decided_at=at
        )
    decision.undone_by, decision.undone_at = user, timezone.now()
    decision.save(update_fields=["undone_by", "undone_at"])


def search_registers(text: str, limit: int = SEARCH_LIMIT) -> list[RegisterEntry]:
    """Register entries by identifier (a company number as Companies House writes it, an ODS
    code, a charity number) or by the start of their normalised name or of a former name. The
    lookups use the indexed columns, so a register of millions answers at once."""
    text = text.strip()[:200]
    if not text:
        return []
    identifiers = {text, text.upper()}
    with contextlib.suppress(ValueError):
        identifiers.add(normalise_company_number(text))
    found = list(RegisterEntry.objects.filter(identifier__in=identifiers)[:limit])
    name = normalise_name(text)
    if name and len(found) < limit:
        aliases = RegisterAlias.objects.filter(normalised_name__startswith=name).values("entry_id")
        found += list(
            RegisterEntry.objects.filter(
                Q(normalised_name__startswith=name) | Q(pk__in=aliases[:limit])
            )
            .exclude(pk__in=[e.pk for e in found])
            .order_by("-is_active", "normalised_name", "register", "identifier")[
                : limit - len(found)
            ]
        )
    return found
