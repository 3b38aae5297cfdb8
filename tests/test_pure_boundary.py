"""The pure boundary: every module docs/ARCHITECTURE.md lists as pure logic imports nothing that
reaches a database, the network, the search index or settings, at any depth of its own code
(imports inside functions included), and no project module that is not itself listed as pure.

The list is read by `scripts/pure-modules` (also used by `make lint` for mypy), so the page, the
test and the type check cannot drift apart.
"""

from __future__ import annotations

import ast
import importlib.machinery
import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Imported by a pure module, each of these (or anything below it) breaks the boundary.
FORBIDDEN = (
    "django.db",
    "django.conf",
    "psycopg",
    "psycopg2",
    "tantivy",
    "requests",
    "urllib.request",
)

# The project's own top-level packages (apps), found on disk.
PROJECT = frozenset(
    path.parent.name
    for path in ROOT.glob("*/__init__.py")
    if path.parent.name not in {"tests", "bench", "scripts", "node_modules"}
)


def _load_script():
    loader = importlib.machinery.SourceFileLoader(
        "pure_modules", str(ROOT / "scripts" / "pure-modules")
    )
    spec = importlib.util.spec_from_loader("pure_modules", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


SCRIPT = _load_script()
PURE, MISSING = SCRIPT.pure_modules(ROOT)


def _module_name(path: str) -> str:
    name = path.removesuffix(".py").replace("/", ".")
    return name.removesuffix(".__init__")


def _file_of(module: str, root: Path) -> str | None:
    """The repository path of a project module, if it is a file of ours."""
    base = root / module.replace(".", "/")
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return str(candidate.relative_to(root))
    return None


def _forbidden(name: str) -> bool:
    return any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN)


def imported_names(path: str, source: str) -> list[tuple[int, str]]:
    """Every module an import statement anywhere in the source names, with its line: `import a.b`
    gives a.b; `from a import b` gives a.b (b may be a module) and a; relative imports are
    resolved against the module's own package."""
    package = _module_name(path)
    if not path.endswith("__init__.py"):
        package = package.rpartition(".")[0]
    names: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source, filename=path)):
        if isinstance(node, ast.Import):
            names.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".") if package else []
                base = parts[: len(parts) - (node.level - 1)] if node.level > 1 else parts
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            names.append((node.lineno, module))
            if not _forbidden(module):  # `from django.db import a, b`: said once, as django.db
                names.extend((node.lineno, f"{module}.{alias.name}") for alias in node.names)
    return names


def violations(path: str, source: str, pure: set[str], root: Path = ROOT) -> list[str]:
    """What a module's imports break, one line each ("line 3: django.db")."""
    found: list[str] = []
    for line, name in imported_names(path, source):
        if _forbidden(name):
            found.append(f"line {line}: {name}")
        elif name.partition(".")[0] in PROJECT:
            target = _file_of(name, root)
            if target is None:
                continue  # a name inside a module, not a module: its module is checked on its own
            if target.endswith("__init__.py") and target.count("/") == 1 and name.count(".") == 0:
                # `from app import module` names the app's package too; an app's __init__ holds no
                # code of its own (checked below), so only the module it names matters.
                continue
            if target not in pure and target != path:
                found.append(f"line {line}: {name} ({target} is not listed as pure)")
    return list(dict.fromkeys(found))


def test_every_listed_pure_module_exists():
    assert not MISSING, f"docs/ARCHITECTURE.md lists pure modules that do not exist: {MISSING}"
    assert len(PURE) > 20  # the bullet was found and read, not silently empty


def test_app_packages_hold_no_imports():
    # `from app import module` runs app/__init__.py: each app's own __init__ must import nothing.
    for app in sorted(PROJECT):
        tree = ast.parse((ROOT / app / "__init__.py").read_text(encoding="utf-8"))
        imports = [n for n in ast.walk(tree) if isinstance(n, ast.Import | ast.ImportFrom)]
        assert not [
            n for n in imports if not (isinstance(n, ast.ImportFrom) and n.module == "__future__")
        ], app


@pytest.mark.parametrize("path", PURE)
def test_pure_module_imports_nothing_impure(path):
    source = (ROOT / path).read_text(encoding="utf-8")
    assert violations(path, source, set(PURE)) == []


THROWAWAY = '''
"""A module that says it is pure and is not."""
import json
from django.db import models
from django import conf
from reference.thresholds import threshold_test


def later():
    from opportunities import search_index
    import urllib.request
    from .validation import validate

    return search_index, validate
'''


def test_a_deliberately_impure_module_is_reported():
    pure = set(PURE) - {"opportunities/validation.py"}
    found = violations("opportunities/throwaway.py", THROWAWAY, pure)
    assert found == [
        "line 4: django.db",
        "line 5: django.conf",
        "line 10: opportunities.search_index (opportunities/search_index.py is not listed as pure)",
        "line 11: urllib.request",
        "line 12: opportunities.validation (opportunities/validation.py is not listed as pure)",
    ]
    # ... and a pure module importing a pure one is fine.
    assert (
        violations("opportunities/throwaway.py", "from reference import thresholds\n", set(PURE))
        == []
    )


def test_the_list_is_read_from_the_bullet_with_bare_names_in_their_app():
    page = (
        "- **Pure logic** (no database): `core/roles.py`, and in `spend/`: `values.py` (amounts),\n"
        "  `rows.py`; `registers/formats/*.py`; data in `data/places.json`; `suppliers/matching.py`\n"
        "  (with `likeness.py`).\n"
        "- **Rules and taxonomies as data**: `spend/importing.py`\n"
    )
    assert SCRIPT.listed(page) == [
        "core/roles.py",
        "spend/values.py",
        "spend/rows.py",
        "registers/formats/*.py",
        "suppliers/matching.py",
        "suppliers/likeness.py",
    ]
    found, missing = SCRIPT.pure_modules(ROOT, page + "")
    assert "registers/formats/base.py" in found and missing == []
    assert SCRIPT.pure_modules(ROOT, "- **Pure logic**: `spend/nowhere.py`\n")[1] == [
        "spend/nowhere.py"
    ]
