"""anchorhub route_finder: lawful procurement routes for a set of answers (the route finder's engine)."""

import json
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from challenges import routefinder
from core.formatting import pounds

ANSWERS = (
    "buyer_type",
    "category",
    "light_touch",
    "solution",
    "urgent",
    "framework",
    "dynamic_market",
    "planned_notice",
    "council",
)


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
        for choice, label in routefinder.SOLUTIONS.items():
            if choice != "not_known":  # the default
                solution.add_argument(
                    f"--{choice.replace('_', '-')}",
                    dest="solution",
                    action="store_const",
                    const=choice,
                    help=label,
                )
        parser.add_argument("--urgent", action="store_true")
        parser.add_argument(
            "--framework",
            action="store_true",
            help="An existing framework covers the need",
        )
        parser.add_argument(
            "--dynamic-market",
            action="store_true",
            help="A dynamic market the buyer may use covers the need",
        )
        parser.add_argument(
            "--planned-notice",
            action="store_true",
            help="A qualifying planned procurement notice (UK3) was published",
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
        checked = routefinder.validate(
            {
                "value_incl_vat": _amount(options["value"]),
                **{name: options[name] for name in ANSWERS},
            },
            on,
        )
        if isinstance(checked, routefinder.Invalid):
            raise CommandError(routefinder.described(checked.errors))
        result = routefinder.find_routes(checked)
        if options["json"]:
            self.stdout.write(json.dumps(result.as_json(), indent=2))
            return
        side = "at or above" if result.above_threshold else "below"
        self.stdout.write(
            f"{pounds(checked.value_incl_vat, pence=True)} incl. VAT is {side} the threshold of "
            f"{pounds(result.threshold)} ({result.threshold_kind.replace('_', ' ')}; table in force "
            f"from {result.threshold_table}: {result.threshold_source})."
        )
        for number, route in enumerate(result.routes, start=1):
            check = "  [check before relying on this]" if route.check_before_relying else ""
            self.stdout.write(f"\n{number}. {route.name}{check}")
            for reason in route.reasons:
                self.stdout.write(f"   - {reason}")
            self.stdout.write(f"   Statute: {'; '.join(route.statute)}")
            notices = [
                f"{n['code']} {n['name']}" + ("" if n["required"] else f" ({n['condition']})")
                for n in route.notices
            ]
            self.stdout.write(f"   Notices: {', '.join(notices) or 'none'}")
            self.stdout.write(f"   Statutory minimum: {route.minimum_text}")
            for step in route.plan:
                self.stdout.write(
                    f"     {step.starts:%d %b %Y} - {step.ends:%d %b %Y}  {step.label}"
                    f"{' (' + step.note + ')' if step.note else ''}"
                )
        for other in result.not_available:
            self.stdout.write(f"\nNot available: {other['name']}: {other['reason']}")
