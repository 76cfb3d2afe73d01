"""Query counts stay flat as threads, ideas and reports grow."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from participation import services
from participation.comments import forget_outline
from participation.models import CommentReport, Support


def query_count(client, url, target=None) -> int:
    """Count the queries of a request, after one request that fills the caches.

    The cached thread outline of `target` is dropped again, so that its
    query counts.
    """
    client.get(url)
    if target is not None:
        content_type = ContentType.objects.get_for_model(target)
        forget_outline(content_type.pk, target.pk)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def add_thread(idea, users, make_comment, size: int) -> None:
    """Add `size` comments in threads three deep, with edits, reports and removals."""
    parent = None
    for number in range(size):
        author = users[number % len(users)]
        parent = make_comment(
            idea, author, f"Kommentar {number}.", parent=parent if number % 3 else None
        )
        if number % 4 == 0:
            services.edit_comment(parent, f"Kommentar {number}, rättad.")
        if number % 5 == 0:
            CommentReport.objects.create(
                comment=parent, reporter=users[(number + 1) % len(users)], reason="x"
            )
    services.delete_comment(parent, parent.user)


@pytest.fixture
def users(make_user, employee):
    return [employee, *(make_user() for _ in range(3))]


class TestIdeaPageQueries:
    @pytest.mark.parametrize("viewer", ["employee", "moderator"])
    def test_flat_for_three_times_comments(
        self, request, client, make_idea, users, make_comment, viewer
    ):
        user = request.getfixturevalue(viewer)
        client.force_login(user)
        small, large = make_idea(), make_idea()
        add_thread(small, users, make_comment, 6)
        add_thread(large, users, make_comment, 18)

        assert query_count(client, small.url, small) == query_count(
            client, large.url, large
        )

    def test_flat_for_three_times_deeper(
        self, employee_client, make_idea, make_user, make_deep_thread
    ):
        shallow, deep = make_idea(), make_idea()
        make_deep_thread(shallow, make_user(), 8)
        make_deep_thread(deep, make_user(), 24)

        assert query_count(employee_client, shallow.url, shallow) == query_count(
            employee_client, deep.url, deep
        )

    def test_cached_outline_saves_query(self, employee_client, idea, make_comment):
        make_comment(idea, idea.owner)
        uncached = query_count(employee_client, idea.url, idea)

        with CaptureQueriesContext(connection) as queries:
            employee_client.get(idea.url)

        assert len(queries) == uncached - 1


class TestListQueries:
    def make_ideas(self, make_idea, users, make_comment, count):
        ideas = [make_idea() for _ in range(count)]
        for idea in ideas:
            make_comment(idea, users[0])
            Support.objects.create(idea=idea, user=users[1])
            services.set_following(idea, users[0], True)
        return ideas

    def test_idea_list_flat_for_three_times_ideas(
        self, employee_client, index_page, make_idea, users, make_comment
    ):
        self.make_ideas(make_idea, users, make_comment, 3)
        small = query_count(employee_client, index_page.url)
        self.make_ideas(make_idea, users, make_comment, 6)

        assert query_count(employee_client, index_page.url) == small

    def test_followed_list_flat_for_three_times_ideas(
        self, employee_client, make_idea, users, make_comment
    ):
        self.make_ideas(make_idea, users, make_comment, 3)
        small = query_count(employee_client, "/deltagande/foljer/")
        self.make_ideas(make_idea, users, make_comment, 6)

        assert query_count(employee_client, "/deltagande/foljer/") == small

    def test_queue_flat_for_three_times_reports(
        self, moderator_client, make_idea, users, make_comment
    ):
        def report_comments(count):
            for _ in range(count):
                comment = make_comment(make_idea(), users[0])
                for reporter in users[1:]:
                    CommentReport.objects.create(
                        comment=comment, reporter=reporter, reason="Hot."
                    )

        report_comments(2)
        small = query_count(moderator_client, "/kommentarer/moderering/")
        report_comments(4)

        assert query_count(moderator_client, "/kommentarer/moderering/") == small
