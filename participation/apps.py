from django.apps import AppConfig
from django.db.models.signals import pre_save
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "participation"
    verbose_name = _("participation")

    def ready(self):
        from django_comments_xtd.models import (
            XtdComment,
            publish_or_unpublish_on_pre_save,
        )

        from . import signals  # noqa: F401

        # django-comments-xtd unpublishes every reply below a comment that
        # is removed. Here a removed comment leaves a placeholder and its
        # replies stay readable, so the receiver that django_comments_xtd
        # connects in its own ready() is taken off again. The app comes
        # after django_comments_xtd in INSTALLED_APPS for that reason.
        pre_save.disconnect(publish_or_unpublish_on_pre_save, sender=XtdComment)
