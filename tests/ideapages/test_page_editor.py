"""The idea page in the Wagtail page editor."""

import re

import pytest

from ideapages.models import IdeaPage


@pytest.mark.django_db
class TestImportedDataPanel:
    def test_hidden_for_site_idea(self, admin_client, make_idea):
        idea = make_idea()

        response = admin_client.get(f"/admin/pages/{idea.pk}/edit/")

        assert response.status_code == 200
        assert "importerade uppgifter" not in response.text
        assert "id_external_id" not in response.text
        assert not re.search(r"w-field__textoutput[^>]*>\s*None\s*<", response.text)

    def test_shown_for_imported_idea(self, admin_client, make_idea):
        idea = make_idea()
        IdeaPage.objects.filter(pk=idea.pk).update(
            external_id="E-123", source_status="Samlar underskrifter"
        )

        response = admin_client.get(f"/admin/pages/{idea.pk}/edit/")

        assert response.status_code == 200
        assert "importerade uppgifter" in response.text
        assert "E-123" in response.text
        assert "Samlar underskrifter" in response.text
