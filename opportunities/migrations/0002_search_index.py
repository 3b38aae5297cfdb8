"""Full-text and trigram indexes for opportunity search, on PostgreSQL only (SQLite searches
without them)."""

from django.db import migrations

CREATE = [
    "CREATE INDEX IF NOT EXISTS opportunities_process_search_gin ON opportunities_process USING gin (search_vector)",
]
DROP = ["DROP INDEX IF EXISTS opportunities_process_search_gin"]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in CREATE:
            schema_editor.execute(statement)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("opportunities", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
