from django.conf import settings
from django.core import signing
from django.db import models
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

# Salt of the signed links on the notifications page, so that a signature
# made for another purpose cannot open a notification.
OPEN_LINK_SALT = "notifications.open"


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

    def get_open_url(self) -> str:
        """Return the signed link that marks this notification read and opens it."""
        token = signing.Signer(salt=OPEN_LINK_SALT).sign(str(self.pk))
        return reverse("notifications:open", kwargs={"token": token})

    def target_url(self) -> str:
        """Return the page the notification is about: its comment, idea or the list."""
        if self.idea is None:
            return reverse("notifications:list")
        comment_id = self.params.get("comment_id")
        if self.kind == "idea_comment" and isinstance(comment_id, int):
            return f"{self.idea.url}?comment={comment_id}#c{comment_id}"
        news_page_id = self.params.get("news_page_id")
        if self.kind == "idea_news_published" and isinstance(news_page_id, int):
            news_page = Page.objects.live().filter(pk=news_page_id).first()
            if news_page is not None:
                return news_page.url
        return self.idea.url

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
