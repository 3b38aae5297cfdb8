import json
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from scorecard.gathering import find_buyer
from scorecard.report import indicator_data, scorecard


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(
            f"{text!r} is not a date: give it as YYYY-MM-DD, e.g. 2026-04-01"
        ) from None


def _shown(value, unit: str) -> str:
    if value is None:
        return "no figure"
    if unit == "share":
        return f"{value:.1%}"
    if unit == "yes_no":
        return "yes" if value else "no"
    return f"{value:,.0f}" if unit in ("count", "money") else f"{value:,.2f}"


def _basis(figure) -> str:
    """What the figure rests on, in words: "(3 of 12)" for a share, "(over 12)" otherwise."""
    if not figure.denominator:
        return ""
    if figure.numerator is None:
        return f" (over {figure.denominator:,.0f})"
    return f" ({figure.numerator:,.0f} of {figure.denominator:,.0f})"


class Command(BaseCommand):
    help = (
        "The procurement-practice scorecard of one buyer (--buyer: a network anchor's name or "
        "slug, or a buyer named in the notices), or of every buyer in the data together (the "
        "national benchmark), from the notices loaded. --since/--until (YYYY-MM-DD, inclusive) "
        "select releases by their date. --json keys: buyer, since, until, notices (notice type → "
        "releases counted once per UK type in any of their documents lists), indicators "
        "(name → {value, numerator, denominator, band}) and ring_awards (for a network "
        "organisation: per ring it reports, {ring, label, awards, value, share, "
        "unplaced_awards, unplaced_value}: awards to suppliers placed inside, their value and "
        "its share of all the value awarded, and those whose supplier could not be placed)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--buyer", help="A buyer's name or slug; every buyer when left out")
        parser.add_argument("--since", help="First day of the period, YYYY-MM-DD")
        parser.add_argument("--until", help="Last day of the period, YYYY-MM-DD")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, buyer=None, since=None, until=None, **options):
        start = _day(since) if since else None
        end = _day(until) if until else None
        if start and end and start > end:
            raise CommandError(f"--since {start} is after --until {end}: swap them.")
        chosen = None
        if buyer:
            chosen = find_buyer(buyer)
            if chosen is None:
                raise CommandError(
                    f"No buyer called {buyer!r} in the network or the notices loaded: check the "
                    "name, or load its notices first (anchorhub load_ocds)."
                )
        card = scorecard(chosen, start, end)
        if options["json"]:
            self.stdout.write(json.dumps(card.as_json(), indent=1))
            return
        words = indicator_data()
        self.stdout.write(
            f"Scorecard of {chosen.name if chosen else 'every buyer in the data'}"
            f" ({start or 'the start'} to {end or 'the latest notice'})"
        )
        counts = ", ".join(f"{kind} {count}" for kind, count in card.notices.items())
        self.stdout.write(f"Notices: {counts or 'none in the period'}")
        for name, figure in card.figures.items():
            unit = card.figure_unit(name)
            band = card.band(name)
            self.stdout.write(
                f"  {words.get(name, {}).get('label', name)}: {_shown(figure.value, unit)}"
                + _basis(figure)
                + (f" [{band}]" if band else "")
                + (
                    f" — {figure.note}"
                    if figure.note and (figure.value is None or unit == "yes_no")
                    else ""
                )
            )
        for ring in card.ring_awards:
            share = "no figure" if ring.share is None else f"{ring.share:.1%}"
            self.stdout.write(
                f"  Awards to suppliers in {ring.label}: {ring.awards:,} worth £{ring.value:,.0f}"
                f" ({share} of the value awarded); not placed: {ring.unplaced_awards:,} worth"
                f" £{ring.unplaced_value:,.0f}"
            )
