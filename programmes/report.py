"""A programme's report for funders and boards, gathered: every registered section
(`report_sections.py`) built for the programme, in order. The page, the PDF, the XLSX and
`anchorhub programme_report` all print the same `Report`.

One bad part never stops the rest: a section whose builder fails is shown as "This part could
not be produced" with a reason in readers' words, and the fault is logged with its detail for the
administrators. Each builder runs in a savepoint, so a database error in one part leaves the
transaction usable for the next.
"""

from __future__ import annotations

import datetime
import functools
import logging
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from programmes import report_cover  # noqa: F401 (registers the cover section)
from programmes.report_sections import Section, is_for_viewer, registered

logger = logging.getLogger(__name__)

UNEXPECTED = "an unexpected fault in the software; it has been logged for the site's administrators"


class PartUnavailable(Exception):
    """Raised by a section's builder to say, in readers' words, why its part cannot be produced
    (for example "the funding figures are being corrected"). The message is printed as it is."""


@dataclass(frozen=True)
class Part:
    """One section of the report as printed: the section, or the reason it could not be produced."""

    key: str
    section: Section | None
    failure: str = ""  # readers' words, shown on the page
    detail: str = ""  # the fault's type and message, for logs and the command

    @property
    def title(self) -> str:
        if self.section is not None:
            return self.section.title
        return self.key.replace("_", " ").replace("-", " ").capitalize()

    @property
    def anchor(self) -> str:
        return f"section-{self.key}"


@dataclass(frozen=True)
class Report:
    slug: str
    title: str
    summary: str
    is_published: bool
    is_sample: bool
    generated_on: datetime.date
    parts: tuple[Part, ...] = field(default=())

    @property
    def tables(self):
        """Every table of every section produced, with its section, in order."""
        return [
            (part, table)
            for part in self.parts
            if part.section is not None
            for table in part.section.tables
        ]

    @property
    def failures(self) -> list[Part]:
        return [part for part in self.parts if part.failure]


def gather(programme, *, viewer=None, today: datetime.date | None = None) -> Report:
    """The report of `programme`, every registered section built in order, as `viewer` (the
    signed-in user or anonymous) may read it; `viewer` None is the whole report (the command, run
    by the network's operators)."""
    parts = []
    for key, build in registered():
        if is_for_viewer(key):
            part = _build(key, functools.partial(build, viewer=viewer), programme)
        else:
            part = _build(key, build, programme)
        if part is not None:
            parts.append(part)
    return Report(
        slug=programme.slug,
        title=programme.title,
        summary=programme.summary,
        is_published=programme.is_published,
        is_sample=programme.is_sample,
        generated_on=today or timezone.localdate(),
        parts=tuple(parts),
    )


def _build(key, build, programme) -> Part | None:
    try:
        with transaction.atomic():
            section = build(programme)
        if section is not None and not isinstance(section, Section):
            raise TypeError(f"the builder returned {type(section).__name__}, not a Section")
    except PartUnavailable as reason:
        logger.warning("Report section %s of %s not produced: %s", key, programme.slug, reason)
        return Part(key=key, section=None, failure=str(reason), detail=str(reason))
    except Exception as fault:
        logger.exception("Report section %s of %s failed", key, programme.slug)
        return Part(
            key=key, section=None, failure=UNEXPECTED, detail=f"{type(fault).__name__}: {fault}"
        )
    if section is None:
        return None
    return Part(key=key, section=section)  # the registered key: unique, so anchors are too
