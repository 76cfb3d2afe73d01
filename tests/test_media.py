"""Uploaded images under /media/: signed-in users only, image folders only."""

import pytest

# The smallest valid PNG: one transparent pixel.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6300010000050001a5f645400000000049454e44ae426082"
)

TRAVERSALS = [
    "/media/../secret.txt",
    "/media/%2e%2e/secret.txt",
    "/media/images/../../secret.txt",
    "/media/..%2fsecret.txt",
    "/media/%2fetc/passwd",
    "/media//etc/passwd",
    "/media/..\\secret.txt",
]


@pytest.fixture
def media_root(settings, tmp_path):
    """Return a MEDIA_ROOT with one file inside and a secret file beside it."""
    root = tmp_path / "media"
    (root / "original_images").mkdir(parents=True)
    (root / "original_images" / "tavla.png").write_bytes(PNG)
    (root / "documents").mkdir()
    (root / "documents" / "evil.html").write_text("<script>alert(1)</script>")
    (root / "original_images" / "evil.html").write_text("<script>alert(1)</script>")
    (root / "attachments" / "7").mkdir(parents=True)
    (root / "attachments" / "7" / "bilaga.png").write_bytes(PNG)
    (tmp_path / "secret.txt").write_text("Hemlig fil")
    settings.MEDIA_ROOT = root
    settings.MEDIA_ACCEL_REDIRECT_PREFIX = ""
    return root


@pytest.mark.django_db
class TestServeMedia:
    def test_file_is_served_when_signed_in(self, employee_client, media_root):
        response = employee_client.get("/media/original_images/tavla.png")

        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PNG

    def test_response_is_private(self, employee_client, media_root):
        response = employee_client.get("/media/original_images/tavla.png")

        assert response["Cache-Control"].startswith("private")
        assert response["X-Content-Type-Options"] == "nosniff"

    def test_anonymous_visitor_gets_login(self, client, media_root):
        response = client.get("/media/original_images/tavla.png")

        assert response.status_code == 302
        assert response["Location"].startswith("/konto/logga-in/?next=")

    def test_missing_file_is_not_found(self, employee_client, media_root):
        response = employee_client.get("/media/original_images/finns-inte.png")

        assert response.status_code == 404

    def test_folder_is_not_listed(self, employee_client, media_root):
        response = employee_client.get("/media/original_images/")

        assert response.status_code == 404
        assert b"tavla.png" not in response.content

    @pytest.mark.parametrize(
        "path",
        ["/media/documents/evil.html", "/media/original_images/evil.html"],
    )
    def test_non_image_file_is_not_served(self, employee_client, media_root, path):
        response = employee_client.get(path)

        assert response.status_code == 404
        assert b"<script>" not in response.content

    def test_image_is_sandboxed(self, employee_client, media_root):
        response = employee_client.get("/media/original_images/tavla.png")

        assert "sandbox" in response["Content-Security-Policy"]

    @pytest.mark.parametrize("path", TRAVERSALS)
    def test_path_traversal_is_not_found(self, employee_client, media_root, path):
        response = employee_client.get(path)

        assert response.status_code == 404
        assert b"Hemlig fil" not in response.content

    @pytest.mark.parametrize(
        "path",
        [
            "/media/images/%2e%2e/attachments/7/bilaga.png",
            "/media/images/..%2fattachments/7/bilaga.png",
            "/media/original_images/./../attachments/7/bilaga.png",
        ],
    )
    def test_image_folder_cannot_reach_attachments(
        self, employee_client, media_root, path
    ):
        response = employee_client.get(path)

        assert response.status_code == 404


@pytest.mark.django_db
class TestServeMediaThroughNginx:
    @pytest.fixture(autouse=True)
    def accel(self, settings, media_root):
        settings.MEDIA_ACCEL_REDIRECT_PREFIX = "/protected-media/"

    def test_nginx_is_told_the_file(self, employee_client):
        response = employee_client.get("/media/original_images/tavla.png")

        assert response.status_code == 200
        assert (
            response["X-Accel-Redirect"] == "/protected-media/original_images/tavla.png"
        )
        assert response.content == b""

    def test_missing_file_is_not_found(self, employee_client):
        response = employee_client.get("/media/original_images/finns-inte.png")

        assert response.status_code == 404

    @pytest.mark.parametrize("path", TRAVERSALS)
    def test_path_traversal_is_not_found(self, employee_client, path):
        response = employee_client.get(path)

        assert response.status_code == 404
        assert "X-Accel-Redirect" not in response

    def test_anonymous_visitor_gets_login(self, client):
        response = client.get("/media/original_images/tavla.png")

        assert response.status_code == 302
        assert "X-Accel-Redirect" not in response
