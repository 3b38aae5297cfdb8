from django.apps import AppConfig
from django.db.models.signals import post_migrate

from core import panels


class NetworkConfig(AppConfig):
    name = "network"
    verbose_name = "Network directory"

    def ready(self):
        # The taxonomy writes sectors, whose model loads only once apps are ready.
        from network.panels import home_figures
        from network.taxonomy import sync_sectors

        post_migrate.connect(sync_sectors, sender=self)
        panels.provide("home_figures", home_figures)
