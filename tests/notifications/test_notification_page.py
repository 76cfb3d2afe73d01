"""The notifications page: reading, opening and marking notifications read."""

import re

import pytest
from django.utils import timezone

from notifications.models import Notification
from notifications.service import notify
from notifications.tasks import send_notification_email


@pytest.fixture
def recipient(make_user):
    return make_user(first_name="Greta", last_name="Giver")


@pytest.fixture
def idea(make_idea, recipient):
    return make_idea(owner=recipient)


@pytest.fixture
def comment_notice(recipient, idea):
    """Return an unread notice of a new comment, as notify_new_comment stores it."""
    [notification] = notify(
        [recipient],
        "idea_comment",
        idea=idea,
        email=False,
        excerpt="Bra idé.",
        comment_id=41,
        comment_url=f"http://127.0.0.1:8000{idea.url}?comment=41#c41",
        unfollow_url=f"http://127.0.0.1:8000/deltagande/ide/{idea.pk}/sluta-folja/",
    )
    return notification


@pytest.fixture
def recipient_client(client, recipient):
    client.force_login(recipient)
    return client


def open_link(page: str) -> str:
    """Return the first link on the page that opens a notification."""
    match = re.search(r'href="(/notiser/oppna/[^"]+)"', page)
    assert match, "no link that opens a notification"
    return match.group(1).replace("&amp;", "&")


class TestMarkAllRead:
    def test_confirms_with_message(self, recipient_client, comment_notice):
        response = recipient_client.post("/notiser/las/", follow=True)

        assert "Alla notiser är markerade som lästa." in response.text
        comment_notice.refresh_from_db()
        assert comment_notice.read_at is not None


class TestOpenNotification:
    def test_subject_links_through_open_view(self, recipient_client, comment_notice):
        page = recipient_client.get("/notiser/").text

        assert open_link(page).startswith("/notiser/oppna/")

    def test_opening_marks_read_and_redirects(
        self, recipient_client, comment_notice, idea
    ):
        link = open_link(recipient_client.get("/notiser/").text)

        response = recipient_client.get(link)

        assert response.status_code == 302
        assert response["Location"] == f"{idea.url}?comment=41#c41"
        comment_notice.refresh_from_db()
        assert comment_notice.read_at is not None

    def test_opening_keeps_first_read_time(self, recipient_client, comment_notice):
        first_read = timezone.now() - timezone.timedelta(days=1)
        Notification.objects.filter(pk=comment_notice.pk).update(read_at=first_read)
        link = open_link(recipient_client.get("/notiser/").text)

        recipient_client.get(link)

        comment_notice.refresh_from_db()
        assert comment_notice.read_at == first_read

    def test_status_notice_opens_idea(self, recipient_client, recipient, idea):
        notify(
            [recipient],
            "followed_idea_status",
            idea=idea,
            email=False,
            old_status="submitted",
            new_status="assessed",
            idea_url=f"http://127.0.0.1:8000{idea.url}",
            unfollow_url="http://127.0.0.1:8000/deltagande/ide/1/sluta-folja/",
        )
        link = open_link(recipient_client.get("/notiser/").text)

        response = recipient_client.get(link)

        assert response["Location"] == idea.url

    def test_other_users_notice_refused(
        self, recipient_client, client, comment_notice, make_user
    ):
        link = open_link(recipient_client.get("/notiser/").text)
        client.force_login(make_user())

        response = client.get(link)

        assert response.status_code == 403
        comment_notice.refresh_from_db()
        assert comment_notice.read_at is None

    def test_forged_link_refused(self, recipient_client, comment_notice):
        response = recipient_client.get(f"/notiser/oppna/{comment_notice.pk}:forged/")

        assert response.status_code == 404
        comment_notice.refresh_from_db()
        assert comment_notice.read_at is None


class TestOnSiteText:
    def test_site_text_has_no_address(self, recipient_client, comment_notice):
        page = recipient_client.get("/notiser/").text

        assert "http://127.0.0.1:8000" not in page
        assert "Bra idé." in page

    def test_email_keeps_addresses(self, comment_notice, recipient, mailoutbox):
        send_notification_email.call(comment_notice.pk)

        assert len(mailoutbox) == 1
        assert "?comment=41#c41" in mailoutbox[0].body
        assert "/sluta-folja/" in mailoutbox[0].body
