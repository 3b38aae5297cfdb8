"""Withdrawing an import: its payments removed (one statement each, not row by row), the payees
left with no payment removed with them (so they are no longer counted or matched) unless a person
has decided about them (their decisions then apply when the file is imported again), and the import's
record kept with who withdrew it, when and why. The ledger is computed from the payments, so it
shows the change at once. The same file can then be imported again."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from spend.importing import refresh_statistics
from spend.models import Payee, Payment, SpendImport


class WithdrawalProblem(ValueError):
    """The import cannot be withdrawn; the message says why."""


@dataclass
class Withdrawn:
    spend_import: int
    payments_removed: int
    payees_removed: int
    amount_removed: str

    def as_json(self) -> dict:
        return self.__dict__.copy()


def withdraw(record: SpendImport, user, reason: str) -> Withdrawn:
    reason = (reason or "").strip()
    if not reason:
        raise WithdrawalProblem("Say why the import is withdrawn (the reason is kept with it).")
    with transaction.atomic():
        record = SpendImport.objects.select_for_update().get(pk=record.pk)
        if record.withdrawn_at is not None:
            raise WithdrawalProblem(
                f"Import {record.pk} ({record.source_name}) was already withdrawn on "
                f"{record.withdrawn_at:%d %B %Y}."
            )
        payments = Payment.objects.filter(spend_import=record)
        payee_ids = set(payments.values_list("payee_id", flat=True).distinct())
        # Payments have no dependants and no signals: Django deletes them in one statement.
        removed, _ = payments.delete()
        still_paid = set(
            Payment.objects.filter(payee_id__in=payee_ids)
            .values_list("payee_id", flat=True)
            .distinct()
        )
        # Payees a person has decided about (a confirmed or turned-down match, a postcode given)
        # stay, so that importing a corrected file keeps those decisions; the rest go with their
        # last payment.
        orphans = (
            Payee.objects.filter(pk__in=payee_ids - still_paid - {None})
            .exclude(match_status__in=["confirmed", "rejected"])
            .exclude(postcode__gt="")
            .exclude(decisions__isnull=False)
        )
        payees_removed = orphans.count()
        orphans.delete()
        record.withdrawn_at = timezone.now()
        record.withdrawn_by = user if getattr(user, "is_authenticated", False) else None
        record.withdrawal_reason = reason
        record.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_reason"])
    if removed >= 10_000:
        refresh_statistics()
    return Withdrawn(record.pk, removed, payees_removed, str(record.total_amount))
