"""Bad input keeps what was typed and names what is missing; nothing is recorded."""

import json
import re

from django.urls import reverse

from ideapages.models import IdeaPage
from ideapages.status import IdeaStatus
from workflows.actions import form_class_for
from workflows.models import Assessment, ImplementationPlan, ProcessEvent

from .conftest import action_data, action_url, current_state, form_post_data


def post(client, user, idea, action, data):
    client.force_login(user)
    return client.post(action_url(idea, action), form_post_data(idea, action, data))


class TestMissingMotivation:
    def test_assessment_without_motivation_rejected(self, idea, people, client):
        data = action_data("develop", motivation="")
        response = post(client, people.ambassador, idea, "develop", data)
        assert response.status_code == 200
        assert not Assessment.objects.filter(idea=idea).exists()

    def test_error_names_missing_field(self, idea, people, client):
        data = action_data("develop", motivation="")
        page = post(client, people.ambassador, idea, "develop", data).content.decode()
        assert '<a href="#id_motivation">Motivering: ' in page

    def test_typed_comments_are_kept(self, idea, people, client):
        data = action_data(
            "develop", motivation="", mission_comment="Ligger nära vårt uppdrag."
        )
        page = post(client, people.ambassador, idea, "develop", data).content.decode()
        assert "Ligger nära vårt uppdrag." in page

    def test_chosen_judgement_is_kept(self, idea, people, client):
        data = action_data("develop", motivation="", reach_judgement="not_met")
        response = post(client, people.ambassador, idea, "develop", data)
        assert response.context["form"]["reach_judgement"].value() == "not_met"

    def test_decline_without_motivation_rejected(self, idea, people, act, client):
        act(people.ambassador, idea, "develop")
        act(people.innovation, idea, "send-to-management")
        response = post(
            client, people.management, idea, "decline", {"motivation": "  "}
        )
        assert response.status_code == 200
        assert IdeaPage.objects.get(pk=idea.pk).status == IdeaStatus.AWAITING_DECISION

    def test_missing_judgement_is_named(self, idea, people, client):
        data = action_data("close")
        del data["benefit_judgement"]
        page = post(client, people.ambassador, idea, "close", data).content.decode()
        assert "Idén bidrar till samhällsnytta och/eller effektivisering" in page
        assert IdeaPage.objects.get(pk=idea.pk).status == IdeaStatus.SUBMITTED


def error_summary(page: str) -> str:
    """Return the opening tag and content of the page's error summary."""
    start = page.index("data-error-summary")
    return page[page.rindex("<div", 0, start) : page.index("</div>", start)]


class TestErrorSummary:
    def test_summary_is_focusable_alert(self, idea, people, client):
        data = action_data("develop", motivation="")
        page = post(client, people.ambassador, idea, "develop", data).content.decode()
        summary = error_summary(page)
        assert 'tabindex="-1"' in summary
        assert 'role="alert"' in summary

    def test_page_loads_focusing_script(self, idea, people, client):
        data = action_data("develop", motivation="")
        page = post(client, people.ambassador, idea, "develop", data).content.decode()
        assert "js/process_admin.js" in page

    def test_summary_links_text_field(self, idea, people, client):
        data = action_data("develop", motivation="")
        page = post(client, people.ambassador, idea, "develop", data).content.decode()
        assert '<a href="#id_motivation">' in error_summary(page)
        assert 'id="id_motivation"' in page

    def test_summary_links_first_radio_option(self, idea, people, client):
        data = action_data("close")
        del data["benefit_judgement"]
        page = post(client, people.ambassador, idea, "close", data).content.decode()
        assert '<a href="#id_benefit_judgement_0">' in error_summary(page)
        assert 'id="id_benefit_judgement_0"' in page

    def test_summary_links_first_milestone(self, approved, people, client):
        data = action_data("save-plan", milestones=[])
        page = post(client, people.implementer, approved, "save-plan", data)
        text = page.content.decode()
        assert '<a href="#id_milestones-0-title">' in error_summary(text)
        assert 'id="id_milestones-0-title"' in text

    def test_no_summary_without_errors(self, idea, people, client):
        client.force_login(people.ambassador)
        page = client.get(action_url(idea, "develop")).content.decode()
        assert "data-error-summary" not in page

    def test_stop_page_summary_is_focusable(self, idea, people, client):
        client.force_login(people.innovation)
        url = reverse("workflows_admin:stop", args=[idea.pk])
        page = client.post(url, {"reason": ""}).content.decode()
        summary = error_summary(page)
        assert 'tabindex="-1"' in summary
        assert '<a href="#id_reason">' in summary
        assert "js/process_admin.js" in page


class TestCriterionFields:
    def test_each_criterion_is_a_fieldset(self, idea, people, client):
        client.force_login(people.ambassador)
        page = client.get(action_url(idea, "develop")).content.decode()
        assert page.count('<fieldset class="process-form__criterion">') == 4
        assert page.count("<legend") >= 4

    def test_no_label_without_target(self, idea, people, client):
        client.force_login(people.ambassador)
        page = client.get(action_url(idea, "develop")).content.decode()
        labels = re.findall(r"<label\b[^>]*>", page)
        assert labels
        assert [label for label in labels if "for=" not in label] == []


class TestPeopleChoices:
    def test_giver_not_offered_as_unit_head(self, idea, people):
        people.giver.groups.add(*people.unit_head.groups.all())
        form = form_class_for("assessment", "direct")(task_state=current_state(idea))
        offered = [value for value, _label in form.fields["unit_head"].choices]
        assert people.giver.pk not in offered
        assert people.unit_head.pk in offered

    def test_giver_cannot_be_posted_as_unit_head(self, idea, people, client):
        people.giver.groups.add(*people.unit_head.groups.all())
        data = action_data("direct", unit_head=people.giver.pk)
        response = post(client, people.ambassador, idea, "direct", data)
        assert response.status_code == 200
        assert IdeaPage.objects.get(pk=idea.pk).status == IdeaStatus.SUBMITTED

    def test_implementer_must_be_implementer(self, idea, people, act, client):
        act(people.ambassador, idea, "develop")
        act(people.innovation, idea, "send-to-management")
        data = {
            "resources": "En projektledare.",
            "implementer": people.colleague.pk,
            "motivation": "Bra idé.",
        }
        response = post(client, people.management, idea, "approve-implementation", data)
        assert response.status_code == 200
        assert "Välj ett giltigt alternativ" in response.content.decode()


class TestMilestones:
    def test_plan_needs_a_milestone(self, approved, people, client):
        data = action_data("save-plan", milestones=[])
        page = post(client, people.implementer, approved, "save-plan", data)
        assert "Lägg till minst en milstolpe" in page.content.decode()
        assert not ImplementationPlan.objects.filter(idea=approved).exists()

    def test_bad_date_is_named_and_kept(self, approved, people, client):
        rows = [{"title": "Upphandling", "due_date": "31 maj", "done": False}]
        data = action_data("save-plan", milestones=rows)
        page = post(client, people.implementer, approved, "save-plan", data)
        text = page.content.decode()
        assert "Milstolpe 1: ”31 maj” är inget datum" in text
        assert 'value="31 maj"' in text

    def test_date_without_description_rejected(self, approved, people, client):
        rows = [
            {"title": "Upphandling", "due_date": "2030-03-01", "done": False},
            {"title": "", "due_date": "2030-04-01", "done": False},
        ]
        data = action_data("save-plan", milestones=rows)
        page = post(client, people.implementer, approved, "save-plan", data)
        assert "Milstolpe 2: beskrivningen saknas." in page.content.decode()

    def test_blank_rows_are_ignored(self, approved, people, client):
        rows = [
            {"title": "Upphandling", "due_date": "2030-03-01", "done": False},
            {"title": "", "due_date": "", "done": False},
        ]
        post(
            client,
            people.implementer,
            approved,
            "save-plan",
            action_data("save-plan", milestones=rows),
        )
        plan = ImplementationPlan.objects.get(idea=approved)
        assert plan.milestones.count() == 1

    def test_plan_form_starts_from_saved_plan(self, approved, people, act):
        act(people.implementer, approved, "save-plan")
        form = form_class_for("plan", "save-plan")(task_state=current_state(approved))
        titles = [row["title"] for row in form.initial["milestones"]]
        assert titles == ["Upphandling klar", "Ställen på plats"]


class TestAnchoring:
    def test_anchoring_without_plan_rejected(self, approved, people, client):
        # The plan task starts before any plan exists; the idea is "approved".
        IdeaPage.objects.filter(pk=approved.pk).update(status=IdeaStatus.PLANNING)
        response = post(client, people.innovation, approved, "anchor-plan", {})
        assert "Utföraren har inte skrivit planen ännu" in response.content.decode()


class TestCleanedDataRoundTrip:
    """The page editor sends cleaned data back as JSON to `on_action`."""

    def test_cleaned_plan_validates_again(self, approved, people):
        form_class = form_class_for("plan", "save-plan")
        state = current_state(approved)
        posted = form_post_data(approved, "save-plan", action_data("save-plan"))
        first = form_class(data=posted, task_state=state)
        assert first.is_valid(), first.errors
        again = json.loads(json.dumps(first.cleaned_data))
        second = form_class(data=again, task_state=state)
        assert second.is_valid(), second.errors
        assert second.cleaned_data == first.cleaned_data

    def test_editor_action_is_performed(self, idea, people, client):
        people.ambassador.groups.add(*people.ambassador.groups.all())
        state = current_state(idea)
        form_class = form_class_for("assessment", "develop")
        form = form_class(
            data=form_post_data(idea, "develop", action_data("develop")),
            task_state=state,
        )
        assert form.is_valid(), form.errors
        task = state.task.specific
        task.on_action(state, people.ambassador, "develop", **form.cleaned_data)
        assert IdeaPage.objects.get(pk=idea.pk).status == IdeaStatus.DEVELOPING

    def test_tampered_editor_data_records_nothing(self, idea, people):
        state = current_state(idea)
        task = state.task.specific
        url = task.on_action(
            state,
            people.ambassador,
            "develop",
            task_state_id=state.pk,
            version=state.version,
            motivation="",
        )
        assert url.endswith("?problem=invalid")
        assert ProcessEvent.objects.filter(idea=idea).count() == 1


class TestWagtailModal:
    def test_modal_errors_keep_typed_text(self, idea, people, client):
        state = current_state(idea)
        url = reverse(
            "wagtailadmin_pages:workflow_action", args=[idea.pk, "develop", state.pk]
        )
        client.force_login(people.ambassador)
        posted = form_post_data(
            idea,
            "develop",
            action_data("develop", motivation="", reach_comment="Många"),
        )
        response = client.post(
            url, posted, headers={"x-requested-with": "XMLHttpRequest"}
        )
        body = response.json()
        assert body["step"] == "action"
        assert "Många" in body["html"]
        assert '<a href="#id_motivation">Motivering: ' in body["html"]

    def test_modal_form_carries_the_step(self, idea, people, client):
        state = current_state(idea)
        url = reverse(
            "wagtailadmin_pages:workflow_action", args=[idea.pk, "develop", state.pk]
        )
        client.force_login(people.ambassador)
        response = client.get(url, headers={"x-requested-with": "XMLHttpRequest"})
        html = response.json()["html"]
        assert f'name="task_state_id" value="{state.pk}"' in html
        assert 'name="version" value="0"' in html
        assert 'name="csrfmiddlewaretoken"' in html

    def test_modal_action_is_performed(self, idea, people, client):
        state = current_state(idea)
        url = reverse(
            "wagtailadmin_pages:workflow_action", args=[idea.pk, "develop", state.pk]
        )
        client.force_login(people.ambassador)
        response = client.post(
            url,
            form_post_data(idea, "develop", action_data("develop")),
            headers={"x-requested-with": "XMLHttpRequest"},
        )
        assert response.json() == {
            "step": "success",
            "redirect": reverse("workflows_admin:idea", args=[idea.pk]),
        }
        assert IdeaPage.objects.get(pk=idea.pk).status == IdeaStatus.DEVELOPING
