"""Who may see what: everything needs sign-in except signing in itself."""

from urllib.parse import quote, unquote

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django_comments_xtd.models import XtdComment
from wagtail.documents.models import Document

LOGIN_PATH = "/konto/logga-in/"


def assert_redirects_to_login(response, path: str):
    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN_PATH}?next={quote(path, safe='/')}"


@pytest.fixture
def idea(make_idea, employee):
    return make_idea(owner=employee, title="Digital tavla i personalrummet")


@pytest.fixture
def comment(idea, employee, make_comment):
    return make_comment(idea, employee, "Vi har en gammal skärm som kan återanvändas.")


@pytest.fixture
def document(db, settings, tmp_path):
    # Wagtail serves a document from its storage's local path, and the
    # in-memory storage of the test settings reports a path with no file.
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    document = Document(title="Rutin för avvikelser")
    document.file.save("rutin.txt", ContentFile(b"Rutin for avvikelser"), save=False)
    document.save()
    return document


@pytest.mark.django_db
class TestAnonymousVisitor:
    @pytest.mark.parametrize(
        "path",
        [
            "/",
            "/ideer/",
            "/ideer/ny/",
            "/ideer/mina/",
            "/notiser/",
            "/admin/",
            "/admin/pages/",
            "/kommentarer/post/",
            "/kommentarer/api/comment/",
            "/media/original_images/foto.jpg",
        ],
    )
    def test_page_redirects_to_login(self, client, path):
        response = client.get(path)

        assert_redirects_to_login(response, path)

    def test_idea_page_redirects_to_login(self, client, idea):
        response = client.get(idea.url)

        assert_redirects_to_login(response, idea.url)
        assert idea.title.encode() not in response.content

    def test_comment_list_api_redirects_to_login(self, client, idea, comment):
        path = f"/kommentarer/api/ideapages-ideapage/{idea.pk}/"

        response = client.get(path)

        assert_redirects_to_login(response, path)
        assert comment.comment.encode() not in response.content

    def test_comment_count_api_redirects_to_login(self, client, idea, comment):
        path = f"/kommentarer/api/ideapages-ideapage/{idea.pk}/count/"

        response = client.get(path)

        assert_redirects_to_login(response, path)

    def test_comment_api_post_redirects_to_login(self, client, idea):
        path = "/kommentarer/api/comment/"

        response = client.post(path, {"comment": "Anonym kommentar"})

        assert_redirects_to_login(response, path)

    def test_reply_page_redirects_to_login(self, client, comment):
        path = f"/kommentarer/reply/{comment.pk}/"

        response = client.get(path)

        assert_redirects_to_login(response, path)
        assert comment.comment.encode() not in response.content

    def test_comment_post_saves_nothing(self, client, idea, comment_form_data):
        response = client.post(
            "/kommentarer/post/", comment_form_data(idea, "Anonym kommentar")
        )

        assert_redirects_to_login(response, "/kommentarer/post/")
        assert not XtdComment.objects.filter(comment="Anonym kommentar").exists()

    def test_document_redirects_to_login(self, client, document):
        path = document.url

        response = client.get(path)

        assert_redirects_to_login(response, path)

    def test_media_file_redirects_to_login(self, client, settings, tmp_path):
        settings.MEDIA_ROOT = tmp_path
        (tmp_path / "bilaga.txt").write_text("Intern bilaga")

        response = client.get("/media/bilaga.txt")

        assert_redirects_to_login(response, "/media/bilaga.txt")
        assert b"Intern bilaga" not in response.content

    def test_next_keeps_query_string(self, client):
        response = client.get("/ideer/?status=submitted&page=2")

        assert response["Location"] == (
            f"{LOGIN_PATH}?next=/ideer/%3Fstatus%3Dsubmitted%26page%3D2"
        )


@pytest.mark.django_db
class TestPublicPages:
    @pytest.mark.parametrize(
        "path",
        [
            "/konto/logga-in/",
            "/konto/aterstall/",
            "/konto/aterstall/skickat/",
            "/konto/aterstall/klart/",
            "/konto/aterstall/MQ/fel-nyckel/",
        ],
    )
    def test_page_opens_without_sign_in(self, client, path):
        response = client.get(path)

        assert response.status_code == 200

    def test_language_switch_works_anonymously(self, client):
        response = client.post("/sprak/", {"language": "en", "next": LOGIN_PATH})

        assert response.status_code == 302
        assert response.cookies["django_language"].value == "en"


@pytest.mark.django_db
class TestSignedInEmployee:
    @pytest.mark.parametrize(
        "path", ["/", "/ideer/", "/ideer/ny/", "/ideer/mina/", "/notiser/"]
    )
    def test_page_opens(self, employee_client, path):
        response = employee_client.get(path)

        assert response.status_code == 200

    def test_idea_page_opens(self, employee_client, idea):
        response = employee_client.get(idea.url)

        assert response.status_code == 200

    def test_document_is_served(self, employee_client, document):
        response = employee_client.get(document.url)

        assert response.status_code == 200
        assert b"".join(response.streaming_content) == b"Rutin for avvikelser"

    @pytest.mark.parametrize("path", ["/admin/", "/admin/finns-inte/", "/admin/login/"])
    def test_admin_sends_employee_to_site_sign_in(self, employee_client, path):
        response = employee_client.get(path, follow=True)

        assert response.redirect_chain
        final_url = response.redirect_chain[-1][0]
        assert final_url.startswith("/konto/logga-in/")
        assert response.status_code == 200
        assert "Wagtail" not in response.text

    def test_admin_sends_anonymous_to_site_sign_in(self, client):
        response = client.get("/admin/finns-inte/", follow=True)

        final_url = unquote(response.redirect_chain[-1][0])
        assert final_url == "/konto/logga-in/?next=/admin/finns-inte/"
        assert 'name="password"' in response.text

    def test_admin_password_reset_is_off(self, employee_client):
        response = employee_client.get("/admin/password_reset/")

        assert response.status_code == 404

    def test_admin_is_closed_to_employee(self, employee_client):
        response = employee_client.get("/admin/")

        assert response.status_code == 302
        assert not response["Location"].startswith("/admin/")


@pytest.mark.django_db
class TestCsrf:
    def test_post_without_token_is_rejected(self, employee):
        client = Client(enforce_csrf_checks=True)
        client.force_login(employee)

        response = client.post("/sprak/", {"language": "en"})

        assert response.status_code == 403


@pytest.mark.django_db
class TestNotFoundPage:
    @pytest.mark.parametrize(
        "path", ["/finns-inte/", "/ideer/finns-inte/", "/kommentarer/reply/999999/"]
    )
    def test_missing_page_uses_site_layout(self, employee_client, path):
        response = employee_client.get(path)

        assert response.status_code == 404
        assert '<html lang="sv">' in response.text
        assert "django-comments-xtd" not in response.text
        assert 'href="/"' in response.text

    def test_missing_page_for_anonymous_redirects(self, client):
        response = client.get("/finns-inte/")

        assert_redirects_to_login(response, "/finns-inte/")


@pytest.mark.django_db
class TestErrorPages:
    def test_forbidden_page_uses_site_layout(self, employee_client):
        response = employee_client.get("/kommentarer/moderering/")

        assert response.status_code == 403
        assert '<html lang="sv">' in response.text
        assert 'id="main"' in response.text

    def test_get_to_action_address_explained(self, employee_client, make_idea):
        idea = make_idea()

        response = employee_client.get(f"/deltagande/ide/{idea.pk}/stod/")

        assert response.status_code == 405
        assert 'id="main"' in response.text
        assert "POST" in response["Allow"]


@pytest.mark.django_db
class TestHugeIds:
    def test_admin_bulk_action_with_huge_id(self, client, make_user):
        client.force_login(make_user(is_superuser=True))

        response = client.get(
            "/admin/bulk/wagtailcore/page/delete/?id=99999999999999999999"
        )

        assert response.status_code == 404
