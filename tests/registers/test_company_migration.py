"""suppliers 0005: the rows of suppliers.Company become companies-house register entries."""

import importlib
from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from registers.models import RegisterEntry

migration = importlib.import_module("suppliers.migrations.0005_companies_into_registers")


@pytest.mark.django_db(transaction=True)
def test_company_rows_are_copied_into_the_register():
    state = MigrationExecutor(connection).loader.project_state(("suppliers", "0004_registermatch"))
    old_apps = state.apps
    Company = old_apps.get_model("suppliers", "Company")
    with connection.schema_editor() as editor:
        editor.create_model(Company)
    try:
        Company.objects.create(
            company_number="01234567",
            name="BRUM BUILDERS LIMITED",
            postcode="B5 5SE",
            category="Private Limited Company",
            status="Active",
            accounts_category="SMALL",
            sic_codes=["41201"],
            incorporated=date(2010, 2, 1),
        )
        Company.objects.create(
            company_number="09876543",
            name="KIND HANDS CIC",
            postcode="CV1 2GT",
            category="Community Interest Company",
            status="Active",
            accounts_category="FULL",
            sic_codes=[],
        )

        class Apps:
            @staticmethod
            def get_model(app, name):
                if (app, name) == ("suppliers", "Company"):
                    return Company
                return RegisterEntry

        migration.copy_companies(Apps, None)
        migration.copy_companies(Apps, None)  # again: nothing doubled
        entries = {
            e.identifier: e for e in RegisterEntry.objects.filter(register="companies-house")
        }
        assert set(entries) == {"01234567", "09876543"}
        brum = entries["01234567"]
        assert brum.name == "BRUM BUILDERS LIMITED" and brum.postcode == "B5 5SE"
        assert brum.size == "sme" and brum.normalised_name == "brum builders"
        assert brum.facts["sic_codes"] == ["41201"] and brum.facts["incorporated"] == "2010-02-01"
        kind = entries["09876543"]
        assert kind.is_vcse is True and kind.size == "" and kind.scheme == "GB-COH"
    finally:
        with connection.schema_editor() as editor:
            editor.delete_model(Company)
