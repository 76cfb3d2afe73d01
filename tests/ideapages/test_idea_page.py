"""An idea page: what the giver wrote, its status and the comment thread."""

from datetime import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.html import escape
from django_comments_xtd.models import XtdComment

from ideapages.status import IdeaStatus
from participation.models import Support

POST_PATH = "/kommentarer/post/"
SCRIPT = '<script>alert("xss")</script>'


def reply_path(comment) -> str:
    return f"/kommentarer/reply/{comment.pk}/"


@pytest.fixture
def giver(make_user):
    return make_user(first_name="Anna", last_name="Lindqvist")


@pytest.fixture
def idea(make_idea, giver):
    return make_idea(
        owner=giver,
        title="Gemensam bokning av mötesrum",
        summary="Ett bokningssystem för alla mötesrum i förvaltningshuset.",
        description="Rummen bokas på papperslistor.\n\nRum står tomma.",
        submitted_at=timezone.make_aware(datetime(2024, 3, 5, 9, 30)),
        from_deviation=True,
        deviation_reference="Avvikelse 2024-117",
    )


@pytest.mark.django_db
class TestIdeaContent:
    def test_page_shows_title(self, employee_client, idea):
        response = employee_client.get(idea.url)

        assert '<h1 id="idea-title">Gemensam bokning av mötesrum</h1>' in response.text

    def test_page_shows_summary(self, employee_client, idea):
        response = employee_client.get(idea.url)

        assert idea.summary in response.text

    def test_description_keeps_paragraphs(self, employee_client, idea):
        response = employee_client.get(idea.url)

        assert "<p>Rummen bokas på papperslistor.</p>" in response.text
        assert "<p>Rum står tomma.</p>" in response.text

    def test_page_shows_status(self, employee_client, idea):
        response = employee_client.get(idea.url)

        assert 'class="status status--submitted"' in response.text

    def test_page_shows_changed_status(self, employee_client, idea):
        from ideapages.lifecycle import change_status

        change_status(idea, IdeaStatus.PAUSED)

        response = employee_client.get(idea.url)

        assert 'class="status status--paused"' in response.text

    def test_page_shows_giver_name(self, employee_client, idea):
        response = employee_client.get(idea.url)

        assert "<dd>Anna Lindqvist</dd>" in response.text

    def test_page_shows_category_and_unit(self, employee_client, idea):
        response = employee_client.get(idea.url)

        assert "<dd>Trafik och kommunikationer</dd>" in response.text
        assert "<dd>Trafiknämnden</dd>" in response.text

    def test_page_shows_submission_date(self, employee_client, idea):
        response = employee_client.get(idea.url)

        assert 'datetime="2024-03-05T09:30:00+01:00"' in response.text

    def test_page_shows_deviation(self, employee_client, idea):
        response = employee_client.get(idea.url)

        assert "Avvikelse 2024-117" in response.text

    def test_page_counts_supports(self, employee_client, make_idea, make_user):
        idea = make_idea(external_support_count=4)
        Support.objects.create(idea=idea, user=make_user())

        response = employee_client.get(idea.url)

        assert response.context["support_count"] == 5

    def test_links_in_description_are_clickable(
        self, employee_client, make_idea, giver
    ):
        idea = make_idea(
            owner=giver, description="Se https://goteborg.se/cykel för mer."
        )

        response = employee_client.get(idea.url)

        assert '<a href="https://goteborg.se/cykel" rel="nofollow">' in response.text

    def test_javascript_link_is_not_clickable(self, employee_client, make_idea):
        idea = make_idea(description="Klicka javascript:alert(1) här")

        response = employee_client.get(idea.url)

        assert 'href="javascript:' not in response.text

    def test_unknown_idea_is_not_found(self, employee_client):
        response = employee_client.get("/ideer/finns-inte/")

        assert response.status_code == 404


@pytest.mark.django_db
class TestImportedIdea:
    @pytest.fixture
    def imported(self, make_idea):
        return make_idea(
            title="Servicestationer för cyklar",
            summary="Bygg publika servicestationer för cyklar.",
            description="",
            external_id="goteborg-e-forslag:563",
            source_status="Godkänd arkiverad",
            source_outcome="Genomförs fullt ut",
            source_recipient="Trafiknämnden",
            decision_text="Trafiknämnden beslutade att genomföra förslaget.",
            status=IdeaStatus.APPROVED,
        )

    def test_page_shows_original_status(self, employee_client, imported):
        response = employee_client.get(imported.url)

        assert "<dd>Godkänd arkiverad</dd>" in response.text
        assert "<dd>Genomförs fullt ut</dd>" in response.text

    def test_page_shows_decision_text(self, employee_client, imported):
        response = employee_client.get(imported.url)

        assert "Trafiknämnden beslutade att genomföra förslaget." in response.text


@pytest.mark.django_db
class TestComment:
    def test_employee_comments_on_idea(
        self, employee_client, employee, idea, comment_form_data
    ):
        employee_client.post(
            POST_PATH, comment_form_data(idea, "Vi har samma problem på vår enhet.")
        )

        comment = XtdComment.objects.get()
        assert comment.comment == "Vi har samma problem på vår enhet."
        assert comment.user == employee
        assert comment.content_object == idea
        assert comment.is_public

    def test_comment_returns_to_idea(self, employee_client, idea, comment_form_data):
        response = employee_client.post(POST_PATH, comment_form_data(idea, "Bra!"))

        comment = XtdComment.objects.get()
        assert response.status_code == 302
        assert response["Location"] == f"{idea.url}?c={comment.pk}#c{comment.pk}"

    def test_comment_shows_on_idea(self, employee_client, idea, comment_form_data):
        employee_client.post(POST_PATH, comment_form_data(idea, "Bra idé!"))

        response = employee_client.get(idea.url)

        assert "<p>Bra idé!</p>" in response.text
        assert response.context["page"].pk == idea.pk

    def test_comment_shows_author_name(
        self, client, make_user, idea, comment_form_data
    ):
        client.force_login(make_user(first_name="Erik", last_name="Johansson"))
        client.post(POST_PATH, comment_form_data(idea, "Bra idé!"))

        response = client.get(idea.url)

        assert "Erik Johansson" in response.text

    def test_comment_keeps_no_email_copy(
        self, employee_client, idea, comment_form_data
    ):
        employee_client.post(POST_PATH, comment_form_data(idea, "Bra idé!"))

        comment = XtdComment.objects.get()
        assert comment.user_email == ""
        assert comment.ip_address is None

    def test_page_has_comment_form(self, employee_client, idea):
        response = employee_client.get(idea.url)

        assert f'action="{POST_PATH}"' in response.text
        assert 'name="security_hash"' in response.text

    def test_comment_markup_is_escaped(self, employee_client, idea, comment_form_data):
        employee_client.post(POST_PATH, comment_form_data(idea, f"Titta {SCRIPT}"))

        response = employee_client.get(idea.url)

        assert SCRIPT not in response.text
        assert escape(SCRIPT) in response.text

    def test_comment_markup_is_stored_as_typed(
        self, employee_client, idea, comment_form_data
    ):
        employee_client.post(POST_PATH, comment_form_data(idea, f"Titta {SCRIPT}"))

        assert XtdComment.objects.get().comment == f"Titta {SCRIPT}"

    def test_comment_links_are_clickable(
        self, employee_client, idea, comment_form_data
    ):
        employee_client.post(
            POST_PATH, comment_form_data(idea, "Läs https://goteborg.se/cykel först")
        )

        response = employee_client.get(idea.url)

        assert '<a href="https://goteborg.se/cykel" rel="nofollow">' in response.text

    def test_comment_javascript_link_is_not_clickable(
        self, employee_client, idea, comment_form_data
    ):
        employee_client.post(
            POST_PATH, comment_form_data(idea, "Se javascript:alert(document.cookie)")
        )

        response = employee_client.get(idea.url)

        assert 'href="javascript:' not in response.text

    def test_preview_shows_markup_escaped(
        self, employee_client, idea, comment_form_data
    ):
        data = {**comment_form_data(idea, f"Titta {SCRIPT}"), "preview": "1"}

        response = employee_client.post(POST_PATH, data)

        assert response.status_code == 200
        assert SCRIPT not in response.text
        assert escape(SCRIPT) in response.text
        assert not XtdComment.objects.exists()

    def test_preview_drops_unsafe_next(self, employee_client, idea, comment_form_data):
        data = {
            **comment_form_data(idea, "Bra!", next_url="javascript:alert(1)"),
            "preview": "1",
        }

        response = employee_client.post(POST_PATH, data)

        assert 'href="javascript:' not in response.text
        assert 'name="next" value=""' in response.text

    def test_empty_comment_is_rejected(self, employee_client, idea, comment_form_data):
        response = employee_client.post(POST_PATH, comment_form_data(idea, "   "))

        assert response.status_code == 200
        assert "comment" in response.context["form"].errors
        assert not XtdComment.objects.exists()

    def test_overlong_comment_keeps_text(
        self, employee_client, idea, comment_form_data
    ):
        text = "Lång kommentar. " * 200

        response = employee_client.post(POST_PATH, comment_form_data(idea, text))

        assert "comment" in response.context["form"].errors
        assert escape(text.strip()) in response.text
        assert not XtdComment.objects.exists()

    def test_forged_security_hash_is_rejected(
        self, employee_client, idea, comment_form_data
    ):
        data = comment_form_data(idea, "Förfalskad")
        data["security_hash"] = "0" * 40

        response = employee_client.post(POST_PATH, data)

        assert response.status_code == 400
        assert not XtdComment.objects.exists()

    def test_other_object_is_rejected(
        self, employee_client, idea, make_idea, comment_form_data
    ):
        other = make_idea(title="Annan idé")
        data = comment_form_data(idea, "Flyttad")
        data["object_pk"] = str(other.pk)

        response = employee_client.post(POST_PATH, data)

        assert response.status_code == 400
        assert not XtdComment.objects.exists()

    def test_off_site_next_is_not_followed(
        self, employee_client, idea, comment_form_data
    ):
        data = comment_form_data(idea, "Bra!", next_url="https://evil.example/")

        response = employee_client.post(POST_PATH, data)

        assert "evil.example" not in response["Location"]

    def test_comment_without_csrf_is_rejected(self, employee, idea, comment_form_data):
        client = Client(enforce_csrf_checks=True)
        client.force_login(employee)

        response = client.post(POST_PATH, comment_form_data(idea, "Bra!"))

        assert response.status_code == 403
        assert not XtdComment.objects.exists()

    def test_removed_comment_text_is_hidden(
        self, employee_client, employee, idea, make_comment
    ):
        comment = make_comment(idea, employee, "Olämplig kommentar")
        comment.is_removed = True
        comment.save()

        response = employee_client.get(idea.url)

        assert "Olämplig kommentar" not in response.text
        assert 'class="comment__removed"' in response.text

    def test_unpublished_comment_is_hidden(
        self, employee_client, employee, idea, make_comment
    ):
        comment = make_comment(idea, employee, "Väntande kommentar")
        comment.is_public = False
        comment.save()

        response = employee_client.get(idea.url)

        assert "Väntande kommentar" not in response.text


@pytest.mark.django_db
class TestReply:
    @pytest.fixture
    def comment(self, idea, giver, make_comment):
        return make_comment(idea, giver, "Vad kostar ett bokningssystem?")

    def test_reply_page_shows_comment(self, employee_client, comment):
        response = employee_client.get(reply_path(comment))

        assert response.status_code == 200
        assert "Vad kostar ett bokningssystem?" in response.text

    def test_reply_page_escapes_comment(
        self, employee_client, idea, giver, make_comment
    ):
        comment = make_comment(idea, giver, f"Fråga {SCRIPT}")

        response = employee_client.get(reply_path(comment))

        assert SCRIPT not in response.text
        assert escape(SCRIPT) in response.text

    def test_reply_page_form_replies_to_comment(self, employee_client, comment):
        response = employee_client.get(reply_path(comment))

        assert f'name="reply_to" value="{comment.pk}"' in response.text

    def test_reply_is_nested_under_comment(
        self, employee_client, idea, comment, comment_form_data
    ):
        employee_client.post(
            POST_PATH,
            comment_form_data(idea, "Ungefär 500 kr i månaden.", reply_to=comment),
        )

        reply = XtdComment.objects.get(comment="Ungefär 500 kr i månaden.")
        assert reply.parent_id == comment.pk
        assert reply.level == 1

    def test_reply_shows_inside_thread(
        self, employee_client, idea, comment, comment_form_data
    ):
        employee_client.post(
            POST_PATH,
            comment_form_data(idea, "Ungefär 500 kr i månaden.", reply_to=comment),
        )

        response = employee_client.get(idea.url)

        text = response.text
        parent_at = text.index("Vad kostar ett bokningssystem?")
        thread_at = text.index('<ol class="comment-thread">', parent_at)
        reply_at = text.index("Ungefär 500 kr i månaden.")
        assert parent_at < thread_at < reply_at

    def test_idea_page_links_to_reply(self, employee_client, idea, comment):
        response = employee_client.get(idea.url)

        assert f'href="/kommentarer/{comment.pk}/svara/"' in response.text

    def test_reply_page_returns_to_idea(self, employee_client, idea, comment):
        response = employee_client.get(reply_path(comment))

        assert f'name="next" value="{idea.url}"' in response.text
        assert f'<a href="{idea.url}">' in response.text

    @pytest.mark.parametrize(
        "next_url",
        [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " javascript:alert(1)",
            "java\tscript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "https://evil.example/",
            "//evil.example/",
            "/\\evil.example/",
            "\\\\evil.example/",
            "///evil.example/",
        ],
    )
    def test_reply_page_ignores_given_next(
        self, employee_client, idea, comment, next_url
    ):
        response = employee_client.get(reply_path(comment), {"next": next_url})

        assert response.status_code == 200
        assert 'href="javascript:' not in response.text.lower()
        assert "evil.example" not in response.text.split("</header>")[1]
        assert f'name="next" value="{idea.url}"' in response.text

    @pytest.mark.parametrize(
        "reply_to", ["999999", "-1", "99999999999999999999", "abc"]
    )
    def test_tampered_reply_to_is_explained(
        self, employee_client, idea, comment_form_data, reply_to
    ):
        data = comment_form_data(idea, "Mitt svar")
        data["reply_to"] = reply_to

        response = employee_client.post(POST_PATH, data)

        assert response.status_code == 400
        assert response.context["message"]
        assert "Mitt svar" in response.text
        assert not XtdComment.objects.filter(comment="Mitt svar").exists()

    def test_reply_to_foreign_comment_is_rejected(
        self,
        employee_client,
        idea,
        make_idea,
        make_comment,
        employee,
        comment_form_data,
    ):
        elsewhere = make_comment(make_idea(title="Annan idé"), employee, "Annan")

        response = employee_client.post(
            POST_PATH, comment_form_data(idea, "Mitt svar", reply_to=elsewhere)
        )

        assert response.status_code == 400
        assert not XtdComment.objects.filter(comment="Mitt svar").exists()

    def test_reply_below_deepest_level_is_rejected(
        self,
        employee_client,
        idea,
        comment,
        make_comment,
        employee,
        comment_form_data,
        settings,
    ):
        deepest = comment
        for _level in range(settings.COMMENTS_XTD_MAX_THREAD_LEVEL):
            deepest = make_comment(idea, employee, "Svar", parent=deepest)

        response = employee_client.post(
            POST_PATH, comment_form_data(idea, "För djupt", reply_to=deepest)
        )

        assert response.status_code == 400
        assert "För djupt" in response.text
        assert not XtdComment.objects.filter(comment="För djupt").exists()

    def test_reply_to_removed_comment_is_rejected(
        self, employee_client, idea, comment, comment_form_data
    ):
        comment.is_removed = True
        comment.save()

        response = employee_client.post(
            POST_PATH, comment_form_data(idea, "Svar ändå", reply_to=comment)
        )

        assert response.status_code == 400
        assert "Svar ändå" in response.text
        assert not XtdComment.objects.filter(comment="Svar ändå").exists()

    def test_unknown_comment_is_not_found(self, employee_client):
        response = employee_client.get("/kommentarer/reply/999999/")

        assert response.status_code == 404

    def test_reply_beyond_deepest_level_goes_beside(
        self, employee_client, idea, comment, make_comment, employee, settings
    ):
        deepest = comment
        for _level in range(settings.COMMENTS_XTD_MAX_THREAD_LEVEL):
            deepest = make_comment(idea, employee, "Svar", parent=deepest)

        response = employee_client.get(reply_path(deepest))

        assert response.status_code == 200
        assert f'name="reply_to" value="{deepest.parent_id}"' in response.text


@pytest.mark.django_db
class TestQueryCount:
    """The idea page's queries do not grow with the number of comments."""

    def count_queries(self, client, idea) -> int:
        client.get(idea.url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(idea.url)
        assert response.status_code == 200
        return len(queries)

    def add_thread(self, idea, make_comment, make_user):
        author = make_user()
        comment = make_comment(idea, author, "Hur ofta händer det?")
        reply = make_comment(idea, make_user(), "Varje vecka.", parent=comment)
        make_comment(idea, author, "Då är det värt att göra.", parent=reply)

    def test_queries_do_not_grow_with_comments(
        self, employee_client, idea, make_comment, make_user
    ):
        for _number in range(2):
            self.add_thread(idea, make_comment, make_user)
        few = self.count_queries(employee_client, idea)

        for _number in range(4):
            self.add_thread(idea, make_comment, make_user)
        many = self.count_queries(employee_client, idea)

        assert many == few

    def test_queries_do_not_grow_with_ideas(
        self, employee_client, idea, make_idea, make_comment, make_user
    ):
        self.add_thread(idea, make_comment, make_user)
        few = self.count_queries(employee_client, idea)

        for _number in range(3):
            self.add_thread(make_idea(), make_comment, make_user)
        many = self.count_queries(employee_client, idea)

        assert many == few
