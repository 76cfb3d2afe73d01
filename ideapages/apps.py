from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdeaPagesConfig(AppConfig):
    name = "ideapages"
    verbose_name = _("ideas")

    def ready(self):
        # Both modules connect the receivers that drop their cache entries.
        from . import choices, listing_cache  # noqa: F401
