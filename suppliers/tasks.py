"""Supplier work for the background worker (jobs/): resolving names into the supplier register."""

from jobs.registry import kind
from suppliers import resolving


@kind("suppliers.resolve", "Match payees and notices' suppliers to the supplier register")
def resolve(job, progress) -> dict:
    return resolving.run(lambda message: progress(message)).as_json()
