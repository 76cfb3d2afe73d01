"""Replying, editing and deleting one's own comment."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone
from django_comments_xtd.models import XtdComment

from participation.models import CommentEdit


@pytest.fixture
def own_comment(idea, employee, make_comment):
    return make_comment(idea, employee, "Min första text.")


class TestReplyPage:
    def test_reply_form_names_comment(
        self, employee_client, idea, make_user, make_comment
    ):
        comment = make_comment(idea, make_user(), "Vad kostar det?")

        response = employee_client.get(f"/kommentarer/{comment.pk}/svara/")

        assert response.status_code == 200
        assert "Vad kostar det?" in response.text
        assert f'name="reply_to" value="{comment.pk}"' in response.text

    def test_deepest_comment_reply_placed_beside(
        self, employee_client, idea, make_user, make_deep_thread
    ):
        chain = make_deep_thread(
            idea, make_user(), settings.COMMENTS_XTD_MAX_THREAD_LEVEL + 3
        )
        deepest_allowed = chain[settings.COMMENTS_XTD_MAX_THREAD_LEVEL - 1]

        response = employee_client.get(f"/kommentarer/{chain[-1].pk}/svara/")

        assert response.status_code == 200
        assert f'name="reply_to" value="{deepest_allowed.pk}"' in response.text

    def test_removed_comment_takes_no_reply(
        self, employee_client, idea, make_user, make_comment
    ):
        comment = make_comment(idea, make_user(), is_removed=True)

        response = employee_client.get(f"/kommentarer/{comment.pk}/svara/")

        assert response.status_code == 302

    def test_library_reply_path_same_form(
        self, employee_client, idea, make_user, make_comment
    ):
        comment = make_comment(idea, make_user())

        response = employee_client.get(f"/kommentarer/reply/{comment.pk}/")

        assert f'name="reply_to" value="{comment.pk}"' in response.text

    def test_unknown_comment_not_found(self, employee_client, db):
        assert employee_client.get("/kommentarer/424242/svara/").status_code == 404


class TestEditComment:
    def test_author_edits_within_window(self, employee_client, own_comment):
        response = employee_client.post(
            f"/kommentarer/{own_comment.pk}/andra/", {"comment": "Rättad text."}
        )

        own_comment.refresh_from_db()
        assert response.status_code == 302
        assert own_comment.comment == "Rättad text."

    def test_edit_keeps_previous_text(self, employee_client, own_comment):
        employee_client.post(
            f"/kommentarer/{own_comment.pk}/andra/", {"comment": "Rättad text."}
        )

        assert CommentEdit.objects.get().previous_text == "Min första text."

    def test_edited_comment_marked(self, employee_client, idea, own_comment):
        employee_client.post(
            f"/kommentarer/{own_comment.pk}/andra/", {"comment": "Rättad text."}
        )

        response = employee_client.get(idea.url)

        assert "Rättad text." in response.text
        assert "(redigerad)" in response.text

    def test_edit_after_window_rejected(self, employee_client, own_comment):
        XtdComment.objects.filter(pk=own_comment.pk).update(
            submit_date=timezone.now()
            - timedelta(minutes=settings.COMMENT_EDIT_MINUTES + 1)
        )

        response = employee_client.post(
            f"/kommentarer/{own_comment.pk}/andra/", {"comment": "För sent."}
        )

        own_comment.refresh_from_db()
        assert response.status_code == 302
        assert own_comment.comment == "Min första text."

    def test_edit_link_only_within_window(self, employee_client, idea, own_comment):
        edit_link = f"/kommentarer/{own_comment.pk}/andra/"
        assert edit_link in employee_client.get(idea.url).text

        XtdComment.objects.filter(pk=own_comment.pk).update(
            submit_date=timezone.now() - timedelta(days=1)
        )

        assert edit_link not in employee_client.get(idea.url).text

    def test_other_user_cannot_edit(self, client, make_user, own_comment):
        client.force_login(make_user())

        response = client.post(
            f"/kommentarer/{own_comment.pk}/andra/", {"comment": "Kapad."}
        )

        own_comment.refresh_from_db()
        assert response.status_code == 403
        assert own_comment.comment == "Min första text."

    def test_empty_edit_keeps_form(self, employee_client, own_comment):
        response = employee_client.post(
            f"/kommentarer/{own_comment.pk}/andra/", {"comment": "   "}
        )

        own_comment.refresh_from_db()
        assert response.status_code == 200
        assert "error-summary" in response.text
        assert own_comment.comment == "Min första text."


class TestDeleteComment:
    def test_delete_asks_first(self, employee_client, own_comment):
        response = employee_client.get(f"/kommentarer/{own_comment.pk}/ta-bort/")

        own_comment.refresh_from_db()
        assert response.status_code == 200
        assert not own_comment.is_removed

    def test_author_deletes_text(self, employee_client, own_comment):
        employee_client.post(f"/kommentarer/{own_comment.pk}/ta-bort/")

        own_comment.refresh_from_db()
        assert own_comment.is_removed
        assert own_comment.comment == ""

    def test_delete_drops_edit_history(self, employee_client, own_comment):
        employee_client.post(
            f"/kommentarer/{own_comment.pk}/andra/", {"comment": "Ny text."}
        )

        employee_client.post(f"/kommentarer/{own_comment.pk}/ta-bort/")

        assert CommentEdit.objects.count() == 0

    def test_replies_stay_public(
        self, employee_client, idea, make_user, make_comment, own_comment
    ):
        reply = make_comment(idea, make_user(), "Svar.", parent=own_comment)

        employee_client.post(f"/kommentarer/{own_comment.pk}/ta-bort/")

        reply.refresh_from_db()
        assert reply.is_public
        assert not reply.is_removed

    def test_other_user_cannot_delete(self, client, make_user, own_comment):
        client.force_login(make_user())

        response = client.post(f"/kommentarer/{own_comment.pk}/ta-bort/")

        own_comment.refresh_from_db()
        assert response.status_code == 403
        assert not own_comment.is_removed

    def test_moderator_cannot_delete_others(self, moderator_client, own_comment):
        response = moderator_client.post(f"/kommentarer/{own_comment.pk}/ta-bort/")

        assert response.status_code == 403


class TestReplyToBrokenThread:
    def test_deep_orphan_reply_redirects(
        self, employee_client, idea, make_user, make_deep_thread
    ):
        chain = make_deep_thread(
            idea, make_user(), settings.COMMENTS_XTD_MAX_THREAD_LEVEL + 2
        )
        XtdComment.objects.filter(
            pk__in=[c.pk for c in chain[: settings.COMMENTS_XTD_MAX_THREAD_LEVEL]]
        ).delete()

        response = employee_client.get(f"/kommentarer/{chain[-1].pk}/svara/")

        assert response.status_code == 302


class TestRefusalReasons:
    """Each rejected comment action states its reason, not the generic text."""

    GENERIC = "Ditt konto får inte göra detta"

    @pytest.fixture
    def removed_comment(self, own_comment):
        XtdComment.objects.filter(pk=own_comment.pk).update(is_removed=True, comment="")
        return own_comment

    def assert_refused(self, response, reason):
        assert response.status_code == 403
        assert reason in response.text
        assert self.GENERIC not in response.text

    def test_report_own_comment(self, employee_client, own_comment):
        response = employee_client.get(f"/kommentarer/{own_comment.pk}/anmal/")

        self.assert_refused(response, "Du kan inte anmäla din egen kommentar.")

    def test_report_removed_comment(self, client, make_user, removed_comment):
        client.force_login(make_user())

        response = client.get(f"/kommentarer/{removed_comment.pk}/anmal/")

        self.assert_refused(response, "Kommentaren är borttagen")

    def test_edit_others_comment(self, client, make_user, own_comment):
        client.force_login(make_user())

        response = client.get(f"/kommentarer/{own_comment.pk}/andra/")

        self.assert_refused(response, "Bara den som skrev kommentaren kan ändra den.")

    def test_edit_removed_comment(self, employee_client, removed_comment):
        response = employee_client.get(f"/kommentarer/{removed_comment.pk}/andra/")

        self.assert_refused(response, "Kommentaren är borttagen")

    def test_delete_others_comment(self, moderator_client, own_comment):
        response = moderator_client.get(f"/kommentarer/{own_comment.pk}/ta-bort/")

        self.assert_refused(response, "Bara den som skrev kommentaren kan ta bort den.")

    def test_delete_removed_comment(self, employee_client, removed_comment):
        response = employee_client.post(f"/kommentarer/{removed_comment.pk}/ta-bort/")

        self.assert_refused(response, "Kommentaren är redan borttagen.")

    @pytest.mark.parametrize(
        "path",
        ["moderering/", "{pk}/dolj/", "{pk}/visa-igen/", "{pk}/stang-anmalningar/"],
    )
    def test_moderation_needs_moderator(self, employee_client, own_comment, path):
        url = "/kommentarer/" + path.format(pk=own_comment.pk)

        response = employee_client.post(url)

        self.assert_refused(
            response, "Bara idéambassadörer och innovationsgruppen kan moderera"
        )
