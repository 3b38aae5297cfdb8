"""Supplier work for the background worker (jobs/): resolving names into the supplier register,
then placing payees in the public registers (suppliers/placing.py)."""

from jobs.registry import kind
from suppliers import placing, resolving


@kind("suppliers.resolve", "Match payees and notices' suppliers to the supplier register")
def resolve(job, progress) -> dict:
    """Resolution first (which names are one supplier), then register matching (which company,
    charity or public body each payee is), each with its progress. When placing changed any payee,
    resolution runs once more: names placed in one register entry are one supplier. Placing does
    not read suppliers, so the second resolution is the last."""
    summary = resolving.run(lambda message: progress(f"Resolving suppliers: {message}")).as_json()
    placed = placing.run(progress=lambda message: progress(f"Placing payees: {message}"))
    if placed.changed:
        again = lambda message: progress(f"Resolving suppliers with their places: {message}")  # noqa: E731
        summary = resolving.run(again).as_json()
    return {**summary, "placing": placed.as_json()}
