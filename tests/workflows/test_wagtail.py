"""The task types' Wagtail hooks, the editor's guards and the migration's setup."""

from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.log_actions import registry as log_registry
from wagtail.models import TaskState, Workflow, WorkflowState

from accounts import roles
from ideapages.models import IdeaIndexPage, IdeaPage
from ideapages.status import IdeaStatus
from workflows.forms import ActionForm
from workflows.models import (
    PROCESS_TASKS,
    AssessmentTask,
    ManagementDecisionTask,
    PlanTask,
    ProcessAction,
    ProcessEvent,
)
from workflows.process import current_workflow_state

from .conftest import current_state


def refreshed(idea):
    return IdeaPage.objects.get(pk=idea.pk)


class TestMigrationSetup:
    def test_idea_list_uses_idea_process(self, index_page):
        workflow = index_page.get_workflow()
        assert workflow.name == "Idéprocessen"
        assert [type(task.specific) for task in workflow.tasks] == PROCESS_TASKS

    def test_wagtail_default_workflow_removed(self, db):
        assert not Workflow.objects.filter(name="Moderators approval").exists()

    def test_wagtail_default_groups_removed(self, db):
        assert not Group.objects.filter(name__in=["Moderators", "Editors"]).exists()

    def test_tasks_name_role_groups(self, db):
        groups = {
            task.__class__.__name__: set(task.groups.values_list("name", flat=True))
            for task in (cls.objects.get() for cls in PROCESS_TASKS)
        }
        assert groups["AssessmentTask"] == {roles.IDEA_AMBASSADOR}
        assert groups["ManagementDecisionTask"] == {roles.MANAGEMENT_GROUP}
        assert set(
            PlanTask.objects.get().anchoring_groups.values_list("name", flat=True)
        ) == {roles.INNOVATION_GROUP}

    def test_innovation_group_may_cancel(self, db):
        group = Group.objects.get(name=roles.INNOVATION_GROUP)
        assert group.permissions.filter(codename="cancel_idea_process").exists()


class TestTaskHooks:
    def test_form_for_action_is_action_form(self, db):
        task = AssessmentTask.objects.get()
        form_class = task.get_form_for_action("develop")
        assert issubclass(form_class, ActionForm)
        assert form_class.spec.name == "develop"

    def test_template_for_action_is_custom(self, db):
        template = AssessmentTask.objects.get().get_template_for_action("develop")
        assert template == "workflows/admin/action_modal.html"

    def test_actions_need_form(self, idea, people):
        actions = AssessmentTask.objects.get().get_actions(idea, people.ambassador)
        assert {needs_form for _name, _label, needs_form in actions} == {True}
        assert "start" in [name for name, _label, _form in actions]

    def test_locked_during_decision_for_editors(self, awaiting_management, people):
        task = ManagementDecisionTask.objects.get()
        assert task.locked_for_user(awaiting_management, people.ambassador)
        assert task.locked_for_user(awaiting_management, people.innovation)

    def test_unlocked_for_deciders(self, awaiting_management, people):
        task = ManagementDecisionTask.objects.get()
        assert not task.locked_for_user(awaiting_management, people.management)

    def test_editors_may_correct_during_assessment(self, idea, people):
        task = AssessmentTask.objects.get()
        assert not task.locked_for_user(idea, people.innovation)

    def test_deciders_reach_editor(self, awaiting_management, people):
        task = ManagementDecisionTask.objects.get()
        assert task.user_can_access_editor(awaiting_management, people.management)
        assert not task.user_can_access_editor(awaiting_management, people.implementer)

    def test_reviewable_by_group_member(self, idea, people):
        states = TaskState.objects.reviewable_by(people.ambassador)
        assert list(states) == [current_state(idea).taskstate_ptr]

    def test_reviewable_by_named_person_only(self, idea, people, act):
        act(people.ambassador, idea, "direct", unit_head=people.unit_head.pk)
        assert TaskState.objects.reviewable_by(people.unit_head).count() == 1
        assert TaskState.objects.reviewable_by(people.other_unit_head).count() == 0


class TestEditorGuards:
    def edit_url(self, idea):
        return reverse("wagtailadmin_pages:edit", args=[idea.pk])

    def test_editor_offers_process_actions(self, idea, people, client):
        client.force_login(people.ambassador)
        page = client.get(self.edit_url(idea)).content.decode()
        assert 'data-workflow-action-name="develop"' in page

    def test_editor_hides_restart_and_cancel(self, idea, people, client):
        client.force_login(people.ambassador)
        page = client.get(self.edit_url(idea)).content.decode()
        assert 'name="action-restart-workflow"' not in page
        assert 'name="action-cancel-workflow"' not in page

    def test_editor_cancel_rejected(self, idea, people, client):
        people.giver.groups.add(Group.objects.get(name=roles.IDEA_AMBASSADOR))
        client.force_login(people.giver)
        client.post(self.edit_url(idea), {"action-cancel-workflow": "1"})
        assert current_workflow_state(idea) is not None


class TestStopProcess:
    def stop_url(self, idea):
        return reverse("workflows_admin:stop", args=[idea.pk])

    def test_stop_needs_permission(self, idea, people, client):
        client.force_login(people.ambassador)
        client.post(self.stop_url(idea), {"reason": "Dubblett."})
        assert current_workflow_state(idea) is not None

    def test_stop_closes_idea_with_reason(self, idea, people, client):
        client.force_login(people.innovation)
        client.post(self.stop_url(idea), {"reason": "Dubblett av en annan idé."})
        assert current_workflow_state(idea) is None
        assert refreshed(idea).status == IdeaStatus.CLOSED
        event = ProcessEvent.objects.filter(idea=idea).latest("pk")
        assert event.action == ProcessAction.PROCESS_CANCEL
        assert event.motivation == "Dubblett av en annan idé."

    def test_stop_without_reason_keeps_process(self, idea, people, client):
        client.force_login(people.innovation)
        response = client.post(self.stop_url(idea), {"reason": ""})
        assert response.status_code == 200
        assert current_workflow_state(idea) is not None

    def test_stop_records_one_event(self, idea, people, client):
        client.force_login(people.innovation)
        client.post(self.stop_url(idea), {"reason": "Dubblett."})
        stops = ProcessEvent.objects.filter(
            idea=idea, action=ProcessAction.PROCESS_CANCEL
        )
        assert stops.count() == 1

    def test_deactivating_workflow_is_recorded(self, idea, people):
        idea.get_workflow().deactivate(user=people.superuser)
        assert ProcessEvent.objects.filter(
            idea=idea, action=ProcessAction.PROCESS_CANCEL
        ).exists()
        assert refreshed(idea).status == IdeaStatus.SUBMITTED


class TestEditorRestart:
    def edit_url(self, idea):
        return reverse("wagtailadmin_pages:edit", args=[idea.pk])

    def test_restart_rejected(self, idea, people, act, client):
        act(people.ambassador, idea, "close")
        client.force_login(people.innovation)
        client.post(self.edit_url(idea), {"action-submit": "1"})
        assert WorkflowState.objects.for_instance(idea).count() == 1

    def test_publishing_correction_keeps_process(self, idea, people):
        page = refreshed(idea)
        page.summary = "Rättat stavfel."
        page.save_revision(user=people.innovation).publish(user=people.innovation)
        assert current_workflow_state(idea) is not None
        assert refreshed(idea).status == IdeaStatus.SUBMITTED


class TestAuditLogRegistry:
    def test_process_actions_have_labels(self, db):
        for action in ProcessAction:
            assert log_registry.action_exists(action.value), action

    def test_history_page_shows_step(self, idea, people, act, client):
        act(people.ambassador, idea, "close")
        client.force_login(people.innovation)
        url = reverse("wagtailadmin_pages:history", args=[idea.pk])
        page = client.get(url).content.decode()
        assert "Bedömd: avslutad" in page


class TestIdeaIndexPage:
    def test_ideas_inherit_workflow(self, idea):
        assert idea.get_workflow() == IdeaIndexPage.objects.get().get_workflow()
