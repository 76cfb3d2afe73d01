"""Only the group or person a step names can take it; everyone else is rejected."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from accounts import roles
from ideapages.models import IdeaPage
from workflows.models import ProcessEvent
from workflows.process import current_workflow_state
from workflows.transitions import perform

from .conftest import (
    action_data,
    action_url,
    current_state,
    form_post_data,
    with_state,
)

MANAGEMENT_DATA = {
    "motivation": "Stor nytta för liten kostnad.",
    "resources": "En projektledare.",
}


def reach(idea, people, act, steps):
    for user_name, action, extra in steps:
        act(people[user_name], idea, action, **extra)
    return IdeaPage.objects.get(pk=idea.pk)


def steps_to(step: str, people) -> list:
    implementer = {"implementer": people.implementer.pk, **MANAGEMENT_DATA}
    paths = {
        "assessment": [],
        "resume": [("ambassador", "pause", {})],
        "decision_basis": [("ambassador", "develop", {})],
        "management": [
            ("ambassador", "develop", {}),
            ("innovation", "send-to-management", {}),
        ],
        "unit": [("ambassador", "direct", {"unit_head": people.unit_head.pk})],
        "plan": [
            ("ambassador", "develop", {}),
            ("innovation", "send-to-management", {}),
            ("management", "approve-implementation", implementer),
        ],
    }
    paths["anchor"] = [*paths["plan"], ("implementer", "save-plan", {})]
    paths["implementation"] = [*paths["anchor"], ("innovation", "anchor-plan", {})]
    paths["evaluation"] = [
        *paths["implementation"],
        ("implementer", "mark-implemented", {}),
    ]
    return paths[step]


# (step, action tried, the people who may take it)
STEPS = [
    ("assessment", "develop", {"ambassador", "second_ambassador"}),
    ("assessment", "close", {"ambassador", "second_ambassador"}),
    ("resume", "resume", {"ambassador", "second_ambassador"}),
    ("decision_basis", "send-to-management", {"innovation"}),
    ("management", "approve-implementation", {"management"}),
    ("management", "decline", {"management"}),
    ("unit", "approve-and-implement", {"unit_head"}),
    ("plan", "save-plan", {"implementer"}),
    ("anchor", "anchor-plan", {"innovation"}),
    ("implementation", "mark-implemented", {"implementer"}),
    ("evaluation", "evaluate", {"innovation", "implementer"}),
]


def data_for(action, people) -> dict:
    extra = {}
    if action == "approve-implementation":
        extra = {"implementer": people.implementer.pk, **MANAGEMENT_DATA}
    return action_data(action, **extra)


def snapshot(idea):
    workflow_state = current_workflow_state(idea)
    state = workflow_state.current_task_state.specific if workflow_state else None
    return (
        IdeaPage.objects.get(pk=idea.pk).status,
        ProcessEvent.objects.filter(idea=idea).count(),
        getattr(state, "pk", None),
        getattr(state, "version", None),
    )


@pytest.mark.parametrize(("step", "action", "allowed"), STEPS)
class TestEveryOtherRoleRejected:
    def test_service_rejects_others(self, idea, people, act, step, action, allowed):
        idea = reach(idea, people, act, steps_to(step, people))
        before = snapshot(idea)
        rejected = [name for name in people if name not in allowed]
        for name in rejected:
            data = with_state(idea, data_for(action, people))
            with pytest.raises(PermissionDenied):
                perform(current_state(idea), people[name], action, data)
            assert snapshot(idea) == before, name

    def test_wagtail_action_rejects_others(
        self, idea, people, act, client, step, action, allowed
    ):
        idea = reach(idea, people, act, steps_to(step, people))
        before = snapshot(idea)
        state = current_state(idea)
        url = reverse(
            "wagtailadmin_pages:workflow_action", args=[idea.pk, action, state.pk]
        )
        posted = form_post_data(idea, action, data_for(action, people))
        for name in (name for name in people if name not in allowed):
            client.force_login(people[name])
            response = client.post(url, posted)
            assert response.status_code in (302, 403), name
            assert snapshot(idea) == before, name

    def test_admin_action_page_rejects_others(
        self, idea, people, act, client, step, action, allowed
    ):
        idea = reach(idea, people, act, steps_to(step, people))
        before = snapshot(idea)
        posted = form_post_data(idea, action, data_for(action, people))
        for name in (name for name in people if name not in allowed):
            client.force_login(people[name])
            response = client.post(action_url(idea, action), posted)
            assert response.status_code == 302, name
            assert snapshot(idea) == before, name

    def test_allowed_person_succeeds(
        self, idea, people, act, client, step, action, allowed
    ):
        idea = reach(idea, people, act, steps_to(step, people))
        before = snapshot(idea)
        client.force_login(people[sorted(allowed)[0]])
        posted = form_post_data(idea, action, data_for(action, people))
        response = client.post(action_url(idea, action), posted)
        assert response.status_code == 302
        assert snapshot(idea) != before


class TestGiverNeverActs:
    def test_giver_ambassador_cannot_assess(self, idea, people, act):
        people.giver.groups.add(*people.ambassador.groups.all())
        with pytest.raises(PermissionDenied):
            act(people.giver, idea, "develop")

    def test_giver_sees_no_actions(self, idea, people):
        people.giver.groups.add(*people.ambassador.groups.all())
        task = current_state(idea).task.specific
        assert task.get_actions(idea, people.giver) == []

    def test_giver_rejection_gives_reason(self, idea, people, client):
        people.giver.groups.add(*people.ambassador.groups.all())
        client.force_login(people.giver)
        response = client.post(
            action_url(idea, "develop"),
            form_post_data(idea, "develop", action_data("develop")),
            follow=True,
        )
        assert "Du har lämnat den här idén" in response.content.decode()

    def test_giver_not_listed_as_waiting(self, idea, people):
        people.giver.groups.add(*people.ambassador.groups.all())
        task = current_state(idea).task.specific
        assert not task.get_task_states_user_can_moderate(people.giver).exists()


class TestNamedPerson:
    def test_other_unit_head_rejected_with_name(self, idea, people, act, client):
        act(people.ambassador, idea, "direct", unit_head=people.unit_head.pk)
        client.force_login(people.other_unit_head)
        response = client.post(
            action_url(idea, "decline"),
            form_post_data(idea, "decline", action_data("decline")),
            follow=True,
        )
        assert people.unit_head.get_display_name() in response.content.decode()

    def test_superuser_gets_no_process_actions(self, idea, people):
        task = current_state(idea).task.specific
        assert task.get_actions(idea, people.superuser) == []

    def test_named_person_needs_no_group(self, idea, people, act, make_user):
        outsider_head = make_user(roles.EMPLOYEE, roles.UNIT_HEAD)
        act(people.ambassador, idea, "direct", unit_head=outsider_head.pk)
        outsider_head.groups.remove(*outsider_head.groups.filter(name=roles.UNIT_HEAD))
        act(outsider_head, idea, "decline")
        assert IdeaPage.objects.get(pk=idea.pk).status == "closed"
