"""An action on a step that has moved on gets a clear message and records nothing."""

import pytest
from django.contrib import messages
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from ideapages.models import IdeaPage
from ideapages.status import IdeaStatus
from workflows.models import Assessment, ImplementationPlan, ProcessEvent
from workflows.transitions import StaleAction, perform

from .conftest import action_data, action_url, current_state, form_post_data


def posted_assessment(idea, motivation):
    return form_post_data(
        idea, "develop", action_data("develop", motivation=motivation)
    )


def two_ambassadors_develop(idea, people, client):
    """Post two forms opened at the same time; return the second response."""
    url = action_url(idea, "develop")
    first = posted_assessment(idea, "Första ambassadörens motivering.")
    second = posted_assessment(idea, "Andra ambassadörens motivering.")
    client.force_login(people.ambassador)
    client.post(url, first)
    client.force_login(people.second_ambassador)
    return client.post(url, second)


class TestSecondAmbassador:
    def test_second_assessment_records_nothing(self, idea, people, client):
        two_ambassadors_develop(idea, people, client)
        assert Assessment.objects.filter(idea=idea).count() == 1

    def test_second_ambassador_sees_who_acted(self, idea, people, client):
        page = two_ambassadors_develop(idea, people, client).content.decode()
        assert "Steget är redan taget" in page
        assert people.ambassador.get_display_name() in page

    def test_second_ambassador_keeps_text(self, idea, people, client):
        page = two_ambassadors_develop(idea, people, client).content.decode()
        assert "Andra ambassadörens motivering." in page

    def test_service_raises_stale_for_old_version(self, idea, people, act):
        state = current_state(idea)
        old = {"task_state_id": state.pk, "version": state.version}
        act(people.ambassador, idea, "start")
        with pytest.raises(StaleAction):
            perform(
                state,
                people.second_ambassador,
                "develop",
                {**old, **action_data("develop")},
            )
        assert IdeaPage.objects.get(pk=idea.pk).status == IdeaStatus.ASSESSING


class TestStaleTab:
    def test_resending_same_form_records_once(self, idea, people, client):
        client.force_login(people.ambassador)
        posted = posted_assessment(idea, "Motivering.")
        url = action_url(idea, "develop")
        client.post(url, posted)
        client.post(url, posted)
        assert ProcessEvent.objects.filter(idea=idea).count() == 2

    def test_old_link_redirects_with_message(self, idea, people, act, client):
        url = action_url(idea, "develop")
        act(people.ambassador, idea, "close")
        client.force_login(people.second_ambassador)
        response = client.get(url, follow=True)
        assert response.redirect_chain[-1][0] == reverse(
            "workflows_admin:idea", args=[idea.pk]
        )
        assert "Steget är redan taget" in response.content.decode()

    def test_old_link_message_is_a_warning(self, idea, people, act, client):
        url = action_url(idea, "develop")
        act(people.ambassador, idea, "close")
        client.force_login(people.second_ambassador)
        response = client.get(url, follow=True)
        levels = [message.level for message in response.context["messages"]]
        assert levels == [messages.WARNING]

    def test_old_link_message_gives_long_date(self, idea, people, act, client):
        url = action_url(idea, "develop")
        act(people.ambassador, idea, "close")
        event = ProcessEvent.objects.filter(idea=idea).latest("created_at")
        client.force_login(people.second_ambassador)
        response = client.get(url, follow=True)
        long_date = date_format(timezone.localtime(event.created_at), "DATETIME_FORMAT")
        assert long_date in response.content.decode()

    def test_wagtail_modal_shows_stale_error(self, idea, people, client):
        state = current_state(idea)
        url = reverse(
            "wagtailadmin_pages:workflow_action", args=[idea.pk, "develop", state.pk]
        )
        posted = posted_assessment(idea, "Motivering.")
        client.force_login(people.ambassador)
        client.post(url, posted, headers={"x-requested-with": "XMLHttpRequest"})
        client.force_login(people.second_ambassador)
        response = client.post(
            url, posted, headers={"x-requested-with": "XMLHttpRequest"}
        )
        assert response.json()["step"] == "action"
        assert "Steget är redan taget" in response.json()["html"]
        assert Assessment.objects.filter(idea=idea).count() == 1


class TestChangedSinceOpened:
    def test_anchoring_old_plan_is_rejected(self, planned, people, act, client):
        anchoring = form_post_data(planned, "anchor-plan", action_data("anchor-plan"))
        act(people.implementer, planned, "save-plan", description="Ny plan.")
        client.force_login(people.innovation)
        response = client.post(action_url(planned, "anchor-plan"), anchoring)
        assert "Idén har ändrats sedan du öppnade formuläret" in (
            response.content.decode()
        )
        assert ImplementationPlan.objects.get(idea=planned).anchored_at is None

    def test_anchoring_can_be_resent_after_reading(self, planned, people, act, client):
        anchoring = form_post_data(planned, "anchor-plan", action_data("anchor-plan"))
        act(people.implementer, planned, "save-plan", description="Ny plan.")
        client.force_login(people.innovation)
        response = client.post(action_url(planned, "anchor-plan"), anchoring)
        resent = {**anchoring, "version": response.context["form"].data["version"]}
        client.post(action_url(planned, "anchor-plan"), resent)
        assert IdeaPage.objects.get(pk=planned.pk).status == IdeaStatus.IMPLEMENTING
