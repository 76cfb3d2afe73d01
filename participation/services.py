"""Changes made by taking part: supports, follows, comment edits, reports, hiding.

Views call these functions; each writes its records in one transaction and
logs the change with the ids involved.
"""

import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from ideapages.models import IdeaPage
from notifications.models import Notification
from notifications.service import notify

from .models import (
    Attachment,
    CommentEdit,
    CommentHiding,
    CommentReport,
    Follow,
    Support,
)
from .uploads import clean_file_name

logger = logging.getLogger(__name__)

EXCERPT_LENGTH = 300


def excerpt(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= EXCERPT_LENGTH:
        return text
    return text[: EXCERPT_LENGTH - 1].rstrip() + "…"


def absolute_url(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


# Supports and follows


def add_support(idea, user) -> bool:
    """Record `user`'s support for `idea`; return False if it was already there."""
    try:
        with transaction.atomic():
            Support.objects.create(idea=idea, user=user)
    except IntegrityError:
        return False
    follow_automatically(idea, user)
    logger.info("idea supported idea=%s user=%s", idea.pk, user.pk)
    return True


def withdraw_support(idea, user) -> bool:
    deleted, _details = Support.objects.filter(idea=idea, user=user).delete()
    if deleted:
        logger.info("idea support withdrawn idea=%s user=%s", idea.pk, user.pk)
    return bool(deleted)


def set_following(idea, user, following: bool) -> None:
    """Record that `user` follows `idea`, or stopped following it."""
    Follow.objects.update_or_create(
        idea=idea, user=user, defaults={"is_following": following}
    )
    logger.info(
        "idea follow changed idea=%s user=%s following=%s", idea.pk, user.pk, following
    )


def follow_automatically(idea, user) -> None:
    """Start following `idea` unless `user` is its giver or chose before.

    Someone who stopped following stays unfollowed when they comment or
    support again. The giver follows their own idea without a row.
    """
    if idea.owner_id == user.pk:
        return
    Follow.objects.get_or_create(idea=idea, user=user)


def idea_followers(idea, include_giver: bool):
    """Return the active users who follow `idea`.

    The giver counts as a follower unless they stopped following, and only
    when `include_giver` is true.
    """
    follows = Follow.objects.filter(idea=idea).select_related("user")
    users = {f.user.pk: f.user for f in follows if f.is_following}
    giver = idea.owner
    opted_out = {f.user_id for f in follows if not f.is_following}
    if include_giver and giver is not None and giver.pk not in opted_out:
        users[giver.pk] = giver
    elif not include_giver and giver is not None:
        users.pop(giver.pk, None)
    return [user for user in users.values() if user.is_active]


# Notifications


def notify_new_comment(comment, idea) -> None:
    """Tell the idea's followers and its giver about a new comment."""
    author = comment.user
    if author is not None:
        follow_automatically(idea, author)
    notify(
        idea_followers(idea, include_giver=True),
        "idea_comment",
        idea=idea,
        actor=author,
        excerpt=excerpt(comment.comment),
        comment_id=comment.pk,
        comment_url=absolute_url(f"{idea.url}?comment={comment.pk}#c{comment.pk}"),
        unfollow_url=absolute_url(unfollow_path(idea)),
    )


def notify_status_change(idea, old_status, new_status, user) -> None:
    """Tell the followers, but not the giver, that the idea's status changed.

    The giver hears of every status change, with its motivation, from the
    idea process itself.
    """
    notify(
        idea_followers(idea, include_giver=False),
        "followed_idea_status",
        idea=idea,
        actor=user,
        old_status=str(old_status),
        new_status=str(new_status),
        idea_url=absolute_url(idea.url),
        unfollow_url=absolute_url(unfollow_path(idea)),
    )


def unfollow_path(idea) -> str:
    return reverse("participation:unfollow", kwargs={"idea_id": idea.pk})


# Comments


@transaction.atomic
def edit_comment(comment, text: str) -> bool:
    """Replace the comment's text, keeping the old text; return False if unchanged."""
    if text == comment.comment:
        return False
    CommentEdit.objects.create(comment=comment, previous_text=comment.comment)
    comment.comment = text
    comment.save(update_fields=["comment"])
    logger.info("comment edited comment=%s user=%s", comment.pk, comment.user_id)
    return True


@transaction.atomic
def delete_comment(comment, user) -> None:
    """Remove the comment's text for good and leave a placeholder for its replies."""
    comment.edits.all().delete()
    comment.is_removed = True
    comment.comment = ""
    comment.save(update_fields=["is_removed", "comment"])
    comment.reports.open().update(resolved_at=timezone.now(), resolved_by=user)
    drop_excerpts(comment)
    logger.info("comment deleted comment=%s user=%s", comment.pk, user.pk)


def drop_excerpts(comment) -> None:
    """Remove the comment's text from the notifications that quoted it.

    E-mails already sent cannot be recalled, but the notifications page no
    longer shows the text of a deleted or hidden comment.
    """
    quoting = Notification.objects.filter(
        kind="idea_comment", params__comment_id=comment.pk
    )
    for notification in quoting:
        notification.params["excerpt"] = ""
        notification.save(update_fields=["params"])


def report_comment(comment, user, reason: str) -> bool:
    """Record a report; return False if `user` already has an open one on it."""
    try:
        with transaction.atomic():
            CommentReport.objects.create(comment=comment, reporter=user, reason=reason)
    except IntegrityError:
        return False
    logger.info("comment reported comment=%s user=%s", comment.pk, user.pk)
    return True


@transaction.atomic
def hide_comment(comment, moderator, reason: str, target=None) -> None:
    """Hide the comment behind a placeholder and tell its author why."""
    CommentHiding.objects.update_or_create(
        comment=comment, defaults={"moderator": moderator, "reason": reason}
    )
    comment.is_removed = True
    comment.save(update_fields=["is_removed"])
    comment.reports.open().update(resolved_at=timezone.now(), resolved_by=moderator)
    drop_excerpts(comment)
    logger.info("comment hidden comment=%s moderator=%s", comment.pk, moderator.pk)
    if comment.user is not None:
        idea = target if isinstance(target, IdeaPage) else None
        notify(
            [comment.user],
            "comment_hidden",
            idea=idea,
            actor=moderator,
            reason=reason,
            excerpt=excerpt(comment.comment),
            page_title=getattr(target, "title", ""),
        )


@transaction.atomic
def restore_comment(comment, moderator) -> None:
    CommentHiding.objects.filter(comment=comment).delete()
    comment.is_removed = False
    comment.save(update_fields=["is_removed"])
    logger.info("comment restored comment=%s moderator=%s", comment.pk, moderator.pk)


def dismiss_reports(comment, moderator) -> int:
    count = comment.reports.open().update(
        resolved_at=timezone.now(), resolved_by=moderator
    )
    logger.info(
        "comment reports dismissed comment=%s moderator=%s reports=%s",
        comment.pk,
        moderator.pk,
        count,
    )
    return count


# Attachments


def add_attachment(idea, user, upload, checked) -> Attachment | None:
    """Attach the checked file; return None if the idea already has the maximum.

    The idea's row is locked while the attachments are counted and the new
    one saved, so that two uploads at once cannot pass the limit together
    (on PostgreSQL; SQLite takes no row locks).
    """
    with transaction.atomic():
        IdeaPage.objects.select_for_update(of=("self",)).filter(pk=idea.pk).exists()
        if idea.attachments.count() >= settings.ATTACHMENTS_PER_IDEA:
            return None
        attachment = save_attachment(idea, user, upload, checked)
    logger.info(
        "attachment added attachment=%s idea=%s user=%s type=%s size=%s",
        attachment.pk,
        idea.pk,
        user.pk,
        checked.content_type,
        upload.size,
    )
    return attachment


def save_attachment(idea, user, upload, checked) -> Attachment:
    attachment = Attachment(
        idea=idea,
        original_name=clean_file_name(upload.name),
        content_type=checked.content_type,
        extension=checked.extension,
        size=upload.size,
        uploaded_by=user,
    )
    attachment.file.save("upload", upload, save=False)
    attachment.save()
    return attachment


def remove_attachment(attachment, user) -> None:
    logger.info(
        "attachment removed attachment=%s idea=%s user=%s",
        attachment.pk,
        attachment.idea_id,
        user.pk,
    )
    attachment.file.delete(save=False)
    attachment.delete()


@transaction.atomic
def remove_attachment_as_moderator(attachment, moderator, reason: str) -> None:
    """Remove someone else's attachment and tell the giver why.

    The notification stores the file name, the moderator and the reason,
    so it stays on record after the file is gone. The file is deleted from
    storage only once the transaction commits.
    """
    idea = attachment.idea
    attachment_id = attachment.pk
    file = attachment.file
    # Two moderators may send the form at once. Only the request whose
    # delete removes the row notifies the giver.
    deleted, _counts = type(attachment).objects.filter(pk=attachment_id).delete()
    if not deleted:
        return
    transaction.on_commit(lambda: file.delete(save=False))
    logger.info(
        "attachment removed by moderator attachment=%s idea=%s moderator=%s "
        "uploaded_by=%s",
        attachment_id,
        idea.pk,
        moderator.pk,
        attachment.uploaded_by_id,
    )
    notify(
        [idea.owner],
        "attachment_removed",
        idea=idea,
        actor=moderator,
        file_name=attachment.original_name,
        reason=reason,
        idea_url=absolute_url(idea.url),
    )
