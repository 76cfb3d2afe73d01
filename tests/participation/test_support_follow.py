"""Supporting ideas, following them, and the list of followed ideas."""

import pytest

from participation.models import Follow, Support


def support_url(idea):
    return f"/deltagande/ide/{idea.pk}/stod/"


class TestSupport:
    def test_employee_supports_once(self, employee_client, idea, employee):
        for _ in range(2):
            employee_client.post(support_url(idea))

        assert Support.objects.filter(idea=idea, user=employee).count() == 1

    def test_support_withdrawn(self, employee_client, idea, employee):
        employee_client.post(support_url(idea))

        employee_client.post(f"/deltagande/ide/{idea.pk}/stod/ta-tillbaka/")

        assert not Support.objects.filter(idea=idea, user=employee).exists()

    def test_giver_cannot_support_own(self, client, idea, giver):
        client.force_login(giver)

        client.post(support_url(idea))

        assert not Support.objects.exists()

    def test_support_needs_post(self, employee_client, idea):
        assert employee_client.get(support_url(idea)).status_code == 405

    def test_count_shown_on_page(self, employee_client, idea, make_user):
        for _ in range(3):
            Support.objects.create(idea=idea, user=make_user())

        response = employee_client.get(idea.url)

        assert "<dd>3</dd>" in response.text

    def test_count_shown_on_list(self, employee_client, idea, index_page, make_user):
        for _ in range(2):
            Support.objects.create(idea=idea, user=make_user())

        response = employee_client.get(index_page.url)

        assert "<dd>2</dd>" in response.text

    def test_button_offers_withdrawal(self, employee_client, idea):
        employee_client.post(support_url(idea))

        response = employee_client.get(idea.url)

        assert f"/deltagande/ide/{idea.pk}/stod/ta-tillbaka/" in response.text

    def test_unknown_idea_not_found(self, employee_client, db):
        assert employee_client.post("/deltagande/ide/987654/stod/").status_code == 404

    def test_support_follows_idea(self, employee_client, idea, employee):
        employee_client.post(support_url(idea))

        assert Follow.objects.get(idea=idea, user=employee).is_following


class TestFollow:
    def test_follow_one_click(self, employee_client, idea, employee):
        employee_client.post(f"/deltagande/ide/{idea.pk}/folj/")

        assert Follow.objects.get(idea=idea, user=employee).is_following

    def test_unfollow_one_click(self, employee_client, idea, employee):
        employee_client.post(f"/deltagande/ide/{idea.pk}/folj/")

        employee_client.post(f"/deltagande/ide/{idea.pk}/sluta-folja/")

        assert not Follow.objects.get(idea=idea, user=employee).is_following

    def test_unfollow_link_asks_first(self, employee_client, idea, employee):
        employee_client.post(f"/deltagande/ide/{idea.pk}/folj/")

        response = employee_client.get(f"/deltagande/ide/{idea.pk}/sluta-folja/")

        assert response.status_code == 200
        assert Follow.objects.get(idea=idea, user=employee).is_following

    def test_commenting_after_unfollow_stays_unfollowed(
        self, employee_client, idea, employee
    ):
        from .conftest import comment_post_data

        employee_client.post(f"/deltagande/ide/{idea.pk}/sluta-folja/")

        employee_client.post("/kommentarer/post/", comment_post_data(idea, "Hej"))

        assert not Follow.objects.get(idea=idea, user=employee).is_following

    def test_commenting_follows_idea(self, employee_client, idea, employee):
        from .conftest import comment_post_data

        employee_client.post("/kommentarer/post/", comment_post_data(idea, "Hej"))

        assert Follow.objects.get(idea=idea, user=employee).is_following

    def test_giver_follows_by_default(self, client, idea, giver):
        client.force_login(giver)

        response = client.get(idea.url)

        assert f"/deltagande/ide/{idea.pk}/sluta-folja/" in response.text


class TestFollowedIdeas:
    def test_followed_idea_listed(self, employee_client, idea, make_idea):
        other = make_idea(title="Inte följd")
        employee_client.post(f"/deltagande/ide/{idea.pk}/folj/")

        response = employee_client.get("/deltagande/foljer/")

        assert idea.title in response.text
        assert other.title not in response.text

    def test_unfollowed_idea_not_listed(self, employee_client, idea):
        employee_client.post(f"/deltagande/ide/{idea.pk}/folj/")
        employee_client.post(f"/deltagande/ide/{idea.pk}/sluta-folja/")

        response = employee_client.get("/deltagande/foljer/")

        assert idea.title not in response.text

    def test_unfollow_from_list_returns_to_list(self, employee_client, idea):
        employee_client.post(f"/deltagande/ide/{idea.pk}/folj/")

        response = employee_client.post(
            f"/deltagande/ide/{idea.pk}/sluta-folja/", {"next": "followed"}
        )

        assert response["Location"] == "/deltagande/foljer/"

    def test_nav_links_followed_list(self, employee_client, idea):
        assert 'href="/deltagande/foljer/"' in employee_client.get(idea.url).text

    @pytest.mark.parametrize(
        "path", ["/deltagande/foljer/", "/kommentarer/moderering/"]
    )
    def test_anonymous_sent_to_sign_in(self, client, db, path):
        response = client.get(path)

        assert response.status_code == 302
        assert "/konto/logga-in/" in response["Location"]
