"""The comment thread on an idea: nesting, placeholders, depth, paging, names."""

import re

import pytest
from django.utils.html import urlize
from django_comments_xtd.models import XtdComment

from participation import services
from participation.text import render_comment_text

from .conftest import comment_depths


class TestCommentNesting:
    def test_reply_nested_under_parent(
        self, employee_client, idea, make_user, make_comment
    ):
        author = make_user()
        parent = make_comment(idea, author, "Var ska de stå?")
        reply = make_comment(idea, author, "Vid östra entrén.", parent=parent)

        depths = comment_depths(employee_client.get(idea.url))

        assert depths[f"c{parent.pk}"] == 0
        assert depths[f"c{reply.pk}"] == 1

    def test_deleted_parent_keeps_replies(
        self, employee_client, idea, make_user, make_comment
    ):
        author = make_user()
        parent = make_comment(idea, author, "Texten som tas bort.")
        reply = make_comment(
            idea, make_user(), "Svaret som ska stå kvar.", parent=parent
        )
        services.delete_comment(parent, author)

        response = employee_client.get(idea.url)
        depths = comment_depths(response)

        assert "Kommentaren har tagits bort av skribenten." in response.text
        assert "Texten som tas bort." not in response.text
        assert "Svaret som ska stå kvar." in response.text
        assert depths[f"c{reply.pk}"] == 1

    def test_hidden_parent_keeps_replies(
        self, employee_client, idea, make_user, make_comment, moderator
    ):
        parent = make_comment(idea, make_user(), "Olämplig text.")
        reply = make_comment(idea, make_user(), "Ett sakligt svar.", parent=parent)
        services.hide_comment(parent, moderator, "Personangrepp.", idea)

        response = employee_client.get(idea.url)

        assert "Kommentaren har dolts av en moderator." in response.text
        assert "Olämplig text." not in response.text
        assert comment_depths(response)[f"c{reply.pk}"] == 1

    def test_reply_to_vanished_parent_shown(
        self, employee_client, idea, make_user, make_comment
    ):
        parent = make_comment(idea, make_user(), "Raden försvinner ur databasen.")
        reply = make_comment(idea, make_user(), "Svaret finns kvar.", parent=parent)
        XtdComment.objects.filter(pk=parent.pk).delete()

        response = employee_client.get(idea.url)

        assert "Svaret finns kvar." in response.text
        assert "Svar på en kommentar som inte längre finns." in response.text
        assert comment_depths(response)[f"c{reply.pk}"] == 0

    def test_removed_comments_not_counted(
        self, employee_client, idea, make_user, make_comment
    ):
        author = make_user()
        make_comment(idea, author, "Första.")
        removed = make_comment(idea, author, "Andra.")
        services.delete_comment(removed, author)

        response = employee_client.get(idea.url)

        assert '<h2 id="comments-heading">1 kommentar</h2>' in response.text


class TestDeepThreads:
    @pytest.fixture(autouse=True)
    def shallow_display(self, settings):
        settings.COMMENT_MAX_SHOWN_LEVEL = 3

    def test_deep_replies_kept_at_deepest_level(
        self, employee_client, idea, make_user, make_deep_thread
    ):
        chain = make_deep_thread(idea, make_user(), depth=24)

        depths = comment_depths(employee_client.get(idea.url))

        assert len(depths) == 25
        assert [depths[f"c{c.pk}"] for c in chain[:5]] == [0, 1, 2, 3, 3]
        assert max(depths.values()) == 3

    def test_deep_reply_names_its_parent(
        self, employee_client, idea, make_user, make_deep_thread
    ):
        chain = make_deep_thread(idea, make_user(), depth=6)

        response = employee_client.get(idea.url)

        assert f'href="#c{chain[4].pk}">Svar till' in response.text
        assert f'href="#c{chain[2].pk}">Svar till' not in response.text

    def test_deep_levels_stored_unclamped(self, idea, make_user, make_deep_thread):
        chain = make_deep_thread(idea, make_user(), depth=24)

        assert [comment.level for comment in chain] == list(range(25))
        assert chain[-1].parent_id == chain[-2].pk


class TestThreadPages:
    @pytest.fixture(autouse=True)
    def short_pages(self, settings):
        settings.COMMENTS_PER_PAGE = 3

    def make_threads(self, idea, author, make_comment):
        """Three top-level threads of two comments each."""
        threads = []
        for number in range(3):
            root = make_comment(idea, author, f"Tråd {number}.")
            reply = make_comment(idea, author, f"Svar i tråd {number}.", parent=root)
            threads.append((root, reply))
        return threads

    def test_pagers_have_distinct_names(
        self, employee_client, idea, make_user, make_comment
    ):
        self.make_threads(idea, make_user(), make_comment)

        page = employee_client.get(idea.url).text

        labels = re.findall(r'<nav class="pagination" aria-label="([^"]+)"', page)
        assert labels == ["Kommentarssidor, överst", "Kommentarssidor, nederst"]

    def test_thread_never_split_across_pages(
        self, employee_client, idea, make_user, make_comment
    ):
        threads = self.make_threads(idea, make_user(), make_comment)

        depths = comment_depths(employee_client.get(idea.url))

        assert set(depths) == {f"c{threads[0][0].pk}", f"c{threads[0][1].pk}"}

    def test_second_page_shows_next_threads(
        self, employee_client, idea, make_user, make_comment
    ):
        threads = self.make_threads(idea, make_user(), make_comment)

        response = employee_client.get(idea.url, {"comment_page": 2})

        assert f'id="c{threads[1][1].pk}"' in response.text
        assert f'id="c{threads[0][0].pk}"' not in response.text

    def test_comment_link_opens_its_page(
        self, employee_client, idea, make_user, make_comment
    ):
        threads = self.make_threads(idea, make_user(), make_comment)

        response = employee_client.get(idea.url, {"comment": threads[2][1].pk})

        assert f'id="c{threads[2][1].pk}"' in response.text
        assert "Sida 3 av 3" in response.text

    def test_invalid_page_number_shows_first(
        self, employee_client, idea, make_user, make_comment
    ):
        threads = self.make_threads(idea, make_user(), make_comment)

        response = employee_client.get(idea.url, {"comment_page": "x"})

        assert f'id="c{threads[0][0].pk}"' in response.text


class TestCommentAuthors:
    def test_former_employee_marked(
        self, employee_client, idea, make_user, make_comment
    ):
        leaver = make_user(first_name="Lena", last_name="Slutat")
        make_comment(idea, leaver, "Skrevs innan jag slutade.")
        leaver.is_active = False
        leaver.save()

        response = employee_client.get(idea.url)

        assert "Skrevs innan jag slutade." in response.text
        assert "Lena Slutat" in response.text
        assert "tidigare medarbetare" in response.text

    def test_deleted_account_comment_stays(
        self, employee_client, idea, make_user, make_comment
    ):
        leaver = make_user()
        make_comment(idea, leaver, "Kontot raderas men texten står kvar.")
        leaver.delete()

        response = employee_client.get(idea.url)

        assert "Kontot raderas men texten står kvar." in response.text
        assert "Tidigare medarbetare" in response.text


class TestCommentText:
    def test_script_escaped_not_run(
        self, employee_client, idea, make_user, make_comment
    ):
        make_comment(idea, make_user(), '<script>alert("x")</script><b onmouseover=1>')

        response = employee_client.get(idea.url)

        assert "<script>alert" not in response.text
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in response.text
        assert "<b onmouseover" not in response.text

    def test_links_become_clickable(
        self, employee_client, idea, make_user, make_comment
    ):
        make_comment(idea, make_user(), "Se https://www.goteborg.se/cykel för mer.")

        response = employee_client.get(idea.url)

        assert (
            '<a href="https://www.goteborg.se/cykel" rel="nofollow">' in response.text
        )

    def test_javascript_link_stays_text(
        self, employee_client, idea, make_user, make_comment
    ):
        make_comment(idea, make_user(), "javascript:alert(1) och data:text/html,x")

        response = employee_client.get(idea.url)

        assert 'href="javascript:' not in response.text
        assert 'href="data:' not in response.text

    def test_line_breaks_kept(self, employee_client, idea, make_user, make_comment):
        make_comment(idea, make_user(), "Rad ett\nrad två\n\nNytt stycke")

        response = employee_client.get(idea.url)

        assert "<p>Rad ett<br>rad två</p>\n\n<p>Nytt stycke</p>" in response.text

    @pytest.mark.parametrize(
        "text",
        [
            "Vanlig text utan länkar.",
            "Tecken som <, >, & och \"citat\" och 'apostrofer'.",
            "Två\nrader",
            "",
            "www.example.org och mejl@example.org",
            "https://example.com/a?b=1&c=<2>",
        ],
    )
    def test_fast_path_matches_urlize(self, text):
        from django.utils.html import linebreaks

        expected = linebreaks(urlize(text, nofollow=True, autoescape=True), False)

        assert render_comment_text(text) == expected
