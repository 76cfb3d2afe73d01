"""What each action of the idea process does, once `perform` has allowed it.

Every handler runs inside the transaction that `perform` opened. It stores
the step's record, changes the idea's status through `change_status`, adds
the timeline event (which also writes the audit log), moves the workflow
and notifies the people concerned.
"""

from django.utils import timezone

from ideapages.lifecycle import change_status
from ideapages.status import IdeaStatus

from . import notices
from .models import (
    CRITERIA,
    Assessment,
    AssessmentOutcome,
    Decision,
    DecisionBasis,
    DecisionBasisTask,
    DecisionLevel,
    DecisionOutcome,
    Evaluation,
    EvaluationTask,
    ImplementationPlan,
    ImplementationReport,
    ImplementationTask,
    ManagementDecisionTask,
    Milestone,
    PlanTask,
    ProcessAction,
    UnitDecisionTask,
)
from .process import move_to, record_event


def advance(t, status, action, motivation="", kind=notices.GIVER_STEP):
    """Change the status, add the timeline event and tell the giver."""
    change_status(t.idea, status, t.user)
    event = record_event(
        t.idea, action, t.user, motivation=motivation, task_state=t.task_state
    )
    t.events.append(event)
    if kind:
        notices.tell_giver(t.idea, event, kind)
    return event


def approve_and_move(t, task_class, comment=""):
    t.task_state.approve(user=t.user, update=False, comment=comment)
    return move_to(t.workflow_state, task_class, t.user)


def reject_and_move(t, task_class, comment=""):
    t.task_state.reject(user=t.user, update=False, comment=comment)
    return move_to(t.workflow_state, task_class, t.user)


def approve_and_finish(t, comment=""):
    t.task_state.approve(user=t.user, update=False, comment=comment)
    t.workflow_state.finish(user=t.user)


def reject_and_finish(t, comment=""):
    t.task_state.reject(user=t.user, update=False, comment=comment)
    t.workflow_state.finish(user=t.user)


# Assessment ------------------------------------------------------------------


def start_assessment(t):
    advance(t, IdeaStatus.ASSESSING, ProcessAction.ASSESSMENT_START)


def save_assessment(t, outcome) -> Assessment:
    criteria = {}
    for prefix, _label in CRITERIA:
        criteria[f"{prefix}_judgement"] = t.data[f"{prefix}_judgement"]
        criteria[f"{prefix}_comment"] = t.data[f"{prefix}_comment"]
    return Assessment.objects.create(
        idea=t.idea,
        task_state=t.task_state,
        assessor=t.user,
        outcome=outcome,
        motivation=t.data["motivation"],
        unit_head_id=t.data.get("unit_head"),
        **criteria,
    )


def develop(t):
    assessment = save_assessment(t, AssessmentOutcome.DEVELOP)
    advance(
        t,
        IdeaStatus.DEVELOPING,
        ProcessAction.ASSESSMENT_DEVELOP,
        assessment.motivation,
        notices.GIVER_DECISION,
    )
    approve_and_move(t, DecisionBasisTask, assessment.motivation)


def direct(t):
    assessment = save_assessment(t, AssessmentOutcome.DIRECT)
    advance(
        t,
        IdeaStatus.AWAITING_DECISION,
        ProcessAction.ASSESSMENT_DIRECT,
        assessment.motivation,
        notices.GIVER_DECISION,
    )
    unit_state = approve_and_move(t, UnitDecisionTask, assessment.motivation)
    notices.tell_assignee(t.idea, unit_state, t.user)


def pause(t):
    assessment = save_assessment(t, AssessmentOutcome.PAUSE)
    advance(
        t,
        IdeaStatus.PAUSED,
        ProcessAction.ASSESSMENT_PAUSE,
        assessment.motivation,
        notices.GIVER_DECISION,
    )
    # The assessment task stays open while the idea waits, so that an
    # ambassador can take it up again from the same place.
    t.task_state.paused_at = timezone.now()
    t.task_state.save(update_fields=["paused_at"])


def resume(t):
    event = advance(
        t,
        IdeaStatus.ASSESSING,
        ProcessAction.ASSESSMENT_RESUME,
        t.data["comment"],
    )
    t.task_state.paused_at = None
    t.task_state.resumed_at = event.created_at
    t.task_state.save(update_fields=["paused_at", "resumed_at"])


def close(t):
    assessment = save_assessment(t, AssessmentOutcome.CLOSE)
    advance(
        t,
        IdeaStatus.CLOSED,
        ProcessAction.ASSESSMENT_CLOSE,
        assessment.motivation,
        notices.GIVER_DECISION,
    )
    reject_and_finish(t, assessment.motivation)


# Decision basis --------------------------------------------------------------


def start_decision_basis(t):
    advance(t, IdeaStatus.DECISION_BASIS, ProcessAction.DECISION_BASIS_START)


def send_decision_basis(t):
    DecisionBasis.objects.create(
        idea=t.idea,
        task_state=t.task_state,
        author=t.user,
        summary=t.data["summary"],
        resources=t.data["resources"],
        effects_short_term=t.data["effects_short_term"],
        effects_long_term=t.data["effects_long_term"],
    )
    advance(t, IdeaStatus.AWAITING_DECISION, ProcessAction.DECISION_BASIS_SEND)
    approve_and_move(t, ManagementDecisionTask)


# Decisions -------------------------------------------------------------------


def save_decision(t, level, outcome, **fields) -> Decision:
    return Decision.objects.create(
        idea=t.idea,
        task_state=t.task_state,
        level=level,
        decided_by=t.user,
        outcome=outcome,
        motivation=t.data["motivation"],
        **fields,
    )


def management_approve(t):
    decision = save_decision(
        t,
        DecisionLevel.MANAGEMENT,
        DecisionOutcome.APPROVE,
        resources=t.data["resources"],
        implementer_id=t.data["implementer"],
    )
    advance(
        t,
        IdeaStatus.APPROVED,
        ProcessAction.MANAGEMENT_APPROVE,
        decision.motivation,
        notices.GIVER_DECISION,
    )
    plan_state = approve_and_move(t, PlanTask, decision.motivation)
    notices.tell_assignee(t.idea, plan_state, t.user)


def management_send_back(t):
    decision = save_decision(t, DecisionLevel.MANAGEMENT, DecisionOutcome.SEND_BACK)
    advance(
        t,
        IdeaStatus.DEVELOPING,
        ProcessAction.MANAGEMENT_SEND_BACK,
        decision.motivation,
        notices.GIVER_DECISION,
    )
    reject_and_move(t, DecisionBasisTask, decision.motivation)


def management_decline(t):
    decision = save_decision(t, DecisionLevel.MANAGEMENT, DecisionOutcome.DECLINE)
    advance(
        t,
        IdeaStatus.CLOSED,
        ProcessAction.MANAGEMENT_DECLINE,
        decision.motivation,
        notices.GIVER_DECISION,
    )
    reject_and_finish(t, decision.motivation)


def unit_approve(t):
    """Approve a simple idea; the unit head carries it out without a plan."""
    decision = save_decision(
        t, DecisionLevel.UNIT, DecisionOutcome.APPROVE, implementer=t.user
    )
    change_status(t.idea, IdeaStatus.APPROVED, t.user)
    advance(
        t,
        IdeaStatus.IMPLEMENTING,
        ProcessAction.UNIT_APPROVE,
        decision.motivation,
        notices.GIVER_DECISION,
    )
    approve_and_move(t, ImplementationTask, decision.motivation)
    notices.tell_communicators(t.idea, t.user)


def unit_decline(t):
    decision = save_decision(t, DecisionLevel.UNIT, DecisionOutcome.DECLINE)
    advance(
        t,
        IdeaStatus.CLOSED,
        ProcessAction.UNIT_DECLINE,
        decision.motivation,
        notices.GIVER_DECISION,
    )
    reject_and_finish(t, decision.motivation)


# Plan, implementation and evaluation -----------------------------------------


def save_plan(t):
    plan, _created = ImplementationPlan.objects.update_or_create(
        idea=t.idea,
        defaults={
            "task_state": t.task_state,
            "author": t.user,
            "updated_at": timezone.now(),
            "description": t.data["description"],
            "participants": t.data["participants"],
        },
    )
    plan.milestones.all().delete()
    Milestone.objects.bulk_create(
        Milestone(
            plan=plan,
            title=row["title"],
            due_date=row["due_date"],
            done=row["done"],
            position=position,
        )
        for position, row in enumerate(t.data["milestones"])
    )
    advance(t, IdeaStatus.PLANNING, ProcessAction.PLAN_SAVE, kind=None)
    notices.tell_plan_changed(t.idea, t.user)


def anchor_plan(t):
    note = t.data["anchoring_note"]
    ImplementationPlan.objects.filter(idea=t.idea).update(
        anchored_at=timezone.now(), anchored_by=t.user, anchoring_note=note
    )
    advance(t, IdeaStatus.IMPLEMENTING, ProcessAction.PLAN_ANCHOR, note)
    implementation_state = approve_and_move(t, ImplementationTask, note)
    notices.tell_assignee(t.idea, implementation_state, t.user)
    notices.tell_communicators(t.idea, t.user)


def mark_implemented(t):
    report = ImplementationReport.objects.create(
        idea=t.idea, task_state=t.task_state, author=t.user, summary=t.data["summary"]
    )
    advance(
        t,
        IdeaStatus.IMPLEMENTED,
        ProcessAction.IMPLEMENTATION_COMPLETE,
        report.summary,
    )
    approve_and_move(t, EvaluationTask, report.summary)


def evaluate(t):
    Evaluation.objects.create(
        idea=t.idea,
        task_state=t.task_state,
        author=t.user,
        effects=t.data["effects"],
        lessons=t.data["lessons"],
        other_units=t.data["other_units"],
    )
    advance(t, IdeaStatus.EVALUATED, ProcessAction.EVALUATION_COMPLETE)
    approve_and_finish(t)
