"""Malformed requests to the process pages get a 404 or a 400, never a 500."""

import pytest
from django.urls import reverse

from .conftest import current_state

HUGE_ID = "99999999999999999999"


class TestHugeIds:
    @pytest.mark.parametrize(
        "path",
        [
            "/admin/ideprocessen/{huge}/",
            "/admin/ideprocessen/{huge}/stoppa/",
            "/admin/ideprocessen/{idea}/{huge}/develop/",
            "/admin/ideprocessen/{huge}/{state}/develop/",
        ],
    )
    def test_process_page_not_found(self, idea, people, client, path):
        client.force_login(people.innovation)
        url = path.format(huge=HUGE_ID, idea=idea.pk, state=current_state(idea).pk)
        assert client.get(url).status_code == 404

    def test_huge_id_post_not_found(self, idea, people, client):
        client.force_login(people.ambassador)
        url = f"/admin/ideprocessen/{idea.pk}/{HUGE_ID}/develop/"
        assert client.post(url, {"motivation": "Bra."}).status_code == 404

    def test_news_from_idea_not_found(self, people, client):
        client.force_login(people.communicator)
        response = client.get(f"/admin/nyheter/fran-ide/{HUGE_ID}/")
        assert response.status_code == 404

    def test_largest_id_still_resolves(self, idea):
        url = reverse("workflows_admin:idea", args=[999999999999999999])
        assert url == "/admin/ideprocessen/999999999999999999/"
