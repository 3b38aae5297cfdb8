from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ScorecardConfig(AppConfig):
    name = "scorecard"
    verbose_name = "Procurement-practice scorecard"

    def ready(self):
        # The charter's commitments are synced from data, whose models load only once apps are ready.
        from scorecard.charter_sync import sync_charter

        post_migrate.connect(sync_charter, sender=self)
