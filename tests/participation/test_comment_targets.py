"""Comments on pages that are unpublished, deleted or take no comments."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django_comments_xtd.models import XtdComment
from wagtail.models import Page

from ideapages.models import IdeaIndexPage

from .conftest import comment_post_data

POST_URL = "/kommentarer/post/"


def unpublish(page):
    page.unpublish()


def delete(page):
    Page.objects.get(pk=page.pk).delete()


@pytest.fixture(params=["idea", "news_page"])
def target(request):
    return request.getfixturevalue(request.param)


class TestPostOnUnavailablePage:
    @pytest.mark.parametrize("make_unavailable", [unpublish, delete])
    def test_comment_rejected(self, employee_client, target, make_unavailable):
        data = comment_post_data(target, "Kom för sent.")
        make_unavailable(target)

        response = employee_client.post(POST_URL, data)

        assert response.status_code == 400
        assert "finns inte eller är inte publicerad" in response.text
        assert XtdComment.objects.count() == 0

    @pytest.mark.parametrize("make_unavailable", [unpublish, delete])
    def test_reply_rejected(
        self, employee_client, target, make_user, make_comment, make_unavailable
    ):
        parent = make_comment(target, make_user(), "Fråga?")
        data = comment_post_data(target, "Svar som kom för sent.", reply_to=parent.pk)
        make_unavailable(target)

        response = employee_client.post(POST_URL, data)

        assert response.status_code == 400
        assert "finns inte eller är inte publicerad" in response.text
        assert not XtdComment.objects.filter(comment__startswith="Svar").exists()

    def test_other_page_type_rejected(self, employee_client, idea, index_page):
        index_type = ContentType.objects.get_for_model(IdeaIndexPage)
        data = comment_post_data(
            idea,
            "På listsidan",
            content_type=f"{index_type.app_label}.{index_type.model}",
            object_pk=str(index_page.pk),
        )

        response = employee_client.post(POST_URL, data)

        assert response.status_code == 400
        assert "bara på idéer och nyheter" in response.text
        assert XtdComment.objects.count() == 0

    def test_idea_type_with_other_page_rejected(
        self, employee_client, idea, index_page
    ):
        data = comment_post_data(idea, "Fel sida", object_pk=str(index_page.pk))

        response = employee_client.post(POST_URL, data)

        assert response.status_code == 400
        assert XtdComment.objects.count() == 0


ACTIONS = ["", "svara/", "andra/", "anmal/"]


class TestActionsOnUnavailablePage:
    """Showing, replying to, editing and reporting a comment whose page is gone."""

    @pytest.mark.parametrize("make_unavailable", [unpublish, delete])
    @pytest.mark.parametrize("action", ACTIONS)
    def test_get_not_found(
        self,
        employee_client,
        employee,
        make_user,
        target,
        make_comment,
        action,
        make_unavailable,
    ):
        # Only someone else's comment can be reported.
        author = make_user() if action == "anmal/" else employee
        comment = make_comment(target, author, "Min text.")
        make_unavailable(target)

        response = employee_client.get(f"/kommentarer/{comment.pk}/{action}")

        assert response.status_code == 404
        assert "Sidan som kommentaren hör till" in response.text

    @pytest.mark.parametrize("make_unavailable", [unpublish, delete])
    @pytest.mark.parametrize("action", ["andra/", "anmal/"])
    def test_post_changes_nothing(
        self,
        client,
        make_user,
        target,
        make_comment,
        action,
        make_unavailable,
    ):
        author = make_user()
        comment = make_comment(target, author, "Min text.")
        make_unavailable(target)
        client.force_login(author if action == "andra/" else make_user())

        response = client.post(
            f"/kommentarer/{comment.pk}/{action}",
            {"comment": "Ändrad text.", "reason": "Kränkande."},
        )

        comment.refresh_from_db()
        assert response.status_code == 404
        assert comment.comment == "Min text."
        assert not comment.reports.exists()

    @pytest.mark.parametrize("make_unavailable", [unpublish, delete])
    def test_delete_not_found(
        self, employee_client, employee, target, make_comment, make_unavailable
    ):
        comment = make_comment(target, employee, "Min text.")
        make_unavailable(target)

        response = employee_client.post(f"/kommentarer/{comment.pk}/ta-bort/")

        comment.refresh_from_db()
        assert response.status_code == 404
        assert comment.comment == "Min text."

    @pytest.mark.parametrize("make_unavailable", [unpublish, delete])
    def test_moderator_still_hides(
        self, moderator_client, make_user, target, make_comment, make_unavailable
    ):
        comment = make_comment(target, make_user(), "Kränkande text.")
        make_unavailable(target)

        form = moderator_client.get(f"/kommentarer/{comment.pk}/dolj/")
        response = moderator_client.post(
            f"/kommentarer/{comment.pk}/dolj/", {"reason": "Bryter mot reglerna."}
        )

        comment.refresh_from_db()
        assert form.status_code == 200
        assert response.status_code == 302
        assert comment.is_removed
