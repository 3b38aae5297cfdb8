import json

from django.core.management.base import BaseCommand, CommandError

from core.formatting import fy_label, pounds
from spend.dashboard import sites_used
from spend.importing import ImportProblem, find_buyer
from spend.ledger import payments_frame, supplier_facts
from spend.ledger_tables import level_note, ring_used
from spend.local_suppliers import leakage_for
from spend.measures import (
    MEASURES,
    by,
    by_sector,
    by_size,
    deprivation_level,
    quarter_label,
    report,
    top_suppliers,
    unplaced,
)
from spend.measures import rings as rm
from spend.models import Lm3Survey
from spend.rings import rings_for

COVERAGE = ("coverage", "location_coverage", "size_coverage", "sector_coverage")


class Command(BaseCommand):
    help = (
        "The local-wealth ledger for one anchor: local (operational and registered), WMCA, West "
        "Midlands, UK, SME, VCSE and deprived-area shares of its analysed spend, by quarter, "
        "financial year, category and directorate; supplier sizes, top suppliers, leakage and LM3, "
        "with how each is calculated. A payee whose place or size is not known is counted neither "
        "in nor out. --json keys: measures (each share over analysed spend: uk_share, "
        "local_share_operational, sme_share...; and for each share with stem S (uk, "
        "local_operational, local_registered, combined_authority, region, sme, vcse, "
        "deprived_area): S_known_share over the spend where the fact is known, "
        "S_addressable_share over addressable spend (payees outside the public sector), "
        "S_unknown_share the part of analysed spend where it is not known; addressable_spend, "
        "public_sector_share, location_coverage, size_coverage, sector_coverage, coverage); "
        "coverage (share of analysed spend whose payee's place, size and sector are all known, "
        "and each of them); unknown_share ({S: part of analysed spend not known}); sector_split "
        "(spend by payee's sector: public, private, third, individual or withheld, not known); "
        "unplaced (the ten largest payees whose place is not known); by_quarter (keys 2025-Q1, "
        "with quarter_labels in words: Q1 is April to June), by_financial_year, by_category, "
        "by_directorate, size, top_suppliers, leakage, lm3, deprivation_level (LSOA or null), "
        "how_calculated; and rings (the rings the anchor chose, in its order, each with key, "
        "label, needs, source, confidence, share, known_share, addressable_share, "
        "unknown_share, coverage and leakage; the by_ keys carry each ring's <column>_share "
        "and <column>_coverage too)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--buyer", required=True, help="The anchor's name (or slug)")
        parser.add_argument(
            "--year",
            type=int,
            help="Financial year by its first year: 2025 is April 2025 to March 2026",
        )
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, buyer, year, **options):
        try:
            organisation = find_buyer(buyer)
        except ImportProblem as problem:
            raise CommandError(str(problem)) from None
        rings = rings_for(organisation)
        sites = sites_used(organisation, rings)
        extra = rm.measures_for(rings)
        frame = payments_frame(organisation, year, rings=rings)
        survey = (
            Lm3Survey.objects.filter(buyer=organisation, financial_year=year).first()
            if year is not None
            else None
        )
        if frame.is_empty():
            raise CommandError(
                f"No payments for {organisation.name}"
                + (f" in the financial year {year}-{(year + 1) % 100:02d}" if year else "")
                + ": import its payment files first (anchorhub import_spend)."
            )
        measures = report(frame, extra)
        facts = supplier_facts(rings)
        level = deprivation_level(frame)
        quarters = {str(k): v for k, v in sorted(by(frame, "quarter", extra).items())}
        result = {
            "buyer": organisation.name,
            "financial_year": year,
            "payments": int(frame["payments"].sum()),
            "measures": measures,
            "coverage": {name: measures[name] for name in COVERAGE},
            "unknown_share": {
                m.stem: measures[m.variants()["unknown"]] for m in MEASURES.values() if m.flag
            },
            "sector_split": by_sector(frame),
            "unplaced": unplaced(frame, 10),
            "by_quarter": quarters,
            "quarter_labels": {key: quarter_label(key) for key in quarters},
            "by_financial_year": {
                fy_label(k): v for k, v in sorted(by(frame, "financial_year", extra).items())
            },
            "by_category": by(frame, "category", extra),
            "by_directorate": by(frame, "directorate", extra),
            "size": by_size(frame),
            "top_suppliers": top_suppliers(frame, 25).to_dicts(),
            "leakage": leakage_for(organisation, frame, facts=facts),
            "lm3": survey.lm3 if survey else None,
            "deprivation_level": level,
            "how_calculated": {name: m.how for name, m in MEASURES.items()},
            "rings": [
                {
                    "key": ring.key,
                    "label": ring.label,
                    "needs": ring.needs,
                    "source": ring.source,
                    "confidence": ring.confidence,
                    **ring_used(ring, sites.get(ring.key)),
                    **{k: v for k, v in found.items() if k not in ("key", "label")},
                    "leakage": leakage_for(organisation, frame, facts=facts, ring=ring),
                }
                for ring, found in zip(rings, rm.figures(measures, rings), strict=True)
            ],
        }
        if options["json"]:
            self.stdout.write(json.dumps(result))
            return
        self._print(organisation, year, frame, result)

    def _print(self, organisation, year, frame, result):
        write = self.stdout.write
        measures = result["measures"]
        write(
            f"{organisation.name}"
            + (f", financial year {year}-{(year + 1) % 100:02d}" if year else "")
            + f": {int(frame['payments'].sum()):,} payments"
        )
        write(
            f"  Coverage: place, size and sector known for {_pct(measures['coverage'])} of "
            f"analysed spend (place {_pct(measures['location_coverage'])}, size "
            f"{_pct(measures['size_coverage'])}, sector {_pct(measures['sector_coverage'])})"
        )
        write(f"  {'':<52} {'analysed':>9} {'not known':>9} {'if known':>9} {'addressable':>11}")
        for name, measure in MEASURES.items():
            value = measures[name]
            if measure.kind == "money":
                write(f"  {measure.label:<52} {_money(value):>16}")
                continue
            variants = measure.variants()
            line = f"  {measure.label:<52} {_pct(value):>9}"
            if variants:
                line += (
                    f" {_pct(measures[variants['unknown']]):>9}"
                    f" {_pct(measures[variants['known']]):>9}"
                    f" {_pct(measures[variants['addressable']]):>11}"
                )
            write(line)
        write(f"  {'Rings':<52} {'analysed':>9} {'not known':>9} {'if known':>9} {'coverage':>11}")
        for ring in result["rings"]:
            write(
                f"  {ring['label'][:52]:<52} {_pct(ring['share']):>9}"
                f" {_pct(ring['unknown_share']):>9} {_pct(ring['known_share']):>9}"
                f" {_pct(ring['coverage']):>11}"
            )
        write(f"  Deprivation: {level_note(result['deprivation_level'])}")
        write("  Spend by payee's sector:")
        for row in result["sector_split"]:
            write(f"    {row['sector']:<48} {_money(row['spend']):>16} {_pct(row['share']):>7}")
        write("  By financial quarter:")
        for key, figures in result["by_quarter"].items():
            write(f"    {result['quarter_labels'][key]:<48} {_money(figures['total_spend']):>16}")
        if result["unplaced"]:
            write("  The largest payees whose place is not known (place them to raise coverage):")
            for row in result["unplaced"]:
                write(
                    f"    {row['supplier'][:48]:<48} {_money(row['spend'])} {_pct(row['share']):>7}"
                )
            write(
                "    Confirm a suggested match or add a postcode on each payee's page "
                "(/suppliers/places/), or load the Companies House file: "
                "anchorhub load_registers --download"
            )


def _pct(value) -> str:
    return "not known" if value is None else f"{value:.1%}"


def _money(value) -> str:
    return "not known" if value is None else pounds(value, pence=True)
