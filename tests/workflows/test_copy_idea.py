"""A copied idea is a new idea, without the original's process or imported identity."""

import uuid

import pytest
from django.urls import reverse

from ideapages.models import IdeaPage
from ideapages.status import IdeaStatus
from workflows.models import ProcessAction, ProcessEvent
from workflows.process import current_workflow_state, start_process

from .test_process_fields import IMPORTED


def copy_url(idea) -> str:
    return reverse("wagtailadmin_pages:copy", args=[idea.pk])


def copy_data(idea, **extra) -> dict:
    return {
        "new_title": f"{idea.title} (kopia)",
        "new_slug": f"{idea.slug}-kopia",
        "new_parent_page": idea.get_parent().pk,
        **extra,
    }


def the_copy(original) -> IdeaPage:
    return IdeaPage.objects.exclude(pk=original.pk).get()


@pytest.fixture
def submitted(make_idea, people):
    """An idea submitted through the form, so that it has a submission key."""
    return make_idea(owner=people.giver, submission_key=uuid.uuid4())


@pytest.fixture
def assessed(submitted, people, act):
    start_process(submitted, people.giver)
    act(people.ambassador, submitted, "develop")
    return IdeaPage.objects.get(pk=submitted.pk)


class TestSuperuserCopiesIdea:
    def test_copy_of_submitted_idea_works(self, submitted, people, client):
        client.force_login(people.superuser)
        response = client.post(copy_url(submitted), copy_data(submitted))
        assert response.status_code == 302
        assert the_copy(submitted).submission_key is None

    def test_copy_of_imported_idea_has_no_identity(self, make_idea, people, client):
        imported = make_idea(**IMPORTED)
        client.force_login(people.superuser)
        client.post(copy_url(imported), copy_data(imported))
        copy = the_copy(imported)
        assert copy.external_id is None
        assert copy.source_status == ""
        assert copy.source_outcome == ""
        assert copy.source_recipient == ""
        assert copy.decision_text == ""
        assert copy.external_support_count == 0

    def test_copy_starts_as_submitted(self, assessed, people, client):
        client.force_login(people.superuser)
        client.post(copy_url(assessed), copy_data(assessed))
        copy = the_copy(assessed)
        assert copy.status == IdeaStatus.SUBMITTED
        assert copy.submitted_at > assessed.submitted_at

    def test_copy_is_published_new_idea(self, assessed, people, client):
        client.force_login(people.superuser)
        client.post(copy_url(assessed), copy_data(assessed, publish_copies=""))
        copy = the_copy(assessed)
        assert copy.live
        assert copy.owner == people.superuser
        assert copy.title == f"{assessed.title} (kopia)"

    def test_copy_gets_own_process(
        self, assessed, people, client, django_capture_on_commit_callbacks
    ):
        client.force_login(people.superuser)
        with django_capture_on_commit_callbacks(execute=True):
            client.post(copy_url(assessed), copy_data(assessed))
        copy = the_copy(assessed)
        assert current_workflow_state(copy) is not None
        actions = list(
            ProcessEvent.objects.filter(idea=copy).values_list("action", flat=True)
        )
        assert actions == [ProcessAction.SUBMIT]

    def test_original_keeps_its_process(self, assessed, people, client):
        events = ProcessEvent.objects.filter(idea=assessed).count()
        client.force_login(people.superuser)
        client.post(copy_url(assessed), copy_data(assessed))
        assert IdeaPage.objects.get(pk=assessed.pk).status == IdeaStatus.DEVELOPING
        assert ProcessEvent.objects.filter(idea=assessed).count() == events

    def test_alias_is_not_offered(self, submitted, people, client):
        client.force_login(people.superuser)
        page = client.get(copy_url(submitted)).content.decode()
        assert 'name="alias"' not in page
        assert "blir en ny idé" in page

    def test_posted_alias_makes_plain_copy(self, submitted, people, client):
        client.force_login(people.superuser)
        client.post(copy_url(submitted), copy_data(submitted, alias="on"))
        assert the_copy(submitted).alias_of_id is None


class TestOthersCannotCopy:
    @pytest.mark.parametrize("name", ["ambassador", "innovation", "communicator"])
    def test_copy_is_rejected(self, submitted, people, client, name):
        client.force_login(people[name])
        client.post(copy_url(submitted), copy_data(submitted))
        assert IdeaPage.objects.count() == 1
