from django.conf import settings
from django.db import models
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """A message to one person about an idea, shown on the site and e-mailed.

    The text is rendered from `templates/notifications/kinds/<kind>.txt`
    when shown, in the reader's language, with `params` as its context.
    Params hold what people wrote, such as a decision's motivation, never
    translated labels.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=64)
    idea = models.ForeignKey(
        "ideapages.IdeaPage",
        verbose_name=_("idea"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)
    email_attempts = models.PositiveSmallIntegerField(_("e-mail attempts"), default=0)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self):
        return f"{self.kind} → {self.recipient_id}"

    def template_context(self, for_email: bool = False) -> dict:
        return {
            "notification": self,
            "for_email": for_email,
            "idea": self.idea,
            "actor": self.actor,
            **self.params,
        }

    def render_subject(self) -> str:
        text = render_to_string(
            f"notifications/kinds/{self.kind}_subject.txt", self.template_context()
        )
        return " ".join(text.split())

    def render_body(self, for_email: bool = False) -> str:
        """Render the text; only the e-mail's text carries absolute links.

        The site shows each notification with a link to its idea, so the
        site's text leaves out the addresses the e-mail needs.
        """
        return render_to_string(
            f"notifications/kinds/{self.kind}.txt", self.template_context(for_email)
        ).strip()
