import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def attachment_path(instance, filename: str) -> str:
    """Store each file under a random name with the extension of its checked type.

    The name the giver chose is kept in `original_name` for display only,
    so that no uploaded name ever reaches the file system.
    """
    return f"attachments/{instance.idea_id}/{uuid.uuid4().hex}.{instance.extension}"


class Attachment(models.Model):
    """An image or document that the idea giver attached to the idea."""

    idea = models.ForeignKey(
        "ideapages.IdeaPage",
        verbose_name=_("idea"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=100)
    extension = models.CharField(_("extension"), max_length=10)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return reverse("participation:attachment", kwargs={"pk": self.pk})

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")

    @property
    def download_name(self) -> str:
        """Return the original name with the extension of the checked type."""
        stem = self.original_name.rsplit(".", 1)[0]
        return f"{stem}.{self.extension}" if stem else f"bilaga.{self.extension}"
