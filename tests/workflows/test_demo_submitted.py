"""The demo loader gives every imported submitted idea a running process."""

import pytest
from wagtail.models import WorkflowState

from accounts.demo import ensure_demo_users
from ideapages.importing import IdeaImporter
from ideapages.models import IdeaIndexPage, IdeaPage
from ideapages.status import IdeaStatus
from tests.workflows.test_demo import record
from workflows.demo import load_process_demo
from workflows.models import AssessmentTask
from workflows.process import current_workflow_state


@pytest.fixture
def submitted_idea(db):
    ensure_demo_users("demo-password-for-tests")
    IdeaImporter(IdeaIndexPage.objects.get()).run([record(1, "Samlar underskrifter")])
    idea = IdeaPage.objects.get()
    assert idea.status == IdeaStatus.SUBMITTED
    return idea


def waits_for_assessment(idea) -> bool:
    state = current_workflow_state(idea)
    return state is not None and isinstance(
        state.current_task_state.task.specific, AssessmentTask
    )


def test_submitted_idea_waits_for_assessment(submitted_idea):
    load_process_demo()

    assert waits_for_assessment(submitted_idea)


def test_missing_process_started_again(submitted_idea):
    load_process_demo()
    WorkflowState.objects.for_instance(submitted_idea).delete()

    load_process_demo()

    assert waits_for_assessment(submitted_idea)


def test_second_load_starts_nothing(submitted_idea):
    load_process_demo()

    report = load_process_demo()

    assert report.opened == 0
    assert WorkflowState.objects.for_instance(submitted_idea).count() == 1
