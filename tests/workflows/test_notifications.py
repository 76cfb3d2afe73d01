"""Who is notified of what: the giver, the named people and the communicators."""

import smtplib

import pytest
from django.core import mail

from ideapages.models import IdeaPage
from ideapages.status import IdeaStatus
from notifications.models import Notification
from workflows import notices

MOTIVATION = "Idén ligger inom uppdraget och gynnar många."


def notes_for(user, kind=None):
    found = Notification.objects.filter(recipient=user)
    return found.filter(kind=kind) if kind else found


def approve(idea, people, act):
    act(
        people.management,
        idea,
        "approve-implementation",
        implementer=people.implementer.pk,
        motivation="Stor nytta för liten kostnad.",
        resources="En projektledare.",
    )


class TestGiverNotified:
    @pytest.mark.parametrize("action", ["develop", "direct", "pause", "close"])
    def test_assessment_decision_with_motivation(self, idea, people, act, action):
        extra = {"unit_head": people.unit_head.pk} if action == "direct" else {}
        act(people.ambassador, idea, action, **extra)
        note = notes_for(people.giver, notices.GIVER_DECISION).get()
        assert note.params["motivation"] == MOTIVATION
        assert MOTIVATION in note.render_body()

    @pytest.mark.parametrize(
        ("action", "motivation"),
        [
            ("send-back", "Kostnaden behöver utredas mer."),
            ("decline", "Ryms inte i budgeten i år."),
        ],
    )
    def test_management_decision_with_motivation(
        self, awaiting_management, people, act, action, motivation
    ):
        act(people.management, awaiting_management, action)
        note = notes_for(people.giver, notices.GIVER_DECISION).latest("pk")
        assert note.params["motivation"] == motivation

    def test_approval_with_motivation(self, awaiting_management, people, act):
        approve(awaiting_management, people, act)
        note = notes_for(people.giver, notices.GIVER_DECISION).latest("pk")
        assert note.params["motivation"] == "Stor nytta för liten kostnad."
        assert note.params["status"] == IdeaStatus.APPROVED

    def test_unit_decision_with_motivation(self, idea, people, act):
        act(people.ambassador, idea, "direct", unit_head=people.unit_head.pk)
        act(people.unit_head, idea, "approve-and-implement")
        note = notes_for(people.giver, notices.GIVER_DECISION).latest("pk")
        assert note.params["motivation"] == "Enkelt att göra i enheten."
        assert note.actor == people.unit_head

    def test_every_status_change_notified(self, awaiting_management, people, act):
        approve(awaiting_management, people, act)
        act(people.implementer, awaiting_management, "save-plan")
        act(people.innovation, awaiting_management, "anchor-plan")
        act(people.implementer, awaiting_management, "mark-implemented")
        act(people.innovation, awaiting_management, "evaluate")
        told = set(
            notes_for(people.giver)
            .filter(kind__in=[notices.GIVER_STEP, notices.GIVER_DECISION])
            .values_list("params__status", flat=True)
        )
        assert told == {
            IdeaStatus.ASSESSING,
            IdeaStatus.DEVELOPING,
            IdeaStatus.AWAITING_DECISION,
            IdeaStatus.APPROVED,
            IdeaStatus.IMPLEMENTING,
            IdeaStatus.IMPLEMENTED,
            IdeaStatus.EVALUATED,
        }

    def test_giver_is_emailed(
        self, idea, people, act, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            act(people.ambassador, idea, "close")
        message = next(m for m in mail.outbox if people.giver.email in m.to)
        assert MOTIVATION in message.body
        assert "Beslut om" in message.subject

    def test_giver_sees_it_on_site(self, idea, people, act, client):
        act(people.ambassador, idea, "close")
        client.force_login(people.giver)
        page = client.get("/notiser/").content.decode()
        assert MOTIVATION in page

    def test_imported_idea_notifies_no_giver(self, make_idea, people, act):
        from workflows.process import start_process

        imported = make_idea(external_id="goteborg-e-forslag:9")
        start_process(imported)
        act(people.ambassador, IdeaPage.objects.get(pk=imported.pk), "close")
        assert not Notification.objects.filter(kind=notices.GIVER_DECISION).exists()


class TestOthersNotified:
    def test_unit_head_notified_of_direct(self, idea, people, act):
        act(people.ambassador, idea, "direct", unit_head=people.unit_head.pk)
        note = notes_for(people.unit_head, notices.ASSIGNED).get()
        assert note.params["step"] == "unit_decision"
        assert not notes_for(people.other_unit_head).exists()

    def test_implementer_notified_of_appointment(
        self, awaiting_management, people, act
    ):
        approve(awaiting_management, people, act)
        note = notes_for(people.implementer, notices.ASSIGNED).get()
        assert note.params["step"] == "plan"

    def test_ambassador_notified_of_plan_changes(
        self, awaiting_management, people, act
    ):
        approve(awaiting_management, people, act)
        act(people.implementer, awaiting_management, "save-plan")
        act(people.implementer, awaiting_management, "save-plan", description="Ändrad.")
        assert notes_for(people.ambassador, notices.PLAN_CHANGED).count() == 2
        assert not notes_for(people.second_ambassador, notices.PLAN_CHANGED).exists()

    def test_communicators_notified_at_implementation(
        self, awaiting_management, people, act
    ):
        approve(awaiting_management, people, act)
        act(people.implementer, awaiting_management, "save-plan")
        assert not notes_for(people.communicator, notices.NEWS_WANTED).exists()
        act(people.innovation, awaiting_management, "anchor-plan")
        assert notes_for(people.communicator, notices.NEWS_WANTED).count() == 1

    def test_communicators_notified_at_unit_approval(self, idea, people, act):
        act(people.ambassador, idea, "direct", unit_head=people.unit_head.pk)
        act(people.unit_head, idea, "approve-and-implement")
        assert notes_for(people.communicator, notices.NEWS_WANTED).count() == 1

    def test_actor_not_notified_of_own_action(self, idea, people, act):
        act(people.ambassador, idea, "close")
        assert not notes_for(people.ambassador).exists()


class TestFailingMailServer:
    def test_decision_survives_mail_failure(
        self, idea, people, act, monkeypatch, django_capture_on_commit_callbacks
    ):
        def reject(*args, **kwargs):
            raise smtplib.SMTPServerDisconnected("mail server down")

        monkeypatch.setattr("notifications.tasks.send_mail", reject)
        with django_capture_on_commit_callbacks(execute=True):
            act(people.ambassador, idea, "close")
        assert IdeaPage.objects.get(pk=idea.pk).status == IdeaStatus.CLOSED
        note = notes_for(people.giver, notices.GIVER_DECISION).get()
        assert note.emailed_at is None
        assert note.email_attempts == 1

    def test_finishing_sends_only_process_mail(
        self, idea, people, act, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            act(people.ambassador, idea, "close")
        assert [message.to for message in mail.outbox] == [[people.giver.email]]
        assert "Beslut om" in mail.outbox[0].subject

    def test_submission_sends_superusers_nothing(
        self, make_idea, people, django_capture_on_commit_callbacks
    ):
        from workflows.process import start_process

        with django_capture_on_commit_callbacks(execute=True):
            start_process(make_idea(owner=people.giver), people.giver)
        assert mail.outbox == []
