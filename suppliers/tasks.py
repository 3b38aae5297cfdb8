"""Supplier work for the background worker (jobs/): resolving names into the supplier register,
then placing payees in the public registers (suppliers/placing.py)."""

from jobs.registry import kind
from suppliers import placing, resolving


@kind("suppliers.resolve", "Match payees and notices' suppliers to the supplier register")
def resolve(job, progress) -> dict:
    """Resolution first (which names are one supplier), then register matching (which company,
    charity or public body each payee is); each reports its own progress."""
    summary = resolving.run(lambda message: progress(f"Resolving suppliers: {message}")).as_json()
    placed = placing.run(progress=lambda message: progress(f"Placing payees: {message}"))
    return {**summary, "placing": placed.as_json()}
