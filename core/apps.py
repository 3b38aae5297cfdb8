from django.apps import AppConfig
from django.conf import settings
from django.contrib.admin import apps as admin_apps
from django.core.signals import setting_changed

from core import archives


def hand_over_limits(**kwargs) -> None:
    """The size limits of the pure readers (core/archives.py) from the settings, at start-up and
    whenever a setting changes."""
    if kwargs.get("setting") not in (None, *archives.LIMIT_SETTINGS):
        return
    archives.configure(
        {
            name: getattr(settings, name)
            for name in archives.LIMIT_SETTINGS
            if hasattr(settings, name)
        }
    )


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "AnchorHub"
    default = True

    def ready(self):
        hand_over_limits()
        setting_changed.connect(hand_over_limits, dispatch_uid="core.hand_over_limits")


class AnchorHubAdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "core.admin_site.CoordinatorAdminSite"
