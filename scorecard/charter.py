"""The charter's commitments as the database holds them: every change saved as a new version, the
anchors' adoptions, progress on a scorecard, each anchor's progress on one commitment and the
network's adoption picture."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Max

from core.tables import Table
from network.models import Organisation
from scorecard import slicing
from scorecard.charter_data import FIELDS
from scorecard.charter_progress import (
    AnchorAdoptions,
    Progress,
    adoption_by_anchor,
    adoption_table,
    met,
    progress,
    shown,
)
from scorecard.gathering import organisation_buyer, tables_for
from scorecard.indicators import INDICATORS, Figure
from scorecard.models import Commitment, CommitmentAdoption, CommitmentVersion, ScorecardPublication
from scorecard.report import Scorecard, scorecard_of

PROGRESS_FIELDS = ("slug", "title", "indicator", "target", "comparison")


def snapshot(commitment: Commitment) -> dict:
    """Every field of a commitment as one version keeps it."""
    return {name: getattr(commitment, name) for name in FIELDS}


def save_version(
    commitment: Commitment, user=None, note: str = "", data_version: str = ""
) -> CommitmentVersion:
    """Save the commitment as its next version and keep that version: who (None: the charter
    data), when, why, and every field. `data_version` is the charter data's version when the
    data wrote it, blank when a person did."""
    with transaction.atomic():
        last = 0
        if commitment.pk is not None:
            last = commitment.versions.aggregate(last=Max("number"))["last"] or 0
        commitment.version = last + 1
        commitment.updated_by = user
        if data_version:
            commitment.data_version = data_version
        commitment.save()
        return CommitmentVersion.objects.create(
            commitment=commitment,
            number=commitment.version,
            snapshot=snapshot(commitment),
            changed_by=user,
            note=note,
            data_version=data_version,
        )


def edited_by_a_person(commitment: Commitment) -> bool:
    """Whether anyone changed the commitment by hand (a version the data did not write)."""
    return commitment.versions.filter(data_version="").exists()


def units() -> dict[str, str]:
    return {name: item.unit for name, item in INDICATORS.items()}


def progress_for(card: Scorecard) -> list[Progress]:
    """The active commitments' progress on `card`, with the card's anchor's adoptions (none for a
    buyer outside the network or the national benchmark)."""
    commitments = list(Commitment.objects.filter(is_active=True).values(*PROGRESS_FIELDS))
    adopted = {}
    if card.buyer is not None and card.buyer.organisation_id is not None:
        adopted = dict(
            CommitmentAdoption.objects.filter(
                organisation_id=card.buyer.organisation_id
            ).values_list("commitment__slug", "adopted_on")
        )
    return progress(commitments, adopted, card.figures, units())


@dataclass(frozen=True)
class AnchorProgress:
    organisation: Organisation
    adopted_on: date | None
    figure: Figure | None  # None: the commitment has no registered indicator
    met: bool | None
    value_shown: str


def anchors_progress(
    commitment: Commitment,
    anchors: list[Organisation],
    since: date | None = None,
    until: date | None = None,
) -> list[AnchorProgress]:
    """Each anchor's figure on the commitment's indicator over the period, against its target:
    every buyer's tables read once, each anchor's part taken from them."""
    adopted = dict(commitment.adoptions.values_list("organisation_id", "adopted_on"))
    item = INDICATORS.get(commitment.indicator)
    every = tables_for(None, since, until) if item is not None and anchors else None
    found = []
    for organisation in anchors:
        figure = None
        if item is not None and every is not None:
            buyer = organisation_buyer(organisation)
            card = scorecard_of(slicing.only(every, [buyer.key]), buyer, since, until)
            figure = card.figures[commitment.indicator]
        value = figure.value if figure is not None else None
        found.append(
            AnchorProgress(
                organisation,
                adopted.get(organisation.pk),
                figure,
                met(value, commitment.target, commitment.comparison),
                shown(value, item.unit if item else "share"),
            )
        )
    return found


def published_anchor_ids() -> set[int]:
    return set(
        ScorecardPublication.objects.filter(published=True).values_list(
            "organisation_id", flat=True
        )
    )


def network_anchors() -> list[Organisation]:
    """The anchors of the network, by name."""
    return list(Organisation.objects.network_members().order_by("name"))


def _adoption_inputs(include_retired: bool = False):
    chosen = Commitment.objects.all()
    if not include_retired:
        chosen = chosen.filter(is_active=True)
    commitments = list(chosen.values_list("slug", "title"))
    anchors = [(o.pk, o.name) for o in network_anchors()]
    adopted = {
        (slug, pk): day
        for slug, pk, day in CommitmentAdoption.objects.values_list(
            "commitment__slug", "organisation_id", "adopted_on"
        )
    }
    return commitments, anchors, adopted


def adoption_picture(include_retired: bool = False) -> Table:
    """The network's adoption picture: commitments × anchors (core.tables.Table)."""
    return adoption_table(*_adoption_inputs(include_retired))


def adoption_pictures() -> tuple[Table, list[AnchorAdoptions]]:
    """The adoption picture as the table (for downloads) and by anchor (for the page)."""
    inputs = _adoption_inputs()
    return adoption_table(*inputs), adoption_by_anchor(*inputs)
