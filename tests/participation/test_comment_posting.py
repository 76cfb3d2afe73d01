"""Posting comments and replies, and every way a post can be forged or broken."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.template.loader import render_to_string
from django.utils import timezone
from django_comments_xtd.models import XtdComment

from accounts import roles
from participation.forms import CommentTextForm

from .conftest import comment_post_data, expired_timestamp_data

POST_URL = "/kommentarer/post/"


class TestPostComment:
    def test_employee_comment_published(self, employee_client, idea, employee):
        response = employee_client.post(
            POST_URL, comment_post_data(idea, "Bra förslag!")
        )

        comment = XtdComment.objects.get()
        assert comment.comment == "Bra förslag!"
        assert comment.user == employee
        assert comment.is_public
        assert response.status_code == 302
        assert response["Location"].endswith(f"?c={comment.pk}#c{comment.pk}")

    def test_posted_comment_shown_with_message(self, employee_client, idea):
        response = employee_client.post(
            POST_URL, comment_post_data(idea, "Syns direkt."), follow=True
        )

        assert "Syns direkt." in response.text
        assert "Din kommentar är publicerad." in response.text

    def test_reply_saved_under_parent(
        self, employee_client, idea, make_user, make_comment
    ):
        parent = make_comment(idea, make_user(), "Fråga?")

        employee_client.post(
            POST_URL, comment_post_data(idea, "Svar!", reply_to=parent.pk)
        )

        reply = XtdComment.objects.get(comment="Svar!")
        assert reply.parent_id == parent.pk
        assert reply.level == 1

    def test_personal_data_copies_dropped(self, employee_client, idea):
        employee_client.post(POST_URL, comment_post_data(idea, "Utan kopior."))

        comment = XtdComment.objects.get()
        assert comment.user_email == ""
        assert comment.ip_address is None

    def test_comment_on_news_page(self, employee_client, news_page):
        response = employee_client.post(
            POST_URL, comment_post_data(news_page, "Äntligen!"), follow=True
        )

        assert response.status_code == 200
        assert "Äntligen!" in response.text

    def test_empty_comment_keeps_form(self, employee_client, idea):
        response = employee_client.post(POST_URL, comment_post_data(idea, ""))

        assert response.status_code == 200
        assert "error-summary" in response.text
        assert XtdComment.objects.count() == 0

    def test_long_author_name_accepted(self, client, idea, make_user):
        author = make_user(
            first_name="Anna-Karin Margareta Elisabet",
            last_name="Lindqvist-Johansson von Essen-Bergström",
        )
        client.force_login(author)

        response = client.post(
            POST_URL, comment_post_data(idea, "Långt namn."), follow=True
        )

        comment = XtdComment.objects.get()
        assert len(author.get_full_name()) > 50
        assert len(comment.user_name) == 50
        assert author.get_full_name().startswith(comment.user_name.rstrip("…"))
        assert author.get_full_name() in response.text

    def test_anonymous_post_sent_to_sign_in(self, client, idea):
        response = client.post(POST_URL, comment_post_data(idea, "Anonym"))

        assert response.status_code == 302
        assert "/konto/logga-in/" in response["Location"]
        assert XtdComment.objects.count() == 0

    def test_get_not_allowed(self, employee_client):
        assert employee_client.get(POST_URL).status_code == 405


class TestForgedPost:
    """Every forged post gets a 400 with a message and saves nothing."""

    def assert_rejected(self, response, message):
        assert response.status_code == 400
        assert message in response.text
        assert XtdComment.objects.count() == 0

    def test_missing_target_rejected(self, employee_client, idea):
        data = comment_post_data(idea, "Ingen sida")
        del data["content_type"]
        del data["object_pk"]

        response = employee_client.post(POST_URL, data)

        self.assert_rejected(response, "anger inte vilken sida den hör till")

    @pytest.mark.parametrize(
        "content_type", ["auth.user", "nosuchapp.model", "ideapages", "..", "x" * 300]
    )
    def test_unknown_content_type_rejected(self, employee_client, idea, content_type):
        data = comment_post_data(idea, "Fel typ", content_type=content_type)

        response = employee_client.post(POST_URL, data)

        self.assert_rejected(response, "bara på idéer och nyheter")

    @pytest.mark.parametrize("object_pk", ["999999", "abc", "-1", "9" * 40, "²", "١٢"])
    def test_missing_object_rejected(self, employee_client, idea, object_pk):
        data = comment_post_data(idea, "Ingen idé", object_pk=object_pk)

        response = employee_client.post(POST_URL, data)

        assert response.status_code == 400
        assert XtdComment.objects.count() == 0

    def test_other_idea_with_old_hash_rejected(self, employee_client, idea, make_idea):
        other = make_idea()
        data = comment_post_data(idea, "Flyttad", object_pk=str(other.pk))

        response = employee_client.post(POST_URL, data)

        self.assert_rejected(response, "klarade inte säkerhetskontrollen")

    def test_broken_security_hash_rejected(self, employee_client, idea):
        data = comment_post_data(idea, "Förfalskad", security_hash="0" * 40)

        response = employee_client.post(POST_URL, data)

        self.assert_rejected(response, "klarade inte säkerhetskontrollen")

    def test_missing_security_hash_rejected(self, employee_client, idea):
        data = comment_post_data(idea, "Utan kontroll")
        del data["security_hash"]

        response = employee_client.post(POST_URL, data)

        self.assert_rejected(response, "klarade inte säkerhetskontrollen")

    def test_rejected_post_shows_typed_text(self, employee_client, idea):
        data = comment_post_data(idea, "Min viktiga text", security_hash="bad")

        response = employee_client.post(POST_URL, data)

        assert "Min viktiga text" in response.text

    def test_unpublished_idea_rejected(self, employee_client, idea):
        idea.unpublish()

        response = employee_client.post(POST_URL, comment_post_data(idea, "Sent"))

        self.assert_rejected(response, "finns inte eller är inte publicerad")

    def test_expired_form_keeps_text(self, employee_client, idea):
        response = employee_client.post(
            POST_URL, expired_timestamp_data(idea, "Skrevs långsamt")
        )

        assert response.status_code == 200
        assert "Skrevs långsamt" in response.text
        assert "mer än två timmar" in response.text
        assert XtdComment.objects.count() == 0


class TestForgedReply:
    def assert_rejected(self, response, message):
        assert response.status_code == 400
        assert message in response.text

    def test_reply_to_other_ideas_comment(
        self, employee_client, idea, make_idea, make_user, make_comment
    ):
        elsewhere = make_comment(make_idea(), make_user(), "På en annan idé.")

        response = employee_client.post(
            POST_URL, comment_post_data(idea, "Svar", reply_to=elsewhere.pk)
        )

        self.assert_rejected(response, "finns inte på den här sidan")
        assert not XtdComment.objects.filter(comment="Svar").exists()

    @pytest.mark.parametrize("reply_to", ["123456", "-5", "abc", str(2**70)])
    def test_reply_to_unknown_comment(self, employee_client, idea, reply_to):
        response = employee_client.post(
            POST_URL, comment_post_data(idea, "Svar", reply_to=reply_to)
        )

        assert response.status_code == 400
        assert XtdComment.objects.count() == 0

    def test_reply_past_max_depth(
        self, employee_client, idea, make_user, make_deep_thread
    ):
        chain = make_deep_thread(
            idea, make_user(), settings.COMMENTS_XTD_MAX_THREAD_LEVEL
        )
        deepest = chain[-1]

        response = employee_client.post(
            POST_URL, comment_post_data(idea, "För djupt", reply_to=deepest.pk)
        )

        self.assert_rejected(response, "Svar kan inte gå djupare")
        assert not XtdComment.objects.filter(comment="För djupt").exists()

    def test_reply_to_removed_comment(
        self, employee_client, idea, make_user, make_comment
    ):
        removed = make_comment(idea, make_user(), "Borta", is_removed=True)

        response = employee_client.post(
            POST_URL, comment_post_data(idea, "Svar", reply_to=removed.pk)
        )

        self.assert_rejected(response, "har tagits bort")


class TestLibraryPaths:
    @pytest.mark.parametrize(
        "path",
        [
            "/kommentarer/api/comment/",
            "/kommentarer/api/ideapages-ideapage/1/",
            "/kommentarer/like/1/",
            "/kommentarer/mute/x/",
        ],
    )
    def test_unused_library_paths_closed(self, employee_client, path):
        assert employee_client.get(path).status_code == 404

    def test_library_flag_path_reports(
        self, employee_client, idea, make_user, make_comment
    ):
        comment = make_comment(idea, make_user())

        response = employee_client.get(f"/kommentarer/flag/{comment.pk}/")

        assert response.status_code == 200
        assert "Anmäl en kommentar" in response.text

    def test_library_delete_path_needs_moderator(
        self, employee_client, idea, make_user, make_comment
    ):
        comment = make_comment(idea, make_user())

        response = employee_client.post(f"/kommentarer/delete/{comment.pk}/")

        assert response.status_code == 403

    @pytest.mark.parametrize("prefix", ["reply", "flag", "delete", "approve"])
    def test_padded_id_not_found(self, client, make_user, idea, make_comment, prefix):
        comment = make_comment(idea, make_user(), "Text på en idé.")
        moderator = make_user(roles.EMPLOYEE, roles.IDEA_AMBASSADOR)
        client.force_login(moderator)
        padded = str(comment.pk).zfill(19)

        response = client.get(f"/kommentarer/{prefix}/{padded}/")

        assert response.status_code == 404
        assert "Text på en idé." not in response.text

    def test_huge_comment_id_not_found(self, employee_client):
        response = employee_client.get(f"/kommentarer/{'9' * 30}/")

        assert response.status_code == 404


class TestLibraryLeftoverPaths:
    """The library's "done" pages, its link to a page and its format suffixes."""

    @pytest.fixture
    def comments(self, idea, make_user, make_comment):
        shown = make_comment(idea, make_user(), "Synlig kommentar.")
        hidden = make_comment(idea, make_user(), "Dold text.", is_public=False)
        return shown, hidden

    @pytest.mark.parametrize(
        "path", ["posted/", "sent/", "flagged/", "deleted/", "approved/"]
    )
    def test_done_page_shows_comment(self, employee_client, idea, comments, path):
        shown, _hidden = comments

        response = employee_client.get(f"/kommentarer/{path}?c={shown.pk}")

        assert response.status_code == 302
        assert response["Location"] == f"/kommentarer/{shown.pk}/"

    @pytest.mark.parametrize(
        "path", ["posted/", "sent/", "flagged/", "deleted/", "approved/"]
    )
    @pytest.mark.parametrize("query", ["", "?c=abc", "?c=²", f"?c={'9' * 30}"])
    def test_done_page_without_comment(self, employee_client, db, path, query):
        response = employee_client.get(f"/kommentarer/{path}{query}")

        assert response.status_code == 404

    @pytest.mark.parametrize("path", ["posted/", "sent/"])
    def test_done_page_hides_hidden_comment(self, employee_client, comments, path):
        _shown, hidden = comments

        response = employee_client.get(
            f"/kommentarer/{path}?c={hidden.pk}", follow=True
        )

        assert response.status_code == 404
        assert "Dold text." not in response.text

    def test_page_link_redirects_to_page(self, employee_client, idea):
        content_type = ContentType.objects.get_for_model(idea)

        response = employee_client.get(f"/kommentarer/cr/{content_type.pk}/{idea.pk}/")

        assert response.status_code == 302
        assert response["Location"] == idea.url

    def test_page_link_unpublished_not_found(self, employee_client, idea):
        content_type = ContentType.objects.get_for_model(idea)
        idea.unpublish()

        response = employee_client.get(f"/kommentarer/cr/{content_type.pk}/{idea.pk}/")

        assert response.status_code == 404

    @pytest.mark.parametrize(
        "model_path", ["{user_type}/{user}", "{idea_type}/abc", f"{'9' * 30}/1"]
    )
    def test_page_link_to_other_not_found(
        self, employee_client, employee, idea, model_path
    ):
        path = model_path.format(
            user_type=ContentType.objects.get_for_model(employee).pk,
            user=employee.pk,
            idea_type=ContentType.objects.get_for_model(idea).pk,
        )

        response = employee_client.get(f"/kommentarer/cr/{path}/")

        assert response.status_code == 404

    @pytest.mark.parametrize(
        "path",
        [
            "post.json",
            "posted.json",
            "sent.json",
            "reply/{c}.json",
            "flag/{c}.api",
            "delete/{c}.json/",
            "cr/{idea_type}/{idea}.json",
        ],
    )
    @pytest.mark.parametrize("method", ["get", "post"])
    def test_format_suffix_not_found(
        self, employee_client, idea, comments, path, method
    ):
        shown, _hidden = comments
        url = "/kommentarer/" + path.format(
            c=shown.pk,
            idea_type=ContentType.objects.get_for_model(idea).pk,
            idea=idea.pk,
        )

        response = getattr(employee_client, method)(url)

        assert response.status_code == 404


class TestRejectedPostLog:
    FORGED = "1\n2026-01-01 12:00:00 CRITICAL idebanken admin signed in"

    def test_log_line_has_no_posted_text(self, employee_client, idea, caplog):
        data = comment_post_data(idea, "Text", object_pk=self.FORGED)

        with caplog.at_level("WARNING", logger="participation"):
            employee_client.post(POST_URL, data)

        [record] = [r for r in caplog.records if r.name.startswith("participation")]
        message = record.getMessage()
        assert "\n" not in message
        assert "CRITICAL" not in message
        assert "reason=invalid_page_id" in message


class TestDoublePost:
    def test_resent_comment_saved_once(self, employee_client, idea):
        data = comment_post_data(idea, "Skickad två gånger.")
        employee_client.post(POST_URL, data)

        response = employee_client.post(POST_URL, data)

        comment = XtdComment.objects.get()
        assert response.status_code == 302
        assert response["Location"].endswith(f"?comment={comment.pk}#c{comment.pk}")

    def test_resent_comment_message(self, employee_client, idea):
        data = comment_post_data(idea, "Skickad två gånger.")
        employee_client.post(POST_URL, data)

        response = employee_client.post(POST_URL, data, follow=True)

        assert "Du hade redan skickat den här kommentaren" in response.text

    def test_resent_reply_saved_once(
        self, employee_client, idea, make_user, make_comment
    ):
        parent = make_comment(idea, make_user(), "Fråga?")
        data = comment_post_data(idea, "Svar!", reply_to=parent.pk)
        employee_client.post(POST_URL, data)

        employee_client.post(POST_URL, data)

        assert XtdComment.objects.filter(comment="Svar!").count() == 1

    def test_same_text_other_parent_saved(
        self, employee_client, idea, make_user, make_comment
    ):
        parent = make_comment(idea, make_user(), "Fråga?")
        employee_client.post(POST_URL, comment_post_data(idea, "Håller med."))

        employee_client.post(
            POST_URL, comment_post_data(idea, "Håller med.", reply_to=parent.pk)
        )

        assert XtdComment.objects.filter(comment="Håller med.").count() == 2

    def test_same_text_other_user_saved(self, client, idea, make_user):
        data = comment_post_data(idea, "Håller med.")
        for user in (make_user(), make_user()):
            client.force_login(user)
            client.post(POST_URL, data)

        assert XtdComment.objects.filter(comment="Håller med.").count() == 2

    def test_same_text_later_saved(self, employee_client, idea):
        data = comment_post_data(idea, "Påminnelse.")
        employee_client.post(POST_URL, data)
        XtdComment.objects.update(submit_date=timezone.now() - timedelta(minutes=10))

        employee_client.post(POST_URL, data)

        assert XtdComment.objects.count() == 2


class TestCommentLength:
    def test_form_states_max_length(self, employee_client, idea):
        response = employee_client.get(idea.url)

        assert 'maxlength="3000"' in response.text
        assert 'aria-describedby="id_comment_helptext"' in response.text
        assert 'id="id_comment_helptext"' in response.text
        assert "Högst 3000 tecken" in response.text

    def test_overlong_comment_keeps_text(self, employee_client, idea):
        text = "Lång text. " * 300

        response = employee_client.post(POST_URL, comment_post_data(idea, text))

        assert response.status_code == 200
        assert text.strip() in response.text
        assert "Kommentaren är 3299 tecken lång" in response.text
        assert XtdComment.objects.count() == 0

    def test_overlong_error_described_by(self, employee_client, idea):
        response = employee_client.post(
            POST_URL, comment_post_data(idea, "Lång text. " * 300)
        )

        textarea = re.search(r"<textarea[^>]*>", response.text).group(0)
        described_by = re.search(r'aria-describedby="([^"]*)"', textarea).group(1)
        assert "id_comment_error" in described_by.split()
        assert "id_comment_helptext" in described_by.split()
        assert 'aria-invalid="true"' in textarea
        assert response.text.count('id="id_comment_error"') == 1

    def test_empty_edit_error_described_by(
        self, employee_client, employee, idea, make_comment
    ):
        comment = make_comment(idea, employee, "Min text.")

        response = employee_client.post(
            f"/kommentarer/{comment.pk}/andra/", {"comment": "  "}
        )

        textarea = re.search(r"<textarea[^>]*>", response.text).group(0)
        described_by = re.search(r'aria-describedby="([^"]*)"', textarea).group(1)
        assert "id_comment_error" in described_by.split()
        assert response.text.count('id="id_comment_error"') == 1

    def test_rejected_text_described_by_reason(self, employee_client, idea):
        data = comment_post_data(idea, "Min text.", security_hash="0" * 40)

        response = employee_client.post(POST_URL, data)

        assert response.status_code == 400
        textarea = re.search(r"<textarea[^>]*>", response.text).group(0)
        assert 'aria-describedby="rejected-reason"' in textarea
        assert 'id="rejected-reason"' in response.text

    def test_every_error_under_one_id(self):
        form = CommentTextForm({"comment": "x"})
        form.is_valid()
        form.add_error("comment", "Första felet.")
        form.add_error("comment", "Andra felet.")

        html = render_to_string("includes/form_field.html", {"field": form["comment"]})

        assert html.count('id="id_comment_error"') == 1
        error_block = html.split('id="id_comment_error"', 1)[1].split("</div>", 1)[0]
        assert "Första felet." in error_block
        assert "Andra felet." in error_block

    def test_edit_form_states_max_length(
        self, employee_client, employee, idea, make_comment
    ):
        comment = make_comment(idea, employee, "Min text.")

        response = employee_client.get(f"/kommentarer/{comment.pk}/andra/")

        assert 'aria-describedby="id_comment_helptext"' in response.text
        assert "Högst 3000 tecken" in response.text
