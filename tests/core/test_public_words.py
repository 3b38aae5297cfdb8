"""No page names the project's internal files: readers cannot open RULES.md or "RULES section 5",
so every template cites the public source itself."""

import re
from pathlib import Path

from django.conf import settings

INTERNAL = re.compile(r"RULES(\.md| section)|\b[A-Z]+\.md\b|\.\./shared/")


def test_no_template_cites_an_internal_file():
    root = Path(settings.BASE_DIR)
    found = [
        f"{path.relative_to(root)}: {match.group(0)}"
        for path in root.glob("*/templates/**/*.html")
        for match in INTERNAL.finditer(path.read_text(encoding="utf-8"))
    ]
    assert found == []
