from django.contrib.auth.models import AbstractUser
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """An employee of the administration who signs in to Idébanken."""

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def get_display_name(self) -> str:
        """Return the name shown beside the user's ideas and comments."""
        return self.get_full_name() or self.get_username()
