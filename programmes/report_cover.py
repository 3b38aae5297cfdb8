"""The report's cover (order 0): what the programme is, where it stands and when the report was
produced, before the parts the other modules register."""

from __future__ import annotations

from django.utils import timezone

from programmes.report_charts import cell_text
from programmes.report_sections import Section, section


def _dates(programme) -> str:
    if programme.starts_on and programme.ends_on:
        return f"{cell_text(programme.starts_on)} to {cell_text(programme.ends_on)}"
    if programme.starts_on:
        return f"From {cell_text(programme.starts_on)}, end not set"
    if programme.ends_on:
        return f"Start not set, until {cell_text(programme.ends_on)}"
    return "Not set yet"


@section("summary", order=0)
def build(programme) -> Section:
    partners = programme.partners.count()
    published = (
        "Yes: the programme and this report are public"
        if programme.is_published
        else "No: only coordinators and the partners' members can see it"
    )
    facts = [
        ("Programme", programme.title),
        ("Summary", programme.summary or "Not written yet"),
        ("Stage", programme.get_stage_display()),
        ("Dates", _dates(programme)),
        ("Partners", f"{partners:,}"),
        ("Published", published),
        ("Generated on", cell_text(timezone.localdate())),
    ]
    paragraphs = ()
    if programme.is_sample:
        paragraphs = ("Sample data: this programme was generated for the demonstration.",)
    return Section(key="summary", title="Summary", paragraphs=paragraphs, facts=tuple(facts))
