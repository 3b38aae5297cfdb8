import json
import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from suppliers.companies import CompaniesFileProblem, RowProblem, open_text, read_row, rows
from suppliers.models import Company, CompanyLoad

BATCH = 5000
FIELDS = (
    "name",
    "postcode",
    "category",
    "status",
    "accounts_category",
    "sic_codes",
    "incorporated",
)


class Command(BaseCommand):
    help = (
        "Load a Companies House basic company data file (CSV, or the zip Companies House publishes): "
        "registered office postcode, legal form, status, accounts category and SIC codes, which "
        "place suppliers and tell SMEs and VCSEs apart. One transaction per file; loading the same "
        "file again changes nothing; rows that cannot be read are kept with the reason."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, paths, **options):
        started = time.perf_counter()
        totals = dict.fromkeys(
            (
                "rows_read",
                "companies_new",
                "companies_updated",
                "companies_unchanged",
                "rows_rejected",
            ),
            0,
        )
        files = 0
        try:
            for path in paths:
                for name, stream in open_text(path):
                    load = self._load(name, stream)
                    files += 1
                    for key in totals:
                        totals[key] += getattr(load, key)
        except CompaniesFileProblem as problem:
            raise CommandError(f"{problem}. Nothing was loaded from that file.") from None
        result = {"files": files, **totals, "seconds": round(time.perf_counter() - started, 2)}
        if options["json"]:
            self.stdout.write(json.dumps(result))
        else:
            self.stdout.write(
                f"{files} file(s), {totals['rows_read']:,} rows: {totals['companies_new']:,} new, "
                f"{totals['companies_updated']:,} updated, {totals['companies_unchanged']:,} "
                f"unchanged, {totals['rows_rejected']:,} rejected (listed on the load record) in "
                f"{result['seconds']} s"
            )

    @transaction.atomic
    def _load(self, name: str, stream) -> CompanyLoad:
        load = CompanyLoad(source_name=name[:500])
        batch = {}
        for number, cells, row in rows(name, stream):
            load.rows_read += 1
            try:
                if row is None:
                    raise RowProblem("the row's cells do not line up with the header")
                company = read_row(row)
            except RowProblem as reason:
                load.rows_rejected += 1
                load.rejected.append({"row": number, "reason": str(reason), "cells": cells})
                continue
            batch[company.company_number] = company
            if len(batch) >= BATCH:
                self._write(batch, load)
                batch = {}
            if load.rows_read % 100_000 == 0:
                sys.stderr.write(f"  {name}: {load.rows_read:,} rows\n")
        self._write(batch, load)
        load.save()
        return load

    def _write(self, batch: dict, load: CompanyLoad) -> None:
        if not batch:
            return
        existing = {c.company_number: c for c in Company.objects.filter(company_number__in=batch)}
        new, changed = [], []
        for number, row in batch.items():
            values = dict(zip(FIELDS, row.values(), strict=True))
            current = existing.get(number)
            if current is None:
                new.append(Company(company_number=number, **values))
            elif any(getattr(current, k) != v for k, v in values.items()):
                for key, value in values.items():
                    setattr(current, key, value)
                current.updated_at = timezone.now()
                changed.append(current)
            else:
                load.companies_unchanged += 1
        Company.objects.bulk_create(new, batch_size=1000)
        Company.objects.bulk_update(changed, [*FIELDS, "updated_at"], batch_size=1000)
        load.companies_new += len(new)
        load.companies_updated += len(changed)
