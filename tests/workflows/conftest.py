"""People in every role, an idea in the process, and ways to act on it."""

import pytest
from django.urls import reverse

from accounts import roles
from ideapages.models import IdeaPage
from workflows.models import (
    CRITERIA,
    IdeaTaskState,
    Judgement,
)
from workflows.process import current_workflow_state, start_process
from workflows.transitions import perform

ROLE_PEOPLE = {
    "ambassador": roles.IDEA_AMBASSADOR,
    "second_ambassador": roles.IDEA_AMBASSADOR,
    "innovation": roles.INNOVATION_GROUP,
    "management": roles.MANAGEMENT_GROUP,
    "unit_head": roles.UNIT_HEAD,
    "other_unit_head": roles.UNIT_HEAD,
    "implementer": roles.IMPLEMENTER,
    "other_implementer": roles.IMPLEMENTER,
    "communicator": roles.COMMUNICATOR,
    "committee": roles.SERVICE_COMMITTEE,
}


class People(dict):
    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError as error:
            raise AttributeError(name) from error


@pytest.fixture
def people(make_user):
    """One person per role, plus the giver, a colleague and a superuser."""
    found = People(
        {
            name: make_user(roles.EMPLOYEE, role, username=name)
            for name, role in ROLE_PEOPLE.items()
        }
    )
    found["giver"] = make_user(roles.EMPLOYEE, username="giver")
    found["colleague"] = make_user(roles.EMPLOYEE, username="colleague")
    found["superuser"] = make_user(username="it", is_superuser=True, is_staff=True)
    return found


@pytest.fixture
def idea(make_idea, people):
    """A new idea by the giver, with its process started."""
    new_idea = make_idea(owner=people.giver)
    start_process(new_idea, people.giver)
    return IdeaPage.objects.get(pk=new_idea.pk)


def refreshed(idea) -> IdeaPage:
    return IdeaPage.objects.get(pk=idea.pk)


# Ideas at each step of the process, each reached by the people whose step it is.


@pytest.fixture
def developed(idea, people, act):
    act(people.ambassador, idea, "start")
    act(people.ambassador, idea, "develop")
    return refreshed(idea)


@pytest.fixture
def awaiting_management(developed, people, act):
    act(people.innovation, developed, "send-to-management")
    return refreshed(developed)


@pytest.fixture
def approved(awaiting_management, people, act):
    act(
        people.management,
        awaiting_management,
        "approve-implementation",
        implementer=people.implementer.pk,
    )
    return refreshed(awaiting_management)


@pytest.fixture
def planned(approved, people, act):
    act(people.implementer, approved, "save-plan")
    return refreshed(approved)


@pytest.fixture
def implementing(planned, people, act):
    act(people.innovation, planned, "anchor-plan")
    return refreshed(planned)


@pytest.fixture
def implemented(implementing, people, act):
    act(people.implementer, implementing, "mark-implemented")
    return refreshed(implementing)


@pytest.fixture
def directed(idea, people, act):
    act(people.ambassador, idea, "direct", unit_head=people.unit_head.pk)
    return refreshed(idea)


def current_state(idea) -> IdeaTaskState:
    return current_workflow_state(idea).current_task_state.specific


def assessment_data(**extra) -> dict:
    data = {}
    for prefix, _label in CRITERIA:
        data[f"{prefix}_judgement"] = Judgement.MET
        data[f"{prefix}_comment"] = f"Kommentar om {prefix}."
    data["motivation"] = "Idén ligger inom uppdraget och gynnar många."
    data.update(extra)
    return data


DEFAULT_DATA = {
    "develop": assessment_data,
    "direct": assessment_data,
    "pause": assessment_data,
    "close": assessment_data,
    "resume": lambda: {"comment": "Nu finns resurser."},
    "send-to-management": lambda: {
        "summary": "Låsbara cykelparkeringar vid stationen.",
        "resources": "En handläggare i två månader.",
        "effects_short_term": "Fria gångvägar.",
        "effects_long_term": "Fler pendlar med cykel.",
    },
    "send-back": lambda: {"motivation": "Kostnaden behöver utredas mer."},
    "decline": lambda: {"motivation": "Ryms inte i budgeten i år."},
    "approve-and-implement": lambda: {"motivation": "Enkelt att göra i enheten."},
    "save-plan": lambda: {
        "description": "Vi köper in ställ och sätter upp dem i maj.",
        "participants": "Idégivaren och fastighetsenheten.",
        "milestones": [
            {"title": "Upphandling klar", "due_date": "2030-03-01", "done": False},
            {"title": "Ställen på plats", "due_date": "2030-05-15", "done": False},
        ],
    },
    "anchor-plan": lambda: {"anchoring_note": "Förankrad i ledningsgruppen."},
    "mark-implemented": lambda: {"summary": "Tjugo nya platser."},
    "evaluate": lambda: {
        "effects": "Gångvägen är fri.",
        "lessons": "Fråga brukarna tidigt.",
        "other_units": "Alla enheter med cykelpendlare.",
    },
}


def action_data(action: str, **extra) -> dict:
    make = DEFAULT_DATA.get(action)
    data = make() if make else {}
    data.update(extra)
    return data


def with_state(idea, data: dict) -> dict:
    state = current_state(idea)
    return {"task_state_id": state.pk, "version": state.version, **data}


@pytest.fixture
def act():
    """Return a function that performs an action through the service."""

    def do(user, idea, action, **extra):
        data = action_data(action, **extra)
        if action == "approve-implementation":
            data.setdefault("motivation", "Stor nytta för liten kostnad.")
            data.setdefault("resources", "200 000 kronor och en projektledare.")
        return perform(current_state(idea), user, action, with_state(idea, data))

    return do


def action_url(idea, action, state=None) -> str:
    state = state or current_state(idea)
    return reverse("workflows_admin:action", args=[idea.pk, state.pk, action])


def form_post_data(idea, action, data: dict, state=None) -> dict:
    """Turn action data into what the admin form posts, milestones as rows."""
    state = state or current_state(idea)
    posted = {"task_state_id": state.pk, "version": state.version}
    for name, value in data.items():
        if name == "milestones":
            for index, row in enumerate(value):
                posted[f"milestones-{index}-title"] = row["title"]
                posted[f"milestones-{index}-due_date"] = row["due_date"]
                if row.get("done"):
                    posted[f"milestones-{index}-done"] = "on"
        else:
            posted[name] = value
    return posted
