from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "network"
    verbose_name = "Network directory"

    def ready(self):
        from django.db.models.signals import post_migrate

        from network.taxonomy import sync_sectors

        post_migrate.connect(sync_sectors, sender=self)
