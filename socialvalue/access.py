"""The database side of social value's rules: whose contracts a person sees, the facts the pure
rules and measures are asked with, and the taxonomy with the network's own additions."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404

from core.roles import Role, role_of
from socialvalue import measures, rules, taxonomy
from socialvalue.models import Commitment, Contract, DeliveryReport, LocalAddition


def organisation_id(user) -> int | None:
    organisation = getattr(user, "organisation", None) if user.is_authenticated else None
    return organisation.pk if organisation is not None else None


def visible_contracts(user):
    role = role_of(user)
    contracts = Contract.objects.select_related("buyer", "supplier")
    if role is Role.COORDINATOR:
        return contracts
    own = organisation_id(user)
    if role in rules.STAFF:
        return contracts.filter(buyer_id=own)
    if role is Role.SUPPLIER:
        return contracts.filter(supplier_id=own)
    return contracts.none()


def may_see(user, contract: Contract) -> bool:
    return rules.can_see(
        role_of(user), organisation_id(user), contract.buyer_id, contract.supplier_id
    )


def contract_or_404(user, pk) -> Contract:
    contract = Contract.objects.select_related("buyer", "supplier").filter(pk=pk).first()
    if contract is None or not may_see(user, contract):
        raise Http404("No such contract")
    return contract


def may_manage(user, contract: Contract) -> bool:
    return rules.can_manage(role_of(user), organisation_id(user), contract.buyer_id)


def may_report(user, contract: Contract) -> bool:
    return rules.can_report(role_of(user), organisation_id(user), contract.supplier_id)


def may_review(user, report: DeliveryReport) -> bool:
    return rules.can_review(
        role_of(user),
        organisation_id(user),
        report.commitment.contract.buyer_id,
        report.status,
    )


def local_metrics() -> list[taxonomy.Metric]:
    return [
        taxonomy.local_metric(item.key, item.title, item.unit, item.outcome, item.source)
        for item in LocalAddition.objects.filter(kind=LocalAddition.Kind.METRIC)
    ]


def local_outcomes() -> list[dict]:
    return [
        {
            "key": f"local-{item.key}",
            "title": item.title,
            "mission": item.mission,
            "source": item.source,
        }
        for item in LocalAddition.objects.filter(kind=LocalAddition.Kind.OUTCOME)
    ]


def metrics() -> dict[str, taxonomy.Metric]:
    return taxonomy.all_metrics(local_metrics())


def proxy_set() -> str | None:
    """The proxy set in use: the setting SOCIALVALUE_PROXY_SET when given, else the data file's."""
    return getattr(settings, "SOCIALVALUE_PROXY_SET", None)


def facts(commitments) -> tuple[list[measures.Commitment], list[measures.Report]]:
    items = list(commitments.select_related("contract", "contract__buyer"))
    reports = DeliveryReport.objects.filter(commitment__in=[c.pk for c in items])
    return (
        [
            measures.Commitment(
                id=c.pk,
                contract=c.contract_id,
                contract_title=c.contract.title,
                buyer=c.contract.buyer.name,
                supplier=c.contract.supplier_name,
                metric=c.metric,
                metric_title=c.metric_title,
                unit=c.unit,
                quantity=c.quantity,
                period_start=c.period_start,
                period_end=c.period_end,
                report_every_months=c.report_every_months,
                proxy_per_unit=c.proxy_value,
            )
            for c in items
        ],
        [
            measures.Report(r.commitment_id, r.period_start, r.period_end, r.quantity, r.status)
            for r in reports
        ],
    )


def commitments_of(contracts):
    return Commitment.objects.filter(contract__in=contracts)
