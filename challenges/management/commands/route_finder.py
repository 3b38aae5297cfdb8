"""anchorhub route_finder: lawful procurement routes for a set of answers (the route finder's engine)."""

import json
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from challenges import routefinder


def _amount(text: str) -> Decimal:
    try:
        value = Decimal(text.replace(",", "").replace("£", ""))
    except InvalidOperation as error:
        raise CommandError(f"--value: {text!r} is not an amount in pounds") from error
    return value


class Command(BaseCommand):
    help = (
        "Rank the lawful procurement routes for the answers given, with reasons, statute, "
        "notices (UK2...UK7), minimum timelines and a dated plan."
    )

    def add_arguments(self, parser):
        parser.add_argument("--value", required=True, help="Estimated value INCLUDING VAT, pounds")
        parser.add_argument("--buyer-type", required=True, choices=sorted(routefinder.BUYER_TYPES))
        parser.add_argument("--category", required=True, choices=sorted(routefinder.CATEGORIES))
        parser.add_argument("--light-touch", action="store_true", help="Light-touch services")
        solution = parser.add_mutually_exclusive_group()
        solution.add_argument(
            "--market-ready", dest="solution", action="store_const", const="market_ready"
        )
        solution.add_argument(
            "--needs-development",
            dest="solution",
            action="store_const",
            const="needs_development",
        )
        solution.add_argument(
            "--prototype", dest="solution", action="store_const", const="prototype"
        )
        parser.add_argument("--urgent", action="store_true")
        parser.add_argument(
            "--framework",
            action="store_true",
            help="An existing framework or dynamic market covers the need",
        )
        parser.add_argument("--council", action="store_true", help="An English council")
        parser.add_argument("--date", help="Plan from this day, YYYY-MM-DD (default today)")
        parser.add_argument("--json", action="store_true", help="Print the result as JSON")

    def handle(self, *args, **options):
        on = timezone.localdate()
        if options["date"]:
            try:
                on = date.fromisoformat(options["date"])
            except ValueError as error:
                raise CommandError(f"--date: {options['date']!r} is not YYYY-MM-DD") from error
        try:
            answers = routefinder.Answers(
                value_incl_vat=_amount(options["value"]),
                buyer_type=options["buyer_type"],
                category=options["category"],
                light_touch=options["light_touch"],
                solution=options["solution"] or "not_known",
                urgent=options["urgent"],
                framework=options["framework"],
                council=options["council"],
                on=on,
            )
            result = routefinder.find_routes(answers)
        except ValueError as problem:
            raise CommandError(str(problem)) from problem
        if options["json"]:
            self.stdout.write(json.dumps(result.as_json(), indent=2))
            return
        side = "at or above" if result.above_threshold else "below"
        self.stdout.write(
            f"£{answers.value_incl_vat:,.2f} incl. VAT is {side} the threshold of "
            f"£{result.threshold:,} ({result.threshold_kind.replace('_', ' ')}; table in force "
            f"from {result.threshold_table}: {result.threshold_source})."
        )
        for number, route in enumerate(result.routes, start=1):
            check = "  [check before relying on this]" if route.check_before_relying else ""
            self.stdout.write(f"\n{number}. {route.name}{check}")
            for reason in route.reasons:
                self.stdout.write(f"   - {reason}")
            self.stdout.write(f"   Statute: {'; '.join(route.statute)}")
            self.stdout.write(
                f"   Notices: {', '.join(n['code'] + ' ' + n['name'] for n in route.notices) or 'none'}"
            )
            self.stdout.write(f"   Statutory minimum: {route.minimum_days} days")
            for step in route.plan:
                self.stdout.write(
                    f"     {step.starts:%d %b %Y} - {step.ends:%d %b %Y}  {step.label}"
                    f"{' (' + step.note + ')' if step.note else ''}"
                )
        for other in result.not_available:
            self.stdout.write(f"\nNot available: {other['name']}: {other['reason']}")
