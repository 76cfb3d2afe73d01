"""Permission checks for comments and for an idea's attachments."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

# The permission django-contrib-comments defines for moderators; the idea
# ambassadors and the innovation group hold it from their roles.
MODERATE_PERMISSION = "django_comments.can_moderate"


def can_moderate(user) -> bool:
    return (
        user.is_authenticated and user.is_active and user.has_perm(MODERATE_PERMISSION)
    )


def edit_deadline(comment):
    return comment.submit_date + timedelta(minutes=settings.COMMENT_EDIT_MINUTES)


def is_author(comment, user) -> bool:
    return user.is_authenticated and comment.user_id == user.pk


def can_edit(comment, user, now=None) -> bool:
    """Return whether `user` wrote `comment` and the edit window is still open."""
    if not is_author(comment, user) or comment.is_removed:
        return False
    return (now or timezone.now()) <= edit_deadline(comment)


def can_delete(comment, user) -> bool:
    return is_author(comment, user) and not comment.is_removed


def can_report(comment, user) -> bool:
    return (
        user.is_authenticated
        and not is_author(comment, user)
        and (not comment.is_removed)
    )


def is_giver(idea, user) -> bool:
    return user.is_authenticated and idea.owner_id == user.pk


def can_remove_attachment(attachment, user) -> bool:
    return is_giver(attachment.idea, user) or can_moderate(user)


def removes_as_moderator(attachment, user) -> bool:
    """Return whether `user` removes someone else's attachment as a moderator.

    A moderator must then give a reason, which the giver is sent. A giver
    who is also a moderator removes their own attachments as the giver.
    """
    return not is_giver(attachment.idea, user) and can_moderate(user)
