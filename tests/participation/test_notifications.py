"""Followers and the giver are told of new comments and status changes."""

import pytest
from django_comments_xtd.models import XtdComment

from ideapages.lifecycle import change_status
from ideapages.status import IdeaStatus
from notifications.models import Notification
from participation import services

from .conftest import comment_post_data


@pytest.fixture
def follower(make_user, idea):
    user = make_user(first_name="Fia", last_name="Följare")
    services.set_following(idea, user, True)
    return user


def recipients(kind):
    return set(
        Notification.objects.filter(kind=kind).values_list("recipient", flat=True)
    )


class TestCommentNotifications:
    def test_followers_and_giver_told(self, employee_client, idea, giver, follower):
        employee_client.post("/kommentarer/post/", comment_post_data(idea, "Ny!"))

        assert recipients("idea_comment") == {giver.pk, follower.pk}

    def test_commenter_not_told(self, client, idea, follower):
        client.force_login(follower)

        client.post("/kommentarer/post/", comment_post_data(idea, "Egen"))

        assert follower.pk not in recipients("idea_comment")

    def test_unfollowed_giver_not_told(self, employee_client, idea, giver):
        services.set_following(idea, giver, False)

        employee_client.post("/kommentarer/post/", comment_post_data(idea, "Ny!"))

        assert giver.pk not in recipients("idea_comment")

    def test_inactive_follower_not_told(self, employee_client, idea, follower):
        follower.is_active = False
        follower.save()

        employee_client.post("/kommentarer/post/", comment_post_data(idea, "Ny!"))

        assert follower.pk not in recipients("idea_comment")

    def test_email_queued_on_commit(
        self,
        employee_client,
        idea,
        follower,
        django_capture_on_commit_callbacks,
        mailoutbox,
    ):
        with django_capture_on_commit_callbacks(execute=True):
            employee_client.post(
                "/kommentarer/post/", comment_post_data(idea, "Läs detta")
            )

        sent = [mail for mail in mailoutbox if mail.to == [follower.email]]
        assert len(sent) == 1
        assert idea.title in sent[0].subject
        assert "Läs detta" in sent[0].body
        assert f"/deltagande/ide/{idea.pk}/sluta-folja/" in sent[0].body

    def test_shown_on_notifications_page(self, employee_client, client, idea, follower):
        employee_client.post("/kommentarer/post/", comment_post_data(idea, "Ny!"))
        client.force_login(follower)

        response = client.get("/notiser/")

        assert idea.title in response.text

    def test_markup_escaped_on_notifications_page(
        self, employee_client, client, idea, follower
    ):
        employee_client.post(
            "/kommentarer/post/",
            comment_post_data(idea, "<script>alert('x')</script> https://example.org"),
        )
        client.force_login(follower)

        response = client.get("/notiser/")

        assert "<script>alert" not in response.text
        assert "&lt;script&gt;alert" in response.text
        assert '<a href="https://example.org"' in response.text

    def test_deleted_comment_text_leaves_notifications(
        self, employee_client, employee, client, idea, follower
    ):
        employee_client.post(
            "/kommentarer/post/", comment_post_data(idea, "Ett utkast jag ångrar")
        )
        comment = XtdComment.objects.get(user=employee)
        services.delete_comment(comment, employee)
        client.force_login(follower)

        response = client.get("/notiser/")

        assert "Ett utkast jag ångrar" not in response.text
        assert [note.params["excerpt"] for note in Notification.objects.all()] == [
            "",
            "",
        ]

    def test_hidden_comment_text_leaves_followers_notifications(
        self, employee_client, employee, idea, follower, moderator
    ):
        employee_client.post(
            "/kommentarer/post/", comment_post_data(idea, "Något olämpligt")
        )
        comment = XtdComment.objects.get(user=employee)

        services.hide_comment(comment, moderator, "Personangrepp", target=idea)

        follower_notes = Notification.objects.filter(
            kind="idea_comment", recipient=follower
        )
        assert follower_notes.get().params["excerpt"] == ""

    def test_news_comment_tells_nobody(self, employee_client, news_page):
        employee_client.post(
            "/kommentarer/post/", comment_post_data(news_page, "Bra nyhet")
        )

        assert not Notification.objects.exists()


class TestStatusNotifications:
    def test_followers_told_giver_not(self, idea, giver, follower, moderator):
        change_status(idea, IdeaStatus.ASSESSING, moderator)

        assert recipients("followed_idea_status") == {follower.pk}

    def test_acting_follower_not_told(self, idea, follower):
        change_status(idea, IdeaStatus.ASSESSING, follower)

        assert recipients("followed_idea_status") == set()

    def test_message_names_new_status(self, idea, follower, moderator):
        change_status(idea, IdeaStatus.DEVELOPING, moderator)

        notification = Notification.objects.get(kind="followed_idea_status")
        assert "Vidareutvecklas" in notification.render_subject()

    def test_unchanged_status_tells_nobody(self, idea, follower, moderator):
        change_status(idea, idea.status, moderator)

        assert not Notification.objects.exists()
