from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Support(models.Model):
    """One employee's support for one idea ("Jag stödjer")."""

    idea = models.ForeignKey(
        "ideapages.IdeaPage",
        verbose_name=_("idea"),
        on_delete=models.CASCADE,
        related_name="supports",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="supports",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [
            models.UniqueConstraint(
                fields=["idea", "user"], name="one_support_per_user_and_idea"
            )
        ]

    def __str__(self):
        return f"{self.user_id} → {self.idea_id}"


class FollowQuerySet(models.QuerySet):
    def following(self):
        return self.filter(is_following=True)


class Follow(models.Model):
    """One employee's choice to hear about one idea's comments and status.

    A row with `is_following` off records that the person stopped
    following, so that commenting or supporting later does not
    make them follow again.
    """

    idea = models.ForeignKey(
        "ideapages.IdeaPage",
        verbose_name=_("idea"),
        on_delete=models.CASCADE,
        related_name="follows",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="follows",
    )
    is_following = models.BooleanField(_("following"), default=True)
    changed_at = models.DateTimeField(_("changed at"), auto_now=True)

    objects = FollowQuerySet.as_manager()

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        constraints = [
            models.UniqueConstraint(
                fields=["idea", "user"], name="one_follow_per_user_and_idea"
            )
        ]

    def __str__(self):
        return f"{self.user_id} → {self.idea_id} ({self.is_following})"
