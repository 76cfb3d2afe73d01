"""Malformed requests to the process pages get a 404 or a 400, never a 500."""

import pytest
from django.urls import reverse

from ideapages.models import IdeaPage
from ideapages.status import IdeaStatus
from workflows.models import ProcessEvent

from .conftest import current_state
from .editing import edit_url, editor_data

HUGE_ID = "99999999999999999999"


def refreshed(idea) -> IdeaPage:
    return IdeaPage.objects.get(pk=idea.pk)


class TestHugeIds:
    @pytest.mark.parametrize(
        "path",
        [
            "/admin/ideprocessen/{huge}/",
            "/admin/ideprocessen/{huge}/stoppa/",
            "/admin/ideprocessen/{idea}/{huge}/develop/",
            "/admin/ideprocessen/{huge}/{state}/develop/",
        ],
    )
    def test_process_page_not_found(self, idea, people, client, path):
        client.force_login(people.innovation)
        url = path.format(huge=HUGE_ID, idea=idea.pk, state=current_state(idea).pk)
        assert client.get(url).status_code == 404

    def test_huge_id_post_not_found(self, idea, people, client):
        client.force_login(people.ambassador)
        url = f"/admin/ideprocessen/{idea.pk}/{HUGE_ID}/develop/"
        assert client.post(url, {"motivation": "Bra."}).status_code == 404

    def test_news_from_idea_not_found(self, people, client):
        client.force_login(people.communicator)
        response = client.get(f"/admin/nyheter/fran-ide/{HUGE_ID}/")
        assert response.status_code == 404

    def test_largest_id_still_resolves(self, idea):
        url = reverse("workflows_admin:idea", args=[999999999999999999])
        assert url == "/admin/ideprocessen/999999999999999999/"


def editor_action(idea, action: str, extra_data: str) -> dict:
    """Return an editor post that takes `action` with `extra_data` as its data."""
    return editor_data(
        idea,
        **{
            "action-workflow-action": "1",
            "workflow-action-name": action,
            "workflow-action-extra-data": extra_data,
        },
    )


class TestMalformedEditorAction:
    @pytest.fixture
    def awaiting(self, idea, people, act):
        act(people.ambassador, idea, "develop")
        act(people.innovation, idea, "send-to-management")
        return refreshed(idea)

    @pytest.mark.parametrize(
        "extra_data",
        [
            "{bad",
            "[1,2]",
            '"text"',
            "null",
            "42",
            '{"user": 1}',
            '{"task_state": 1}',
            '{"action_name": "approve"}',
            "[" * 100_000,
        ],
        ids=lambda text: text[:20],
    )
    def test_malformed_extra_data_is_bad_request(
        self, awaiting, people, client, extra_data
    ):
        client.force_login(people.management)
        url = edit_url(awaiting)
        response = client.post(url, editor_action(awaiting, "decline", extra_data))
        assert response.status_code == 400

    def test_malformed_extra_data_records_nothing(self, awaiting, people, client):
        before = ProcessEvent.objects.filter(idea=awaiting).count()
        client.force_login(people.management)
        url = edit_url(awaiting)
        client.post(url, editor_action(awaiting, "decline", "[1,2]"))
        assert refreshed(awaiting).status == IdeaStatus.AWAITING_DECISION
        assert ProcessEvent.objects.filter(idea=awaiting).count() == before

    def test_bad_request_explains_problem(self, awaiting, people, client):
        client.force_login(people.management)
        url = edit_url(awaiting)
        response = client.post(url, editor_action(awaiting, "decline", "{bad"))
        assert "ingenting sparades" in response.content.decode()

    def test_wrong_values_are_form_errors(self, awaiting, people, client):
        client.force_login(people.management)
        url = edit_url(awaiting)
        state = current_state(awaiting)
        extra = (
            f'{{"task_state_id": {state.pk}, "version": [1], "motivation": {{"a": 1}}}}'
        )
        response = client.post(url, editor_action(awaiting, "decline", extra))
        assert response.status_code == 302
        assert refreshed(awaiting).status == IdeaStatus.AWAITING_DECISION
