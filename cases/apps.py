from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = "Case library"

    def ready(self):
        from cases.taxonomy import sync_barriers

        post_migrate.connect(sync_barriers, sender=self)
