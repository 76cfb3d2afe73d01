"""The ideas that wait for one person, for the dashboard and the site."""

from dataclasses import dataclass, field

from django.db.models import Max, Min, Q
from wagtail.models import TaskState, WorkflowState

from ideapages.models import IdeaPage
from ideapages.status import IdeaStatus

from .models import IdeaTaskState, ProcessEvent
from .overview import NEWS_STATUSES, ActionLink, action_url, is_communicator


@dataclass
class WaitingIdea:
    """An idea that waits for the user, with what they can do and since when."""

    idea: IdeaPage
    since: object
    task_state: IdeaTaskState | None = None
    task: object = None
    actions: list = field(default_factory=list)


@dataclass
class WaitingLists:
    steps: list
    paused: list
    news: list

    def __len__(self):
        return len(self.steps) + len(self.paused) + len(self.news)


def open_task_states():
    return (
        IdeaTaskState.objects.filter(
            status=TaskState.STATUS_IN_PROGRESS,
            workflow_state__status=WorkflowState.STATUS_IN_PROGRESS,
        )
        .select_related("task", "assignee", "workflow_state")
        .order_by("started_at", "pk")
    )


def waiting_steps(user) -> list[WaitingIdea]:
    """Return the ideas on which `user` can take a step now.

    `since` is when the idea's latest step was taken, or for a paused idea
    when it was paused.
    """
    states = list(open_task_states())
    idea_ids = [int(state.workflow_state.object_id) for state in states]
    ideas = IdeaPage.objects.select_related("category", "unit").in_bulk(idea_ids)
    last_steps = dict(
        ProcessEvent.objects.filter(idea__in=idea_ids)
        .values("idea")
        .annotate(last=Max("created_at"))
        .values_list("idea", "last")
    )
    tasks = {}
    waiting = []
    for state in states:
        idea = ideas.get(int(state.workflow_state.object_id))
        if idea is None:
            continue
        if state.task_id not in tasks:
            tasks[state.task_id] = state.task.specific
        task = tasks[state.task_id]
        specs = task.allowed_specs(state, idea, user)
        if not specs:
            continue
        last_step = last_steps.get(idea.pk, state.started_at)
        waiting.append(
            WaitingIdea(
                idea=idea,
                since=state.paused_at or max(state.waiting_since, last_step),
                task_state=state,
                task=task,
                actions=[
                    ActionLink(spec, action_url(idea, state, spec)) for spec in specs
                ],
            )
        )
    return waiting


def ideas_to_tell(user) -> list[WaitingIdea]:
    """Return the ideas a communicator has yet to tell as news, newest first.

    Those are the ideas in implementation or later without a news page.
    `since` is when the idea reached implementation, or when it was
    submitted if its timeline does not show that.
    """
    if not is_communicator(user):
        return []
    ideas = (
        IdeaPage.objects.live()
        .filter(status__in=NEWS_STATUSES, news_pages__isnull=True)
        .annotate(
            reached=Min(
                "process_events__created_at",
                filter=Q(process_events__status__in=NEWS_STATUSES),
            )
        )
        .select_related("category", "unit")
    )
    waiting = [
        WaitingIdea(idea=idea, since=idea.reached or idea.submitted_at)
        for idea in ideas
    ]
    return newest_first(waiting)


def newest_first(items: list[WaitingIdea]) -> list[WaitingIdea]:
    return sorted(items, key=lambda item: (item.since, item.idea.pk), reverse=True)


def waiting_for(user) -> WaitingLists:
    """Return what waits for `user`: steps to take, paused ideas and news to write.

    Steps and news come newest first, so that work that has just arrived is
    at the top of a long list. Paused ideas are listed apart, the one that
    has waited longest first, because those are the ones to take up again.
    """
    steps = waiting_steps(user)
    paused = sorted(
        (item for item in steps if item.idea.status == IdeaStatus.PAUSED),
        key=lambda item: (item.since, item.idea.pk),
    )
    active = newest_first(
        [item for item in steps if item.idea.status != IdeaStatus.PAUSED]
    )
    return WaitingLists(steps=active, paused=paused, news=ideas_to_tell(user))
