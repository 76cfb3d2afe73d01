"""Reporting comments, the moderation queue, hiding with a reason and restoring."""

import pytest
from django.urls import reverse

from accounts import roles
from notifications.models import Notification
from participation.models import CommentHiding, CommentReport


@pytest.fixture
def comment(idea, make_user, make_comment):
    author = make_user(first_name="Olle", last_name="Otrevlig")
    return make_comment(idea, author, "Ett olämpligt påhopp.")


class TestReportComment:
    def test_employee_reports_comment(self, employee_client, employee, comment):
        response = employee_client.post(
            f"/kommentarer/{comment.pk}/anmal/", {"reason": "Personangrepp."}
        )

        report = CommentReport.objects.get()
        assert response.status_code == 302
        assert report.reporter == employee
        assert report.reason == "Personangrepp."

    def test_second_report_not_duplicated(self, employee_client, comment):
        for _ in range(2):
            employee_client.post(
                f"/kommentarer/{comment.pk}/anmal/", {"reason": "Personangrepp."}
            )

        assert CommentReport.objects.count() == 1

    def test_reason_required(self, employee_client, comment):
        response = employee_client.post(f"/kommentarer/{comment.pk}/anmal/", {})

        assert response.status_code == 200
        assert "error-summary" in response.text
        assert CommentReport.objects.count() == 0

    def test_own_comment_not_reportable(self, client, comment):
        client.force_login(comment.user)

        response = client.post(
            f"/kommentarer/{comment.pk}/anmal/", {"reason": "Ångrar mig."}
        )

        assert response.status_code == 403

    def test_reporter_sees_reported_state(self, employee_client, idea, comment):
        employee_client.post(
            f"/kommentarer/{comment.pk}/anmal/", {"reason": "Personangrepp."}
        )

        response = employee_client.get(idea.url)

        assert "Du har anmält den här kommentaren." in response.text


@pytest.fixture
def reported(comment, employee):
    CommentReport.objects.create(comment=comment, reporter=employee, reason="Hot.")
    return comment


class TestModerationQueue:
    def test_ambassador_sees_reported_comment(self, moderator_client, reported):
        response = moderator_client.get("/kommentarer/moderering/")

        assert response.status_code == 200
        assert "Ett olämpligt påhopp." in response.text
        assert "Hot." in response.text

    def test_employee_has_no_queue(self, employee_client, reported):
        assert employee_client.get("/kommentarer/moderering/").status_code == 403

    def test_queue_link_shown_to_ambassador(self, moderator_client, idea):
        response = moderator_client.get(idea.url)

        assert 'href="/kommentarer/moderering/"' in response.text

    def test_queue_link_hidden_from_employee(self, employee_client, idea):
        response = employee_client.get(idea.url)

        assert 'href="/kommentarer/moderering/"' not in response.text

    def test_ambassador_sees_report_count(self, moderator_client, idea, reported):
        response = moderator_client.get(idea.url)

        assert "Öppna anmälningar: 1" in response.text


class TestHideComment:
    def test_hide_requires_reason(self, moderator_client, reported):
        response = moderator_client.post(f"/kommentarer/{reported.pk}/dolj/", {})

        reported.refresh_from_db()
        assert response.status_code == 200
        assert not reported.is_removed

    def test_hide_leaves_placeholder(self, moderator_client, reported):
        moderator_client.post(
            f"/kommentarer/{reported.pk}/dolj/", {"reason": "Bryter mot reglerna."}
        )

        reported.refresh_from_db()
        assert reported.is_removed
        assert CommentHiding.objects.get().reason == "Bryter mot reglerna."

    def test_hide_resolves_reports(self, moderator_client, moderator, reported):
        moderator_client.post(
            f"/kommentarer/{reported.pk}/dolj/", {"reason": "Bryter mot reglerna."}
        )

        report = CommentReport.objects.get()
        assert report.resolved_at is not None
        assert report.resolved_by == moderator

    def test_author_told_reason(
        self, moderator_client, reported, django_capture_on_commit_callbacks, mailoutbox
    ):
        with django_capture_on_commit_callbacks(execute=True):
            moderator_client.post(
                f"/kommentarer/{reported.pk}/dolj/", {"reason": "Bryter mot reglerna."}
            )

        notification = Notification.objects.get(recipient=reported.user)
        assert notification.kind == "comment_hidden"
        assert "Bryter mot reglerna." in notification.render_body()
        assert len(mailoutbox) == 1
        assert "Bryter mot reglerna." in mailoutbox[0].body

    def test_employee_cannot_hide(self, employee_client, reported):
        response = employee_client.post(
            f"/kommentarer/{reported.pk}/dolj/", {"reason": "Jag vill."}
        )

        reported.refresh_from_db()
        assert response.status_code == 403
        assert not reported.is_removed

    def test_restore_shows_again(self, moderator_client, reported):
        moderator_client.post(
            f"/kommentarer/{reported.pk}/dolj/", {"reason": "Misstag."}
        )

        moderator_client.post(f"/kommentarer/{reported.pk}/visa-igen/")

        reported.refresh_from_db()
        assert not reported.is_removed
        assert not CommentHiding.objects.exists()

    def test_dismiss_keeps_comment(self, moderator_client, reported):
        moderator_client.post(f"/kommentarer/{reported.pk}/stang-anmalningar/")

        reported.refresh_from_db()
        assert not reported.is_removed
        assert CommentReport.objects.open().count() == 0


class TestAdminMenu:
    """The admin menu leads moderators to the queue, which lives on the site."""

    def test_menu_item_shown_to_ambassador(self, moderator_client):
        response = moderator_client.get(reverse("wagtailadmin_home"))

        assert response.status_code == 200
        assert "reported-comments" in response.text
        assert "/kommentarer/moderering/" in response.text

    def test_menu_item_hidden_from_communicator(self, client, make_user):
        client.force_login(make_user(roles.EMPLOYEE, roles.COMMUNICATOR))

        response = client.get(reverse("wagtailadmin_home"))

        assert response.status_code == 200
        assert "reported-comments" not in response.text
