"""Communicators tell the administration about ideas that reach implementation."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.test.utils.form_data import rich_text

from ideapages.models import IdeaPage
from news.models import NewsIndexPage, NewsPage
from notifications.models import Notification
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

    @pytest.mark.parametrize(
        ("stage", "text"),
        [
            ("implementing", "Idén genomförs och har ingen nyhet ännu."),
            ("implemented", "Idén är genomförd och har ingen nyhet ännu."),
        ],
    )
    def test_offer_names_the_stage(self, stage, text, people, client, request):
        reached = request.getfixturevalue(stage)
        client.force_login(people.communicator)
        page = client.get(reached.url).content.decode()
        assert text in page


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


class TestGiverToldOfNews:
    @pytest.fixture
    def published(self, unit_implementing, people, client):
        client.force_login(people.communicator)
        client.post(news_url(unit_implementing))
        news = NewsPage.objects.get()
        news.title = "Nya cykelställ vid stationen"
        news.save_revision(user=people.communicator).publish(user=people.communicator)
        return NewsPage.objects.get(pk=news.pk)

    def giver_notices(self, people, since_pk=0):
        return Notification.objects.filter(recipient=people.giver, pk__gt=since_pk)

    def test_one_news_notice(
        self, unit_implementing, people, client, django_capture_on_commit_callbacks
    ):
        before = Notification.objects.order_by("-pk").first()
        client.force_login(people.communicator)
        client.post(news_url(unit_implementing))
        news = NewsPage.objects.get()
        with django_capture_on_commit_callbacks(execute=True):
            news.save_revision(user=people.communicator).publish(
                user=people.communicator
            )

        notices = list(self.giver_notices(people, before.pk if before else 0))
        assert [notice.kind for notice in notices] == ["idea_news_published"]

    def test_notice_names_news_not_status(self, published, people):
        notice = Notification.objects.get(
            recipient=people.giver, kind="idea_news_published"
        )
        subject = notice.render_subject()
        body = notice.render_body()

        assert "har nu status" not in subject
        assert "nyhet" in subject
        assert "Nya cykelställ vid stationen" in body
        assert "Berättad som nyhet" not in body

    def test_notice_opens_news_page(self, published, people, client):
        notice = Notification.objects.get(
            recipient=people.giver, kind="idea_news_published"
        )
        client.force_login(people.giver)

        response = client.get(notice.get_open_url())

        assert response.status_code == 302
        assert response["Location"] == published.url

    def test_email_links_news_page(
        self, unit_implementing, people, client, django_capture_on_commit_callbacks
    ):
        client.force_login(people.communicator)
        client.post(news_url(unit_implementing))
        news = NewsPage.objects.get()
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            news.save_revision(user=people.communicator).publish(
                user=people.communicator
            )

        sent = [
            message for message in mail.outbox if message.to == [people.giver.email]
        ]
        assert len(sent) == 1
        assert NewsPage.objects.get().url in sent[0].body


class TestNewsNeedsImplementation:
    @pytest.mark.parametrize("stage", ["idea", "developed", "approved", "planned"])
    def test_early_idea_gets_no_news(self, stage, people, client, request):
        early = request.getfixturevalue(stage)
        client.force_login(people.communicator)
        response = client.post(news_url(early), follow=True)
        assert not NewsPage.objects.exists()
        assert "när den genomförs" in response.content.decode()

    def test_early_idea_gets_no_timeline_step(self, idea, people, client):
        client.force_login(people.communicator)
        client.post(news_url(idea))
        for news in NewsPage.objects.all():
            news.save_revision(user=people.communicator).publish(
                user=people.communicator
            )
        assert not ProcessEvent.objects.filter(
            idea=idea, action=ProcessAction.NEWS_PUBLISH
        ).exists()

    def test_early_idea_offers_no_form(self, idea, people, client):
        client.force_login(people.communicator)
        response = client.get(news_url(idea))
        assert response.status_code == 302

    @pytest.mark.parametrize("stage", ["implementing", "implemented"])
    def test_implementation_stages_get_news(self, stage, people, client, request):
        reached = request.getfixturevalue(stage)
        client.force_login(people.communicator)
        client.post(news_url(reached))
        assert NewsPage.objects.get().idea_id == reached.pk

    def test_others_get_clear_refusal(self, unit_implementing, people, client):
        client.force_login(people.ambassador)
        response = client.post(news_url(unit_implementing), follow=True)
        assert not NewsPage.objects.exists()
        assert "Bara kommunikatörer" in response.content.decode()


class TestNewsPageLink:
    @pytest.fixture
    def news_index(self, db):
        return NewsIndexPage.objects.get()

    def news_page(self, idea):
        return NewsPage(title="Nytt om idén", intro="Kort ingress.", idea=idea)

    def test_linking_early_idea_is_invalid(self, idea, news_index):
        news = self.news_page(idea)
        with pytest.raises(ValidationError) as error:
            news_index.add_child(instance=news)
        assert "idea" in error.value.message_dict

    def test_linking_implementing_idea_is_valid(self, unit_implementing, news_index):
        news = news_index.add_child(instance=self.news_page(unit_implementing))
        assert news.idea_id == unit_implementing.pk

    def test_existing_link_survives_closing(
        self, unit_implementing, news_index, people
    ):
        news = news_index.add_child(instance=self.news_page(unit_implementing))
        IdeaPage.objects.filter(pk=unit_implementing.pk).update(status="closed")
        news.intro = "Rättad ingress."
        news.save_revision(user=people.communicator).publish(user=people.communicator)
        assert NewsPage.objects.get(pk=news.pk).intro == "Rättad ingress."

    def test_editor_rejects_early_idea(
        self, make_idea, unit_implementing, people, client
    ):
        early = make_idea(owner=people.colleague)
        client.force_login(people.communicator)
        client.post(news_url(unit_implementing))
        news = NewsPage.objects.get()
        response = client.post(
            reverse("wagtailadmin_pages:edit", args=[news.pk]),
            {
                "title": news.title,
                "slug": news.slug,
                "date": news.date.isoformat(),
                "intro": news.intro,
                "body": rich_text(""),
                "idea": early.pk,
                "comments-TOTAL_FORMS": 0,
                "comments-INITIAL_FORMS": 0,
                "comments-MIN_NUM_FORMS": 0,
                "comments-MAX_NUM_FORMS": 1000,
                "action-publish": "1",
            },
        )
        assert response.status_code == 200
        assert NewsPage.objects.get(pk=news.pk).idea_id == unit_implementing.pk
        assert not ProcessEvent.objects.filter(
            idea=early, action=ProcessAction.NEWS_PUBLISH
        ).exists()
