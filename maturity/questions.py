"""The question set of the maturity self-assessment, read from `maturity/data/assessment.json`
(through core/datafiles.py) into plain records. Pure: the file in, records out."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from urllib.parse import urlencode

from core import datafiles

CASE_FILTERS = ("barrier", "route", "q")  # the case library's filters a level may link with


@dataclass(frozen=True)
class Link:
    label: str
    target: str  # a guide's slug, the case library's query string, or a URL name


@dataclass(frozen=True)
class Level:
    level: int
    good: str  # what good looks like at this level
    guides: tuple[str, ...]
    cases: tuple[Link, ...]  # target: the case library's query string ("barrier=risk-appetite")
    tools: tuple[Link, ...]  # target: a URL name ("cases:calculator")


@dataclass(frozen=True)
class Question:
    key: str
    theme: str
    title: str
    question: str
    hint: str
    source: str  # the source's words, for readers
    unconfirmed: bool  # marker U: "check before relying on this"
    levels: tuple[Level, ...]

    def level(self, number: int) -> Level | None:
        return next((item for item in self.levels if item.level == number), None)


@dataclass(frozen=True)
class Theme:
    key: str
    title: str
    source: str
    unconfirmed: bool


@dataclass(frozen=True)
class QuestionSet:
    version: str
    scale: tuple[tuple[int, str, str], ...]  # (level, name, meaning)
    themes: tuple[Theme, ...]
    questions: tuple[Question, ...]

    @property
    def top(self) -> int:
        return max(level for level, _, _ in self.scale)

    def level_name(self, level: int | None) -> str:
        return next((name for number, name, _ in self.scale if number == level), "")

    def question(self, key: str) -> Question | None:
        return next((q for q in self.questions if q.key == key), None)

    def in_theme(self, theme: str) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.theme == theme)

    def theme_title(self, key: str) -> str:
        return next((t.title for t in self.themes if t.key == key), key)


def _case_link(entry: dict) -> Link:
    filters = {key: entry[key] for key in CASE_FILTERS if key in entry}
    return Link(entry["label"], urlencode(filters))


def build(file: datafiles.DataFile) -> QuestionSet:
    content = file.content

    def words(entry: dict) -> str:
        return datafiles.for_readers(file.cite(entry["source"]))

    questions = tuple(
        Question(
            key=q["key"],
            theme=q["theme"],
            title=q["title"],
            question=q["question"],
            hint=q["hint"],
            source=words(q),
            unconfirmed=q["marker"] == "U",
            levels=tuple(
                Level(
                    level=item["level"],
                    good=item["good"],
                    guides=tuple(item["guides"]),
                    cases=tuple(_case_link(c) for c in item["cases"]),
                    tools=tuple(Link(t["label"], t["url_name"]) for t in item.get("tools", [])),
                )
                for item in sorted(q["levels"], key=lambda item: item["level"])
            ),
        )
        for q in content["questions"]
    )
    # Questions in the order of their themes, so pages and downloads read theme by theme.
    order = {theme["key"]: i for i, theme in enumerate(content["themes"])}
    questions = tuple(sorted(questions, key=lambda q: order.get(q.theme, len(order))))
    return QuestionSet(
        version=file.version,
        scale=tuple((s["level"], s["name"], s["meaning"]) for s in content["levels"]),
        themes=tuple(
            Theme(t["key"], t["title"], words(t), t["marker"] == "U") for t in content["themes"]
        ),
        questions=questions,
    )


@cache
def current() -> QuestionSet:
    """The question set in force: the file as it is now."""
    return build(datafiles.read(("maturity", "assessment")))
