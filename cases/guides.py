"""Hands-on guides kept as content files: Markdown with YAML front matter in cases/guides/.

Front matter: title, summary, order, routes (route ids from the shared taxonomy, to list related
cases and link the route finder), cases (source keys of starting cases to feature). The Markdown
is rendered with markdown-it (CommonMark, raw HTML off) and given GOV.UK Frontend classes.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import frontmatter
from markdown_it import MarkdownIt

FOLDER = Path(__file__).with_name("guides")

CLASSES = {
    "h1": "govuk-heading-xl",
    "h2": "govuk-heading-l",
    "h3": "govuk-heading-m",
    "h4": "govuk-heading-s",
    "p": "govuk-body",
    "ul": "govuk-list govuk-list--bullet",
    "ol": "govuk-list govuk-list--number",
    "a": "govuk-link",
    "table": "govuk-table",
    "blockquote": "govuk-inset-text",
}


@dataclass(frozen=True)
class Guide:
    slug: str
    title: str
    summary: str
    order: int
    routes: tuple[str, ...]
    cases: tuple[str, ...]
    html: str


def _renderer() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False}).enable("table")

    def add_class(self, tokens, idx, options, env):
        token = tokens[idx]
        css = CLASSES.get(token.tag)
        if css:
            token.attrSet("class", css)
        return self.renderToken(tokens, idx, options, env)

    for name in (
        "heading_open",
        "paragraph_open",
        "bullet_list_open",
        "ordered_list_open",
        "link_open",
        "table_open",
        "blockquote_open",
    ):
        md.add_render_rule(name, add_class)
    return md


def render(text: str) -> str:
    return _renderer().render(text)


def read(path: Path) -> Guide:
    post = frontmatter.load(path)
    missing = [key for key in ("title", "summary") if not post.get(key)]
    if missing:
        raise ValueError(f"{path.name}: front matter lacks {', '.join(missing)}")
    return Guide(
        slug=path.stem,
        title=post["title"],
        summary=post["summary"],
        order=int(post.get("order", 100)),
        routes=tuple(post.get("routes", []) or []),
        cases=tuple(post.get("cases", []) or []),
        html=render(post.content),
    )


@cache
def all_guides(folder: Path = FOLDER) -> tuple[Guide, ...]:
    return tuple(sorted((read(p) for p in folder.glob("*.md")), key=lambda g: (g.order, g.title)))


def get(slug: str) -> Guide | None:
    return next((g for g in all_guides() if g.slug == slug), None)
