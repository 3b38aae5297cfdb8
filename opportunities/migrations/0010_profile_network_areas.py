from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("opportunities", "0009_notice_model"),
        ("reference", "0002_areas"),
    ]

    operations = [
        migrations.AddField(
            model_name="supplierprofile",
            name="network_areas",
            field=models.ManyToManyField(
                blank=True,
                help_text="The network's areas served (issue 19): work delivered in one is in your area",
                related_name="+",
                to="reference.area",
            ),
        ),
    ]
