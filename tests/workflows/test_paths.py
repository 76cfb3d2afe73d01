"""Every branch of the idea process, walked by the people whose step it is."""

from wagtail.models import PageLogEntry, TaskState, WorkflowState

from ideapages.status import IdeaStatus
from workflows.models import (
    Assessment,
    AssessmentOutcome,
    AssessmentTask,
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
    PlanTask,
    ProcessAction,
    ProcessEvent,
    UnitDecisionTask,
)
from workflows.process import current_workflow_state

from .conftest import current_state, refreshed


def task_type(idea):
    return type(current_state(idea).task.specific)


def last_event(idea) -> ProcessEvent:
    return ProcessEvent.objects.filter(idea=idea).order_by("-pk").first()


class TestSubmission:
    def test_process_starts_at_assessment(self, idea):
        assert task_type(idea) is AssessmentTask

    def test_submitted_idea_stays_live(self, idea):
        assert refreshed(idea).live

    def test_submission_is_first_event(self, idea, people):
        event = last_event(idea)
        assert event.action == ProcessAction.SUBMIT
        assert event.actor == people.giver

    def test_site_submission_starts_process(
        self,
        index_page,
        category,
        unit,
        people,
        client,
        django_capture_on_commit_callbacks,
    ):
        client.force_login(people.giver)
        with django_capture_on_commit_callbacks(execute=True):
            client.post(
                index_page.url + "ny/",
                {
                    "title": "Gemensam kalender för lokalerna",
                    "summary": "Alla bokar mötesrum på ett ställe.",
                    "description": "Bokningarna ligger i dag i tre olika pärmar.",
                    "category": category.pk,
                    "unit": unit.pk,
                    "submission_key": "5f0c8a8e-3f7a-4d3b-9b8e-111111111111",
                },
            )
        from ideapages.models import IdeaPage

        idea = IdeaPage.objects.get(title="Gemensam kalender för lokalerna")
        assert task_type(idea) is AssessmentTask

    def test_imported_idea_gets_no_process(
        self, make_idea, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            imported = make_idea(external_id="goteborg-e-forslag:1")
        assert current_workflow_state(imported) is None


class TestAssessmentStart:
    def test_start_sets_assessing(self, idea, people, act):
        act(people.ambassador, idea, "start")
        assert refreshed(idea).status == IdeaStatus.ASSESSING

    def test_start_keeps_assessment_task(self, idea, people, act):
        act(people.ambassador, idea, "start")
        assert task_type(idea) is AssessmentTask


class TestDevelop:
    def test_develop_sets_developing(self, developed):
        assert refreshed(developed).status == IdeaStatus.DEVELOPING

    def test_develop_moves_to_decision_basis(self, developed):
        assert task_type(developed) is DecisionBasisTask

    def test_develop_stores_assessment_record(self, developed, people):
        assessment = Assessment.objects.get(idea=developed)
        assert assessment.outcome == AssessmentOutcome.DEVELOP
        assert assessment.assessor == people.ambassador
        assert assessment.reach_comment == "Kommentar om reach."

    def test_develop_approves_wagtail_task_state(self, developed):
        state = TaskState.objects.get(
            task__in=AssessmentTask.objects.all(),
            workflow_state=current_workflow_state(developed),
        )
        assert state.status == TaskState.STATUS_APPROVED

    def test_decision_basis_start_sets_status(self, developed, people, act):
        act(people.innovation, developed, "start-compiling")
        assert refreshed(developed).status == IdeaStatus.DECISION_BASIS

    def test_decision_basis_moves_to_management(self, awaiting_management):
        assert refreshed(awaiting_management).status == IdeaStatus.AWAITING_DECISION
        assert task_type(awaiting_management) is ManagementDecisionTask

    def test_decision_basis_is_stored(self, awaiting_management, people):
        basis = DecisionBasis.objects.get(idea=awaiting_management)
        assert basis.author == people.innovation
        assert basis.effects_long_term == "Fler pendlar med cykel."


class TestDirect:
    def test_direct_awaits_unit_decision(self, directed):
        assert refreshed(directed).status == IdeaStatus.AWAITING_DECISION
        assert task_type(directed) is UnitDecisionTask

    def test_direct_names_chosen_unit_head(self, directed, people):
        assert current_state(directed).assignee == people.unit_head

    def test_unit_approval_starts_implementation(self, directed, people, act):
        act(people.unit_head, directed, "approve-and-implement")
        assert refreshed(directed).status == IdeaStatus.IMPLEMENTING
        assert task_type(directed) is ImplementationTask

    def test_unit_head_implements_own_approval(self, directed, people, act):
        act(people.unit_head, directed, "approve-and-implement")
        assert current_state(directed).assignee == people.unit_head
        decision = Decision.objects.get(idea=directed)
        assert decision.level == DecisionLevel.UNIT
        assert decision.implementer == people.unit_head

    def test_unit_decline_closes(self, directed, people, act):
        act(people.unit_head, directed, "decline")
        assert refreshed(directed).status == IdeaStatus.CLOSED
        assert current_workflow_state(directed) is None
        assert Decision.objects.get(idea=directed).outcome == DecisionOutcome.DECLINE


class TestPauseAndResume:
    def test_pause_sets_paused(self, idea, people, act):
        act(people.ambassador, idea, "pause")
        assert refreshed(idea).status == IdeaStatus.PAUSED

    def test_pause_keeps_assessment_open(self, idea, people, act):
        act(people.ambassador, idea, "pause")
        state = current_state(idea)
        assert state.status == TaskState.STATUS_IN_PROGRESS
        assert state.paused_at is not None

    def test_paused_idea_offers_only_resume(self, idea, people, act):
        act(people.ambassador, idea, "pause")
        actions = current_state(idea).task.specific.get_actions(
            refreshed(idea), people.second_ambassador
        )
        assert [name for name, _label, _form in actions] == ["resume"]

    def test_other_ambassador_resumes(self, idea, people, act):
        act(people.ambassador, idea, "pause")
        act(people.second_ambassador, idea, "resume")
        assert refreshed(idea).status == IdeaStatus.ASSESSING
        assert current_state(idea).paused_at is None

    def test_resumed_idea_can_be_developed(self, idea, people, act):
        act(people.ambassador, idea, "pause")
        act(people.second_ambassador, idea, "resume")
        act(people.second_ambassador, idea, "develop")
        assert refreshed(idea).status == IdeaStatus.DEVELOPING


class TestClose:
    def test_close_sets_closed(self, idea, people, act):
        act(people.ambassador, idea, "close")
        assert refreshed(idea).status == IdeaStatus.CLOSED

    def test_close_finishes_workflow(self, idea, people, act):
        act(people.ambassador, idea, "close")
        state = WorkflowState.objects.for_instance(idea).get()
        assert state.status == WorkflowState.STATUS_APPROVED

    def test_close_marks_task_rejected(self, idea, people, act):
        act(people.ambassador, idea, "close")
        state = TaskState.objects.get(workflow_state__object_id=str(idea.pk))
        assert state.status == TaskState.STATUS_REJECTED
        assert state.comment == "Idén ligger inom uppdraget och gynnar många."

    def test_closed_idea_stays_live(self, idea, people, act):
        act(people.ambassador, idea, "close")
        assert refreshed(idea).live


class TestManagementDecision:
    def test_approve_sets_approved(self, approved):
        assert refreshed(approved).status == IdeaStatus.APPROVED

    def test_approve_names_implementer(self, approved, people):
        assert task_type(approved) is PlanTask
        assert current_state(approved).assignee == people.implementer

    def test_approve_stores_resources(self, approved, people):
        decision = Decision.objects.get(idea=approved)
        assert decision.outcome == DecisionOutcome.APPROVE
        assert decision.resources == "200 000 kronor och en projektledare."
        assert decision.decided_by == people.management

    def test_send_back_returns_to_development(self, awaiting_management, people, act):
        act(people.management, awaiting_management, "send-back")
        assert refreshed(awaiting_management).status == IdeaStatus.DEVELOPING
        assert task_type(awaiting_management) is DecisionBasisTask

    def test_sent_back_idea_can_be_resent(self, awaiting_management, people, act):
        act(people.management, awaiting_management, "send-back")
        act(people.innovation, awaiting_management, "send-to-management")
        assert task_type(awaiting_management) is ManagementDecisionTask
        assert DecisionBasis.objects.filter(idea=awaiting_management).count() == 2

    def test_decline_closes(self, awaiting_management, people, act):
        act(people.management, awaiting_management, "decline")
        assert refreshed(awaiting_management).status == IdeaStatus.CLOSED
        assert current_workflow_state(awaiting_management) is None


class TestPlanImplementationEvaluation:
    def test_first_plan_sets_planning(self, planned):
        assert refreshed(planned).status == IdeaStatus.PLANNING

    def test_plan_keeps_milestones_in_order(self, planned):
        plan = ImplementationPlan.objects.get(idea=planned)
        titles = [milestone.title for milestone in plan.milestones.all()]
        assert titles == ["Upphandling klar", "Ställen på plats"]

    def test_plan_change_replaces_milestones(self, planned, people, act):
        act(
            people.implementer,
            planned,
            "save-plan",
            milestones=[{"title": "Klart", "due_date": "2030-06-01", "done": True}],
        )
        plan = ImplementationPlan.objects.get(idea=planned)
        assert [(m.title, m.done) for m in plan.milestones.all()] == [("Klart", True)]

    def test_anchoring_starts_implementation(self, implementing, people):
        assert refreshed(implementing).status == IdeaStatus.IMPLEMENTING
        assert task_type(implementing) is ImplementationTask
        assert current_state(implementing).assignee == people.implementer

    def test_anchoring_is_recorded(self, implementing, people):
        plan = ImplementationPlan.objects.get(idea=implementing)
        assert plan.anchored_by == people.innovation
        assert plan.anchoring_note == "Förankrad i ledningsgruppen."

    def test_marking_implemented_moves_to_evaluation(self, implemented):
        assert refreshed(implemented).status == IdeaStatus.IMPLEMENTED
        assert task_type(implemented) is EvaluationTask
        assert ImplementationReport.objects.get(idea=implemented).summary

    def test_evaluation_finishes_process(self, implemented, people, act):
        act(people.innovation, implemented, "evaluate")
        assert refreshed(implemented).status == IdeaStatus.EVALUATED
        assert current_workflow_state(implemented) is None
        assert Evaluation.objects.get(idea=implemented).author == people.innovation

    def test_implementer_may_record_evaluation(self, implemented, people, act):
        act(people.implementer, implemented, "evaluate")
        assert refreshed(implemented).status == IdeaStatus.EVALUATED

    def test_finishing_does_not_publish_draft(self, implemented, people, act):
        draft = refreshed(implemented)
        draft.summary = "Ett utkast som ingen har granskat."
        draft.save_revision(user=people.innovation)
        act(people.innovation, implemented, "evaluate")
        assert refreshed(implemented).summary != "Ett utkast som ingen har granskat."
        assert refreshed(implemented).has_unpublished_changes


class TestAuditLog:
    def test_each_transition_is_logged(self, implemented, people, act):
        act(people.innovation, implemented, "evaluate")
        logged = set(
            PageLogEntry.objects.filter(
                page=implemented, action__startswith="ideas."
            ).values_list("action", flat=True)
        )
        expected = {
            ProcessAction.SUBMIT,
            ProcessAction.ASSESSMENT_START,
            ProcessAction.ASSESSMENT_DEVELOP,
            ProcessAction.DECISION_BASIS_SEND,
            ProcessAction.MANAGEMENT_APPROVE,
            ProcessAction.PLAN_SAVE,
            ProcessAction.PLAN_ANCHOR,
            ProcessAction.IMPLEMENTATION_COMPLETE,
            ProcessAction.EVALUATION_COMPLETE,
        }
        assert logged == {str(action) for action in expected}

    def test_log_entry_names_idea_and_task(self, developed, people):
        entry = PageLogEntry.objects.get(
            page=developed, action=ProcessAction.ASSESSMENT_DEVELOP
        )
        assert entry.user == people.ambassador
        assert entry.data["idea"] == developed.pk
        assert entry.data["task_state"] is not None
        motivation = "Idén ligger inom uppdraget och gynnar många."
        assert entry.data["motivation"] == motivation

    def test_every_event_matches_status(self, implemented):
        statuses = list(
            ProcessEvent.objects.filter(idea=implemented)
            .order_by("pk")
            .values_list("status", flat=True)
        )
        assert statuses == [
            IdeaStatus.SUBMITTED,
            IdeaStatus.ASSESSING,
            IdeaStatus.DEVELOPING,
            IdeaStatus.AWAITING_DECISION,
            IdeaStatus.APPROVED,
            IdeaStatus.PLANNING,
            IdeaStatus.IMPLEMENTING,
            IdeaStatus.IMPLEMENTED,
        ]
