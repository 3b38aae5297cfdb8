from django.apps import AppConfig

from core import panels


class JobsConfig(AppConfig):
    name = "jobs"
    verbose_name = "Background jobs"

    def ready(self):
        # Each app declares the work it can run in the background in its own `tasks.py`
        # (registered with @jobs.registry.kind); importing them here fills the registry.
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("tasks")

        from jobs.panels import home

        panels.provide("home", home)
