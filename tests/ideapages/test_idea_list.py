"""The idea list: what it shows, filters, sort orders, search and pages."""

from datetime import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from ideapages.lifecycle import change_status
from ideapages.models import Category, Unit
from ideapages.status import IdeaStatus
from participation.models import Support

LIST_PATH = "/ideer/"


def titles_in(response) -> list[str]:
    return [idea.title for idea in response.context["ideas"]]


def messages_in(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


@pytest.fixture
def other_category(db):
    return Category.objects.create(name="Miljö och hälsa")


@pytest.fixture
def other_unit(db):
    return Unit.objects.create(name="Park- och naturnämnden")


@pytest.fixture
def support(make_user):
    """Return a function that adds supports from new employees to an idea."""

    def add(idea, count: int):
        for _number in range(count):
            Support.objects.create(idea=idea, user=make_user())

    return add


@pytest.mark.django_db
class TestIdeaCard:
    @pytest.fixture
    def idea(self, make_idea, make_comment, employee, support):
        idea = make_idea(
            title="Cykelförvaring Saltholmen",
            summary="En cykelförvaring där det går att byta om och lämna cykeln.",
            submitted_at=timezone.make_aware(datetime(2020, 7, 27, 14, 8, 24)),
            external_support_count=5,
        )
        make_comment(idea, employee)
        make_comment(idea, employee)
        support(idea, 2)
        return idea

    def test_card_shows_title_and_summary(self, employee_client, idea):
        response = employee_client.get(LIST_PATH)

        assert f'href="{idea.url}">Cykelförvaring Saltholmen</a>' in response.text
        assert idea.summary in response.text

    def test_card_shows_status(self, employee_client, idea):
        response = employee_client.get(LIST_PATH)

        assert 'class="status status--submitted"' in response.text
        with translation.override("sv"):
            label = str(IdeaStatus.SUBMITTED.label)
        assert label in response.text

    def test_card_shows_category_and_unit(self, employee_client, idea):
        response = employee_client.get(LIST_PATH)

        assert "<dd>Trafik och kommunikationer</dd>" in response.text
        assert "<dd>Trafiknämnden</dd>" in response.text

    def test_card_shows_submission_date(self, employee_client, idea):
        response = employee_client.get(LIST_PATH)

        assert 'datetime="2020-07-27T14:08:24+02:00"' in response.text

    def test_card_shows_comment_count(self, employee_client, idea):
        response = employee_client.get(LIST_PATH)

        card = response.context["ideas"][0]
        assert card.comment_count == 2

    def test_card_shows_support_count(self, employee_client, idea):
        response = employee_client.get(LIST_PATH)

        card = response.context["ideas"][0]
        assert card.support_count == 7

    def test_counts_are_rendered(self, employee_client, idea):
        response = employee_client.get(LIST_PATH)

        assert "<dd>2</dd>" in response.text
        assert "<dd>7</dd>" in response.text

    def test_removed_comment_is_not_counted(
        self, employee_client, idea, make_comment, employee
    ):
        removed = make_comment(idea, employee, "Felaktig kommentar")
        removed.is_removed = True
        removed.save()

        response = employee_client.get(LIST_PATH)

        assert response.context["ideas"][0].comment_count == 2


@pytest.mark.django_db
class TestListContents:
    def test_empty_list_says_so(self, employee_client):
        response = employee_client.get(LIST_PATH)

        assert response.status_code == 200
        assert response.context["ideas"].paginator.count == 0

    def test_newest_idea_comes_first(self, employee_client, make_idea):
        make_idea(title="Äldre idé", submitted_at=timezone.now().replace(year=2019))
        make_idea(title="Nyare idé")

        response = employee_client.get(LIST_PATH)

        assert titles_in(response) == ["Nyare idé", "Äldre idé"]

    def test_unpublished_idea_is_hidden(self, employee_client, make_idea):
        idea = make_idea(title="Dold idé")
        idea.unpublish()

        response = employee_client.get(LIST_PATH)

        assert titles_in(response) == []

    def test_list_links_to_submit_form(self, employee_client):
        response = employee_client.get(LIST_PATH)

        assert 'href="/ideer/ny/"' in response.text


@pytest.mark.django_db
class TestPagination:
    @pytest.fixture(autouse=True)
    def ideas(self, settings, make_idea):
        settings.IDEAS_PER_PAGE = 2
        return [make_idea(title=f"Idé nummer {number}") for number in range(1, 6)]

    def test_first_page_holds_page_size(self, employee_client):
        response = employee_client.get(LIST_PATH)

        assert titles_in(response) == ["Idé nummer 5", "Idé nummer 4"]

    def test_last_page_holds_rest(self, employee_client):
        response = employee_client.get(LIST_PATH, {"page": 3})

        assert titles_in(response) == ["Idé nummer 1"]

    def test_page_links_keep_filters(self, employee_client):
        response = employee_client.get(LIST_PATH, {"status": "submitted", "page": 2})

        assert 'href="?status=submitted&amp;page=3"' in response.text
        assert 'href="?status=submitted&amp;page=1"' in response.text

    def test_page_links_drop_unknown_parameters(self, employee_client):
        employee_client.get(
            LIST_PATH, {"status": "submitted", "utm": 'POISONED"x', "sort": "bogus"}
        )

        response = employee_client.get(LIST_PATH, {"status": "submitted"})

        assert 'href="?status=submitted&amp;page=2"' in response.text
        assert "POISONED" not in response.text

    def test_count_covers_all_pages(self, employee_client):
        response = employee_client.get(LIST_PATH)

        assert response.context["ideas"].paginator.count == 5

    @pytest.mark.parametrize(
        ("number", "shown"),
        [("abc", 1), ("0", 1), ("-1", 1), ("1.5", 1), ("9999", 3), ("", 1)],
    )
    def test_invalid_page_shows_nearest_page(self, employee_client, number, shown):
        response = employee_client.get(LIST_PATH, {"page": number})

        assert response.status_code == 200
        assert response.context["ideas"].number == shown

    @pytest.mark.parametrize("number", ["abc", "0", "9999", "1" * 500, "1" * 5000])
    def test_invalid_page_gets_message(self, employee_client, number):
        response = employee_client.get(LIST_PATH, {"page": number})

        assert len(messages_in(response)) == 1

    def test_valid_page_gets_no_message(self, employee_client):
        response = employee_client.get(LIST_PATH, {"page": "2"})

        assert messages_in(response) == []


@pytest.mark.django_db
class TestFilters:
    @pytest.fixture(autouse=True)
    def ideas(self, make_idea, other_category, other_unit):
        make_idea(title="Trafikidé")
        make_idea(title="Miljöidé", category=other_category, unit=other_unit)
        make_idea(title="Pausad idé", status=IdeaStatus.PAUSED)

    def test_filter_by_status(self, employee_client):
        response = employee_client.get(LIST_PATH, {"status": IdeaStatus.PAUSED})

        assert titles_in(response) == ["Pausad idé"]

    def test_filter_by_category(self, employee_client, other_category):
        response = employee_client.get(LIST_PATH, {"category": other_category.pk})

        assert titles_in(response) == ["Miljöidé"]

    def test_filter_by_unit(self, employee_client, other_unit):
        response = employee_client.get(LIST_PATH, {"unit": other_unit.pk})

        assert titles_in(response) == ["Miljöidé"]

    def test_filters_combine(self, employee_client, category):
        response = employee_client.get(
            LIST_PATH, {"category": category.pk, "status": IdeaStatus.SUBMITTED}
        )

        assert titles_in(response) == ["Trafikidé"]

    def test_empty_filters_show_all(self, employee_client):
        response = employee_client.get(
            LIST_PATH, {"status": "", "category": "", "unit": "", "q": "", "sort": ""}
        )

        assert len(titles_in(response)) == 3

    def test_filter_without_match_says_so(self, employee_client):
        response = employee_client.get(LIST_PATH, {"status": IdeaStatus.EVALUATED})

        assert titles_in(response) == []
        assert response.status_code == 200

    def test_filtered_list_offers_clearing(self, employee_client):
        response = employee_client.get(LIST_PATH, {"status": IdeaStatus.PAUSED})

        assert response.context["is_filtered"]

    @pytest.mark.parametrize(
        ("field", "value"),
        [
            ("status", "bogus"),
            ("status", "<script>alert(1)</script>"),
            ("category", "abc"),
            ("category", "999999"),
            ("category", "1 OR 1=1"),
            ("unit", "-5"),
            ("unit", "9" * 30),
            ("sort", "title"),
            ("sort", "-pk"),
        ],
    )
    def test_invalid_filter_is_ignored(self, employee_client, field, value):
        response = employee_client.get(LIST_PATH, {field: value})

        assert response.status_code == 200
        assert len(titles_in(response)) == 3
        assert field in response.context["filter_form"].errors

    def test_invalid_filter_is_explained(self, employee_client):
        response = employee_client.get(LIST_PATH, {"status": "bogus"})

        assert 'class="field__error"' in response.text

    def test_invalid_filter_keeps_valid_ones(self, employee_client, other_unit):
        response = employee_client.get(
            LIST_PATH, {"status": "bogus", "unit": other_unit.pk}
        )

        assert titles_in(response) == ["Miljöidé"]

    def test_tampered_value_is_escaped(self, employee_client):
        response = employee_client.get(
            LIST_PATH, {"status": "<script>alert(1)</script>"}
        )

        assert "<script>alert(1)</script>" not in response.text

    def test_repeated_parameter_does_not_fail(self, employee_client):
        response = employee_client.get(
            f"{LIST_PATH}?status=paused&status=submitted&page=1&page=2"
        )

        assert response.status_code == 200


@pytest.mark.django_db
class TestSortOrder:
    @pytest.fixture(autouse=True)
    def ideas(self, make_idea, make_comment, employee, support):
        quiet = make_idea(title="Tyst idé")
        discussed = make_idea(title="Omdiskuterad idé")
        supported = make_idea(title="Populär idé", external_support_count=3)
        for _number in range(3):
            make_comment(discussed, employee)
        make_comment(supported, employee)
        support(supported, 1)
        support(discussed, 2)
        return quiet, discussed, supported

    def test_default_is_newest_first(self, employee_client):
        response = employee_client.get(LIST_PATH)

        assert titles_in(response) == ["Populär idé", "Omdiskuterad idé", "Tyst idé"]

    def test_sort_by_newest(self, employee_client):
        response = employee_client.get(LIST_PATH, {"sort": "newest"})

        assert titles_in(response) == ["Populär idé", "Omdiskuterad idé", "Tyst idé"]

    def test_sort_by_most_commented(self, employee_client):
        response = employee_client.get(LIST_PATH, {"sort": "most_commented"})

        assert titles_in(response) == ["Omdiskuterad idé", "Populär idé", "Tyst idé"]

    def test_sort_by_most_supported(self, employee_client):
        response = employee_client.get(LIST_PATH, {"sort": "most_supported"})

        assert titles_in(response) == ["Populär idé", "Omdiskuterad idé", "Tyst idé"]

    def test_imported_signatures_count_as_supports(self, employee_client):
        response = employee_client.get(LIST_PATH, {"sort": "most_supported"})

        assert [idea.support_count for idea in response.context["ideas"]] == [4, 2, 0]

    def test_sort_keeps_filter(self, employee_client):
        response = employee_client.get(
            LIST_PATH, {"sort": "most_commented", "status": IdeaStatus.PAUSED}
        )

        assert titles_in(response) == []


@pytest.mark.django_db
class TestSearch:
    @pytest.fixture(autouse=True)
    def ideas(self, make_idea):
        make_idea(
            title="Bygg cykelparkeringar i Slottskogen",
            summary="Det saknas bra cykelparkeringar vid strategiska platser.",
            description="",
        )
        make_idea(
            title="Hundrastgård nära Tuve Centrum",
            summary="Tuve växer snabbt och hundantalet ökar.",
            description="En hundrastgård som är centralt belägen och lättillgänglig.",
        )
        make_idea(
            title="Fräscht vatten till alla elever i skolan",
            summary="Vi vill kunna dricka vatten från en vattenfontän.",
            description="Eleverna dricker i dag från kranen på toaletten.",
        )

    @pytest.mark.parametrize("query", ["x" * 300, "cykel\x00"])
    def test_invalid_search_shows_error(self, employee_client, query):
        response = employee_client.get(LIST_PATH, {"q": query})

        assert response.status_code == 200
        assert "q" in response.context["filter_form"].errors
        assert 'aria-describedby="id_q_error"' in response.text
        assert 'id="id_q_error"' in response.text
        assert "ideas" not in response.context
        assert 'id="results-heading"' not in response.text

    def test_search_finds_title_word(self, employee_client):
        response = employee_client.get(LIST_PATH, {"q": "Slottskogen"})

        assert titles_in(response) == ["Bygg cykelparkeringar i Slottskogen"]

    def test_search_finds_summary_word(self, employee_client):
        response = employee_client.get(LIST_PATH, {"q": "hundantalet"})

        assert titles_in(response) == ["Hundrastgård nära Tuve Centrum"]

    def test_search_finds_description_word(self, employee_client):
        response = employee_client.get(LIST_PATH, {"q": "toaletten"})

        assert titles_in(response) == ["Fräscht vatten till alla elever i skolan"]

    def test_search_needs_every_word(self, employee_client):
        response = employee_client.get(LIST_PATH, {"q": "vatten Tuve"})

        assert titles_in(response) == []

    def test_quoted_words_are_found(self, employee_client):
        response = employee_client.get(LIST_PATH, {"q": '"Tuve Centrum"'})

        assert titles_in(response) == ["Hundrastgård nära Tuve Centrum"]

    def test_search_ignores_case(self, employee_client):
        response = employee_client.get(LIST_PATH, {"q": "TUVE"})

        assert titles_in(response) == ["Hundrastgård nära Tuve Centrum"]

    def test_search_without_match_is_empty(self, employee_client):
        response = employee_client.get(LIST_PATH, {"q": "simhall"})

        assert response.status_code == 200
        assert titles_in(response) == []

    def test_search_combines_with_filter(self, employee_client):
        response = employee_client.get(
            LIST_PATH, {"q": "Tuve", "status": IdeaStatus.PAUSED}
        )

        assert titles_in(response) == []

    def test_search_combines_with_sort(self, employee_client):
        response = employee_client.get(
            LIST_PATH, {"q": "Tuve", "sort": "most_commented"}
        )

        assert titles_in(response) == ["Hundrastgård nära Tuve Centrum"]

    @pytest.mark.parametrize(
        "query",
        [
            "'",
            '"',
            "&",
            "|",
            "!",
            "(",
            ")",
            ":*",
            "a & b | !c",
            "cykel:*",
            "<script>alert(1)</script>",
            "\\",
            "%",
            "_",
            "*",
            "-",
            "NEAR(a b)",
            "AND OR NOT",
            "   ",
            "é" * 200,
        ],
    )
    def test_odd_query_does_not_fail(self, employee_client, query):
        response = employee_client.get(LIST_PATH, {"q": query})

        assert response.status_code == 200

    def test_query_is_shown_escaped(self, employee_client):
        response = employee_client.get(LIST_PATH, {"q": "<script>alert(1)</script>"})

        assert "<script>alert(1)</script>" not in response.text
        assert 'value="&lt;script&gt;alert(1)&lt;/script&gt;"' in response.text

    @pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="only PostgreSQL stems Swedish words; SQLite matches whole words",
    )
    def test_search_understands_swedish_word_forms(self, employee_client, make_idea):
        make_idea(
            title="Cykelparkeringar vid stationen",
            summary="Fler låsbara platser nära pendeltågen.",
            description="",
        )

        response = employee_client.get(LIST_PATH, {"q": "cykelparkering"})

        assert "Cykelparkeringar vid stationen" in titles_in(response)


@pytest.mark.django_db
class TestQueryCount:
    """The list's queries do not grow with the number of ideas or comments.

    The listing cache is off here, so that every request runs the queries.
    """

    @pytest.fixture(autouse=True)
    def no_listing_cache(self, settings):
        settings.IDEA_LIST_CACHE_SECONDS = 0

    def count_queries(self, client, path=LIST_PATH) -> int:
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200
        return len(queries)

    def add_ideas(self, make_idea, make_comment, employee, support, count: int):
        for _number in range(count):
            idea = make_idea()
            make_comment(idea, employee)
            support(idea, 1)

    def test_queries_do_not_grow_with_ideas(
        self, employee_client, make_idea, make_comment, employee, support
    ):
        self.add_ideas(make_idea, make_comment, employee, support, 3)
        few = self.count_queries(employee_client)

        self.add_ideas(make_idea, make_comment, employee, support, 6)
        many = self.count_queries(employee_client)

        assert many == few

    def test_queries_do_not_grow_with_comments(
        self, employee_client, make_idea, make_comment, employee
    ):
        ideas = [make_idea() for _number in range(3)]
        for idea in ideas:
            make_comment(idea, employee)
        few = self.count_queries(employee_client)

        for idea in ideas:
            make_comment(idea, employee)
            make_comment(idea, employee)
        many = self.count_queries(employee_client)

        assert many == few

    def test_search_queries_do_not_grow(
        self, employee_client, make_idea, make_comment, employee, support
    ):
        path = f"{LIST_PATH}?q=cykelparkeringar"
        self.add_ideas(make_idea, make_comment, employee, support, 3)
        few = self.count_queries(employee_client, path)

        self.add_ideas(make_idea, make_comment, employee, support, 6)
        many = self.count_queries(employee_client, path)

        assert many == few

    def test_start_page_queries_do_not_grow(
        self, employee_client, make_idea, make_comment, employee, support
    ):
        self.add_ideas(make_idea, make_comment, employee, support, 2)
        few = self.count_queries(employee_client, "/")

        self.add_ideas(make_idea, make_comment, employee, support, 4)
        many = self.count_queries(employee_client, "/")

        assert many == few


@pytest.mark.django_db
class TestListingCache:
    """A cached list result is used until ideas, comments or supports change."""

    def count_queries(self, client) -> int:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(LIST_PATH)
        assert response.status_code == 200
        return len(queries)

    def test_repeated_request_skips_idea_queries(self, employee_client, make_idea):
        make_idea()
        first = self.count_queries(employee_client)

        second = self.count_queries(employee_client)

        assert second < first

    def test_new_idea_shows_at_once(self, employee_client, make_idea):
        make_idea(title="Gemensam kalender")
        employee_client.get(LIST_PATH)

        make_idea(title="Laddplatser för elcyklar")

        assert "Laddplatser för elcyklar" in titles_in(employee_client.get(LIST_PATH))

    def test_new_comment_counted_at_once(
        self, employee_client, make_idea, make_comment, employee
    ):
        idea = make_idea()
        employee_client.get(LIST_PATH)

        make_comment(idea, employee)

        response = employee_client.get(LIST_PATH)
        assert [idea.comment_count for idea in response.context["ideas"]] == [1]

    def test_new_support_counted_at_once(self, employee_client, make_idea, support):
        idea = make_idea()
        employee_client.get(LIST_PATH)

        support(idea, 2)

        response = employee_client.get(LIST_PATH)
        assert [idea.support_count for idea in response.context["ideas"]] == [2]

    def test_status_change_shows_at_once(self, employee_client, make_idea):
        idea = make_idea()
        employee_client.get(LIST_PATH)

        change_status(idea, IdeaStatus.PAUSED)

        response = employee_client.get(LIST_PATH, {"status": IdeaStatus.PAUSED})
        assert [shown.pk for shown in response.context["ideas"]] == [idea.pk]

    def test_renamed_category_shows_at_once(self, employee_client, make_idea, category):
        make_idea()
        employee_client.get(LIST_PATH)

        category.name = "Gång och cykel"
        category.save()

        assert "Gång och cykel" in employee_client.get(LIST_PATH).text
