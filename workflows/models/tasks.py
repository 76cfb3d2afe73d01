"""The Wagtail task types of the idea process.

Each task is acted on by the members of its groups, or, where a step names a
person (the chosen unit head, the appointed implementer), by that person
alone. The idea giver never acts on their own idea, and superusers get no
process actions: a decision belongs to the role the process names.

What each task offers is listed in `workflows.actions`, and the hooks here
turn that list into what Wagtail's admin calls.
"""

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask, TaskState

from ideapages.status import IdeaStatus


class IdeaTaskState(TaskState):
    """A task state of the idea process, with the person it names.

    `version` grows with every action on the state, so that a form opened
    before another action can be distinguished from a current one.
    """

    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="idea_task_states",
    )
    version = models.PositiveIntegerField(_("version"), default=0)
    paused_at = models.DateTimeField(_("paused at"), null=True, blank=True)
    resumed_at = models.DateTimeField(_("taken up again at"), null=True, blank=True)

    class Meta:
        verbose_name = _("idea task state")
        verbose_name_plural = _("idea task states")

    @property
    def idea(self):
        return self.workflow_state.content_object.specific

    @property
    def waiting_since(self):
        """When the idea began to wait here: paused, taken up again or started."""
        return self.paused_at or self.resumed_at or self.started_at


class Actor(models.TextChoices):
    """The kind of person that may take an action."""

    GROUP = "group", _("the task's groups")
    ASSIGNEE = "assignee", _("the person the step names")
    GROUP_OR_ASSIGNEE = "group_or_assignee", _("the task's groups or the person")
    ANCHORING = "anchoring", _("the groups that anchor the plan")


class IdeaProcessTask(AbstractGroupApprovalTask):
    """A step of the idea process; subclasses name their actions by `step`."""

    step = ""
    # The step's name in the interface, translated. The stored `name` is in
    # Swedish and stays what Wagtail's own workflow screens show.
    step_label = ""
    task_state_class = IdeaTaskState

    class Meta:
        abstract = True

    # Who is named --------------------------------------------------------

    def assignee_for(self, idea):
        """Return the person this step names for `idea`, or None for a group step."""
        return None

    def start(self, workflow_state, user=None):
        task_state = super().start(workflow_state, user=user)
        assignee = self.assignee_for(workflow_state.content_object.specific)
        if assignee is not None:
            task_state.assignee = assignee
            task_state.save(update_fields=["assignee"])
        return task_state

    def action_specs(self):
        from workflows.actions import specs_for

        return specs_for(self.step)

    def user_in_groups(self, user) -> bool:
        return self._user_in_groups(user)

    def user_anchors(self, user) -> bool:
        """Return whether `user` is in the groups that anchor plans at this task.

        Cached on the user per task, as Wagtail caches its group check,
        because listings check once per task state.
        """
        cache = user.__dict__.setdefault("_idea_process_anchor_checks", {})
        if self.pk not in cache:
            cache[self.pk] = (
                self.anchoring_group_set().filter(id__in=user.groups.all()).exists()
            )
        return cache[self.pk]

    def is_actor(self, task_state, user, actor: str) -> bool:
        """Return whether `user` belongs to `actor` for this task state.

        Says nothing about the idea's status or its giver; see
        `allowed_specs` for the whole rule.
        """
        named = task_state is not None and task_state.assignee_id == user.pk
        if actor == Actor.ASSIGNEE:
            return named
        if actor == Actor.GROUP_OR_ASSIGNEE:
            return named or self.user_in_groups(user)
        if actor == Actor.ANCHORING:
            return self.user_anchors(user)
        return self.user_in_groups(user)

    def anchoring_group_set(self):
        return Group.objects.none()

    def may_take_part(self, task_state, idea, user) -> bool:
        """Return whether `user` may take any action of this step on `idea`."""
        if not user.is_authenticated or not user.is_active:
            return False
        if idea.owner_id is not None and idea.owner_id == user.pk:
            return False
        return any(
            self.is_actor(task_state, user, spec.actor) for spec in self.action_specs()
        )

    def allowed_specs(self, task_state, idea, user) -> list:
        """Return the actions `user` may take now on `idea` in this task state."""
        if task_state is None or task_state.status != TaskState.STATUS_IN_PROGRESS:
            return []
        if not self.may_take_part(task_state, idea, user):
            return []
        return [
            spec
            for spec in self.action_specs()
            if idea.status in spec.statuses
            and self.is_actor(task_state, user, spec.actor)
        ]

    def current_state_for(self, idea):
        """Return the in-progress state of this task on `idea`, if it is there."""
        return (
            IdeaTaskState.objects.filter(
                task=self,
                status=TaskState.STATUS_IN_PROGRESS,
                workflow_state__base_content_type=idea.get_base_content_type(),
                workflow_state__object_id=str(idea.pk),
            )
            .select_related("assignee")
            .first()
        )

    def latest_state_for(self, idea):
        return (
            IdeaTaskState.objects.filter(
                task=self,
                workflow_state__base_content_type=idea.get_base_content_type(),
                workflow_state__object_id=str(idea.pk),
            )
            .order_by("-started_at", "-pk")
            .first()
        )

    # Wagtail's hooks -----------------------------------------------------

    def get_actions(self, obj, user):
        idea = obj.specific
        task_state = self.current_state_for(idea)
        if task_state is not None:
            specs = self.allowed_specs(task_state, idea, user)
        else:
            # The idea has moved past this task. Offering the actions the
            # user had here lets a form from a stale tab reach its own
            # validation, which explains what happened, instead of Wagtail's
            # bare "no permission".
            latest = self.latest_state_for(idea)
            specs = [
                spec
                for spec in self.action_specs()
                if latest is not None
                and self.may_take_part(latest, idea, user)
                and self.is_actor(latest, user, spec.actor)
            ]
        return [(spec.name, spec.label, True) for spec in specs]

    def get_form_for_action(self, action):
        from workflows.actions import form_class_for

        return form_class_for(self.step, action)

    def get_template_for_action(self, action):
        return "workflows/admin/action_modal.html"

    def on_action(self, task_state, user, action_name, **kwargs):
        """Perform an action posted through Wagtail's workflow views.

        Returns the URL of the idea's process page, where the outcome shows.
        A stale or invalid action records nothing and adds `problem` to that
        URL, because Wagtail passes no request here to carry a message.
        """
        from workflows.transitions import ActionProblem, perform

        idea = task_state.workflow_state.content_object.specific
        try:
            perform(task_state.specific, user, action_name, kwargs)
        except ActionProblem as problem:
            return problem.process_url(idea)
        return reverse("workflows_admin:idea", args=[idea.pk])

    def user_can_access_editor(self, obj, user):
        idea = obj.specific
        return self.may_take_part(self.current_state_for(idea), idea, user)

    def locked_for_user(self, obj, user):
        """Lock the idea's content during a decision for all but the deciders.

        The content stays as the deciders read it. In the other steps the
        page permissions alone decide, so idea editors (ambassadors and the
        innovation group) may still correct the text.
        """
        if user.is_superuser:
            return False
        idea = obj.specific
        if self.may_take_part(self.current_state_for(idea), idea, user):
            return False
        return self.freezes_content

    freezes_content = False

    def user_can_lock(self, obj, user):
        return False

    def moderation_condition(self, user) -> Q | None:
        """Return a filter on this task's states that `user` may act on, or None."""
        actors = {spec.actor for spec in self.action_specs()}
        group_actors = {Actor.GROUP, Actor.GROUP_OR_ASSIGNEE}
        if actors & group_actors and self.user_in_groups(user):
            return Q()
        condition = None
        if Actor.ANCHORING in actors and self.user_anchors(user):
            from ideapages.models import IdeaPage

            planned = IdeaPage.objects.filter(status=IdeaStatus.PLANNING)
            condition = Q(
                workflow_state__object_id__in=[
                    str(pk) for pk in planned.values_list("pk", flat=True)
                ]
            )
        if actors & {Actor.ASSIGNEE, Actor.GROUP_OR_ASSIGNEE}:
            named = Q(ideataskstate__assignee=user)
            condition = named if condition is None else condition | named
        return condition

    def get_task_states_user_can_moderate(self, user, **kwargs):
        if not user.is_authenticated or not user.is_active:
            return TaskState.objects.none()
        condition = self.moderation_condition(user)
        if condition is None:
            return TaskState.objects.none()
        own_ideas = [str(pk) for pk in user.owned_pages.values_list("pk", flat=True)]
        return (
            TaskState.objects.filter(task=self, status=TaskState.STATUS_IN_PROGRESS)
            .filter(condition)
            .exclude(workflow_state__object_id__in=own_ideas)
        )


class AssessmentTask(IdeaProcessTask):
    """Step 2: an idea ambassador assesses the idea against the four criteria."""

    step = "assessment"
    step_label = _("Assessment")

    class Meta:
        verbose_name = _("assessment task")
        verbose_name_plural = _("assessment tasks")

    @classmethod
    def get_description(cls):
        return _(
            "Idea ambassadors assess the idea against the four criteria and "
            "decide to develop it, realise it directly, pause or close it."
        )


class DecisionBasisTask(IdeaProcessTask):
    """Step 3: the innovation group compiles the decision basis."""

    step = "decision_basis"
    step_label = _("Decision basis")

    class Meta:
        verbose_name = _("decision basis task")
        verbose_name_plural = _("decision basis tasks")

    @classmethod
    def get_description(cls):
        return _(
            "The innovation group compiles the decision basis and sends it to "
            "the management group."
        )


class ManagementDecisionTask(IdeaProcessTask):
    """Step 5: the management group decides on implementation."""

    step = "management_decision"
    step_label = _("Decision by the management group")
    freezes_content = True

    class Meta:
        verbose_name = _("management decision task")
        verbose_name_plural = _("management decision tasks")

    @classmethod
    def get_description(cls):
        return _(
            "The management group approves the idea with resources and an "
            "implementer, sends it back for more development, or declines it."
        )


class UnitDecisionTask(IdeaProcessTask):
    """Step 4: the unit head the ambassador chose decides on a simple idea."""

    step = "unit_decision"
    step_label = _("Decision by the unit head")
    freezes_content = True

    class Meta:
        verbose_name = _("unit decision task")
        verbose_name_plural = _("unit decision tasks")

    @classmethod
    def get_description(cls):
        return _(
            "Only the unit head chosen in the assessment decides: approve and "
            "carry out the idea, or decline it."
        )

    def assignee_for(self, idea):
        from .records import Assessment, AssessmentOutcome

        assessment = (
            Assessment.objects.filter(idea=idea, outcome=AssessmentOutcome.DIRECT)
            .select_related("unit_head")
            .order_by("-created_at", "-pk")
            .first()
        )
        return assessment.unit_head if assessment else None


def appointed_implementer(idea):
    """Return the implementer of the latest approving decision on `idea`."""
    from .records import Decision, DecisionOutcome

    decision = (
        Decision.objects.filter(idea=idea, outcome=DecisionOutcome.APPROVE)
        .select_related("implementer")
        .order_by("-created_at", "-pk")
        .first()
    )
    return decision.implementer if decision else None


class PlanTask(IdeaProcessTask):
    """Step 6: the implementer writes the plan; the innovation group anchors it."""

    step = "plan"
    step_label = _("Implementation plan")

    anchoring_groups = models.ManyToManyField(
        Group,
        verbose_name=_("groups that anchor the plan"),
        related_name="+",
        blank=True,
        help_text=_(
            "Members of these groups mark the plan anchored with management, "
            "which starts the implementation."
        ),
    )

    admin_form_fields = [*IdeaProcessTask.admin_form_fields, "anchoring_groups"]
    admin_form_widgets = {
        **IdeaProcessTask.admin_form_widgets,
        "anchoring_groups": AbstractGroupApprovalTask.admin_form_widgets["groups"],
    }

    class Meta:
        verbose_name = _("plan task")
        verbose_name_plural = _("plan tasks")

    @classmethod
    def get_description(cls):
        return _(
            "The appointed implementer writes the implementation plan with the "
            "idea giver; the anchoring groups mark it anchored with management."
        )

    def assignee_for(self, idea):
        return appointed_implementer(idea)

    def anchoring_group_set(self):
        return self.anchoring_groups.all()


class ImplementationTask(IdeaProcessTask):
    """Step 7: the implementer carries out the idea and marks it implemented."""

    step = "implementation"
    step_label = _("Implementation")

    class Meta:
        verbose_name = _("implementation task")
        verbose_name_plural = _("implementation tasks")

    @classmethod
    def get_description(cls):
        return _("Only the appointed implementer marks the idea implemented.")

    def assignee_for(self, idea):
        return appointed_implementer(idea)


class EvaluationTask(IdeaProcessTask):
    """Step 8: the innovation group evaluates with the implementer."""

    step = "evaluation"
    step_label = _("Evaluation")

    class Meta:
        verbose_name = _("evaluation task")
        verbose_name_plural = _("evaluation tasks")

    @classmethod
    def get_description(cls):
        return _(
            "The innovation group, or the implementer, records the effects, the "
            "lessons learned and the other units that could use the idea."
        )

    def assignee_for(self, idea):
        return appointed_implementer(idea)


# The order of the tasks in the idea process workflow.
PROCESS_TASKS = [
    AssessmentTask,
    DecisionBasisTask,
    ManagementDecisionTask,
    UnitDecisionTask,
    PlanTask,
    ImplementationTask,
    EvaluationTask,
]

# The statuses in which an idea waits at each task, for listings that do not
# load the task.
TASK_STATUSES = {
    AssessmentTask: {IdeaStatus.SUBMITTED, IdeaStatus.ASSESSING, IdeaStatus.PAUSED},
    DecisionBasisTask: {IdeaStatus.DEVELOPING, IdeaStatus.DECISION_BASIS},
    ManagementDecisionTask: {IdeaStatus.AWAITING_DECISION},
    UnitDecisionTask: {IdeaStatus.AWAITING_DECISION},
    PlanTask: {IdeaStatus.APPROVED, IdeaStatus.PLANNING},
    ImplementationTask: {IdeaStatus.IMPLEMENTING},
    EvaluationTask: {IdeaStatus.IMPLEMENTED},
}
