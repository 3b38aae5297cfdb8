"""Import a buyer's payment file: read it, find its header, map its columns (given, remembered or
suggested), turn each row into a payment or a rejection, and store it all in one transaction.

Every source row is imported, rejected with its reason, or skipped as a duplicate of a row already
imported for this buyer; blank records are counted apart. Importing the same file again adds nothing.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import polars as pl
from django.db import connection, transaction

from core.bulk import BackgroundCopy, insert_rows
from core.maintenance import analyse
from network.models import Organisation
from spend.columnar import parse_rows
from spend.columns import (
    HEADER_SEARCH_ROWS,
    REQUIRED,
    labels,
    mapping_from_names,
    normalise,
    suggest,
)
from spend.models import ColumnMapping, Payee, Payment, RejectedRow, SpendImport
from spend.publisher import Named, named_publishers, other_publisher
from spend.publisher import warning as publisher_warning
from spend.publisher_lookup import buyer_identity
from spend.reading import FileProblem, Table, read_tables


class ImportProblem(ValueError):
    """The file cannot be imported as it is; the message says what is wrong and what to do."""


class PublisherProblem(ImportProblem):
    """The file names another publisher than the buyer, and no one said to go on."""


@dataclass
class ImportResult:
    rows_read: int = 0
    rows_imported: int = 0
    rows_rejected: int = 0
    rows_redacted: int = 0
    duplicates_skipped: int = 0
    blank_rows: int = 0
    total_amount: Decimal = Decimal(0)
    mapping: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0
    imports: list[int] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    publishers_named: list[str] = field(default_factory=list)  # other publishers, gone on with

    def add(self, other: SpendImport) -> None:
        if other.publisher_named and other.publisher_named not in self.publishers_named:
            self.publishers_named.append(other.publisher_named)
        self.rows_read += other.rows_read
        self.rows_imported += other.rows_imported
        self.rows_rejected += other.rows_rejected
        self.rows_redacted += other.rows_redacted
        self.duplicates_skipped += other.duplicates_skipped
        self.blank_rows += other.blank_rows
        self.total_amount += other.total_amount
        self.mapping.update(other.mapping)

    def as_json(self) -> dict:
        return {
            "rows_read": self.rows_read,
            "rows_imported": self.rows_imported,
            "rows_rejected": self.rows_rejected,
            "rows_redacted": self.rows_redacted,
            "duplicates_skipped": self.duplicates_skipped,
            "total_amount": str(self.total_amount),
            "mapping": self.mapping,
            "seconds": round(self.seconds, 3),
            "imports": self.imports,
            "publisher_named": self.publishers_named,
        }


def find_buyer(name: str) -> Organisation:
    """The anchor whose payments these are, by name (any case) or slug."""
    buyer = (
        Organisation.objects.filter(name__iexact=name.strip()).first()
        or Organisation.objects.filter(slug=name.strip()).first()
    )
    if buyer is None:
        close = Organisation.objects.filter(name__icontains=name.strip()[:20]).values_list(
            "name", flat=True
        )[:5]
        hint = f" Did you mean: {', '.join(close)}?" if close else ""
        raise ImportProblem(f"No organisation called {name!r}.{hint}")
    return buyer


def header_key(headers: list[str]) -> str:
    return hashlib.sha256("|".join(normalise(h) for h in headers).encode()).hexdigest()


def file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def proposed_mapping(
    buyer: Organisation, table: Table, remembered: dict[str, ColumnMapping] | None = None
) -> tuple[int | None, dict[str, str], bool]:
    """The header row (None if not found) and field → column name to propose for this file: the
    mapping confirmed before for one of its first rows' headers, else one suggested from the names
    and values; and whether it was remembered. `remembered`: the buyer's mappings by header key,
    when already fetched."""
    keys = {header_key(row): index for index, row in enumerate(table.rows[:HEADER_SEARCH_ROWS])}
    if remembered is not None:
        known = next((remembered[key] for key in keys if key in remembered), None)
    else:
        known = ColumnMapping.objects.filter(buyer=buyer, header_key__in=keys).first()
    if known is not None:
        return keys[known.header_key], known.mapping, True
    found = suggest(table.rows)
    return found.header_row, found.by_name(), False


class SpendImporter:
    def __init__(
        self,
        buyer: Organisation,
        user=None,
        mapping: dict[str, str] | None = None,
        header_row: int | None = None,
        progress=None,
        publisher_confirmed: bool = False,
    ):
        """`mapping`: field → column name, as confirmed by a person or given in a file;
        `header_row` (0-based) with it when the person said which row names the columns;
        `progress(stage, done, total)` is told how far the import has gone (a job's page);
        `publisher_confirmed`: go on with a file that names another publisher than the buyer
        (otherwise it is refused before anything is stored, spend/publisher.py)."""
        self.progress = progress or (lambda stage, done=None, total=None: None)
        self.buyer = buyer
        self.user = user
        self.given_mapping = mapping
        self.given_header_row = header_row
        self._first = False
        self._stored: set[str] = set()
        self._mappings: dict[str, ColumnMapping] | None = None
        self._earlier: dict[str, SpendImport] = {}
        self._writer: BackgroundCopy | None = None
        self._payees: dict[tuple, int] = {}
        self.publisher_confirmed = publisher_confirmed
        self._identity = None

    def import_files(self, paths: list[Path]) -> ImportResult:
        started = time.perf_counter()
        result = ImportResult()
        with transaction.atomic():
            # A buyer's first import checks its rows against this import's own, kept here,
            # rather than asking the database for each batch.
            self._first = not Payment.objects.filter(buyer=self.buyer).exists()
            self._stored = set()
            # What is known before the files are read, so that reading and parsing one file
            # need no query and run while PostgreSQL stores the previous one (BackgroundCopy).
            self._mappings = {
                known.header_key: known for known in ColumnMapping.objects.filter(buyer=self.buyer)
            }
            self._earlier = {}
            # A withdrawn import's file may come again (its payments are gone).
            earlier = SpendImport.objects.filter(buyer=self.buyer, withdrawn_at__isnull=True)
            for record in earlier.order_by("created_at"):
                self._earlier.setdefault(record.digest, record)
            self._payees = {
                tuple(row[:-1]): row[-1]
                for row in Payee.objects.filter(buyer=self.buyer).values_list(*Payee.KEY, "pk")
            }
            self._writer = BackgroundCopy()
            try:
                for number, path in enumerate(paths, start=1):
                    self.progress(f"Reading {path.name}", number - 1, len(paths))
                    for record in self.import_file(path, result):
                        result.add(record)
                        result.imports.append(record.pk)
                self.progress("Storing the payments")
            finally:
                self._writer.close()
        if result.rows_imported >= 10_000:
            refresh_statistics()
        result.seconds = time.perf_counter() - started
        return result

    def choose_mapping(self, table: Table) -> tuple[int, dict[str, int]]:
        """The header row and field → column index: given, else remembered, else suggested."""
        if self.given_mapping is not None:
            header_row = self.given_header_row
            if header_row is None:
                header_row = suggest(table.rows).header_row or 0
            names = self.given_mapping
            if header_row >= len(table.rows):
                raise ImportProblem(f"{table.name}: has no row {header_row + 1}")
        else:
            header_row, names, _remembered = proposed_mapping(self.buyer, table, self._mappings)
            if header_row is None:
                raise ImportProblem(
                    f"{table.name}: no header row found in the first lines (looked for column "
                    "names such as 'Supplier Name', 'Amount', 'Payment Date'). Give a mapping file "
                    "(--mapping) naming the columns."
                )
        headers = [cell.strip() for cell in table.rows[header_row]] if table.rows else []
        try:
            mapping = mapping_from_names(headers, names)
        except KeyError as missing:
            raise ImportProblem(
                f"{table.name}: the mapping names a column {missing.args[0]!r} that this file does "
                f"not have. Its columns are: {', '.join(h for h in headers if h)}."
            ) from None
        absent = [name for name in REQUIRED if name not in mapping]
        if absent:
            wanted = ", ".join(labels()[name] for name in absent)
            candidates = suggest(table.rows).candidates
            could = "".join(
                f" The {labels()[name].lower()} could be in any of: "
                + ", ".join(f"“{column}”" for column in candidates[name])
                + "."
                for name in absent
                if candidates.get(name)
            )
            raise ImportProblem(
                f"{table.name}: cannot tell which column holds: {wanted}.{could} Its columns "
                f"are: {', '.join(h for h in headers if h)}. Confirm the columns on the upload "
                "page, or give a mapping file (--mapping)."
            )
        return header_row, mapping

    def remember(self, headers: list[str], mapping: dict[str, int]) -> None:
        """Keep this buyer's mapping for files with these headers."""
        remembered, _ = ColumnMapping.objects.update_or_create(
            buyer=self.buyer,
            header_key=header_key(headers),
            defaults={
                "headers": headers,
                "mapping": {name: headers[index] for name, index in mapping.items()},
                "confirmed_by": self.user,
            },
        )
        if self._mappings is not None:
            self._mappings[remembered.header_key] = remembered

    def import_file(self, path: Path, result: ImportResult) -> list[SpendImport]:
        """One file, inside import_files (which prepares what this needs and ends the writes)."""
        try:
            tables = read_tables(path)
        except FileProblem as problem:
            raise ImportProblem(str(problem)) from None
        digest = file_digest(path)
        earlier = self._earlier.get(digest)
        if earlier is not None:
            # The very same file again: nothing to add, and every row is a duplicate.
            result.notes.append(
                f"{path.name} was imported before ({earlier.created_at:%d %B %Y}); nothing added"
            )
            again = SpendImport(
                rows_read=earlier.rows_read,
                duplicates_skipped=earlier.rows_read,
                blank_rows=earlier.blank_rows,
                total_amount=Decimal(0),
                mapping=earlier.mapping,
            )
            again.pk = earlier.pk
            return [again]
        return [self._import_table(table, digest) for table in tables]

    def other_publisher(self, table: Table, header_row: int) -> Named | None:
        """The publisher this table names when it is not the buyer (spend/publisher.py)."""
        if self._identity is None:
            self._identity = buyer_identity(self.buyer)
        return other_publisher(named_publishers(table.rows, header_row), self._identity)

    def _import_table(self, table: Table, digest: str) -> SpendImport:
        header_row, mapping = self.choose_mapping(table)
        headers = [cell.strip() for cell in table.rows[header_row]]
        named = self.other_publisher(table, header_row)
        if named is not None and not self.publisher_confirmed:
            raise PublisherProblem(
                f"{table.name}: {publisher_warning(named, self.buyer.name)} Check that the file "
                f"and the buyer are the right ones; if these are {self.buyer.name}'s payments all "
                "the same, import it again saying so (on the command line: "
                "--publisher-confirmed)."
            )
        self.progress(f"Checking {table.name}", 0, len(table.rows) - header_row - 1)
        parsed = parse_rows(table.rows, header_row, mapping)
        self.progress(f"Storing {parsed.rows_read:,} rows of {table.name}")
        # From here the database is used (waiting, if need be, for the previous file's COPY).
        self.remember(headers, mapping)
        record = SpendImport.objects.create(
            buyer=self.buyer,
            source_name=table.name[:500],
            digest=digest,
            imported_by=self.user,
            header_row=header_row + 1,
            mapping={name: headers[index] for name, index in mapping.items()},
            publisher_named=named.name[:300] if named else "",
            publisher_confirmed=named is not None,
        )
        self._earlier.setdefault(digest, record)
        record.rows_read = parsed.rows_read
        record.blank_rows = parsed.blank_rows
        fresh = self._fresh(record, parsed.payments)
        insert_rows(
            RejectedRow,
            ["spend_import_id", "row_number", "reason", "cells"],
            [(record.pk, number, reason, cells) for number, reason, cells in parsed.rejected],
        )
        record.rows_rejected = len(parsed.rejected)
        record.save()
        self._writer.submit(Payment, fresh)  # stored while the next file is read
        return record

    def _fresh(self, record: SpendImport, payments: pl.DataFrame) -> pl.DataFrame:
        """The payments not imported before for this buyer (earlier files and earlier in this
        import alike), counted on the record, ready to store."""
        if payments.is_empty():
            return payments
        digests = payments["row_digest"].to_list()
        if self._first:
            known = [d for d in digests if d in self._stored]
            self._stored.update(digests)
        else:
            self._writer.wait()  # the transaction must hold the earlier files' rows
            known = _known_digests(self.buyer.pk, digests)
        fresh = payments.filter(~pl.col("row_digest").is_in(known)) if known else payments
        record.duplicates_skipped += payments.height - fresh.height
        if fresh.is_empty():
            return fresh
        fresh = self._with_payees(fresh).with_columns(
            buyer_id=pl.lit(self.buyer.pk, dtype=pl.Int64),
            spend_import_id=pl.lit(record.pk, dtype=pl.Int64),
        )
        record.rows_imported += fresh.height
        record.rows_redacted += int(fresh["is_redacted"].sum())
        record.total_amount += Decimal(str(fresh["amount"].sum()))
        return fresh

    def _with_payees(self, payments: pl.DataFrame) -> pl.DataFrame:
        """Each payment's payee (the buyer's name and identifiers for who was paid), added for
        names not seen before."""
        key = list(Payee.KEY)
        names = payments.select(*key, "is_redacted").unique(subset=key, maintain_order=True)
        new = [
            Payee(buyer=self.buyer, is_redacted=redacted, **dict(zip(key, values, strict=True)))
            for *values, redacted in names.iter_rows()
            if tuple(values) not in self._payees
        ]
        for payee in Payee.objects.bulk_create(new, batch_size=2000):
            self._payees[tuple(getattr(payee, name) for name in key)] = payee.pk
        ids = pl.DataFrame(
            [(*values, self._payees[tuple(values)]) for *values, _ in names.iter_rows()],
            schema={**dict.fromkeys(key, pl.String), "payee_id": pl.Int64},
            orient="row",
        )
        return payments.join(ids, on=key, how="left")


def refresh_statistics() -> None:
    """After many payments are written, let PostgreSQL's planner know (as autovacuum would, a
    minute or so later), so the next report sums them by hash rather than by an on-disk sort."""
    analyse(Payment)


def _known_digests(buyer_id: int, digests: list[str]) -> list[str]:
    """Which of these rows the buyer already has: one array look-up on PostgreSQL."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT row_digest FROM {Payment._meta.db_table} "  # noqa: S608 (our table name)
                "WHERE buyer_id = %s AND row_digest = ANY(%s::uuid[])",
                [buyer_id, digests],
            )
            return [row[0].hex for row in cursor.fetchall()]
    found = []
    for start in range(0, len(digests), 500):
        found += [
            digest.hex
            for digest in Payment.objects.filter(
                buyer_id=buyer_id, row_digest__in=digests[start : start + 500]
            ).values_list("row_digest", flat=True)
        ]
    return found
