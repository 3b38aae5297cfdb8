"""Spend work that runs in the background worker (jobs/, decision 0009): reading an uploaded file
for the column check, importing it, the command line's `import_spend --background`, and what
follows: payees resolved into the supplier register, then placed in the public registers (the
`suppliers.resolve` kind, named for the register it fills)."""

from __future__ import annotations

from pathlib import Path

from django.db import transaction
from django.urls import reverse

from jobs.models import Job
from jobs.queue import enqueue
from jobs.registry import JobFailed, kind
from network.models import Organisation
from spend import payee_placing, payee_resolution
from spend.importing import ImportProblem, SpendImporter
from spend.models import PendingUpload, SpendImport
from spend.reading import FileProblem, read_tables

# Rows of the first table kept for the column check: the header is looked for in the first lines
# and the columns are checked against the 200 values below it (spend/columns.py).
HEAD_ROWS = 260


def discard(pending: PendingUpload) -> None:
    pending.file.delete(save=False)
    pending.delete()


def _pending(job: Job) -> PendingUpload:
    pending = PendingUpload.objects.filter(pk=job.params.get("pending")).first()
    if pending is None:
        raise JobFailed(
            "The uploaded file is no longer waiting: it was imported or discarded. Upload it again."
        )
    return pending


@kind("spend.inspect", "Read an uploaded payment file", follow_when_done=True)
def inspect_upload(job: Job, progress) -> dict:
    pending = _pending(job)
    progress(f"Reading {pending.original_name}")
    try:
        tables = read_tables(Path(pending.file.path))
    except FileProblem as problem:
        discard(pending)
        raise JobFailed(f"{problem}. Nothing was kept: upload a corrected file.") from None
    first = tables[0]
    pending.table_name = first.name[:500]
    pending.head = first.rows[:HEAD_ROWS]
    pending.rows_in_file = sum(len(table.rows) for table in tables)
    pending.tables_in_file = len(tables)
    pending.save(update_fields=["table_name", "head", "rows_in_file", "tables_in_file"])
    return {"rows": pending.rows_in_file, "tables": pending.tables_in_file}


def resolve_after_import(job: Job, imports: list[int]) -> Job:
    """Payees paid for the first time are matched to suppliers and the registers next (one such
    job at a time: a job already waiting does the work for these payees too). The job is recorded
    on each import, whose page follows it."""
    followup = enqueue(
        "suppliers.resolve",
        title="Match payees and notices' suppliers to the supplier register",
        organisation=job.organisation,
        key="suppliers.resolve:after-import",
        source=Job.Source.JOB,
    )
    SpendImport.objects.filter(pk__in=imports).update(followup_job=followup)
    return followup


@kind("spend.import", "Import a payment file", follow_when_done=True)
def import_upload(job: Job, progress) -> dict:
    pending = _pending(job)
    importer = SpendImporter(
        pending.buyer,
        pending.uploaded_by,
        mapping=job.params["mapping"],
        header_row=job.params["header_row"],
        progress=progress,
        publisher_confirmed=job.params.get("publisher_confirmed", False),
    )
    try:
        with transaction.atomic():
            result = importer.import_files([Path(pending.file.path)])
    except ImportProblem as problem:
        # The file stays waiting, so its columns can be chosen again (the job's next page).
        raise JobFailed(f"{problem} Nothing was imported.") from None
    discard(pending)
    job.next_url = reverse("spend:import", args=[result.imports[0]])
    job.save(update_fields=["next_url"])
    if result.rows_imported:
        resolve_after_import(job, result.imports)
    return result.as_json()


@kind("spend.import_files", "Import payment files")
def import_files(job: Job, progress) -> dict:
    """`anchorhub import_spend --background`: files on the server, as the command would."""
    buyer = Organisation.objects.filter(pk=job.params["buyer"]).first()
    if buyer is None:
        raise JobFailed("The buyer of these files no longer exists.")
    importer = SpendImporter(
        buyer,
        job.created_by,
        mapping=job.params.get("mapping"),
        progress=progress,
        publisher_confirmed=job.params.get("publisher_confirmed", False),
    )
    try:
        result = importer.import_files([Path(p) for p in job.params["paths"]])
    except ImportProblem as problem:
        raise JobFailed(f"{problem} Nothing was imported.") from None
    if result.imports:
        job.next_url = reverse("spend:import", args=[result.imports[0]])
        job.save(update_fields=["next_url"])
    if result.rows_imported and job.params.get("followup", True):
        resolve_after_import(job, result.imports)
    return result.as_json()


@kind("suppliers.resolve", "Match payees and notices' suppliers to the supplier register")
def resolve(job, progress) -> dict:
    """Resolution first (which names are one supplier), then register matching (which company,
    charity or public body each payee is), each with its progress. When placing changed any payee,
    resolution runs once more: names placed in one register entry are one supplier. Placing does
    not read suppliers, so the second resolution is the last."""
    summary = payee_resolution.run(
        lambda message: progress(f"Resolving suppliers: {message}")
    ).as_json()
    placed = payee_placing.run(progress=lambda message: progress(f"Placing payees: {message}"))
    if placed.changed:
        again = lambda message: progress(f"Resolving suppliers with their places: {message}")  # noqa: E731
        summary = payee_resolution.run(again).as_json()
    return {**summary, "placing": placed.as_json()}
