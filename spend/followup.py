"""What follows every import: payees matched to the supplier register (spend/payee_resolution.py)
and to the public registers, which places, sizes and sorts them by sector (spend/payee_placing.py),
so the ledger is complete the day a file lands. In the background the `suppliers.resolve` job does
both (spend/tasks.py queues it and records it on each import); `import_spend` without
`--background` runs them here, one after the other."""

from __future__ import annotations

from spend import payee_placing, payee_resolution


def _as_json(result) -> dict:
    if hasattr(result, "as_json"):
        return result.as_json()
    return dict(result or {})


def run_inline(buyer_ids: list[int], progress=None) -> dict:
    """Resolution over every name, then register matching of these buyers' payees; each step's
    summary under `resolution` and `placing`."""
    say = progress or (lambda stage, *_: None)
    resolution = payee_resolution.run(say)
    placed = payee_placing.run(buyer_ids=buyer_ids, progress=progress)
    return {"resolution": _as_json(resolution), "placing": _as_json(placed)}


def describe(summary: dict) -> list[str]:
    """One line per step for the command's output: its figures as `name value`."""
    lines = []
    for step, label in (("resolution", "Suppliers resolved"), ("placing", "Registers matched")):
        figures = summary.get(step) or {}
        shown = ", ".join(
            f"{key.replace('_', ' ')} {value:,}" if isinstance(value, int) else f"{key} {value}"
            for key, value in figures.items()
            if isinstance(value, int | float | str) and not isinstance(value, bool)
        )
        lines.append(f"{label}: {shown or 'nothing to do'}")
    return lines
