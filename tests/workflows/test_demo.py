"""The process demo: histories from real imported data, every status, a next step."""

import pytest
from django.core.management import call_command

from accounts.demo import ensure_demo_users
from ideapages.importing import IdeaImporter
from ideapages.models import IdeaIndexPage, IdeaPage
from ideapages.status import IdeaStatus
from workflows.demo import CLOSING_MOTIVATIONS, load_process_demo
from workflows.models import (
    Assessment,
    AssessmentOutcome,
    Decision,
    DecisionOutcome,
    ProcessEvent,
)
from workflows.waiting import waiting_for

DECLINED_TEXT = (
    "Kulturnämnden beslutade vid sitt sammanträde 2021-06-21 att avslå ditt "
    "Göteborgsförslag om ett Västsvenskt Industrihistoriskt Center."
)


def record(matter_id, status, outcome="", decision="", created="2018-03-01T10:00:00"):
    return {
        "MatterId": matter_id,
        "CreatedAt": created,
        "Gäller": "Kultur och fritid",
        "Rubrik": f"Förslag {matter_id}",
        "Sammanfattning": "Ett förslag från en invånare.",
        "Status": status,
        "Lämnas_till": "Kulturnämnden",
        "Resultat": outcome,
        "Beslut": decision,
        "Röster": "12",
    }


RECORDS = [
    record(1, "Godkänd arkiverad", "För få underskrifter"),
    record(2, "Godkänd arkiverad", "Genomförs ej", DECLINED_TEXT),
    record(3, "Godkänd arkiverad", "Tas med i framtida planering", "Planeras 2022."),
    record(4, "Inväntar beslut från nämnd"),
    record(5, "Godkänd arkiverad", "Redan omhändertaget", "."),
    *[
        record(
            10 + number,
            "Godkänd arkiverad",
            "Genomförs fullt ut",
            "Nämnden bifaller förslaget.",
            created=f"2017-0{number + 1}-01T10:00:00",
        )
        for number in range(9)
    ],
]


@pytest.fixture
def demo(db):
    ensure_demo_users("demo-password-for-tests")
    IdeaImporter(IdeaIndexPage.objects.get()).run(RECORDS)
    return load_process_demo()


def imported(matter_id) -> IdeaPage:
    return IdeaPage.objects.get(external_id=f"goteborg-e-forslag:{matter_id}")


class TestDerivedHistories:
    def test_every_status_appears(self, demo):
        statuses = set(IdeaPage.objects.values_list("status", flat=True))
        assert statuses == set(IdeaStatus.values)

    def test_closed_histories_carry_real_texts(self, demo):
        too_few = Assessment.objects.get(idea=imported(1))
        assert too_few.outcome == AssessmentOutcome.CLOSE
        assert "för få underskrifter" in too_few.motivation
        declined = Decision.objects.get(idea=imported(2))
        assert declined.outcome == DecisionOutcome.DECLINE
        assert declined.motivation == DECLINED_TEXT
        # A record that holds only a full stop gets the outcome's wording.
        handled = Assessment.objects.get(idea=imported(5))
        assert handled.motivation == CLOSING_MOTIVATIONS["Redan omhändertaget"]

    def test_histories_are_dated_and_marked(self, demo):
        idea = imported(2)
        events = list(ProcessEvent.objects.filter(idea=idea).order_by("pk"))
        dates = [event.created_at for event in events]
        assert dates[0] == idea.submitted_at
        assert dates == sorted(dates)
        assert all(event.is_derived for event in events)

    def test_imported_status_is_kept(self, demo):
        assert imported(1).status == IdeaStatus.CLOSED
        assert imported(3).status == IdeaStatus.PAUSED
        assert imported(4).status == IdeaStatus.AWAITING_DECISION


class TestNextSteps:
    def test_each_role_has_a_step(self, demo, django_user_model):
        def waiting(username):
            return waiting_for(django_user_model.objects.get(username=username))

        for username in ("ambassador", "innovation", "ledning", "enhetschef"):
            assert waiting(username).steps, username
        assert waiting("utforare").steps
        assert imported(3).pk in {item.idea.pk for item in waiting("ambassador").paused}
        assert waiting("kommunikator").news

    def test_demo_giver_was_told(self, demo, django_user_model):
        giver = django_user_model.objects.get(username="medarbetare")
        assert giver.notifications.filter(kind="process_decision").exists()


class TestRunningAgain:
    def test_second_run_loads_nothing(self, demo):
        counts = (
            ProcessEvent.objects.count(),
            Assessment.objects.count(),
            IdeaPage.objects.count(),
        )
        report = load_process_demo()
        assert (report.derived, report.new_ideas, report.carried_on) == (0, 0, 0)
        assert counts == (
            ProcessEvent.objects.count(),
            Assessment.objects.count(),
            IdeaPage.objects.count(),
        )

    def test_command_rejects_without_debug(self, db, settings):
        from django.core.management.base import CommandError

        settings.DEBUG = False
        with pytest.raises(CommandError):
            call_command("load_demo_process")
