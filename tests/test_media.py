"""Uploaded files under /media/: only for signed-in users, only inside MEDIA_ROOT."""

import pytest

TRAVERSALS = [
    "/media/../secret.txt",
    "/media/%2e%2e/secret.txt",
    "/media/bilder/../../secret.txt",
    "/media/..%2fsecret.txt",
    "/media/%2fetc/passwd",
    "/media//etc/passwd",
    "/media/..\\secret.txt",
]


@pytest.fixture
def media_root(settings, tmp_path):
    """Return a MEDIA_ROOT with one file inside and a secret file beside it."""
    root = tmp_path / "media"
    (root / "bilder").mkdir(parents=True)
    (root / "bilder" / "tavla.txt").write_text("Whiteboard i personalrummet")
    (tmp_path / "secret.txt").write_text("Hemlig fil")
    settings.MEDIA_ROOT = root
    settings.MEDIA_ACCEL_REDIRECT_PREFIX = ""
    return root


@pytest.mark.django_db
class TestServeMedia:
    def test_file_is_served_when_signed_in(self, employee_client, media_root):
        response = employee_client.get("/media/bilder/tavla.txt")

        assert response.status_code == 200
        assert b"".join(response.streaming_content) == b"Whiteboard i personalrummet"

    def test_response_is_private(self, employee_client, media_root):
        response = employee_client.get("/media/bilder/tavla.txt")

        assert response["Cache-Control"].startswith("private")
        assert response["X-Content-Type-Options"] == "nosniff"

    def test_anonymous_visitor_gets_login(self, client, media_root):
        response = client.get("/media/bilder/tavla.txt")

        assert response.status_code == 302
        assert response["Location"].startswith("/konto/logga-in/?next=")

    def test_missing_file_is_not_found(self, employee_client, media_root):
        response = employee_client.get("/media/bilder/finns-inte.txt")

        assert response.status_code == 404

    def test_folder_is_not_listed(self, employee_client, media_root):
        response = employee_client.get("/media/bilder/")

        assert response.status_code == 404
        assert b"tavla.txt" not in response.content

    @pytest.mark.parametrize("path", TRAVERSALS)
    def test_path_traversal_is_not_found(self, employee_client, media_root, path):
        response = employee_client.get(path)

        assert response.status_code == 404
        assert b"Hemlig fil" not in response.content


@pytest.mark.django_db
class TestServeMediaThroughNginx:
    @pytest.fixture(autouse=True)
    def accel(self, settings, media_root):
        settings.MEDIA_ACCEL_REDIRECT_PREFIX = "/protected-media/"

    def test_nginx_is_told_the_file(self, employee_client):
        response = employee_client.get("/media/bilder/tavla.txt")

        assert response.status_code == 200
        assert response["X-Accel-Redirect"] == "/protected-media/bilder/tavla.txt"
        assert response.content == b""

    def test_missing_file_is_not_found(self, employee_client):
        response = employee_client.get("/media/bilder/finns-inte.txt")

        assert response.status_code == 404

    @pytest.mark.parametrize("path", TRAVERSALS)
    def test_path_traversal_is_not_found(self, employee_client, path):
        response = employee_client.get(path)

        assert response.status_code == 404
        assert "X-Accel-Redirect" not in response

    def test_anonymous_visitor_gets_login(self, client):
        response = client.get("/media/bilder/tavla.txt")

        assert response.status_code == 302
        assert "X-Accel-Redirect" not in response
