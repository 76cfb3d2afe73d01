"""Page revisions and the editor never change what the process or an import owns."""

import pytest
from django.urls import reverse
from wagtail.models import Revision

from ideapages.models import IdeaPage
from ideapages.status import IdeaStatus

from .editing import edit_url, editor_data

IMPORTED = {
    "external_id": "ext-4711",
    "source_status": "Avslutad",
    "source_outcome": "Genomförd",
    "source_recipient": "Trafiknämnden",
    "decision_text": "Trafiknämnden beslutade att genomföra förslaget.",
    "external_support_count": 12,
}


def refreshed(idea) -> IdeaPage:
    return IdeaPage.objects.get(pk=idea.pk)


@pytest.fixture
def draft(idea, people):
    """A draft correction of the idea, saved before the ambassador starts."""
    page = refreshed(idea)
    page.summary = "Rättat stavfel i sammanfattningen."
    return page.save_revision(user=people.innovation)


class TestRevisionKeepsStatus:
    def test_publishing_old_draft_keeps_status(self, idea, draft, people, act):
        act(people.ambassador, idea, "start")
        draft.publish(user=people.innovation)
        assert refreshed(idea).status == IdeaStatus.ASSESSING

    def test_publishing_old_draft_keeps_text(self, idea, draft, people, act):
        act(people.ambassador, idea, "start")
        draft.publish(user=people.innovation)
        assert refreshed(idea).summary == "Rättat stavfel i sammanfattningen."

    def test_reverting_old_revision_keeps_status(self, idea, people, act, client):
        first = refreshed(idea).latest_revision
        act(people.ambassador, idea, "develop")
        client.force_login(people.innovation)
        url = reverse("wagtailadmin_pages:revisions_revert", args=[idea.pk, first.pk])
        response = client.post(
            url, editor_data(refreshed(idea), **{"action-publish": "1"})
        )
        assert response.status_code == 302
        assert refreshed(idea).status == IdeaStatus.DEVELOPING

    def test_revision_object_shows_current_status(self, idea, draft, people, act):
        act(people.ambassador, idea, "start")
        stored = Revision.objects.get(pk=draft.pk)
        assert stored.as_object().status == IdeaStatus.ASSESSING


class TestEditorKeepsStatus:
    def test_editor_publish_after_draft_keeps_status(
        self, idea, draft, people, act, client
    ):
        act(people.ambassador, idea, "start")
        client.force_login(people.innovation)
        page = refreshed(idea).get_latest_revision_as_object()
        response = client.post(
            edit_url(idea), editor_data(page, **{"action-publish": "1"})
        )
        assert response.status_code == 302
        assert refreshed(idea).status == IdeaStatus.ASSESSING
        assert refreshed(idea).summary == "Rättat stavfel i sammanfattningen."

    def test_editor_ignores_posted_status(self, idea, people, client):
        client.force_login(people.innovation)
        posted = editor_data(
            idea, status=IdeaStatus.EVALUATED, **{"action-publish": "1"}
        )
        client.post(edit_url(idea), posted)
        assert refreshed(idea).status == IdeaStatus.SUBMITTED

    def test_editor_ignores_posted_import_fields(self, make_idea, people, client):
        imported = make_idea(**IMPORTED)
        client.force_login(people.innovation)
        posted = editor_data(
            imported,
            external_id="ext-other",
            decision_text="Ändrat beslut.",
            external_support_count=999,
            **{"action-publish": "1"},
        )
        client.post(edit_url(imported), posted)
        saved = refreshed(imported)
        for name, value in IMPORTED.items():
            assert getattr(saved, name) == value, name


class TestSaveKeepsProcessFields:
    def test_full_save_leaves_status(self, idea):
        stale = refreshed(idea)
        IdeaPage.objects.filter(pk=idea.pk).update(status=IdeaStatus.CLOSED)
        stale.summary = "Ny sammanfattning."
        stale.save()
        assert refreshed(idea).status == IdeaStatus.CLOSED
        assert refreshed(idea).summary == "Ny sammanfattning."

    def test_full_save_leaves_import_fields(self, make_idea):
        imported = make_idea(**IMPORTED)
        stale = refreshed(imported)
        stale.decision_text = "Ändrat beslut."
        stale.external_support_count = 0
        stale.save()
        assert refreshed(imported).decision_text == IMPORTED["decision_text"]
        assert refreshed(imported).external_support_count == 12

    def test_named_update_fields_still_save(self, idea):
        idea.status = IdeaStatus.CLOSED
        idea.save(update_fields=["status"])
        assert refreshed(idea).status == IdeaStatus.CLOSED
