"""Sending notifications: stored for the site at once, e-mailed through a queue."""

import logging
from collections.abc import Iterable

from django.db import transaction

from .models import Notification

logger = logging.getLogger(__name__)


def notify(
    recipients: Iterable,
    kind: str,
    idea=None,
    actor=None,
    email: bool = True,
    **params,
) -> list[Notification]:
    """Store a notification of `kind` for each recipient and queue its e-mail.

    The actor is never notified of their own action, and each recipient
    gets one notification even if listed twice. Inactive users get none.
    E-mail is queued once the surrounding transaction commits, so that a
    rolled-back decision sends nothing, and a failing mail server loses
    nothing because the notification is already stored.
    """
    from .tasks import send_notification_email

    unique = {user.pk: user for user in recipients if user is not None}
    if actor is not None:
        unique.pop(actor.pk, None)
    notifications = Notification.objects.bulk_create(
        Notification(recipient=user, kind=kind, idea=idea, actor=actor, params=params)
        for user in unique.values()
        if user.is_active
    )
    for notification in notifications:
        logger.info(
            "notification stored notification=%s kind=%s recipient=%s idea=%s",
            notification.pk,
            kind,
            notification.recipient_id,
            getattr(idea, "pk", None),
        )
        if email and notification.recipient.email:
            transaction.on_commit(
                lambda pk=notification.pk: send_notification_email.enqueue(pk)
            )
    return notifications
