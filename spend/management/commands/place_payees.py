import json

from django.core.management.base import BaseCommand, CommandError

from spend import payee_placing
from spend.importing import ImportProblem, find_buyer


class Command(BaseCommand):
    help = (
        "Place every payee nobody has decided in the public registers (load_registers): a company "
        "or charity number in the buyer's file, then exact names with the buyer's hints (t/a, "
        "store numbers, trailing codes), then probabilistic matching. Each payee gets its entry, "
        "a probability and the evidence; uncertain ones go to review. Repeatable. The background "
        "job after every import (suppliers.resolve) runs this after resolve_suppliers."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--buyer",
            action="append",
            metavar="NAME",
            help="Only this anchor's payees (its name or slug); repeat for several",
        )
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, buyer, **options):
        buyer_ids = None
        if buyer:
            try:
                buyer_ids = [find_buyer(name).pk for name in buyer]
            except ImportProblem as problem:
                raise CommandError(str(problem)) from None
        say = None if options["json"] else (lambda message: self.stderr.write(f"  {message}"))
        result = payee_placing.run(buyer_ids, say)
        if options["json"]:
            self.stdout.write(json.dumps(result.as_json()))
            return
        registers = ", ".join(f"{n:,} {name}" for name, n in sorted(result.by_register.items()))
        self.stdout.write(
            f"{result.payees_in:,} payees: {result.matched:,} matched"
            + (f" ({registers})" if registers else "")
            + f", {result.suggested:,} to review, {result.unmatched:,} not found; "
            f"{result.changed:,} changed; {result.seconds:.1f}s"
        )
