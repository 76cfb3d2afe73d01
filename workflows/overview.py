"""An idea's process as the pages show it: its step, timeline and records."""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts import roles
from ideapages.status import IdeaStatus

from .models import (
    Assessment,
    Decision,
    DecisionBasis,
    Evaluation,
    ImplementationPlan,
    ImplementationReport,
    ProcessAction,
    ProcessEvent,
)
from .process import current_workflow_state

# The roles that take steps of the process and may read its full records.
PROCESS_ROLES = [
    roles.IDEA_AMBASSADOR,
    roles.INNOVATION_GROUP,
    roles.MANAGEMENT_GROUP,
    roles.UNIT_HEAD,
    roles.IMPLEMENTER,
]

STATUS_EXPLANATIONS = {
    IdeaStatus.SUBMITTED: _(
        "The idea is new. An idea ambassador will assess it against the four criteria."
    ),
    IdeaStatus.ASSESSING: _(
        "An idea ambassador is assessing the idea against the four criteria."
    ),
    IdeaStatus.DEVELOPING: _(
        "The idea is being developed further, preferably with its giver, before "
        "the innovation group compiles a decision basis."
    ),
    IdeaStatus.PAUSED: _(
        "The idea is paused. An idea ambassador can take it up again later."
    ),
    IdeaStatus.CLOSED: _("The idea is not taken further. The timeline says why."),
    IdeaStatus.DECISION_BASIS: _(
        "The innovation group is compiling a decision basis for the management group."
    ),
    IdeaStatus.AWAITING_DECISION: _(
        "The idea waits for a decision by the management group or a unit head."
    ),
    IdeaStatus.APPROVED: _(
        "The idea is approved for implementation. The implementer writes a plan "
        "with the idea giver."
    ),
    IdeaStatus.PLANNING: _(
        "The implementer plans the implementation with the idea giver; the "
        "innovation group anchors the plan with management."
    ),
    IdeaStatus.IMPLEMENTING: _("The idea is being implemented."),
    IdeaStatus.IMPLEMENTED: _(
        "The idea has been implemented, and the innovation group evaluates it."
    ),
    IdeaStatus.EVALUATED: _(
        "The idea has been implemented and evaluated; the evaluation says what "
        "others can learn from it."
    ),
}

CANCEL_PERMISSION = "workflows.cancel_idea_process"

# Statuses in which a communicator can publish news about an idea.
NEWS_STATUSES = {
    IdeaStatus.IMPLEMENTING,
    IdeaStatus.IMPLEMENTED,
    IdeaStatus.EVALUATED,
}


def user_role_names(user) -> set[str]:
    if not user.is_authenticated or not user.is_active:
        return set()
    if not hasattr(user, "_role_names"):
        user._role_names = {group.name for group in user.groups.all()}
    return user._role_names


def has_process_role(user) -> bool:
    return user.is_superuser or bool(user_role_names(user) & set(PROCESS_ROLES))


def can_read_records(user, idea) -> bool:
    """Return whether `user` may read the assessment and the decision basis.

    The giver and the process roles may; other employees see the timeline
    with each decision's motivation, the plan and the evaluation.
    """
    is_giver = idea.owner_id is not None and idea.owner_id == user.pk
    return is_giver or has_process_role(user)


def is_communicator(user) -> bool:
    return user.is_superuser or roles.COMMUNICATOR in user_role_names(user)


def can_write_news(user, idea) -> bool:
    return idea.status in NEWS_STATUSES and is_communicator(user)


def action_url(idea, task_state, spec) -> str:
    return reverse("workflows_admin:action", args=[idea.pk, task_state.pk, spec.name])


@dataclass
class ActionLink:
    spec: object
    url: str


@dataclass
class ProcessOverview:
    """An idea's process as one reader sees it."""

    idea: object
    events: list
    task_state: object = None
    task: object = None
    actions: list = field(default_factory=list)
    can_read_records: bool = False
    assessments: list = field(default_factory=list)
    decision_bases: list = field(default_factory=list)
    decisions: list = field(default_factory=list)
    plan: object = None
    reports: list = field(default_factory=list)
    evaluations: list = field(default_factory=list)
    news_pages: list = field(default_factory=list)
    can_write_news: bool = False
    can_cancel: bool = False

    @property
    def waiting_for(self) -> str:
        """Name who the idea waits for, or return an empty string."""
        if self.task_state is None:
            return ""
        if self.task_state.assignee is not None:
            return self.task_state.assignee.get_display_name()
        return ", ".join(
            roles.role_label(group.name) for group in self.task.groups.all()
        )

    @property
    def waiting_since(self):
        if self.task_state is None:
            return None
        return self.task_state.waiting_since

    @property
    def status_explanation(self) -> str:
        return STATUS_EXPLANATIONS.get(self.idea.status, "")

    @property
    def live_news_pages(self) -> list:
        return [news for news in self.news_pages if news.live]

    @property
    def is_paused(self) -> bool:
        return self.idea.status == IdeaStatus.PAUSED

    @property
    def latest_assessment(self):
        return self.assessments[-1] if self.assessments else None


def idea_overview(idea, user) -> ProcessOverview:
    """Collect what `user` may see of `idea`'s process, and what they may do."""
    overview = ProcessOverview(
        idea=idea,
        events=list(ProcessEvent.objects.filter(idea=idea).timeline()),
        can_read_records=can_read_records(user, idea),
        can_write_news=can_write_news(user, idea),
    )
    add_current_step(overview, user)
    add_records(overview)
    return overview


def add_current_step(overview: ProcessOverview, user) -> None:
    idea = overview.idea
    workflow_state = current_workflow_state(idea)
    if workflow_state is None or not workflow_state.current_task_state_id:
        return
    task_state = workflow_state.current_task_state.specific
    overview.task_state = task_state
    overview.task = task_state.task.specific
    overview.actions = [
        ActionLink(spec, action_url(idea, task_state, spec))
        for spec in overview.task.allowed_specs(task_state, idea, user)
    ]
    overview.can_cancel = user.has_perm(CANCEL_PERMISSION)


# The steps that store each kind of record. Every step writes its timeline
# event in the transaction that stores its record, so a record is looked up
# only when its step is on the timeline.
RECORD_STEPS = {
    "assessments": {
        ProcessAction.ASSESSMENT_DEVELOP,
        ProcessAction.ASSESSMENT_DIRECT,
        ProcessAction.ASSESSMENT_PAUSE,
        ProcessAction.ASSESSMENT_CLOSE,
    },
    "decision_bases": {ProcessAction.DECISION_BASIS_SEND},
    "decisions": {
        ProcessAction.MANAGEMENT_APPROVE,
        ProcessAction.MANAGEMENT_SEND_BACK,
        ProcessAction.MANAGEMENT_DECLINE,
        ProcessAction.UNIT_APPROVE,
        ProcessAction.UNIT_DECLINE,
    },
    "plan": {ProcessAction.PLAN_SAVE},
    "reports": {ProcessAction.IMPLEMENTATION_COMPLETE},
    "evaluations": {ProcessAction.EVALUATION_COMPLETE},
}


def add_records(overview: ProcessOverview) -> None:
    """Load the idea's records; the restricted ones only for those who may read them."""
    idea = overview.idea
    steps = {event.action for event in overview.events}

    def reached(record: str) -> bool:
        return not steps.isdisjoint(RECORD_STEPS[record])

    if overview.can_read_records:
        if reached("assessments"):
            overview.assessments = list(
                Assessment.objects.filter(idea=idea).select_related(
                    "assessor", "unit_head"
                )
            )
        if reached("decision_bases"):
            overview.decision_bases = list(
                DecisionBasis.objects.filter(idea=idea).select_related("author")
            )
        if reached("decisions"):
            overview.decisions = list(
                Decision.objects.filter(idea=idea).select_related(
                    "decided_by", "implementer"
                )
            )
    if reached("plan"):
        overview.plan = (
            ImplementationPlan.objects.filter(idea=idea)
            .select_related("author", "anchored_by")
            .prefetch_related("milestones")
            .first()
        )
    if reached("reports"):
        overview.reports = list(ImplementationReport.objects.filter(idea=idea))
    if reached("evaluations"):
        overview.evaluations = list(
            Evaluation.objects.filter(idea=idea).select_related("author")
        )
    overview.news_pages = list(idea.news_pages.all().order_by("-date"))
