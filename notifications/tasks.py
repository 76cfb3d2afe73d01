"""Queued e-mail for notifications, on the "mail" task backend."""

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone, translation
from django_tasks import task, task_backends

from .models import Notification

logger = logging.getLogger(__name__)

# Minutes to wait before each new attempt; after the last one the e-mail is
# given up, and the notification stays on the site.
RETRY_DELAYS_MINUTES = [1, 5, 15, 60, 240]
MAX_ATTEMPTS = len(RETRY_DELAYS_MINUTES) + 1


def recipient_language(user) -> str:
    profile = getattr(user, "wagtail_userprofile", None)
    language = profile.get_preferred_language() if profile else None
    known = {code for code, _name in settings.LANGUAGES}
    return language if language in known else settings.LANGUAGE_CODE


@task(backend="mail")
def send_notification_email(notification_id: int) -> bool:
    """Send one notification by e-mail; return whether it was sent.

    A failure to reach the mail server is retried later if the backend can
    defer tasks; the count of attempts is kept on the notification.
    """
    notification = (
        Notification.objects.select_related("recipient", "idea", "actor")
        .filter(pk=notification_id)
        .first()
    )
    if notification is None or notification.emailed_at is not None:
        return False
    recipient = notification.recipient
    if not recipient.email or not recipient.is_active:
        return False

    with translation.override(recipient_language(recipient)):
        subject = notification.render_subject()
        body = notification.render_body(for_email=True)
    notification.email_attempts += 1
    try:
        send_mail(subject, body, None, [recipient.email])
    except (smtplib.SMTPException, OSError) as error:
        notification.save(update_fields=["email_attempts"])
        schedule_retry(notification, error)
        return False

    notification.emailed_at = timezone.now()
    notification.save(update_fields=["email_attempts", "emailed_at"])
    logger.info("notification e-mailed notification=%s", notification.pk)
    return True


def schedule_retry(notification: Notification, error: Exception) -> None:
    attempt = notification.email_attempts
    if attempt >= MAX_ATTEMPTS:
        logger.error(
            "notification e-mail given up notification=%s attempts=%s error=%s",
            notification.pk,
            attempt,
            type(error).__name__,
        )
        return
    logger.warning(
        "notification e-mail failed notification=%s attempt=%s error=%s",
        notification.pk,
        attempt,
        type(error).__name__,
    )
    backend = task_backends[send_notification_email.backend]
    if backend.supports_defer:
        run_after = timezone.now() + timedelta(
            minutes=RETRY_DELAYS_MINUTES[attempt - 1]
        )
        send_notification_email.using(run_after=run_after).enqueue(notification.pk)
