"""Moving an idea's workflow and writing its timeline.

The Wagtail workflow of the idea process is a list of tasks, but the idea
does not walk it in order. An assessment leads to the decision basis or to
a unit head, and the management group can send an idea back. So the next
task is always named here rather than left to Wagtail's ordering.
"""

import logging

from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db import transaction
from wagtail.log_actions import log
from wagtail.models import WorkflowState

from .models import AssessmentTask, ProcessAction, ProcessEvent

logger = logging.getLogger(__name__)


def current_workflow_state(idea):
    """Return the idea's in-progress workflow state, or None."""
    return (
        WorkflowState.objects.for_instance(idea)
        .filter(status=WorkflowState.STATUS_IN_PROGRESS)
        .select_related("current_task_state", "workflow")
        .first()
    )


@transaction.atomic
def start_process(idea, user=None):
    """Start the idea process on `idea` at the assessment step.

    Returns the new workflow state, or None when the idea already has a
    process or no active idea process workflow covers it. The page stays
    live: the workflow moves the idea, not its visibility.
    """
    if WorkflowState.objects.for_instance(idea).active().exists():
        return None
    workflow = idea.get_workflow()
    has_assessment = (
        workflow is not None
        and AssessmentTask.objects.filter(workflow_tasks__workflow=workflow).exists()
    )
    if not has_assessment:
        logger.warning("idea process not started: no workflow idea=%s", idea.pk)
        return None
    workflow_state = workflow.start(idea, user)
    record_event(
        idea,
        ProcessAction.SUBMIT,
        user,
        task_state=workflow_state.current_task_state.specific,
    )
    return workflow_state


def task_of_type(workflow, task_class):
    """Return the active task of `task_class` in `workflow`.

    Raises ImproperlyConfigured when an administrator has removed the step
    from the workflow, because the idea cannot move on without it.
    """
    task = (
        task_class.objects.filter(workflow_tasks__workflow=workflow, active=True)
        .order_by("workflow_tasks__sort_order")
        .first()
    )
    if task is None:
        raise ImproperlyConfigured(
            f"The workflow {workflow.name!r} has no active {task_class.__name__}."
        )
    return task


def move_to(workflow_state, task_class, user):
    """Start the task of `task_class` as the workflow state's current task."""
    task = task_of_type(workflow_state.workflow, task_class)
    workflow_state.current_task_state = task.start(workflow_state, user=user)
    workflow_state.save()
    return workflow_state.current_task_state.specific


def record_event(idea, action, user, motivation="", task_state=None, **fields):
    """Add a step to the idea's timeline and the Wagtail audit log."""
    event = ProcessEvent.objects.create(
        idea=idea,
        action=action,
        status=idea.status,
        actor=user,
        motivation=motivation,
        task_state=task_state,
        **fields,
    )
    log(
        instance=idea,
        action=str(action),
        user=user,
        data={
            "idea": idea.pk,
            "task_state": getattr(task_state, "pk", None),
            "task": getattr(task_state, "task_id", None),
            "status": str(idea.status),
            "motivation": motivation,
        },
    )
    logger.info(
        "idea process step idea=%s task=%s task_state=%s action=%s status=%s user=%s",
        idea.pk,
        getattr(task_state, "task_id", None),
        getattr(task_state, "pk", None),
        action,
        idea.status,
        getattr(user, "pk", None),
    )
    return event


@transaction.atomic
def stop_process(idea, user, reason: str):
    """Stop the idea's running process, close the idea and record the reason.

    Raises PermissionDenied unless `user` may stop idea processes. Returns
    the timeline event, or None when the idea has no running process.
    """
    from ideapages.lifecycle import change_status
    from ideapages.status import IdeaStatus

    from . import notices

    if not user.has_perm("workflows.cancel_idea_process"):
        raise PermissionDenied
    workflow_state = current_workflow_state(idea)
    if workflow_state is None:
        return None
    change_status(idea, IdeaStatus.CLOSED, user)
    event = record_event(
        idea,
        ProcessAction.PROCESS_CANCEL,
        user,
        motivation=reason,
        task_state=workflow_state.current_task_state.specific,
    )
    workflow_state.cancel(user=user)
    notices.tell_giver(idea, event, notices.GIVER_DECISION)
    return event
