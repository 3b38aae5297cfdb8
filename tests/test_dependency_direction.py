"""The dependency direction between apps (docs/ARCHITECTURE.md, "Dependency direction"; decision
0024): an app imports only apps in lower layers, never a peer, and no two apps import each other
round a cycle; demo code is imported only by demo commands. The layers are read from the table in
ARCHITECTURE.md, so the page and this test cannot disagree. The import graph is grimp's, which
counts imports inside functions and under TYPE_CHECKING as imports. No database."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import grimp
import pytest

ARCHITECTURE = Path(__file__).resolve().parent.parent / "docs" / "ARCHITECTURE.md"
SAMPLE = re.compile(r"(^|\.)sample_\w+$")
# Who may import demo code: the demo commands, the demo app, and other sample modules.
DEMO_IMPORTERS = re.compile(
    r"(^demo(\.|$))|(\.management\.commands\.demo_\w+$)|((^|\.)sample_\w+$)"
)


@dataclass(frozen=True)
class Rules:
    layers: dict[str, int]  # app → its layer, 0 the lowest
    exempt: frozenset[str]  # composition roots: modules (or packages) that may import any app

    def is_exempt(self, module: str) -> bool:
        return any(module == name or module.startswith(name + ".") for name in self.exempt)


def read_rules(text: str) -> Rules:
    """The layers table and the composition roots' line of the "Dependency direction" section."""
    section = text.split("## Dependency direction", 1)[1].split("\n## ", 1)[0]
    layers = {}
    for number, apps in re.findall(r"^\| (\d+) \| ([^|]+) \|", section, re.MULTILINE):
        for app in re.findall(r"`(\w+)`", apps):
            layers[app] = int(number)
    roots = re.search(r"^Composition roots.*$", section, re.MULTILINE)
    exempt = frozenset(re.findall(r"`([\w.]+)`", roots.group(0))) if roots else frozenset()
    return Rules(layers, exempt)


def app_of(module: str) -> str:
    return module.split(".", 1)[0]


def _imports(graph, rules: Rules):
    """(importer, imported, line numbers) for every import from one app to another."""
    for importer in sorted(graph.modules):
        if rules.is_exempt(importer):
            continue
        for imported in sorted(graph.find_modules_directly_imported_by(importer)):
            if app_of(importer) != app_of(imported):
                details = graph.get_import_details(importer=importer, imported=imported)
                yield importer, imported, sorted(d["line_number"] for d in details)


def against_direction(graph, rules: Rules) -> list[str]:
    """Each import from an app to one in its own layer or above, with its line numbers."""
    found = []
    for importer, imported, lines in _imports(graph, rules):
        low, high = rules.layers.get(app_of(importer)), rules.layers.get(app_of(imported))
        if low is not None and high is not None and high >= low:
            kind = "peer" if high == low else "upward"
            at = ", ".join(map(str, lines))
            found.append(f"{importer} -> {imported} (line {at}): {kind}, layer {low} -> {high}")
    return found


def cycles(graph, rules: Rules) -> list[set[str]]:
    """Groups of apps that import each other round a cycle (strongly connected, two or more)."""
    edges: dict[str, set[str]] = {app: set() for app in rules.layers}
    for importer, imported, _lines in _imports(graph, rules):
        if app_of(importer) in edges and app_of(imported) in edges:
            edges[app_of(importer)].add(app_of(imported))

    def reachable(start: str) -> set[str]:
        seen, todo = set(), [start]
        while todo:
            for following in edges[todo.pop()] - seen:
                seen.add(following)
                todo.append(following)
        return seen

    reach = {app: reachable(app) for app in edges}
    groups = []
    for app in sorted(edges):
        group = {app} | {other for other in reach[app] if app in reach[other]}
        if len(group) > 1 and group not in groups:
            groups.append(group)
    return groups


def demo_code_imported(graph, rules: Rules) -> list[str]:
    """Sample modules imported by anything but demo commands, the demo app or other samples."""
    return [
        f"{importer} -> {imported}"
        for importer in sorted(graph.modules)
        if not DEMO_IMPORTERS.search(importer) and not rules.is_exempt(importer)
        for imported in sorted(graph.find_modules_directly_imported_by(importer))
        if SAMPLE.search(imported)
    ]


def report(graph, rules: Rules) -> list[str]:
    return (
        against_direction(graph, rules)
        + [f"cycle between {', '.join(sorted(group))}" for group in cycles(graph, rules)]
        + [f"demo code: {line}" for line in demo_code_imported(graph, rules)]
    )


RULES = read_rules(ARCHITECTURE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def project():
    return grimp.build_graph(*sorted(RULES.layers), cache_dir=None)


def test_the_layers_name_every_app_once():
    root = ARCHITECTURE.parent.parent
    apps = {path.parent.name for path in root.glob("*/apps.py")}
    assert set(RULES.layers) == apps
    assert RULES.layers["core"] == 0 and RULES.layers["demo"] == max(RULES.layers.values())
    assert RULES.exempt == {"core.urls", "core.api"}


def test_no_app_imports_against_the_direction(project):
    found = against_direction(project, RULES)
    assert not found, "Imports against the direction:\n" + "\n".join(found)


def test_no_cycle_between_apps(project):
    found = cycles(project, RULES)
    assert not found, "Cycles: " + "; ".join(", ".join(sorted(group)) for group in found)


def test_demo_code_is_imported_only_by_demo_commands(project):
    found = demo_code_imported(project, RULES)
    assert not found, "Demo code imported by:\n" + "\n".join(found)


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_the_checker_reports_what_breaks_the_direction(tmp_path, monkeypatch):
    """A deliberate failing case: a throwaway set of apps with an upward import tucked inside a
    function, a peer import, a cycle, demo code imported by an app, and a composition root that
    imports upward (allowed). The same checker must report exactly the four."""
    _write(
        tmp_path,
        {
            "lowapp/__init__.py": "",
            "lowapp/names.py": "def name():\n    from highapp import pages\n\n    return pages\n",
            "lowapp/urls.py": "import highapp.pages\n",
            "lowapp/sample_things.py": "",
            "lowapp/management/__init__.py": "",
            "lowapp/management/commands/__init__.py": "",
            "lowapp/management/commands/demo_things.py": "from lowapp import sample_things\n",
            "highapp/__init__.py": "",
            "highapp/pages.py": "from lowapp import names, sample_things\nimport peerapp.pages\n",
            "peerapp/__init__.py": "",
            "peerapp/pages.py": "",
        },
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    graph = grimp.build_graph("lowapp", "highapp", "peerapp", cache_dir=None)
    rules = read_rules(
        "## Dependency direction\n\n| layer | apps |\n| --- | --- |\n| 0 | `lowapp` |\n"
        "| 1 | `highapp`, `peerapp` |\n\nComposition roots: `lowapp.urls`.\n"
    )
    assert rules == Rules({"lowapp": 0, "highapp": 1, "peerapp": 1}, frozenset({"lowapp.urls"}))
    assert report(graph, rules) == [
        "highapp.pages -> peerapp.pages (line 2): peer, layer 1 -> 1",
        "lowapp.names -> highapp.pages (line 2): upward, layer 0 -> 1",
        "cycle between highapp, lowapp",
        "demo code: highapp.pages -> lowapp.sample_things",
    ]
