"""Signal receivers of the idea process."""

import logging

from django.db import transaction
from wagtail.admin import signal_handlers as wagtail_mail
from wagtail.models import WorkflowState
from wagtail.signals import (
    page_published,
    workflow_approved,
    workflow_cancelled,
    workflow_submitted,
)

from ideapages.signals import idea_submitted

logger = logging.getLogger(__name__)


def is_idea_workflow(workflow_state) -> bool:
    from ideapages.models import IdeaPage

    return isinstance(workflow_state.content_object.specific, IdeaPage)


def start_process_on_submission(sender, idea, user=None, **kwargs):
    """Start the idea process on an idea that a giver has just submitted.

    Imported ideas carry the status of the system they came from, so no
    process starts for them here.
    """
    from .process import start_process

    if idea.is_imported:
        return
    try:
        with transaction.atomic():
            start_process(idea, user)
    except Exception:
        # The idea is already live; an administrator can start its process
        # with `manage.py start_idea_processes`.
        logger.exception("idea process failed to start idea=%s", idea.pk)


def record_cancellation(sender, instance, user=None, **kwargs):
    """Put an idea process that Wagtail cancelled on the idea's timeline.

    `stop_process` records its own event with the reason. This covers the
    other ways Wagtail cancels, such as deactivating the workflow. It leaves
    the status as it was, because no one decided on the idea.
    """
    from .models import ProcessAction, ProcessEvent
    from .process import record_event

    if not is_idea_workflow(instance):
        return
    already_recorded = ProcessEvent.objects.filter(
        action=ProcessAction.PROCESS_CANCEL, task_state=instance.current_task_state_id
    ).exists()
    if already_recorded:
        return
    idea = instance.content_object.specific
    record_event(
        idea,
        ProcessAction.PROCESS_CANCEL,
        user,
        task_state=instance.current_task_state.specific,
    )


def record_news(sender, instance, revision=None, **kwargs):
    """Put the first publication of a news page about an idea on its timeline."""
    from . import notices
    from .models import ProcessAction, ProcessEvent
    from .process import record_event

    idea = getattr(instance, "idea", None)
    if idea is None:
        return
    already = ProcessEvent.objects.filter(
        idea=idea, action=ProcessAction.NEWS_PUBLISH, news_page=instance
    ).exists()
    if already:
        return
    user = getattr(revision, "user", None)
    record_event(idea, ProcessAction.NEWS_PUBLISH, user, news_page=instance)
    notices.tell_giver_of_news(idea, instance, user)


def skip_ideas(notifier):
    """Wrap a Wagtail workflow e-mail notifier so that it ignores ideas.

    Wagtail sends those e-mails at once, inside the transaction of the step,
    so a mail server that is down would undo a decision. They also speak of
    pages being approved when an idea was closed. The idea process notifies
    people through the notification queue instead.
    """

    def notify_unless_idea(sender, instance=None, **kwargs):
        if instance is not None and is_idea_workflow(instance):
            return True
        return notifier(sender=sender, instance=instance, **kwargs)

    return notify_unless_idea


WAGTAIL_MAIL_RECEIVERS = [
    (
        workflow_submitted,
        wagtail_mail.workflow_submission_email_notifier,
        "workflow_state_submitted_email_notification",
    ),
    (
        workflow_approved,
        wagtail_mail.workflow_approval_email_notifier,
        "workflow_state_approved_email_notification",
    ),
]


def connect():
    from news.models import NewsPage

    idea_submitted.connect(
        start_process_on_submission, dispatch_uid="workflows_start_process"
    )
    workflow_cancelled.connect(
        record_cancellation, sender=WorkflowState, dispatch_uid="workflows_cancel"
    )
    page_published.connect(record_news, sender=NewsPage, dispatch_uid="workflows_news")
    # Whichever app is ready first, Wagtail's receiver ends up replaced: its
    # later connect with the same dispatch_uid is ignored.
    for signal, notifier, dispatch_uid in WAGTAIL_MAIL_RECEIVERS:
        signal.disconnect(sender=WorkflowState, dispatch_uid=dispatch_uid)
        signal.connect(
            skip_ideas(notifier),
            sender=WorkflowState,
            dispatch_uid=dispatch_uid,
            weak=False,
        )
