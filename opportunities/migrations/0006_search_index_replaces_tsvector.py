"""Search moved from PostgreSQL full text to the search index (decision 0004): the tsvector column
and its GIN index go. Run `anchorhub index_opportunities` once after this migration."""

from django.db import migrations


def drop_gin(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS opportunities_process_search_gin")


class Migration(migrations.Migration):
    dependencies = [("opportunities", "0005_fetch_windows")]
    operations = [
        migrations.RunPython(drop_gin, migrations.RunPython.noop),
        migrations.RemoveField(model_name="process", name="search_vector"),
    ]
