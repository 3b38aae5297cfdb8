"""The one reader of the rule, taxonomy and model files in `<app>/data/*.json`. Pure: files in,
content out.

Every such file is one envelope (`core/schemas/datafile.json`)::

    {"version": "...", "effective_from": "YYYY-MM-DD" (dated rules), "description": "...",
     "sources": [{"id": "...", "document": "..." and/or "url": "...", "covers": "..."}],
     "source" | "source_note" | "section_sources": (file level, when entries carry no source),
     "content": {...}}

and its content has a schema of its own beside it (`<app>/data/schemas/<name>.json`), which
says what an entry is there and how it is sourced. Every `source` named in the file must be the
id of one of its `sources`. `load` checks all of that and returns the content; `read` returns the
whole file, for a reader that also wants the version or a source's words. See docs/adding-rules.md.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema_rs

ROOT = Path(__file__).resolve().parent.parent
ENVELOPE = Path(__file__).resolve().parent / "schemas" / "datafile.json"


class DataFileError(ValueError):
    """A data file that does not keep the contract: every problem found, one per line."""


@dataclass(frozen=True)
class DataFile:
    path: Path
    version: str
    effective_from: str | None
    description: str
    sources: dict[str, dict]
    content: Any
    source: str | None = None  # file level: the one source of every entry
    source_note: str | None = None  # file level: why entries name none

    def cite(self, source_id: str) -> str:
        """The words of a source: its document as written, else its address."""
        source = self.sources[source_id]
        return source.get("document") or source["url"]

    def cited(self) -> Any:
        """The content with every entry's `source` id replaced by that source's words."""
        return _replace_sources(self.content, self.cite)


# The project's own references inside a source's words: kept in the data for developers, left out
# of what readers see (RULES.md sections, file paths, issue numbers, the seeds folder).
_OWN_REFERENCE = r"(?:RULES\.md|\.\./shared|AnchorHub issue|[\w/]+\.(?:py|json|md)\b)"
_OWN_PARENTHESES = re.compile(r"\s*\((?=[^()]*" + _OWN_REFERENCE + r")[^()]*\)")
_OWN_CLAUSE = re.compile(r"\s*(?:,\s*)?(?:as summarised in )?\.\./shared/seeds/?")
_MARKERS = {"V": "", "S": "", "U": " (check before relying on this)"}
_MARKER = re.compile(r"\s*\[([VSU])(?:/[VSU])?\]")


def for_readers(text: str) -> str:
    """A source's words as readers see them: the project's own references left out (a
    parenthesis naming RULES.md, a file or an issue), and the markers of RULES.md said in words
    ([U]: check before relying on this; [V] and [S] need no words)."""
    text = _OWN_PARENTHESES.sub("", text)
    text = _OWN_CLAUSE.sub("", text)
    text = _MARKER.sub(lambda found: _MARKERS[found.group(1)], text)
    return re.sub(r"\s{2,}", " ", text).strip()


def path_of(where: Path | str | tuple[str, str]) -> Path:
    """A path as given, or (app, name) → <app>/data/<name>.json."""
    if isinstance(where, tuple):
        app, name = where
        return ROOT / app / "data" / f"{name}.json"
    return Path(where)


def schema_path(path: Path) -> Path:
    """Where a data file's content schema lives: <app>/data/schemas/<name>.json."""
    return path.parent / "schemas" / path.name


@cache
def _validator(schema: Path):
    return jsonschema_rs.validator_for(json.loads(schema.read_text(encoding="utf-8")))


def _errors(validator, document: Any, label: str) -> list[str]:
    out = []
    for error in validator.iter_errors(document):
        place = "/".join(str(part) for part in error.instance_path) or "(top)"
        out.append(f"{label}: {place}: {error.message}")
    return out


def _named_sources(node: Any, at: str = "content"):
    """(place, id) of every `source` an entry names, anywhere in the content."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "source" and isinstance(value, str):
                yield at, value
            else:
                yield from _named_sources(value, f"{at}/{key}")
    elif isinstance(node, list):
        for number, value in enumerate(node):
            yield from _named_sources(value, f"{at}/{number}")


def _replace_sources(node: Any, cite) -> Any:
    if isinstance(node, dict):
        return {
            key: cite(value)
            if key == "source" and isinstance(value, str)
            else _replace_sources(value, cite)
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_replace_sources(value, cite) for value in node]
    return node


def problems(document: Any, schema: Path | None) -> list[str]:
    """Everything in a data file's document that breaks the contract (empty when it keeps it):
    the envelope, the file's own schema (a file without one is refused), and sources named but
    not listed."""
    found = _errors(_validator(ENVELOPE), document, "envelope")
    if schema is None or not schema.exists():
        found.append(f"no schema: {schema}")
    else:
        found += _errors(_validator(schema), document, schema.name)
    if found or not isinstance(document, dict):
        return found
    listed = [source["id"] for source in document["sources"]]
    found += [
        f"sources: {name} is listed twice" for name in sorted(set(listed)) if listed.count(name) > 1
    ]
    named = list(_named_sources(document["content"]))
    named += [("source", document["source"])] if "source" in document else []
    named += [(f"section_sources/{k}", v) for k, v in document.get("section_sources", {}).items()]
    found += [
        f"{at}: source {name!r} is not one of the file's sources"
        for at, name in named
        if name not in listed
    ]
    for section in document.get("section_sources", {}):
        if section not in document["content"]:
            found.append(f"section_sources: {section!r} is not a part of the content")
    return found


def read(where: Path | str | tuple[str, str]) -> DataFile:
    """A data file, checked against the contract; DataFileError says every problem at once."""
    path = path_of(where)
    document = json.loads(path.read_text(encoding="utf-8"))
    found = problems(document, schema_path(path))
    if found:
        raise DataFileError(f"{path}:\n" + "\n".join(found))
    return DataFile(
        path=path,
        version=document["version"],
        effective_from=document.get("effective_from"),
        description=document["description"],
        sources={source["id"]: source for source in document["sources"]},
        content=document["content"],
        source=document.get("source"),
        source_note=document.get("source_note"),
    )


def load(where: Path | str | tuple[str, str], cited: bool = False) -> Any:
    """The content of a data file, checked; with `cited`, each entry's source in words."""
    file = read(where)
    return file.cited() if cited else file.content


def envelope(
    content: Any,
    *,
    version: str,
    description: str,
    sources: list[dict],
    effective_from: str | None = None,
    **file_level: Any,
) -> dict:
    """A document in the envelope's key order, for code that writes a data file
    (reference/build_places.py); `file_level` takes source, source_note or section_sources."""
    document: dict[str, Any] = {"version": version}
    if effective_from:
        document["effective_from"] = effective_from
    document |= {"description": description, "sources": sources, **file_level, "content": content}
    return document


def dumps(document: Any, indent: int = 1, width: int = 100) -> str:
    """A data file's text: one key per line, a container of plain values on one line when it is
    short (a postcode district's authorities, a list of names), so files stay readable and diffs
    small."""

    def flat(node: Any) -> bool:
        return all(
            not isinstance(v, dict | list)
            for v in (node.values() if isinstance(node, dict) else node)
        )

    def write(node: Any, depth: int) -> str:
        if not isinstance(node, dict | list) or not node:
            return json.dumps(node, ensure_ascii=False)
        one_line = json.dumps(node, ensure_ascii=False)
        if flat(node) and len(one_line) + depth * indent <= width:
            return one_line
        pad, inner = " " * (indent * depth), " " * (indent * (depth + 1))
        if isinstance(node, dict):
            items = [
                f"{inner}{json.dumps(k, ensure_ascii=False)}: {write(v, depth + 1)}"
                for k, v in node.items()
            ]
            return "{\n" + ",\n".join(items) + f"\n{pad}}}"
        items = [f"{inner}{write(v, depth + 1)}" for v in node]
        return "[\n" + ",\n".join(items) + f"\n{pad}]"

    return write(document, 0) + "\n"
