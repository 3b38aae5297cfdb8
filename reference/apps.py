from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ReferenceConfig(AppConfig):
    name = "reference"
    verbose_name = "Reference data"

    def ready(self):
        from reference.area_sync import sync_areas

        post_migrate.connect(sync_areas, sender=self)
