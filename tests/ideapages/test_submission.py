"""Submitting an idea from the front-end form."""

import re
import uuid

import pytest
from django.test import Client
from django.utils.html import escape

from ideapages.forms import IdeaForm
from ideapages.models import IdeaIndexPage, IdeaPage
from ideapages.status import IdeaStatus

SUBMIT_PATH = "/ideer/ny/"
MINE_PATH = "/ideer/mina/"
SCRIPT = '<script>alert("xss")</script>'


@pytest.fixture
def form_data(category, unit):
    """Return a factory of the POST data of a filled-in idea form."""

    def make(**overrides):
        data = {
            "title": "Gemensam bokning av mötesrum",
            "summary": "Ett bokningssystem för alla mötesrum i förvaltningshuset.",
            "description": (
                "I dag bokas rummen på papperslistor vid dörren. Rum står tomma "
                "medan andra letar.\n\nEtt gemensamt system sparar tid."
            ),
            "category": category.pk,
            "unit": unit.pk,
            "submission_key": str(uuid.uuid4()),
        }
        data.update(overrides)
        return {key: value for key, value in data.items() if value is not None}

    return make


def form_errors(response) -> dict:
    return response.context["form"].errors


@pytest.mark.django_db
class TestSubmitForm:
    def test_form_opens_with_fields(self, employee_client):
        response = employee_client.get(SUBMIT_PATH)

        assert response.status_code == 200
        for name in ("title", "summary", "description", "category", "unit"):
            assert f'name="{name}"' in response.text

    def test_form_has_hidden_submission_key(self, employee_client):
        response = employee_client.get(SUBMIT_PATH)

        key = response.context["form"]["submission_key"].value()
        assert f'type="hidden" name="submission_key" value="{key}"' in response.text

    def test_each_form_gets_new_key(self, employee_client):
        first = employee_client.get(SUBMIT_PATH).context["form"]
        second = employee_client.get(SUBMIT_PATH).context["form"]

        assert first["submission_key"].value() != second["submission_key"].value()


@pytest.mark.django_db
class TestSubmitIdea:
    def test_idea_is_live_at_once(self, employee_client, form_data):
        employee_client.post(SUBMIT_PATH, form_data())

        idea = IdeaPage.objects.get()
        assert idea.live

    def test_giver_owns_idea(self, employee_client, employee, form_data):
        employee_client.post(SUBMIT_PATH, form_data())

        assert IdeaPage.objects.get().owner == employee

    def test_idea_status_is_submitted(self, employee_client, form_data):
        employee_client.post(SUBMIT_PATH, form_data())

        assert IdeaPage.objects.get().status == IdeaStatus.SUBMITTED

    def test_idea_keeps_what_giver_wrote(
        self, employee_client, form_data, category, unit
    ):
        data = form_data()

        employee_client.post(SUBMIT_PATH, data)

        idea = IdeaPage.objects.get()
        assert idea.title == data["title"]
        assert idea.summary == data["summary"]
        assert idea.description == data["description"]
        assert idea.category == category
        assert idea.unit == unit
        assert not idea.from_deviation

    def test_idea_lies_under_idea_list(self, employee_client, form_data, index_page):
        employee_client.post(SUBMIT_PATH, form_data())

        assert IdeaPage.objects.get().get_parent().pk == index_page.pk

    def test_submit_redirects_to_idea(self, employee_client, form_data):
        response = employee_client.post(SUBMIT_PATH, form_data())

        assert response.status_code == 302
        assert response["Location"] == IdeaPage.objects.get().url

    def test_idea_page_thanks_giver(self, employee_client, form_data):
        response = employee_client.post(SUBMIT_PATH, form_data(), follow=True)

        messages = [message.level_tag for message in response.context["messages"]]
        assert response.status_code == 200
        assert messages == ["success"]

    def test_idea_from_noticed_deviation(self, employee_client, form_data):
        employee_client.post(
            SUBMIT_PATH,
            form_data(from_deviation="on", deviation_reference="Avvikelse 2024-117"),
        )

        idea = IdeaPage.objects.get()
        assert idea.from_deviation
        assert idea.deviation_reference == "Avvikelse 2024-117"

    def test_deviation_reference_implies_deviation(self, employee_client, form_data):
        employee_client.post(
            SUBMIT_PATH, form_data(deviation_reference="Avvikelse 2024-117")
        )

        assert IdeaPage.objects.get().from_deviation

    def test_ideas_with_same_title_both_saved(self, employee_client, form_data):
        employee_client.post(SUBMIT_PATH, form_data(title="Fler cykelställ"))
        employee_client.post(SUBMIT_PATH, form_data(title="Fler cykelställ"))

        slugs = set(IdeaPage.objects.values_list("slug", flat=True))
        assert len(slugs) == 2

    def test_slug_of_swedish_title_is_ascii(self, employee_client, form_data):
        employee_client.post(SUBMIT_PATH, form_data(title="Återvinning på kontoret"))

        assert IdeaPage.objects.get().slug == "atervinning-pa-kontoret"

    def test_title_of_only_symbols_gets_slug(self, employee_client, form_data):
        response = employee_client.post(SUBMIT_PATH, form_data(title="!!! ???"))

        assert response.status_code == 302
        assert IdeaPage.objects.get().slug


@pytest.mark.django_db
class TestMyIdeas:
    def test_my_ideas_lists_own_idea(self, employee_client, form_data):
        employee_client.post(SUBMIT_PATH, form_data(title="Gemensam kalender"))

        response = employee_client.get(MINE_PATH)

        assert "Gemensam kalender" in response.text

    def test_my_ideas_hides_others_ideas(self, employee_client, form_data, make_user):
        employee_client.post(SUBMIT_PATH, form_data(title="Gemensam kalender"))
        colleague = Client()
        colleague.force_login(make_user())

        response = colleague.get(MINE_PATH)

        assert "Gemensam kalender" not in response.text

    def test_my_ideas_invalid_page_gets_message(self, employee_client):
        response = employee_client.get(MINE_PATH, {"page": "abc"})

        assert response.status_code == 200
        assert len(list(response.context["messages"])) == 1

    def test_my_ideas_hides_imported_ideas(self, employee_client, make_idea):
        make_idea(title="Importerat förslag om parkering", external_id="x:1")

        response = employee_client.get(MINE_PATH)

        assert "Importerat förslag om parkering" not in response.text


@pytest.mark.django_db
class TestInvalidInput:
    @pytest.mark.parametrize("field", ["title", "summary", "description"])
    def test_empty_text_field_is_required(self, employee_client, form_data, field):
        response = employee_client.post(SUBMIT_PATH, form_data(**{field: ""}))

        assert response.status_code == 200
        assert field in form_errors(response)
        assert not IdeaPage.objects.exists()

    @pytest.mark.parametrize("field", ["title", "summary", "description"])
    def test_whitespace_only_field_is_required(self, employee_client, form_data, field):
        response = employee_client.post(SUBMIT_PATH, form_data(**{field: " \t\r\n "}))

        assert field in form_errors(response)
        assert not IdeaPage.objects.exists()

    @pytest.mark.parametrize("field", ["title", "summary", "description"])
    def test_invisible_only_field_is_required(self, employee_client, form_data, field):
        response = employee_client.post(
            SUBMIT_PATH, form_data(**{field: "\u200b\u2060 \ufeff"})
        )

        assert field in form_errors(response)
        assert not IdeaPage.objects.exists()

    @pytest.mark.parametrize(
        ("field", "max_length"),
        [
            ("title", 120),
            ("summary", 300),
            ("description", 10000),
            ("deviation_reference", 200),
        ],
    )
    def test_overlong_field_is_rejected(
        self, employee_client, form_data, field, max_length
    ):
        response = employee_client.post(
            SUBMIT_PATH, form_data(**{field: "å" * (max_length + 1)})
        )

        assert field in form_errors(response)
        assert not IdeaPage.objects.exists()

    @pytest.mark.parametrize(
        ("field", "max_length"), [("title", 120), ("summary", 300)]
    )
    def test_field_at_max_length_is_saved(
        self, employee_client, form_data, field, max_length
    ):
        response = employee_client.post(
            SUBMIT_PATH, form_data(**{field: "å" * max_length})
        )

        assert response.status_code == 302
        assert getattr(IdeaPage.objects.get(), field) == "å" * max_length

    def test_overlong_text_kept_in_form(self, employee_client, form_data):
        text = "Lång sammanfattning. " * 20

        response = employee_client.post(SUBMIT_PATH, form_data(summary=text))

        assert not re.search(r"<textarea[^>]*maxlength", response.text)
        assert text.strip() in response.text

    @pytest.mark.parametrize(
        ("field", "max_length"), [("title", 120), ("deviation_reference", 200)]
    )
    def test_text_input_has_maxlength(self, employee_client, field, max_length):
        response = employee_client.get(SUBMIT_PATH)

        match = re.search(rf'<input[^>]*name="{field}"[^>]*>', response.text)
        assert match is not None
        assert f'maxlength="{max_length}"' in match.group(0)

    def test_bidi_controls_dropped(self, employee_client, form_data):
        employee_client.post(
            SUBMIT_PATH,
            form_data(title="Laddplatser \u202efdp.exe", summary="Sam\u2066mandrag"),
        )

        idea = IdeaPage.objects.get()
        assert idea.title == "Laddplatser fdp.exe"
        assert idea.summary == "Sammandrag"

    @pytest.mark.parametrize("field", ["category", "unit"])
    def test_missing_choice_is_required(self, employee_client, form_data, field):
        response = employee_client.post(SUBMIT_PATH, form_data(**{field: None}))

        assert field in form_errors(response)

    @pytest.mark.parametrize("value", ["999999", "abc", "-1", "1.5", "' OR 1=1 --"])
    @pytest.mark.parametrize("field", ["category", "unit"])
    def test_unknown_choice_is_rejected(self, employee_client, form_data, field, value):
        response = employee_client.post(SUBMIT_PATH, form_data(**{field: value}))

        assert response.status_code == 200
        assert field in form_errors(response)
        assert not IdeaPage.objects.exists()

    def test_null_character_is_rejected(self, employee_client, form_data):
        response = employee_client.post(SUBMIT_PATH, form_data(title="Idé\x00"))

        assert response.status_code == 200
        assert "title" in form_errors(response)

    def test_error_summary_lists_errors(self, employee_client, form_data):
        response = employee_client.post(SUBMIT_PATH, form_data(title=""))

        assert 'class="error-summary"' in response.text
        assert 'href="#id_title"' in response.text

    def test_typed_values_survive_errors(self, employee_client, form_data, category):
        data = form_data(
            title="",
            summary="Ett bokningssystem för alla mötesrum.",
            description="Papperslistor vid dörren räcker inte.",
            deviation_reference="Avvikelse 2024-117",
            from_deviation="on",
        )

        response = employee_client.post(SUBMIT_PATH, data)

        assert "Ett bokningssystem för alla mötesrum." in response.text
        assert "Papperslistor vid dörren räcker inte." in response.text
        assert 'value="Avvikelse 2024-117"' in response.text
        assert f'<option value="{category.pk}" selected>' in response.text
        assert 'name="from_deviation" id="id_from_deviation" checked' in response.text

    def test_typed_values_survive_tampered_choice(self, employee_client, form_data):
        response = employee_client.post(
            SUBMIT_PATH, form_data(category="999999", title="Gemensam kalender")
        )

        assert 'value="Gemensam kalender"' in response.text

    def test_typed_markup_survives_errors_escaped(self, employee_client, form_data):
        response = employee_client.post(
            SUBMIT_PATH, form_data(title=SCRIPT, summary="")
        )

        assert escape(SCRIPT) in response.text
        assert SCRIPT not in response.text


@pytest.mark.django_db
class TestSubmissionKey:
    def test_double_submit_creates_one_idea(self, employee_client, form_data):
        data = form_data()

        employee_client.post(SUBMIT_PATH, data)
        employee_client.post(SUBMIT_PATH, data)

        assert IdeaPage.objects.count() == 1

    def test_double_submit_lands_on_same_idea(self, employee_client, form_data):
        data = form_data()

        first = employee_client.post(SUBMIT_PATH, data)
        second = employee_client.post(SUBMIT_PATH, data)

        assert second.status_code == 302
        assert second["Location"] == first["Location"]

    def test_double_submit_says_already_submitted(self, employee_client, form_data):
        data = form_data()
        employee_client.post(SUBMIT_PATH, data, follow=True)

        response = employee_client.post(SUBMIT_PATH, data, follow=True)

        messages = [message.level_tag for message in response.context["messages"]]
        assert messages == ["info"]

    @pytest.mark.parametrize("key", [None, "", "not-a-uuid", "1' OR '1'='1"])
    def test_bad_key_asks_to_submit_again(self, employee_client, form_data, key):
        response = employee_client.post(SUBMIT_PATH, form_data(submission_key=key))

        assert response.status_code == 200
        assert not IdeaPage.objects.exists()
        assert response.context["form"].non_field_errors()

    def test_bad_key_is_replaced(self, employee_client, form_data):
        response = employee_client.post(
            SUBMIT_PATH, form_data(submission_key="not-a-uuid")
        )

        new_key = response.context["form"]["submission_key"].value()
        assert uuid.UUID(str(new_key))

    def test_replaced_key_lets_resubmit(self, employee_client, form_data):
        data = form_data(submission_key="not-a-uuid")
        response = employee_client.post(SUBMIT_PATH, data)
        data["submission_key"] = str(response.context["form"]["submission_key"].value())

        response = employee_client.post(SUBMIT_PATH, data)

        assert response.status_code == 302
        assert IdeaPage.objects.count() == 1

    def test_bad_key_keeps_typed_text(self, employee_client, form_data):
        response = employee_client.post(
            SUBMIT_PATH, form_data(submission_key="", title="Gemensam kalender")
        )

        assert 'value="Gemensam kalender"' in response.text

    def test_other_users_key_is_rejected(self, employee_client, form_data, make_user):
        data = form_data(title="Kollegans idé")
        colleague = Client()
        colleague.force_login(make_user())
        colleague.post(SUBMIT_PATH, data)

        response = employee_client.post(SUBMIT_PATH, {**data, "title": "Min idé"})

        assert response.status_code == 200
        assert response.context["form"].non_field_errors()
        assert 'value="Min idé"' in response.text

    def test_other_users_key_leaves_their_idea(
        self, employee_client, form_data, make_user
    ):
        data = form_data(title="Kollegans idé")
        colleague = Client()
        colleague.force_login(make_user())
        colleague.post(SUBMIT_PATH, data)

        employee_client.post(SUBMIT_PATH, {**data, "title": "Min idé"})

        assert list(IdeaPage.objects.values_list("title", flat=True)) == [
            "Kollegans idé"
        ]


@pytest.mark.django_db
class TestCsrf:
    def test_submit_without_token_is_rejected(self, employee, form_data):
        client = Client(enforce_csrf_checks=True)
        client.force_login(employee)

        response = client.post(SUBMIT_PATH, form_data())

        assert response.status_code == 403
        assert not IdeaPage.objects.exists()

    def test_submit_with_token_is_accepted(self, employee, form_data):
        client = Client(enforce_csrf_checks=True)
        client.force_login(employee)
        client.get(SUBMIT_PATH)
        token = client.cookies["csrftoken"].value

        response = client.post(
            SUBMIT_PATH, {**form_data(), "csrfmiddlewaretoken": token}
        )

        assert response.status_code == 302
        assert IdeaPage.objects.count() == 1


@pytest.mark.django_db
class TestMarkupInIdea:
    @pytest.fixture
    def idea(self, employee_client, form_data):
        employee_client.post(
            SUBMIT_PATH,
            form_data(
                title=f"Rubrik {SCRIPT}",
                summary=f"Sammanfattning <b>fet</b> {SCRIPT}",
                description=f"Beskrivning <img src=x onerror=alert(1)> {SCRIPT}",
                deviation_reference=f"Avvikelse {SCRIPT}",
            ),
        )
        return IdeaPage.objects.get()

    def test_markup_is_stored_as_typed(self, idea):
        assert idea.title == f"Rubrik {SCRIPT}"
        assert idea.summary == f"Sammanfattning <b>fet</b> {SCRIPT}"
        assert idea.deviation_reference == f"Avvikelse {SCRIPT}"

    @pytest.mark.parametrize("path", ["idea", "/ideer/", "/", MINE_PATH])
    def test_markup_is_shown_escaped(self, employee_client, idea, path):
        response = employee_client.get(idea.url if path == "idea" else path)

        assert response.status_code == 200
        assert SCRIPT not in response.text
        assert "<b>fet</b>" not in response.text
        assert escape(f"Rubrik {SCRIPT}") in response.text

    def test_description_markup_is_escaped(self, employee_client, idea):
        response = employee_client.get(idea.url)

        assert "<img src=x" not in response.text
        assert "&lt;img src=x onerror=alert(1)&gt;" in response.text

    def test_deviation_markup_is_escaped(self, employee_client, idea):
        response = employee_client.get(idea.url)

        assert f"Avvikelse {SCRIPT}" not in response.text


class TestIdeaForm:
    @pytest.mark.django_db
    def test_form_strips_surrounding_whitespace(self, form_data):
        form = IdeaForm(form_data(title="  Gemensam kalender  "))

        assert form.is_valid()
        assert form.cleaned_data["title"] == "Gemensam kalender"


@pytest.mark.django_db
class TestCreateIdea:
    """create_idea when two requests with one key arrive at the same time."""

    def test_racing_request_returns_first_idea(
        self, employee, form_data, index_page, monkeypatch
    ):
        from ideapages.models.querysets import IdeaPageQuerySet
        from ideapages.submission import create_idea

        data = IdeaForm(form_data())
        assert data.is_valid()
        first, _created = create_idea(index_page, employee, data.cleaned_data)
        # The second request looked for the key before the first one saved.
        first_lookup = IdeaPageQuerySet.first
        lookups = []

        def miss_first_lookup(queryset):
            lookups.append(queryset)
            return None if len(lookups) == 1 else first_lookup(queryset)

        monkeypatch.setattr(IdeaPageQuerySet, "first", miss_first_lookup)

        second, created = create_idea(
            IdeaIndexPage.objects.get(), employee, data.cleaned_data
        )

        assert second.pk == first.pk
        assert not created
        assert IdeaPage.objects.count() == 1
