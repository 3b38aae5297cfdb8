"""Companies House rows move from suppliers.Company to the companies-house register
(registers.RegisterEntry), read and written by load_registers; Company and CompanyLoad go."""

from django.db import migrations

BATCH = 5000


def copy_companies(apps, schema_editor):
    from suppliers.companies import sme_from_accounts, vcse_from_category
    from suppliers.names import normalise_name

    Company = apps.get_model("suppliers", "Company")
    RegisterEntry = apps.get_model("registers", "RegisterEntry")
    existing = set(
        RegisterEntry.objects.filter(register="companies-house").values_list(
            "identifier", flat=True
        )
    )
    batch = []
    for company in Company.objects.order_by("pk").iterator(chunk_size=BATCH):
        if company.company_number in existing:
            continue
        accounts = company.accounts_category
        sme = sme_from_accounts(accounts) if accounts else None
        facts = {
            "category": company.category,
            "status": company.status,
            "accounts_category": accounts,
            "moved_from": "suppliers.Company",
        }
        if company.sic_codes:
            facts["sic_codes"] = company.sic_codes
        if company.incorporated:
            facts["incorporated"] = company.incorporated.isoformat()
        batch.append(
            RegisterEntry(
                register="companies-house",
                identifier=company.company_number,
                scheme="GB-COH",
                name=company.name,
                normalised_name=normalise_name(company.name)[:300],
                postcode=company.postcode,
                kind=company.category[:100],
                size="sme" if sme else "",
                size_basis=f"accounts category {accounts}" if sme else "",
                is_vcse=vcse_from_category(company.category) if company.category else None,
                is_active="dissolved" not in company.status.lower(),
                facts=facts,
            )
        )
        if len(batch) >= BATCH:
            RegisterEntry.objects.bulk_create(batch)
            batch = []
    RegisterEntry.objects.bulk_create(batch)


class Migration(migrations.Migration):
    dependencies = [
        ("suppliers", "0004_registermatch"),
        ("registers", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(copy_companies, migrations.RunPython.noop),
        migrations.DeleteModel(name="Company"),
        migrations.DeleteModel(name="CompanyLoad"),
    ]
