"""What people see: the idea's status and timeline, and the ideas waiting for them."""

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from ideapages.models import IdeaPage
from workflows.models import IdeaTaskState, ProcessEvent
from workflows.overview import idea_overview
from workflows.process import start_process

from .conftest import action_url, current_state, refreshed

MOTIVATION = "Idén ligger inom uppdraget och gynnar många."


def page_text(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


class TestIdeaPage:
    def test_status_is_shown(self, developed, people, client):
        page = page_text(client, people.colleague, developed.url)
        assert "Vidareutvecklas" in page

    def test_timeline_lists_dated_steps(self, developed, people, client):
        page = page_text(client, people.colleague, developed.url)
        today = date_format(timezone.localdate(), "j F Y")
        assert "Tidslinje" in page
        assert "Bedömd: vidareutvecklas" in page
        assert today in page

    def test_timeline_shows_motivation_to_all(self, developed, people, client):
        page = page_text(client, people.colleague, developed.url)
        assert MOTIVATION in page

    def test_assessment_criteria_shown_to_giver(self, developed, people, client):
        page = page_text(client, people.giver, developed.url)
        assert "De fyra kriterierna" in page
        assert "Kommentar om reach." in page

    def test_assessment_outcome_reads_as_result(self, developed, people, client):
        page = page_text(client, people.giver, developed.url)
        assert "<h3>Vidareutvecklas, <time" in page

    def test_assessment_criteria_shown_to_process_roles(
        self, developed, people, client
    ):
        for name in ("ambassador", "innovation", "management", "unit_head"):
            page = page_text(client, people[name], developed.url)
            assert "Kommentar om reach." in page, name

    def test_assessment_criteria_hidden_from_others(self, developed, people, client):
        for name in ("colleague", "communicator", "committee"):
            page = page_text(client, people[name], developed.url)
            assert "Kommentar om reach." not in page, name

    def test_next_step_links_for_actor(self, developed, people, client):
        page = page_text(client, people.innovation, developed.url)
        assert action_url(developed, "send-to-management") in page

    def test_no_step_links_for_others(self, developed, people, client):
        page = page_text(client, people.ambassador, developed.url)
        assert "/admin/ideprocessen/" not in page

    def test_waiting_for_names_group(self, developed, people, client):
        page = page_text(client, people.colleague, developed.url)
        assert "Väntar på" in page
        assert "Innovationsgrupp" in page


def paused_long_ago(idea, people, act):
    """Pause `idea` and date its step and the pause 400 days back."""
    act(people.ambassador, idea, "pause")
    long_ago = timezone.now() - timezone.timedelta(days=400)
    IdeaTaskState.objects.filter(pk=current_state(idea).pk).update(
        started_at=long_ago, paused_at=long_ago
    )
    return long_ago


class TestWaitingSince:
    def test_paused_idea_waits_since_pause(self, idea, people, act):
        long_ago = paused_long_ago(idea, people, act)
        overview = idea_overview(refreshed(idea), people.colleague)
        assert overview.waiting_since == long_ago

    def test_resumed_idea_waits_since_resume(self, idea, people, act):
        long_ago = paused_long_ago(idea, people, act)
        before = timezone.now()
        act(people.second_ambassador, idea, "resume")
        overview = idea_overview(refreshed(idea), people.colleague)
        assert overview.waiting_since >= before
        assert overview.waiting_since != long_ago

    def test_page_shows_resume_date(self, idea, people, act, client):
        long_ago = paused_long_ago(idea, people, act)
        act(people.second_ambassador, idea, "resume")
        page = page_text(client, people.colleague, refreshed(idea).url)
        since = page[page.index("Sedan") :]
        today = date_format(timezone.localdate(), "j F Y")
        assert today in since[:200]
        assert date_format(timezone.localtime(long_ago), "j F Y") not in since[:200]

    def test_second_pause_waits_since_it(self, idea, people, act):
        paused_long_ago(idea, people, act)
        act(people.second_ambassador, idea, "resume")
        act(people.second_ambassador, idea, "pause")
        state = current_state(idea)
        overview = idea_overview(refreshed(idea), people.colleague)
        assert overview.waiting_since == state.paused_at

    def test_moving_on_waits_since_new_step(self, idea, people, act):
        paused_long_ago(idea, people, act)
        act(people.second_ambassador, idea, "resume")
        act(people.second_ambassador, idea, "develop")
        state = current_state(idea)
        overview = idea_overview(refreshed(idea), people.colleague)
        assert overview.waiting_since == state.started_at

    def test_migration_fills_resumed_at(self, idea, people, act):
        from importlib import import_module

        from django.apps import apps

        from workflows.models import ProcessAction

        migration = import_module(
            "workflows.migrations.0003_idea_task_state_resumed_at"
        )
        paused_long_ago(idea, people, act)
        act(people.second_ambassador, idea, "resume")
        state = current_state(idea)
        IdeaTaskState.objects.filter(pk=state.pk).update(resumed_at=None)
        migration.fill_resumed_at(apps, None)
        resume = ProcessEvent.objects.get(
            idea=idea, action=ProcessAction.ASSESSMENT_RESUME
        )
        assert current_state(idea).resumed_at == resume.created_at


def started_days_ago(make_idea, people, *ages):
    """Submit one idea per age, each waiting at assessment since that many days."""
    ideas = []
    for days in ages:
        waiting = make_idea(owner=people.giver)
        start_process(waiting, people.giver)
        moment = timezone.now() - timezone.timedelta(days=days)
        IdeaTaskState.objects.filter(workflow_state__object_id=str(waiting.pk)).update(
            started_at=moment
        )
        ProcessEvent.objects.filter(idea=waiting).update(created_at=moment)
        ideas.append(waiting)
    return ideas


class TestWaitingList:
    def test_site_lists_steps_for_ambassador(self, idea, people, client):
        page = page_text(client, people.ambassador, reverse("workflows:waiting"))
        assert idea.title in page
        assert action_url(idea, "develop") in page

    def test_site_hides_others_steps(self, idea, people, client):
        page = page_text(client, people.innovation, reverse("workflows:waiting"))
        assert idea.title not in page

    def test_giver_not_listed_own_idea(self, idea, people, client):
        people.giver.groups.add(*people.ambassador.groups.all())
        page = page_text(client, people.giver, reverse("workflows:waiting"))
        assert idea.title not in page

    def test_named_person_sees_idea(self, idea, people, act, client):
        act(people.ambassador, idea, "direct", unit_head=people.unit_head.pk)
        page = page_text(client, people.unit_head, reverse("workflows:waiting"))
        assert idea.title in page
        other = page_text(client, people.other_unit_head, reverse("workflows:waiting"))
        assert idea.title not in other

    def test_paused_longest_waiting_first(self, make_idea, people, act, client):
        older, newer = make_idea(owner=people.giver), make_idea(owner=people.giver)
        for paused in (older, newer):
            start_process(paused, people.giver)
            act(people.ambassador, IdeaPage.objects.get(pk=paused.pk), "pause")
        page = page_text(client, people.second_ambassador, reverse("workflows:waiting"))
        assert "Pausade idéer, den som väntat längst först" in page
        assert page.index(older.title) < page.index(newer.title)

    def test_paused_waiting_time_orders_list(self, make_idea, people, act):
        from workflows.models import IdeaTaskState
        from workflows.waiting import waiting_for

        first, second = make_idea(owner=people.giver), make_idea(owner=people.giver)
        for paused in (first, second):
            start_process(paused, people.giver)
            act(people.ambassador, IdeaPage.objects.get(pk=paused.pk), "pause")
        IdeaTaskState.objects.filter(workflow_state__object_id=str(second.pk)).update(
            paused_at=timezone.now() - timezone.timedelta(days=400)
        )
        paused = waiting_for(people.ambassador).paused
        assert [item.idea.pk for item in paused] == [second.pk, first.pk]

    def test_steps_newest_first(self, make_idea, people):
        from workflows.waiting import waiting_for

        older, newer = started_days_ago(make_idea, people, 400, 0)
        steps = waiting_for(people.ambassador).steps
        assert [item.idea.pk for item in steps] == [newer.pk, older.pk]

    def test_page_lists_newest_first(self, make_idea, people, client):
        older, newer = started_days_ago(make_idea, people, 400, 0)
        page = page_text(client, people.ambassador, reverse("workflows:waiting"))
        assert page.index(newer.title) < page.index(older.title)

    def test_page_explains_the_order(self, idea, people, client):
        page = page_text(client, people.ambassador, reverse("workflows:waiting"))
        assert "Nyast först" in page

    def test_news_newest_first(self, make_idea, people, act):
        from workflows.waiting import waiting_for

        ideas = []
        for days_ago in (300, 10):
            told = make_idea(owner=people.giver)
            start_process(told, people.giver)
            act(
                people.ambassador,
                refreshed(told),
                "direct",
                unit_head=people.unit_head.pk,
            )
            act(people.unit_head, refreshed(told), "approve-and-implement")
            ProcessEvent.objects.filter(idea=told).update(
                created_at=timezone.now() - timezone.timedelta(days=days_ago)
            )
            ideas.append(told)
        news = waiting_for(people.communicator).news
        assert [item.idea.pk for item in news] == [ideas[1].pk, ideas[0].pk]

    def test_news_waits_since_implementation(self, idea, people, act):
        from workflows.waiting import waiting_for

        act(people.ambassador, idea, "direct", unit_head=people.unit_head.pk)
        act(people.unit_head, idea, "approve-and-implement")
        IdeaPage.objects.filter(pk=idea.pk).update(
            submitted_at=timezone.now() - timezone.timedelta(days=400)
        )
        item = waiting_for(people.communicator).news[0]
        assert item.since > timezone.now() - timezone.timedelta(days=1)

    def test_communicator_sees_ideas_to_tell(self, idea, people, act, client):
        act(people.ambassador, idea, "direct", unit_head=people.unit_head.pk)
        act(people.unit_head, idea, "approve-and-implement")
        page = page_text(client, people.communicator, reverse("workflows:waiting"))
        assert idea.title in page
        assert reverse("news_from_idea", args=[idea.pk]) in page

    def test_nav_links_waiting_page(self, idea, people, client):
        page = page_text(client, people.colleague, "/")
        assert reverse("workflows:waiting") in page


class TestDashboard:
    def test_dashboard_lists_waiting_ideas(self, idea, people, client):
        page = page_text(client, people.ambassador, reverse("wagtailadmin_home"))
        assert "Idéer som väntar på dig" in page
        assert action_url(idea, "develop") in page

    def test_dashboard_lists_newest_first(self, make_idea, people, client):
        older, newer = started_days_ago(make_idea, people, 400, 0)
        page = page_text(client, people.ambassador, reverse("wagtailadmin_home"))
        assert page.index(newer.title) < page.index(older.title)
        assert "Nyast först" in page

    def test_dashboard_replaces_wagtail_review_panel(self, idea, people, client):
        page = page_text(client, people.ambassador, reverse("wagtailadmin_home"))
        assert 'id="awaiting-review"' not in page

    def test_admin_waiting_page_for_management(self, idea, people, act, client):
        act(people.ambassador, idea, "develop")
        act(people.innovation, idea, "send-to-management")
        url = reverse("workflows_admin:waiting")
        assert idea.title in page_text(client, people.management, url)
        assert idea.title not in page_text(client, people.ambassador, url)

    def test_admin_idea_page_shows_actions(self, idea, people, client):
        url = reverse("workflows_admin:idea", args=[idea.pk])
        page = page_text(client, people.ambassador, url)
        assert action_url(idea, "develop") in page
        assert "Steget är inte ditt att ta." in page_text(
            client, people.innovation, url
        )

    def test_process_menu_item_for_roles(self, people, client):
        page = page_text(client, people.management, reverse("wagtailadmin_home"))
        assert reverse("workflows_admin:waiting") in page
