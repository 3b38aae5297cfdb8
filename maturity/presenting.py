"""What the pages and downloads show of an assessment: its scores with the previous one, the next
steps with links to guides, cases and tools, the network's picture as a table."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from django.urls import reverse

from cases import guides
from core.tables import Column, Table
from maturity import scoring
from maturity.models import Assessment
from maturity.questions import Level, QuestionSet


@cache
def _guide_titles() -> dict[str, str]:
    return {guide.slug: guide.title for guide in guides.all_guides()}


@dataclass(frozen=True)
class Help:
    guides: list[tuple[str, str]]  # (title, url)
    cases: list[tuple[str, str]]
    tools: list[tuple[str, str]]


def help_for(level: Level) -> Help:
    titles = _guide_titles()
    library = reverse("cases:list")
    return Help(
        guides=[(titles.get(s, s), reverse("cases:guide", args=[s])) for s in level.guides],
        cases=[(link.label, f"{library}?{link.target}") for link in level.cases],
        tools=[(link.label, reverse(link.target)) for link in level.tools],
    )


def result_of(assessment: Assessment, questions: QuestionSet) -> dict:
    """The result page's parts: scores (with the change since the anchor's previous completed
    assessment), each answer with its level's words, and the next steps."""
    answers = list(assessment.answers.all())
    levels = {a.question: a.level for a in answers}
    previous = assessment.previous() if not assessment.is_draft else None
    result = scoring.score(questions, levels, previous.levels() if previous else None)
    by_key = {a.question: a for a in answers}
    rows = []
    for question in questions.questions:
        answer = by_key.get(question.key)
        level = question.level(answer.level) if answer else None
        rows.append(
            {
                "question": question,
                "theme": questions.theme_title(question.theme),
                "answer": answer,
                "level": answer.level if answer else None,
                "level_name": questions.level_name(answer.level) if answer else "",
                "good": level.good if level else "",
            }
        )
    steps = [
        {
            "step": step,
            "help": help_for(step.next),
            "next_name": questions.level_name(step.next.level),
        }
        for step in scoring.next_steps(questions, levels)
    ]
    return {
        "result": result,
        "previous": previous,
        "rows": rows,
        "steps": steps,
        "outdated": assessment.version != questions.version,
    }


def assessment_table(assessment: Assessment, questions: QuestionSet) -> Table:
    parts = result_of(assessment, questions)
    rows = [
        {
            "theme": row["theme"],
            "question": row["question"].title,
            "level": row["level"],
            "level_name": row["level_name"],
            "good": row["good"],
            "evidence": row["answer"].evidence if row["answer"] else "",
        }
        for row in parts["rows"]
    ]
    for score in (*parts["result"].themes, parts["result"].overall):
        rows.append(
            {
                "theme": score.title,
                "question": "Theme score" if score.key != "overall" else "Overall score",
                "level": score.level,
                "level_name": score.level_name,
                "good": f"Score {score.score}" if score.score is not None else "",
                "evidence": scoring.change_words(score.change),
            }
        )
    sample = "Sample data: " if assessment.is_sample else ""
    return Table(
        name="assessment",
        title=f"{sample}Maturity self-assessment",
        columns=[
            Column("theme", "Theme"),
            Column("question", "Question"),
            Column("level", "Level", "count"),
            Column("level_name", "Level name"),
            Column("good", "What good looks like at this level (for scores: the score)"),
            Column("evidence", "Evidence or notes (for scores: change since the previous)"),
        ],
        rows=rows,
        note=f"{assessment.organisation.name}, question set version {assessment.version}.",
    )


def network_table(picture: list[scoring.Spread], questions: QuestionSet) -> Table:
    columns = [Column("theme", "Theme"), Column("question", "Question")]
    columns += [
        Column(f"level_{n}", f"Anchors at level {n} ({name})", "count")
        for n, name, _ in sorted(questions.scale)
    ]
    columns += [Column("anchors", "Anchors answering", "count"), Column("median", "Median level")]
    rows = []
    for spread in picture:
        row = {
            "theme": questions.theme_title(spread.question.theme),
            "question": spread.question.title,
            "anchors": spread.anchors,
            "median": spread.median,
        }
        row |= {f"level_{n}": count for n, count in spread.counts}
        rows.append(row)
    return Table(
        name="network",
        title="Maturity across the network",
        columns=columns,
        rows=rows,
        note="Each anchor's latest completed self-assessment.",
    )
