from django.apps import AppConfig

from core import panels


class SuppliersConfig(AppConfig):
    name = "suppliers"
    verbose_name = "Supplier register"

    def ready(self):
        # suppliers.panels reads the models, which load only once apps are ready.
        from suppliers import panels as parts

        panels.provide("home", parts.home)
