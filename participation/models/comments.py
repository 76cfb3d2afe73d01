"""Records that django-comments-xtd has no place for: edits, reports, hiding."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_comments_xtd.models import XtdComment


class CommentEdit(models.Model):
    """The text a comment had before its author edited it.

    Kept so that a moderator can read the text a reported comment had
    before an edit. Deleting the comment deletes its edits too.
    """

    comment = models.ForeignKey(
        XtdComment,
        verbose_name=_("comment"),
        on_delete=models.CASCADE,
        related_name="edits",
    )
    previous_text = models.TextField(_("previous text"))
    edited_at = models.DateTimeField(_("edited at"), auto_now_add=True)

    class Meta:
        ordering = ["-edited_at", "-pk"]
        verbose_name = _("comment edit")
        verbose_name_plural = _("comment edits")

    def __str__(self):
        return f"{self.comment_id} @ {self.edited_at:%Y-%m-%d %H:%M}"


class CommentReportQuerySet(models.QuerySet):
    def open(self):
        return self.filter(resolved_at__isnull=True)


class CommentReport(models.Model):
    """One person's report that a comment breaks the rules, with their reason."""

    comment = models.ForeignKey(
        XtdComment,
        verbose_name=_("comment"),
        on_delete=models.CASCADE,
        related_name="reports",
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        on_delete=models.CASCADE,
        related_name="comment_reports",
    )
    reason = models.TextField(_("reason"), max_length=1000)
    created_at = models.DateTimeField(_("reported at"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resolved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = CommentReportQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment report")
        verbose_name_plural = _("comment reports")
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "reporter"],
                condition=models.Q(resolved_at__isnull=True),
                name="one_open_report_per_user_and_comment",
            )
        ]

    def __str__(self):
        return f"{self.reporter_id} → {self.comment_id}"


class CommentHiding(models.Model):
    """A moderator's decision to hide a comment, with the reason its author gets.

    A hidden comment keeps its row, with `is_removed` set, so that its
    replies keep their place in the thread. Restoring the comment deletes
    this record.
    """

    comment = models.OneToOneField(
        XtdComment,
        verbose_name=_("comment"),
        on_delete=models.CASCADE,
        related_name="hiding",
    )
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("hidden by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.TextField(_("reason"), max_length=1000)
    hidden_at = models.DateTimeField(_("hidden at"), auto_now_add=True)

    class Meta:
        verbose_name = _("hidden comment")
        verbose_name_plural = _("hidden comments")

    def __str__(self):
        return f"{self.comment_id} hidden by {self.moderator_id}"


class ImportedComment(models.Model):
    """The id a comment had in the system it was imported from.

    Lets `import_comments` skip what an earlier run imported.
    """

    comment = models.OneToOneField(
        XtdComment,
        verbose_name=_("comment"),
        on_delete=models.CASCADE,
        related_name="import_source",
    )
    external_id = models.CharField(_("external id"), max_length=64, unique=True)

    class Meta:
        verbose_name = _("imported comment")
        verbose_name_plural = _("imported comments")

    def __str__(self):
        return self.external_id
