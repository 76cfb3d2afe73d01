"""The start page: the newest ideas and the way to submit one."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext


def submit_label() -> str:
    with translation.override("sv"):
        return gettext("Submit an idea")


def titles_in(response) -> list[str]:
    return [idea.title for idea in response.context["newest_ideas"]]


@pytest.mark.django_db
class TestStartPage:
    def test_start_page_opens(self, employee_client):
        response = employee_client.get("/")

        assert response.status_code == 200

    def test_start_page_offers_submit_link(self, employee_client):
        response = employee_client.get("/")

        assert (
            f'<a class="button button--large" href="/ideer/ny/">{submit_label()}</a>'
            in response.text
        )

    def test_start_page_shows_intro(self, employee_client, index_page):
        response = employee_client.get("/")

        assert response.context["page"].intro in response.text

    def test_empty_start_page_invites_first_idea(self, employee_client):
        response = employee_client.get("/")

        assert titles_in(response) == []
        assert 'class="idea-list"' not in response.text

    def test_newest_ideas_come_first(self, employee_client, make_idea):
        now = timezone.now()
        make_idea(title="Förra veckans idé", submitted_at=now - timedelta(days=7))
        make_idea(title="Dagens idé", submitted_at=now)
        make_idea(title="Gårdagens idé", submitted_at=now - timedelta(days=1))

        response = employee_client.get("/")

        assert titles_in(response) == [
            "Dagens idé",
            "Gårdagens idé",
            "Förra veckans idé",
        ]

    def test_start_page_shows_six_ideas(self, employee_client, make_idea):
        for number in range(8):
            make_idea(title=f"Idé {number}")

        response = employee_client.get("/")

        assert len(titles_in(response)) == 6

    def test_start_page_links_to_idea(self, employee_client, make_idea):
        idea = make_idea(title="Gemensam kalender")

        response = employee_client.get("/")

        assert f'<a href="{idea.url}">Gemensam kalender</a>' in response.text

    def test_start_page_links_to_list(self, employee_client, make_idea):
        make_idea()

        response = employee_client.get("/")

        assert 'href="/ideer/"' in response.text

    def test_unpublished_idea_is_hidden(self, employee_client, make_idea):
        make_idea(title="Dold idé").unpublish()

        response = employee_client.get("/")

        assert "Dold idé" not in response.text

    def test_ideas_show_counts(
        self, employee_client, make_idea, make_comment, employee
    ):
        idea = make_idea()
        make_comment(idea, employee)

        response = employee_client.get("/")

        assert response.context["newest_ideas"][0].comment_count == 1


@pytest.mark.django_db
class TestNavigation:
    def test_menu_links_to_pages(self, employee_client):
        response = employee_client.get("/")

        for path in ("/ideer/", "/ideer/mina/", "/notiser/", "/ideer/ny/"):
            assert f'href="{path}"' in response.text

    def test_menu_names_signed_in_user(self, client, make_user):
        client.force_login(make_user(first_name="Karin", last_name="Berg"))

        response = client.get("/")

        assert "Karin Berg" in response.text

    def test_login_page_has_no_menu(self, client):
        response = client.get("/konto/logga-in/")

        assert 'href="/ideer/ny/"' not in response.text


@pytest.mark.django_db
class TestStartPageNews:
    def test_latest_news_shown(self, employee_client):
        from news.models import NewsIndexPage, NewsPage

        NewsIndexPage.objects.get().add_child(
            instance=NewsPage(title="Cykelställ med tak", intro="Nu finns de.")
        )

        response = employee_client.get("/")

        assert "Cykelställ med tak" in response.text
        assert 'href="/nyheter/"' in response.text

    def test_title_names_site_once(self, employee_client):
        response = employee_client.get("/")

        assert "<title>Idébanken</title>" in response.text
