"""Records of the idea process steps, stored per idea for reports.

Every record keeps who made it and when. Records with `is_derived` set were
reconstructed from an imported proposal's original status, outcome and
decision text rather than made in Idébanken, so reports can leave them out.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ideapages.status import IdeaStatus


def person_field(verbose_name):
    """Return a link to a person in a record; the record stays if the account goes."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )


class ProcessAction(models.TextChoices):
    """The steps an idea can take, named as in the Wagtail audit log."""

    SUBMIT = "ideas.process.submit", _("Submitted")
    ASSESSMENT_START = "ideas.assessment.start", _("Assessment started")
    ASSESSMENT_DEVELOP = "ideas.assessment.develop", _("Assessed: develop further")
    ASSESSMENT_DIRECT = (
        "ideas.assessment.direct",
        _("Assessed: realise directly, sent to a unit head"),
    )
    ASSESSMENT_PAUSE = "ideas.assessment.pause", _("Assessed: paused")
    ASSESSMENT_RESUME = "ideas.assessment.resume", _("Taken up again")
    ASSESSMENT_CLOSE = "ideas.assessment.close", _("Assessed: closed")
    DECISION_BASIS_START = (
        "ideas.decision_basis.start",
        _("Compiling of the decision basis started"),
    )
    DECISION_BASIS_SEND = (
        "ideas.decision_basis.send",
        _("Decision basis sent to the management group"),
    )
    MANAGEMENT_APPROVE = (
        "ideas.management.approve",
        _("Management group approved implementation"),
    )
    MANAGEMENT_SEND_BACK = (
        "ideas.management.send_back",
        _("Management group sent it back for more development"),
    )
    MANAGEMENT_DECLINE = "ideas.management.decline", _("Management group declined")
    UNIT_APPROVE = "ideas.unit.approve", _("Unit head approved and carries it out")
    UNIT_DECLINE = "ideas.unit.decline", _("Unit head declined")
    PLAN_SAVE = "ideas.plan.save", _("Implementation plan updated")
    PLAN_ANCHOR = (
        "ideas.plan.anchor",
        _("Plan anchored with management, implementation started"),
    )
    IMPLEMENTATION_COMPLETE = "ideas.implementation.complete", _("Implemented")
    EVALUATION_COMPLETE = "ideas.evaluation.complete", _("Evaluated")
    NEWS_PUBLISH = "ideas.news.publish", _("Told as news")
    PROCESS_CANCEL = "ideas.process.cancel", _("Idea process stopped")


# Steps whose text is a decision's motivation, sent to the giver with the decision.
DECISION_ACTIONS = {
    ProcessAction.ASSESSMENT_DEVELOP,
    ProcessAction.ASSESSMENT_DIRECT,
    ProcessAction.ASSESSMENT_PAUSE,
    ProcessAction.ASSESSMENT_CLOSE,
    ProcessAction.MANAGEMENT_APPROVE,
    ProcessAction.MANAGEMENT_SEND_BACK,
    ProcessAction.MANAGEMENT_DECLINE,
    ProcessAction.UNIT_APPROVE,
    ProcessAction.UNIT_DECLINE,
}


class ProcessEventQuerySet(models.QuerySet):
    def timeline(self):
        return self.select_related("actor", "news_page").order_by("created_at", "pk")


class ProcessEvent(models.Model):
    """One dated step on an idea's timeline, shown to everyone who reads it."""

    idea = models.ForeignKey(
        "ideapages.IdeaPage",
        verbose_name=_("idea"),
        on_delete=models.CASCADE,
        related_name="process_events",
    )
    action = models.CharField(_("step"), max_length=64, choices=ProcessAction.choices)
    status = models.CharField(
        _("status after the step"), max_length=32, choices=IdeaStatus.choices
    )
    actor = person_field(_("done by"))
    created_at = models.DateTimeField(_("date"), default=timezone.now, db_index=True)
    motivation = models.TextField(_("motivation"), blank=True)
    task_state = models.ForeignKey(
        "workflows.IdeaTaskState",
        verbose_name=_("task state"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    is_derived = models.BooleanField(_("derived from imported data"), default=False)
    news_page = models.ForeignKey(
        "news.NewsPage",
        verbose_name=_("news page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ProcessEventQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("process event")
        verbose_name_plural = _("process events")
        permissions = [("cancel_idea_process", _("Can stop an idea's process"))]

    def __str__(self):
        return f"{self.action} idea={self.idea_id}"

    @property
    def is_decision(self) -> bool:
        return self.action in DECISION_ACTIONS

    @property
    def motivation_label(self):
        return _("Motivation") if self.is_decision else _("Comment")


class RecordBase(models.Model):
    """Fields that every record of a step shares."""

    idea = models.ForeignKey(
        "ideapages.IdeaPage",
        verbose_name=_("idea"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    task_state = models.ForeignKey(
        "workflows.IdeaTaskState",
        verbose_name=_("task state"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_derived = models.BooleanField(_("derived from imported data"), default=False)

    class Meta:
        abstract = True
        ordering = ["created_at", "pk"]


class Judgement(models.TextChoices):
    MET = "met", _("Met")
    PARTLY_MET = "partly_met", _("Partly met")
    NOT_MET = "not_met", _("Not met")
    UNCLEAR = "unclear", _("Cannot be judged yet")


# The four criteria of the common assessment template, as (field prefix, label).
CRITERIA = [
    ("mission", _("The idea lies within the administration's mission")),
    ("reach", _("The idea affects more than one single employee")),
    ("benefit", _("The idea contributes public benefit and/or efficiency")),
    (
        "balance",
        _("Its effects outweigh the resources it needs, in the short and long term"),
    ),
]


class AssessmentOutcome(models.TextChoices):
    # The outcome as a result. The action's button uses the same English
    # words as a command, and Swedish needs a different form for each.
    DEVELOP = "develop", pgettext_lazy("assessment outcome", "Develop further")
    DIRECT = "direct", pgettext_lazy("assessment outcome", "Realise directly")
    PAUSE = "pause", _("Paused")
    CLOSE = "close", _("Closed")


def _judgement_field():
    return models.CharField(
        _("judgement"), max_length=16, choices=Judgement.choices, blank=True
    )


def _comment_field():
    return models.TextField(_("comment"), blank=True)


class Assessment(RecordBase):
    """An ambassador's assessment against the four criteria, with its outcome.

    Judgements are blank only on derived records, because the imported data
    has no criteria.
    """

    assessor = person_field(_("assessor"))
    mission_judgement = _judgement_field()
    mission_comment = _comment_field()
    reach_judgement = _judgement_field()
    reach_comment = _comment_field()
    benefit_judgement = _judgement_field()
    benefit_comment = _comment_field()
    balance_judgement = _judgement_field()
    balance_comment = _comment_field()
    outcome = models.CharField(
        _("outcome"), max_length=16, choices=AssessmentOutcome.choices
    )
    motivation = models.TextField(_("motivation"))
    unit_head = person_field(_("unit head"))

    class Meta(RecordBase.Meta):
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")

    def __str__(self):
        return f"assessment idea={self.idea_id} outcome={self.outcome}"

    def criteria(self) -> list[dict]:
        """Return each criterion with its label, judgement label and comment."""
        return [
            {
                "label": label,
                "judgement": getattr(self, f"get_{prefix}_judgement_display")(),
                "comment": getattr(self, f"{prefix}_comment"),
            }
            for prefix, label in CRITERIA
        ]


class DecisionBasis(RecordBase):
    """The innovation group's basis for the management group's decision."""

    author = person_field(_("compiled by"))
    summary = models.TextField(_("summary"))
    resources = models.TextField(_("resources needed"))
    effects_short_term = models.TextField(_("expected effects in the short term"))
    effects_long_term = models.TextField(_("expected effects in the long term"))

    class Meta(RecordBase.Meta):
        verbose_name = _("decision basis")
        verbose_name_plural = _("decision bases")

    def __str__(self):
        return f"decision basis idea={self.idea_id}"


class DecisionLevel(models.TextChoices):
    MANAGEMENT = "management", _("Management group")
    UNIT = "unit", _("Unit head")


class DecisionOutcome(models.TextChoices):
    APPROVE = "approve", _("Approved")
    SEND_BACK = "send_back", _("Sent back for more development")
    DECLINE = "decline", _("Declined")


class Decision(RecordBase):
    """A decision on implementation by the management group or a unit head."""

    level = models.CharField(_("decided by"), max_length=16, choices=DecisionLevel)
    decided_by = person_field(_("decision maker"))
    outcome = models.CharField(_("outcome"), max_length=16, choices=DecisionOutcome)
    motivation = models.TextField(_("motivation"))
    resources = models.TextField(_("allocated resources"), blank=True)
    implementer = person_field(_("implementer"))

    class Meta(RecordBase.Meta):
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self):
        return f"decision idea={self.idea_id} outcome={self.outcome}"


class ImplementationPlan(RecordBase):
    """The implementer's plan, written with the giver; one per idea, kept current."""

    author = person_field(_("written by"))
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)
    description = models.TextField(_("how the idea will be implemented"))
    participants = models.TextField(_("who takes part and who decides"), blank=True)
    anchored_at = models.DateTimeField(_("anchored at"), null=True, blank=True)
    anchored_by = person_field(_("anchored by"))
    anchoring_note = models.TextField(_("how it was anchored"), blank=True)

    class Meta(RecordBase.Meta):
        verbose_name = _("implementation plan")
        verbose_name_plural = _("implementation plans")
        constraints = [
            models.UniqueConstraint(fields=["idea"], name="one_plan_per_idea")
        ]

    def __str__(self):
        return f"plan idea={self.idea_id}"


class Milestone(models.Model):
    plan = models.ForeignKey(
        ImplementationPlan,
        verbose_name=_("plan"),
        on_delete=models.CASCADE,
        related_name="milestones",
    )
    title = models.CharField(_("milestone"), max_length=200)
    due_date = models.DateField(_("date"))
    done = models.BooleanField(_("done"), default=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self):
        return self.title


class ImplementationReport(RecordBase):
    """The implementer's note that the idea has been implemented."""

    author = person_field(_("reported by"))
    summary = models.TextField(_("what was done"), blank=True)

    class Meta(RecordBase.Meta):
        verbose_name = _("implementation report")
        verbose_name_plural = _("implementation reports")

    def __str__(self):
        return f"implementation report idea={self.idea_id}"


class Evaluation(RecordBase):
    """The evaluation of an implemented idea, for the report to the committee."""

    author = person_field(_("evaluated by"))
    effects = models.TextField(_("effects achieved"))
    lessons = models.TextField(_("lessons learned"))
    other_units = models.TextField(_("other units that could use it"), blank=True)

    class Meta(RecordBase.Meta):
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")

    def __str__(self):
        return f"evaluation idea={self.idea_id}"
