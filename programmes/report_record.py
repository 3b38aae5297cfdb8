"""The programme report's sections from the record: aims (10), partners (20), milestones (25),
risks (80) and the appraisal with its decision (90). Each reads the programme's records and
returns plain `report_sections` values."""

from __future__ import annotations

from django.utils import timezone

from core import datafiles
from programmes import record_rules
from programmes.report_sections import Section, Table, section


def _date(day) -> str:
    return f"{day:%-d %B %Y}" if day else "Not set"


def _dates(programme) -> str:
    if programme.starts_on and programme.ends_on:
        return f"{_date(programme.starts_on)} to {_date(programme.ends_on)}"
    if programme.starts_on:
        return f"From {_date(programme.starts_on)}"
    if programme.ends_on:
        return f"Until {_date(programme.ends_on)}"
    return "Not set"


@section("aims", 10)
def aims(programme) -> Section:
    sectors = "; ".join(sector.name for sector in programme.sectors.all()) or "None given"
    challenges = list(programme.challenges.public().select_related("owner").order_by("title"))
    tables = ()
    if challenges:
        tables = (
            Table(
                key="challenges",
                title="The challenges it tackles",
                headers=("Challenge", "Anchor", "Reference", "Status"),
                rows=tuple(
                    (c.title, c.owner.name, c.reference, c.get_status_display()) for c in challenges
                ),
            ),
        )
    paragraphs = tuple(p.strip() for p in programme.aims.split("\n\n") if p.strip())
    return Section(
        key="aims",
        title="Aims",
        paragraphs=(programme.summary, *paragraphs),
        tables=tables,
        facts=(
            ("Stage", programme.get_stage_display()),
            ("Dates", _dates(programme)),
            ("Sectors", sectors),
            ("Challenges it tackles", str(len(challenges)) if challenges else "None linked"),
        ),
    )


@section("partners", 20)
def partners(programme) -> Section | None:
    rows = tuple(
        (p.display_name, p.get_kind_display(), p.role, "Yes" if p.is_lead else "No")
        for p in programme.partners.select_related("organisation")
    )
    if not rows:
        return None
    lead = [row[0] for row in rows if row[3] == "Yes"]
    return Section(
        key="partners",
        title="Partners and governance",
        paragraphs=(f"Led by {', '.join(lead)}." if lead else "No lead partner is named.",),
        tables=(
            Table(
                key="partners",
                title="Partners and their roles",
                headers=("Partner", "Kind", "Role", "Lead"),
                rows=rows,
            ),
        ),
    )


@section("milestones", 25)
def milestones(programme) -> Section | None:
    records = list(programme.milestones.all())
    if not records:
        return None
    today = timezone.localdate()
    summary = record_rules.timeline_summary(
        [m.facts() for m in records], today, programme.starts_on, programme.ends_on
    )
    rows = tuple(
        (
            m.title,
            _date(m.due_on),
            m.get_status_display(),
            _date(m.done_on) if m.done_on else "Not done",
            record_rules.lateness(m.facts(), today),
        )
        for m in records
    )
    return Section(
        key="milestones",
        title="Timeline and milestones",
        paragraphs=(summary.words(),),
        tables=(
            Table(
                key="milestones",
                title="Milestones, by due date",
                headers=("Milestone", "Due", "Status", "Done on", "Timing"),
                rows=rows,
            ),
        ),
    )


@section("risks", 80)
def risks(programme) -> Section | None:
    records = list(programme.risks.select_related("owner_partner__organisation"))
    if not records:
        return None
    rows = tuple(
        (
            r.title,
            r.likelihood,
            r.impact,
            r.score,
            r.band.label,
            r.owner or "No owner",
            r.mitigation,
            r.get_status_display(),
        )
        for r in sorted(records, key=lambda r: (r.status != "open", -r.score, r.title))
    )
    bands = record_rules.risk_bands()
    open_risks = [r for r in records if r.status == "open"]
    return Section(
        key="risks",
        title="Risks",
        paragraphs=(
            f"{len(open_risks)} open risk{'s' if len(open_risks) != 1 else ''} of {len(records)}.",
            "A risk's score is its likelihood times its impact, each from 1 to 5.",
        ),
        tables=(
            Table(
                key="risks",
                title="The risk register",
                headers=(
                    "Risk",
                    "Likelihood",
                    "Impact",
                    "Score",
                    "Band",
                    "Owner",
                    "Mitigation",
                    "Status",
                ),
                rows=rows,
                chart_column=3,
                note="Bands: "
                + "; ".join(f"{b.label} {b.min_score} to {b.max_score}" for b in bands)
                + f". Source: {datafiles.for_readers(bands[0].source)}",
            ),
        ),
    )


@section("appraisal", 90)
def appraisal(programme) -> Section | None:
    options = list(programme.appraisal_options.all())
    decision = getattr(programme, "decision", None)
    if not options and decision is None:
        return None
    tables = ()
    if options:
        tables = (
            Table(
                key="appraisal",
                title="Options considered",
                headers=("Option", "What it is", "Costs and benefits", "Recommended", "Why"),
                rows=tuple(
                    (
                        o.name,
                        o.description,
                        o.costs_benefits,
                        "Yes" if o.is_recommended else "No",
                        o.why,
                    )
                    for o in options
                ),
            ),
        )
    facts: tuple[tuple[str, str], ...] = ()
    if decision is not None:
        facts = (
            ("Decision", decision.decision),
            (
                "Option chosen",
                decision.chosen_option.name if decision.chosen_option else "None of the options",
            ),
            ("Decided on", _date(decision.decided_on)),
            ("Decided by", decision.decided_by),
        )
    recommended = [o.name for o in options if o.is_recommended]
    return Section(
        key="appraisal",
        title="Feasibility appraisal and decision",
        paragraphs=(
            f"Recommended option: {recommended[0]}."
            if recommended
            else "No option is recommended.",
            *(("No decision has been taken yet.",) if decision is None else ()),
        ),
        tables=tables,
        facts=facts,
    )
