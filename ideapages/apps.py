from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdeaPagesConfig(AppConfig):
    name = "ideapages"
    verbose_name = _("ideas")
