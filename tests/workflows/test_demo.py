"""The process demo: histories from real imported data, every status, a next step."""

from datetime import date, datetime, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts.demo import ensure_demo_users
from ideapages.importing import IdeaImporter
from ideapages.models import IdeaIndexPage, IdeaPage
from ideapages.status import IdeaStatus
from workflows.decision_text import dates_in, decided_on, reports_done
from workflows.demo import CLOSING_MOTIVATIONS, load_process_demo
from workflows.models import (
    Assessment,
    AssessmentOutcome,
    Decision,
    DecisionOutcome,
    EvaluationTask,
    ImplementationPlan,
    ImplementationReport,
    Milestone,
    ProcessAction,
    ProcessEvent,
)
from workflows.process import current_workflow_state
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


# Real decision texts of the Göteborg e-proposals, with their submission times.
FULFILLED_TEXT = (
    "Trafiknämnden beslutade 2019-12-12 att  förklara uppdraget TN 2019-02-07 "
    "§ 43 angående koncept för servicestationer för cykel fullgjort."
)
EARLY_DECISION_TEXT = (
    "Kretslopp och vattennämnden har den 2017-05-23 beslutat att ge förvaltningen "
    "i uppdrag att beakta Göteborgsförslag ID 13 i det pågående projektet om "
    "fastighetsnära insamling för villakunder."
)
SWEDISH_DATE_TEXT = (
    "Styrelsen för Göteborg Energi AB har vid sammanträde den 31 maj 2018 "
    "beslutat att bygga solcellsparker i Göteborg. Se bifogat utdrag ur protokoll."
)
PAUSED_TEXT = (
    "Stadsdelsnämnden Askim-Frölunda-Högsbo hade upp göteborgsförslag 3140 på "
    "sitt sammanträde 24 september 2020."
)

RECORDS = [
    record(1, "Godkänd arkiverad", "För få underskrifter"),
    record(2, "Godkänd arkiverad", "Genomförs ej", DECLINED_TEXT),
    record(3, "Godkänd arkiverad", "Tas med i framtida planering", "Planeras 2022."),
    record(4, "Inväntar beslut från nämnd"),
    record(5, "Godkänd arkiverad", "Redan omhändertaget", "."),
    record(
        6,
        "Godkänd arkiverad",
        "Genomförs fullt ut",
        FULFILLED_TEXT,
        created="2017-09-18T13:07:33",
    ),
    record(
        7,
        "Godkänd arkiverad",
        "Genomförs delvis",
        EARLY_DECISION_TEXT,
        created="2017-01-16T09:00:00",
    ),
    record(
        8,
        "Godkänd arkiverad",
        "Genomförs delvis",
        SWEDISH_DATE_TEXT,
        created="2017-02-14T09:00:00",
    ),
    record(
        9,
        "Godkänd arkiverad",
        "Tas med i framtida planering",
        PAUSED_TEXT,
        created="2020-05-04T09:00:00",
    ),
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


def timeline(idea) -> list:
    return list(ProcessEvent.objects.filter(idea=idea).order_by("created_at", "pk"))


def local_date(moment):
    return timezone.localtime(moment).date()


class TestDatesFromDecisionText:
    def test_decision_dated_from_iso_date(self, demo):
        decision = Decision.objects.get(idea=imported(2))
        assert local_date(decision.created_at) == date(2021, 6, 21)

    def test_decision_dated_from_swedish_date(self, demo):
        decision = Decision.objects.get(idea=imported(8))
        assert local_date(decision.created_at) == date(2018, 5, 31)

    def test_early_decision_keeps_its_date(self, demo):
        decision = Decision.objects.get(idea=imported(7))
        assert local_date(decision.created_at) == date(2017, 5, 23)

    def test_earlier_steps_precede_early_decision(self, demo):
        events = timeline(imported(7))
        actions = [event.action for event in events]
        assert actions == [
            ProcessAction.SUBMIT,
            ProcessAction.ASSESSMENT_DEVELOP,
            ProcessAction.DECISION_BASIS_SEND,
            ProcessAction.MANAGEMENT_APPROVE,
        ]
        assert local_date(events[2].created_at) < date(2017, 5, 23)

    def test_pause_dated_from_text(self, demo):
        idea = imported(9)
        pause = timeline(idea)[-1]
        assert pause.action == ProcessAction.ASSESSMENT_PAUSE
        assert local_date(pause.created_at) == date(2020, 9, 24)

    def test_paused_idea_waits_since_pause(self, demo):
        idea = imported(9)
        state = current_workflow_state(idea).current_task_state.specific
        assert state.paused_at == timeline(idea)[-1].created_at

    def test_awaiting_idea_waits_since_basis(self, demo):
        idea = imported(4)
        state = current_workflow_state(idea).current_task_state.specific
        assert state.started_at == timeline(idea)[-1].created_at

    def test_no_step_precedes_its_text(self, demo):
        for idea in IdeaPage.objects.filter(external_id__isnull=False):
            for event in ProcessEvent.objects.filter(idea=idea, is_derived=True):
                named = decided_on(event.motivation, idea.submitted_at)
                if named is not None:
                    assert event.created_at >= named, (idea.title, event.action)

    def test_timelines_run_forward(self, demo):
        for idea in IdeaPage.objects.filter(external_id__isnull=False):
            dates = [event.created_at for event in timeline(idea)]
            assert dates == sorted(dates), idea.title


class TestWorkReportedDone:
    def test_fulfilled_idea_is_implemented(self, demo):
        assert imported(6).status == IdeaStatus.IMPLEMENTED

    def test_completion_quotes_and_dates_text(self, demo):
        completion = timeline(imported(6))[-1]
        assert completion.action == ProcessAction.IMPLEMENTATION_COMPLETE
        assert completion.motivation == FULFILLED_TEXT
        assert local_date(completion.created_at) == date(2019, 12, 12)

    def test_approval_precedes_completion(self, demo):
        events = timeline(imported(6))
        approval = next(
            event
            for event in events
            if event.action == ProcessAction.MANAGEMENT_APPROVE
        )
        assert local_date(approval.created_at) < date(2019, 12, 12)
        assert approval.motivation != FULFILLED_TEXT

    def test_completion_records_are_derived(self, demo):
        report = ImplementationReport.objects.get(idea=imported(6))
        assert report.is_derived
        assert report.summary == FULFILLED_TEXT
        assert all(event.is_derived for event in timeline(imported(6)))

    def test_fulfilled_idea_has_no_plan(self, demo):
        assert not ImplementationPlan.objects.filter(idea=imported(6)).exists()

    def test_fulfilled_idea_waits_for_evaluation(self, demo, django_user_model):
        innovation = django_user_model.objects.get(username="innovation")
        steps = waiting_for(innovation).steps
        item = next(item for item in steps if item.idea.pk == imported(6).pk)
        assert isinstance(item.task, EvaluationTask)

    def test_future_milestones_only_for_open_work(self, demo):
        today = timezone.localdate()
        for milestone in Milestone.objects.filter(due_date__gt=today):
            idea = milestone.plan.idea
            assert not reports_done(idea.decision_text), idea.title
            assert idea.status in (IdeaStatus.PLANNING, IdeaStatus.IMPLEMENTING)

    def test_running_plans_are_latest_decided(self, demo):
        def decided(status):
            return [
                Decision.objects.get(idea=idea).created_at
                for idea in IdeaPage.objects.filter(
                    external_id__isnull=False, status=status
                )
                if Decision.objects.filter(idea=idea).count() == 1
            ]

        running = decided(IdeaStatus.PLANNING) + decided(IdeaStatus.IMPLEMENTING)
        finished = decided(IdeaStatus.EVALUATED)
        assert running
        assert finished
        assert min(running) > max(finished)


class TestReadingDecisionText:
    def test_reads_iso_and_swedish_dates(self):
        text = "Beslut 2018-12-10 och den 17 mars 2020; rapport 2011-13-40."
        assert dates_in(text) == [date(2018, 12, 10), date(2020, 3, 17)]

    def test_date_without_year_is_skipped(self):
        assert dates_in("Trafiknämnden beslutade den 28 maj att bifalla.") == []

    def test_latest_date_after_submission_wins(self):
        submitted = timezone.make_aware(datetime(2017, 9, 18, 13, 7))
        named = decided_on(FULFILLED_TEXT, submitted)
        assert local_date(named) == date(2019, 12, 12)

    def test_dates_before_submission_ignored(self):
        submitted = timezone.make_aware(datetime(2018, 8, 16, 9, 0))
        text = "Utgå från byggnadsnämndens beslut 2011-12-13 § 637."
        assert decided_on(text, submitted) is None

    def test_future_dates_ignored(self):
        submitted = timezone.make_aware(datetime(2020, 1, 1, 9, 0))
        future = timezone.localdate() + timedelta(days=30)
        assert decided_on(f"Beslut väntas {future.isoformat()}.", submitted) is None

    def test_done_words_recognised(self):
        assert reports_done(FULFILLED_TEXT)
        assert reports_done("Nämnden anser förslaget besvarat.")
        assert not reports_done(EARLY_DECISION_TEXT)


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
