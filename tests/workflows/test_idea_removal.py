"""Only superusers take ideas out of the idea bank, and process roles correct them."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from ideapages.models import IdeaIndexPage, IdeaPage

from .editing import edit_url, editor_data

PROCESS_ROLES = ["ambassador", "innovation", "management", "implementer"]
EDITORS = ["ambassador", "innovation"]


def refreshed(idea) -> IdeaPage:
    return IdeaPage.objects.get(pk=idea.pk)


def bulk_url(action: str, *pages) -> str:
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", action])
    return url + "?" + "&".join(f"id={page.pk}" for page in pages)


class TestPermissionTester:
    @pytest.mark.parametrize("name", EDITORS)
    def test_editor_still_publishes_corrections(self, idea, people, name):
        assert idea.permissions_for_user(people[name]).can_publish()

    @pytest.mark.parametrize("name", EDITORS)
    def test_editor_cannot_remove_idea(self, idea, people, name):
        permissions = idea.permissions_for_user(people[name])
        assert not permissions.can_delete()
        assert not permissions.can_unpublish()
        assert not permissions.can_move()
        assert not permissions.can_set_view_restrictions()
        assert not permissions.can_copy()

    @pytest.mark.parametrize("name", EDITORS)
    def test_base_page_gets_same_rules(self, idea, people, name):
        page = Page.objects.get(pk=idea.pk)
        assert not page.permissions_for_user(people[name]).can_delete()

    @pytest.mark.parametrize("name", EDITORS)
    def test_editor_cannot_unpublish_idea_list(self, index_page, people, name):
        permissions = index_page.permissions_for_user(people[name])
        assert not permissions.can_unpublish()
        assert not permissions.can_set_view_restrictions()

    def test_superuser_may_remove_idea(self, idea, people):
        permissions = idea.permissions_for_user(people.superuser)
        assert permissions.can_delete()
        assert permissions.can_unpublish()
        assert permissions.can_copy()


@pytest.mark.parametrize("name", PROCESS_ROLES)
class TestProcessRolesKeepIdeas:
    def test_delete_is_rejected(self, idea, people, client, name):
        client.force_login(people[name])
        client.post(reverse("wagtailadmin_pages:delete", args=[idea.pk]))
        assert IdeaPage.objects.filter(pk=idea.pk).exists()

    def test_unpublish_is_rejected(self, idea, people, client, name):
        client.force_login(people[name])
        client.post(reverse("wagtailadmin_pages:unpublish", args=[idea.pk]))
        assert refreshed(idea).live

    def test_bulk_delete_is_rejected(self, idea, people, client, name):
        client.force_login(people[name])
        client.post(bulk_url("delete", idea))
        assert IdeaPage.objects.filter(pk=idea.pk).exists()

    def test_bulk_unpublish_is_rejected(self, idea, people, client, name):
        client.force_login(people[name])
        client.post(bulk_url("unpublish", idea))
        assert refreshed(idea).live

    def test_bulk_move_is_rejected(self, idea, index_page, people, client, name):
        client.force_login(people[name])
        client.post(bulk_url("move", idea), {"chooser": index_page.pk})
        assert refreshed(idea).path == idea.path

    def test_move_is_rejected(self, idea, index_page, people, client, name):
        client.force_login(people[name])
        url = reverse("wagtailadmin_pages:move_confirm", args=[idea.pk, index_page.pk])
        response = client.post(url)
        assert response.status_code in (302, 403)
        assert refreshed(idea).path == idea.path

    def test_privacy_is_rejected(self, idea, people, client, name):
        client.force_login(people[name])
        url = reverse("wagtailadmin_pages:set_privacy", args=[idea.pk])
        client.post(url, {"restriction_type": "login"})
        assert not PageViewRestriction.objects.filter(page=idea).exists()

    def test_idea_list_unpublish_is_rejected(self, idea, people, client, name):
        client.force_login(people[name])
        index = IdeaIndexPage.objects.get()
        url = reverse("wagtailadmin_pages:unpublish", args=[index.pk])
        client.post(url, {"include_descendants": "on"})
        assert IdeaIndexPage.objects.get().live
        assert refreshed(idea).live


class TestEditorOffersNoRemoval:
    @pytest.mark.parametrize("name", EDITORS)
    def test_editor_shows_no_delete_or_unpublish(self, idea, people, client, name):
        client.force_login(people[name])
        page = client.get(edit_url(idea)).content.decode()
        assert reverse("wagtailadmin_pages:delete", args=[idea.pk]) not in page
        assert reverse("wagtailadmin_pages:unpublish", args=[idea.pk]) not in page

    def test_expiry_date_is_rejected(self, idea, people, client):
        client.force_login(people.innovation)
        tomorrow = timezone.now() + datetime.timedelta(days=1)
        posted = editor_data(
            idea,
            expire_at=tomorrow.strftime("%Y-%m-%d %H:%M"),
            **{"action-publish": "1"},
        )
        response = client.post(edit_url(idea), posted)
        assert response.status_code == 200
        assert refreshed(idea).expire_at is None
        assert "kan inte ha något utgångsdatum" in response.content.decode()


class TestSuperuserRemovesIdeas:
    def test_superuser_deletes_idea(self, idea, people, client):
        client.force_login(people.superuser)
        response = client.post(reverse("wagtailadmin_pages:delete", args=[idea.pk]))
        assert response.status_code == 302
        assert not IdeaPage.objects.filter(pk=idea.pk).exists()

    def test_superuser_unpublishes_idea(self, idea, people, client):
        client.force_login(people.superuser)
        url = reverse("wagtailadmin_pages:unpublish", args=[idea.pk])
        response = client.post(url)
        assert response.status_code == 302
        assert not refreshed(idea).live
