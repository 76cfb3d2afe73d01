"""The process in the reader's language: step names, roles, timeline, notifications.

Task names are stored in Swedish for Wagtail's workflow screens. What the
product's own pages show is derived from the task type and translated.
"""

from django.urls import reverse
from django.utils import translation

from accounts import roles
from notifications.models import Notification
from workflows.models import PROCESS_TASKS, ImplementationTask

from .conftest import current_state

ENGLISH = "en"


def english_page(client, user, url) -> str:
    client.force_login(user)
    client.cookies["django_language"] = ENGLISH
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


class TestStepLabels:
    def test_swedish_labels_match_stored_names(self, db):
        for task_class in PROCESS_TASKS:
            task = task_class.objects.get()
            with translation.override("sv"):
                assert str(task.step_label) == task.name, task_class.__name__

    def test_english_label_is_translated(self, db):
        task = ImplementationTask.objects.get()
        with translation.override(ENGLISH):
            assert str(task.step_label) == "Implementation"

    def test_idea_page_names_step_in_english(self, developed, people, client):
        page = english_page(client, people.colleague, developed.url)
        assert "<dd>Decision basis</dd>" in page
        assert "Beslutsunderlag" not in page

    def test_admin_page_names_step_in_english(self, implementing, people, client):
        url = reverse("workflows_admin:idea", args=[implementing.pk])
        page = english_page(client, people.implementer, url)
        assert "<dd>Implementation</dd>" in page
        assert "Genomförande<" not in page

    def test_waiting_list_names_step_in_english(self, idea, people, client):
        page = english_page(client, people.ambassador, reverse("workflows:waiting"))
        assert "<dd>Assessment</dd>" in page
        assert "Bedömning" not in page

    def test_dashboard_names_step_in_english(self, idea, people, client):
        page = english_page(client, people.ambassador, reverse("wagtailadmin_home"))
        assert "<td>Assessment</td>" in page
        assert "Bedömning" not in page


class TestRoleLabels:
    def test_waiting_for_names_role_in_english(self, developed, people, client):
        page = english_page(client, people.colleague, developed.url)
        assert "<dd>Innovation group</dd>" in page

    def test_swedish_role_label_is_group_name(self, db):
        with translation.override("sv"):
            for group_name in roles.ALL_ROLES:
                assert roles.role_label(group_name) == group_name

    def test_unknown_group_keeps_its_name(self, db):
        with translation.override(ENGLISH):
            assert roles.role_label("Projektgrupp cykel") == "Projektgrupp cykel"

    def test_rejection_names_role_in_english(self, idea, people, client):
        url = reverse(
            "workflows_admin:action",
            args=[idea.pk, current_state(idea).pk, "develop"],
        )
        client.force_login(people.innovation)
        client.cookies["django_language"] = ENGLISH
        response = client.get(url, follow=True)
        assert "Only members of Idea ambassadors can take this step." in (
            response.content.decode()
        )


class TestReaderLanguage:
    def test_timeline_in_english(self, developed, people, client):
        page = english_page(client, people.colleague, developed.url)
        assert "Assessed: develop further" in page
        assert "Bedömd: vidareutvecklas" not in page

    def test_timeline_in_swedish_by_default(self, developed, people, client):
        client.force_login(people.colleague)
        page = client.get(developed.url).content.decode()
        assert "Bedömd: vidareutvecklas" in page

    def test_notification_in_english(self, idea, people, act, client):
        act(people.ambassador, idea, "close")
        page = english_page(client, people.giver, reverse("notifications:list"))
        assert "A decision has been made about your idea" in page
        assert "Ett beslut har fattats" not in page

    def test_notification_follows_reader_choice(self, idea, people, act):
        act(people.ambassador, idea, "close")
        notification = Notification.objects.get(recipient=people.giver)
        with translation.override(ENGLISH):
            english = notification.render_subject()
        with translation.override("sv"):
            swedish = notification.render_subject()
        assert "Assessed: closed" in english
        assert "Bedömd: avslutad" in swedish
