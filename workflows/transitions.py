"""Performing an action of the idea process: one transaction per transition.

`perform` checks who acts, validates the action's form against the current
state, claims the task state so that a second request cannot act on it
too, and runs the action's handler, which stores the records, changes the
status, moves the workflow and notifies the people concerned.
"""

import logging
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.models import TaskState

from accounts.roles import role_label

from .actions import form_class_for, spec_for
from .models import Actor, IdeaTaskState
from .staleness import stale_message

logger = logging.getLogger(__name__)


class ActionProblem(Exception):
    """An action that was not performed; the message gives the reason."""

    code = "problem"

    def __init__(self, message: str, form=None):
        super().__init__(message)
        self.message = message
        self.form = form

    def process_url(self, idea) -> str:
        url = reverse("workflows_admin:idea", args=[idea.pk])
        return f"{url}?{urlencode({'problem': self.code})}"


class StaleAction(ActionProblem):
    """The task state moved on after the form was opened."""

    code = "stale"


class InvalidAction(ActionProblem):
    """The data for the action did not validate."""

    code = "invalid"


@dataclass
class Transition:
    """The context of a handler: the state acted on, who acts and the cleaned data."""

    task_state: IdeaTaskState
    idea: object
    user: object
    spec: object
    data: dict
    events: list = field(default_factory=list)

    @property
    def task(self):
        return self.task_state.task.specific

    @property
    def workflow_state(self):
        return self.task_state.workflow_state


def rejection_message(task, task_state, idea, user, spec) -> str:
    """Return why `user` may not take `spec` on `idea`, in words for that user."""
    if idea.owner_id is not None and idea.owner_id == user.pk:
        return _(
            "You gave this idea, so you cannot assess, decide on or carry out "
            "any step of it."
        )
    if spec.actor == Actor.ASSIGNEE:
        assignee = getattr(task_state, "assignee", None)
        if assignee is None:
            return _("No one is named for this step yet.")
        return _("Only %(person)s, whom this step names, can take it.") % {
            "person": assignee.get_display_name()
        }
    groups = task.anchoring_group_set() if spec.actor == Actor.ANCHORING else None
    names = ", ".join(
        role_label(group.name)
        for group in (groups if groups is not None else task.groups.all())
    )
    if spec.actor == Actor.GROUP_OR_ASSIGNEE and task_state.assignee_id:
        return _("Only members of %(groups)s or %(person)s can take this step.") % {
            "groups": names,
            "person": task_state.assignee.get_display_name(),
        }
    if not names:
        return _("No group is named for this step yet.")
    return _("Only members of %(groups)s can take this step.") % {"groups": names}


def check_may_act(task, task_state, idea, user, spec) -> None:
    """Raise PermissionDenied, with the reason, unless `user` may take `spec`."""
    allowed = task.may_take_part(task_state, idea, user) and task.is_actor(
        task_state, user, spec.actor
    )
    if not allowed:
        logger.warning(
            "idea process action rejected idea=%s task=%s task_state=%s "
            "action=%s user=%s",
            idea.pk,
            task.pk,
            task_state.pk,
            spec.name,
            getattr(user, "pk", None),
        )
        raise PermissionDenied(rejection_message(task, task_state, idea, user, spec))


def perform(task_state: IdeaTaskState, user, action_name: str, data: dict) -> list:
    """Perform `action_name` on `task_state` for `user` with the posted `data`.

    Returns the timeline events written. Raises PermissionDenied when the
    user may not act, StaleAction when the state moved on after the form
    was opened (a stale tab, or a second person acting at once), and
    InvalidAction when the data does not validate. In those cases nothing
    is recorded.
    """
    task = task_state.task.specific
    spec = spec_for(task.step, action_name)
    if spec is None:
        raise PermissionDenied(_("This step has no such action."))
    idea = task_state.workflow_state.content_object.specific
    check_may_act(task, task_state, idea, user, spec)

    with transaction.atomic():
        form = form_class_for(task.step, action_name)(data=data, task_state=task_state)
        if not form.is_valid():
            if form.came_too_late:
                raise StaleAction(form.non_field_errors()[0], form)
            raise InvalidAction(_("The form has errors."), form)
        claim_state(task_state, form.cleaned_data["version"], idea)
        transition = Transition(
            task_state=task_state,
            idea=idea,
            user=user,
            spec=spec,
            data=form.cleaned_data,
        )
        spec.handler(transition)
    logger.info(
        "idea process action done idea=%s task=%s task_state=%s action=%s user=%s",
        idea.pk,
        task.pk,
        task_state.pk,
        action_name,
        user.pk,
    )
    return transition.events


def claim_state(task_state: IdeaTaskState, version: int, idea) -> None:
    """Bump the state's version, or raise StaleAction if someone was first.

    The conditional update is the guard against two requests that both
    passed validation: the database lets only one of them match.
    """
    claimed = IdeaTaskState.objects.filter(
        pk=task_state.pk, status=TaskState.STATUS_IN_PROGRESS, version=version
    ).update(version=F("version") + 1)
    if not claimed:
        raise StaleAction(stale_message(idea))
    task_state.refresh_from_db()
