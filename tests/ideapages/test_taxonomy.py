"""Categories and units: retiring a category and names unique ignoring case."""

import pytest
from django.core.exceptions import ValidationError

from ideapages.models import Category, Unit
from participation.importing import CATEGORY_NAME, MadridImporter

SUBMIT_PATH = "/ideer/ny/"
LIST_PATH = "/ideer/"


@pytest.mark.django_db
class TestRetiredCategory:
    def test_not_offered_for_new_ideas(self, employee_client, category):
        retired = Category.objects.create(name="Gamla kategorin", accepts_ideas=False)

        response = employee_client.get(SUBMIT_PATH)

        assert category.name in response.text
        assert retired.name not in response.text

    def test_still_in_list_filter(self, employee_client, category):
        retired = Category.objects.create(name="Gamla kategorin", accepts_ideas=False)

        response = employee_client.get(LIST_PATH)

        assert f'<option value="{retired.pk}">Gamla kategorin</option>' in response.text

    def test_filter_options_follow_changes(self, employee_client, category):
        employee_client.get(LIST_PATH)
        category.name = "Trafik och gator"
        category.save()

        response = employee_client.get(LIST_PATH)

        assert "Trafik och gator" in response.text

    def test_madrid_import_category_is_retired(self, index_page):
        MadridImporter(index_page).import_proposals([])

        assert Category.objects.get(name=CATEGORY_NAME).accepts_ideas is False


@pytest.mark.django_db
class TestTaxonomyNames:
    def test_admin_rejects_case_duplicate(self, admin_client):
        Category.objects.create(name="Kultur och fritid")

        response = admin_client.post(
            "/admin/ideapages/category/create/",
            {"name": "  kultur OCH fritid ", "accepts_ideas": "on"},
        )

        assert response.status_code == 200
        assert "Kultur och fritid" in response.text
        assert "finns redan" in response.text
        assert Category.objects.count() == 1

    def test_admin_strips_new_name(self, admin_client):
        response = admin_client.post(
            "/admin/ideapages/category/create/",
            {"name": "  Miljö  ", "accepts_ideas": "on"},
        )

        assert response.status_code == 302
        assert Category.objects.get().name == "Miljö"

    @pytest.mark.parametrize(
        ("existing", "lookalike"),
        [
            ("Kultur och fritid", "Kultur\u00a0och fritid"),
            ("Kultur och fritid", "Kultur  och fritid"),
            ("Kultur och fritid", "Kultur och fritid\u200b"),
            ("Kultur och fritid", "KULTUR OCH FRİTİD"),
            ("Miljö och hälsa", "Miljo\u0308 och hälsa"),
            ("Café", "Cafe\u0301"),
        ],
    )
    def test_lookalike_name_rejected(self, existing, lookalike):
        Category.objects.create(name=existing)

        with pytest.raises(ValidationError) as raised:
            Category(name=lookalike).full_clean()

        assert raised.value.error_dict["name"][0].code == "duplicate"

    def test_different_letter_accepted(self):
        Category.objects.create(name="Miljö")

        Category(name="Miljo").full_clean()

    def test_admin_tidies_spacing(self, admin_client):
        response = admin_client.post(
            "/admin/ideapages/category/create/",
            {"name": "Skola\u00a0 och\u200b förskola", "accepts_ideas": "on"},
        )

        assert response.status_code == 302
        assert Category.objects.get().name == "Skola och förskola"

    def test_unit_rejects_case_duplicate(self, admin_client):
        Unit.objects.create(name="Trafiknämnden")

        response = admin_client.post(
            "/admin/ideapages/unit/create/", {"name": " TRAFIKNÄMNDEN"}
        )

        assert response.status_code == 200
        assert Unit.objects.count() == 1

    def test_rename_keeps_own_name(self, category):
        category.name = category.name.upper()

        category.full_clean()
