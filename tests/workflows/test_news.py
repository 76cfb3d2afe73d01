"""Communicators tell the administration about ideas that reach implementation."""

import pytest
from django.urls import reverse

from ideapages.models import IdeaPage
from news.models import NewsPage
from workflows.models import ProcessAction, ProcessEvent


@pytest.fixture
def unit_implementing(directed, people, act):
    """An idea a unit head approved, so that it is being implemented."""
    act(people.unit_head, directed, "approve-and-implement")
    return IdeaPage.objects.get(pk=directed.pk)


def news_url(idea):
    return reverse("news_from_idea", args=[idea.pk])


class TestNewsFromIdea:
    def test_communicator_gets_confirmation_page(
        self, unit_implementing, people, client
    ):
        client.force_login(people.communicator)
        response = client.get(news_url(unit_implementing))
        assert response.status_code == 200
        assert unit_implementing.title in response.content.decode()
        assert not NewsPage.objects.exists()

    def test_draft_is_linked_to_idea(self, unit_implementing, people, client):
        client.force_login(people.communicator)
        response = client.post(news_url(unit_implementing))
        news = NewsPage.objects.get()
        assert news.idea_id == unit_implementing.pk
        assert not news.live
        assert response.url == reverse("wagtailadmin_pages:edit", args=[news.pk])

    def test_second_click_makes_no_duplicate(self, unit_implementing, people, client):
        client.force_login(people.communicator)
        client.post(news_url(unit_implementing))
        client.post(news_url(unit_implementing))
        assert NewsPage.objects.count() == 1

    def test_others_cannot_make_news(self, unit_implementing, people, client):
        for name in ("ambassador", "innovation", "implementer", "management"):
            client.force_login(people[name])
            response = client.post(news_url(unit_implementing))
            assert response.status_code in (302, 403), name
        assert not NewsPage.objects.exists()

    def test_idea_page_offers_news_to_communicator(
        self, unit_implementing, people, client
    ):
        client.force_login(people.communicator)
        page = client.get(unit_implementing.url).content.decode()
        assert news_url(unit_implementing) in page


class TestPublishedNews:
    @pytest.fixture
    def published(self, unit_implementing, people, client):
        client.force_login(people.communicator)
        client.post(news_url(unit_implementing))
        news = NewsPage.objects.get()
        news.save_revision(user=people.communicator).publish(user=people.communicator)
        return news

    def test_publication_is_on_timeline(self, published, unit_implementing):
        assert ProcessEvent.objects.filter(
            idea=unit_implementing, action=ProcessAction.NEWS_PUBLISH
        ).exists()

    def test_republishing_adds_no_event(self, published, unit_implementing, people):
        published.intro = "Rättad ingress."
        published.save_revision(user=people.communicator).publish(
            user=people.communicator
        )
        events = ProcessEvent.objects.filter(
            idea=unit_implementing, action=ProcessAction.NEWS_PUBLISH
        )
        assert events.count() == 1

    def test_idea_page_links_news(self, published, unit_implementing, people, client):
        client.force_login(people.colleague)
        page = client.get(unit_implementing.url).content.decode()
        assert published.url in page

    def test_idea_no_longer_waits_for_news(self, published, people, client):
        client.force_login(people.communicator)
        page = client.get(reverse("workflows:waiting")).content.decode()
        assert "Idéer att berätta om för förvaltningen" not in page
