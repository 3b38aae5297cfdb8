import json

from django.core.management.base import BaseCommand, CommandError

from core.formatting import pounds
from spend.models import SpendImport
from spend.withdrawing import WithdrawalProblem, withdraw


class Command(BaseCommand):
    help = (
        "Withdraw an import (a wrong file, or one imported for the wrong buyer): its payments are "
        "removed and payees left with none no longer counted; the import's record is kept with "
        "the reason, and the same file can be imported again. The import's number is on its page "
        "(/spend/imports/ID/) and in import_spend --json ('imports')."
    )

    def add_arguments(self, parser):
        parser.add_argument("id", type=int, metavar="ID", help="the import's number")
        parser.add_argument("--reason", required=True, help="why it is withdrawn (kept with it)")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, id, reason, **options):  # noqa: A002 (the option's name, as argparse gives it)
        record = SpendImport.objects.select_related("buyer").filter(pk=id).first()
        if record is None:
            raise CommandError(f"No import {id}. See the imports at /spend/imports/.")
        try:
            done = withdraw(record, None, reason)
        except WithdrawalProblem as problem:
            raise CommandError(str(problem)) from None
        if options["json"]:
            self.stdout.write(json.dumps(done.as_json()))
            return
        self.stdout.write(
            f"Import {record.pk} ({record.source_name}, {record.buyer.name}) withdrawn: "
            f"{done.payments_removed:,} payments ({pounds(record.total_amount, pence=True)}) and "
            f"{done.payees_removed:,} payees no longer paid removed. The record is kept."
        )
