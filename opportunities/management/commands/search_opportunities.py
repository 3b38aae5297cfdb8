import json
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError
from django.http import QueryDict

from core.formatting import pounds_in_words
from opportunities.forms import OpportunitySearchForm
from opportunities.search import area_filter, search


class Command(BaseCommand):
    help = "Search opportunities with the same ranking and filters as the web page and the API."

    def add_arguments(self, parser):
        parser.add_argument("query", nargs="?", default="", metavar="QUERY")
        parser.add_argument(
            "--status",
            action="append",
            default=[],
            help="planned, open, closing, closed, awarded, cancelled",
        )
        parser.add_argument("--cpv", default="", help="CPV codes, comma-separated")
        parser.add_argument("--buyer", default="")
        parser.add_argument("--anchors-only", action="store_true")
        parser.add_argument("--sme", action="store_true")
        parser.add_argument("--vcse", action="store_true")
        parser.add_argument(
            "--location",
            default="",
            help="A town, local authority, region, ITL/NUTS code or postcode district",
        )
        parser.add_argument(
            "--area",
            default="",
            help="One of the network's areas (slug or name), e.g. east-birmingham-postcodes",
        )
        parser.add_argument("--value-band", default="", help="under-30k, 30k-100k, ... over-2m")
        parser.add_argument("--procedure", default="", help="open, selective, limited, direct")
        parser.add_argument("--notice-type", default="")
        parser.add_argument("--threshold", default="", help="above or below")
        parser.add_argument("--deadline-from", default="", metavar="YYYY-MM-DD")
        parser.add_argument("--deadline-to", default="", metavar="YYYY-MM-DD")
        parser.add_argument("--sort", default="")
        parser.add_argument("--awarded-min", default="", help="Awarded value at least (£)")
        parser.add_argument("--awarded-max", default="", help="Awarded value at most (£)")
        parser.add_argument("--limit", type=int, default=20)
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        data = QueryDict(mutable=True)
        data["q"] = options["query"]
        keys = ("cpv", "buyer", "sort", "location", "area", "value_band", "procedure")
        for key in (
            *keys,
            "notice_type",
            "threshold",
            "deadline_from",
            "deadline_to",
            "awarded_min",
            "awarded_max",
        ):
            if options[key]:
                data[key] = options[key]
        for key in ("anchors_only", "sme", "vcse"):
            if options[key]:
                data[key] = "on"
        data.setlist("status", options["status"])
        form = OpportunitySearchForm(data)
        if not form.is_valid():
            raise CommandError(f"Cannot search: {form.problems()}")
        query = form.to_search()
        results = search(query)
        total = results.count()
        area = area_filter(query) if query.area else None
        rows = [
            {
                "ocid": p.ocid,
                "title": p.title,
                "buyer": p.buyer_name,
                "status": p.status,
                "value": float(p.value) if p.value is not None else None,
                "awarded_value": float(p.awarded_value) if p.awarded_value is not None else None,
                "awarded_value_gross": float(p.awarded_value_gross)
                if p.awarded_value_gross is not None
                else None,
                "notice_type": p.notice_type,
                "deadline": p.deadline.isoformat() if p.deadline else None,
                "rank": round(float(p.rank or 0), 4),
            }
            for p in results[: options["limit"]]
        ]
        placing = {"area": area.slug, "unplaced": area.unplaced} if area else {}
        if options["json"]:
            self.stdout.write(json.dumps({"count": total, **placing, "results": rows}))
            return
        self.stdout.write(f"{total} opportunit{'y' if total == 1 else 'ies'}")
        if area:
            self.stdout.write(
                f"delivered in {area.name}; {area.unplaced} more could not be placed in or out of it"
            )
        for row in rows:
            value = pounds_in_words(Decimal(str(row["value"]))) if row["value"] is not None else ""
            self.stdout.write(
                f"  [{row['status']}] {row['title'][:70]} - {row['buyer'][:40]} {value}"
            )
