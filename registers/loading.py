"""Loading register files into the database: every table of a file recognised and read
(registers/formats), its rows staged in a temporary table and merged set-wise
(registers/staging.py: new entries inserted, changed ones updated, the rest counted unchanged),
then names and facts added to entries other files loaded (registers/supplementing.py). One
transaction per file; a row that cannot be read is kept as a RegisterRejection with its reason
and never stops the rest."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from django.db import transaction

from core.bulk import insert_rows
from registers.formats.base import Entry, Lsoa, Place, Supplement
from registers.models import RegisterLoad, RegisterRejection
from registers.outcomes import Outcome, Report, Skipped
from registers.recognise import NotRecognised, Recognised, recognise
from registers.staging import BATCH, Stage
from registers.supplementing import supplement
from registers.tables import FileProblem, tables

SUPPLEMENTING = {"mysociety-la-names", "mysociety-la-gss", "rsp-numbers"}
PROGRESS_EVERY = 250_000


Progress = Callable[[str], None]


def files_in(path: Path) -> Iterator[Path]:
    if path.is_dir():
        yield from sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
    else:
        yield path


def load_paths(paths: list[Path], progress: Progress = lambda line: None) -> Report:
    """Load every file (a folder: every file in it it recognises, listing what it skipped)."""
    report = Report()
    for root in paths:
        if not root.exists():
            raise FileProblem(f"{root}: no such file or folder")
        in_folder = root.is_dir()
        for path in sorted(files_in(root), key=adds_to_others):
            try:
                report.loaded += load_file(path, progress)
            except (NotRecognised, FileProblem) as problem:
                if not in_folder:
                    raise
                report.skipped.append(Skipped(str(path), str(problem).split("\n")[0]))
    return report


def adds_to_others(path: Path) -> bool:
    """Files that add names or facts to entries of another file (council name variants) go after
    the others of a folder, so that the entries they add to are there."""
    opened = tables(path)
    try:
        for table in opened:
            return recognise(table.label, table.rows).format.name in SUPPLEMENTING
    except (NotRecognised, FileProblem):
        return False
    finally:
        opened.close()
    return False


def load_file(path: Path, progress: Progress = lambda line: None) -> list[Outcome]:
    """Every table of one file recognised and loaded, each in its own transaction. A workbook's
    sheets that no format knows are passed over when another sheet is recognised."""
    digest = _digest(path)
    outcomes, unknown = [], []
    for table in tables(path):
        try:
            recognised = recognise(table.label, table.rows)
        except NotRecognised as problem:
            unknown.append(problem)
            continue
        outcomes.append(load_table(str(path), table.label, recognised, digest, progress))
    if unknown and not outcomes:
        if len(unknown) == 1:
            raise unknown[0]
        raise NotRecognised(
            f"{path.name}: none of its {len(unknown)} sheets or members is a "
            f"register AnchorHub knows. {str(unknown[0]).split('. ', 1)[-1]}"
        )
    return outcomes


def _digest(path: Path) -> str:
    sha = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(1 << 20):
            sha.update(chunk)
    return sha.hexdigest()


@transaction.atomic
def load_table(
    path: str,
    label: str,
    recognised: Recognised,
    digest: str = "",
    progress: Progress = lambda line: None,
) -> Outcome:
    started = time.perf_counter()
    fmt = recognised.format
    load = RegisterLoad.objects.create(
        register=fmt.register, source_name=label[:500], digest=digest
    )
    outcome = Outcome(path=label, register=fmt.register, format=fmt.name, load_id=load.pk)
    progress(f"{label}: {fmt.name} ({fmt.register})")
    stage = Stage(fmt.register, load.pk)
    rejections = []
    supplements: list[tuple[int, list[str], Supplement]] = []
    for number, cells, item in fmt.read(recognised.header, recognised.rows):
        outcome.rows_read += 1
        if isinstance(item, Entry):
            problem = stage.add_entry(number, item)
        elif isinstance(item, Place):
            problem = stage.add_place(number, item)
        elif isinstance(item, Lsoa):
            problem = stage.add_small_area(number, item)
        elif isinstance(item, Supplement):
            supplements.append((number, cells, item))
            problem = None
        else:
            problem = item.reason
        if problem:
            outcome.rejected += 1
            rejections.append((load.pk, number, problem, [c[:500] for c in cells[:80]]))
            if len(rejections) >= BATCH:
                _reject(rejections)
                rejections = []
        if outcome.rows_read % PROGRESS_EVERY == 0:
            progress(f"  {label}: {outcome.rows_read:,} rows read")
    try:
        stage.flush(final=True)
        stage.wait()
    finally:
        stage.close()
    _reject(rejections)
    merging = time.perf_counter()
    if stage.kind == "entries":
        merged = stage.merge_entries()
    elif stage.kind:
        merged = stage.merge_keyed()
    else:
        merged = (0, 0, 0)
    outcome.new, outcome.updated, distinct = merged
    if supplements:
        new_rejections, updated, unchanged = supplement(load.pk, supplements)
        outcome.rejected += len(new_rejections)
        _reject(new_rejections)
        outcome.updated += updated
        distinct += updated + unchanged
    outcome.unchanged = distinct - outcome.new - outcome.updated
    outcome.repeated = outcome.rows_read - outcome.rejected - distinct
    outcome.seconds = round(time.perf_counter() - started, 2)
    outcome.merge_seconds = round(time.perf_counter() - merging, 2)
    RegisterLoad.objects.filter(pk=load.pk).update(
        rows_read=outcome.rows_read,
        entries_new=outcome.new,
        entries_updated=outcome.updated,
        entries_unchanged=outcome.unchanged,
        rows_rejected=outcome.rejected,
        seconds=outcome.seconds,
    )
    progress(
        f"  {label}: {outcome.rows_read:,} rows: {outcome.new:,} new, {outcome.updated:,} "
        f"updated, {outcome.unchanged:,} unchanged, {outcome.rejected:,} rejected "
        f"({outcome.seconds} s, of which {outcome.merge_seconds} s merging)"
    )
    return outcome


def _reject(rows: list[tuple]) -> None:
    if not rows:
        return
    insert_rows(RegisterRejection, ["load_id", "row_number", "reason", "cells"], rows)
