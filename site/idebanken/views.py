import posixpath
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.http import Http404, HttpResponse
from django.utils._os import safe_join
from django.views.static import serve

# Only Wagtail's images and their renditions are served from /media/.
# Documents go through Wagtail's document view and idea attachments through
# their own view, each of which sets safe download headers; serving those
# files here would send an uploaded HTML document as a live page.
PUBLIC_MEDIA_FOLDERS = {"original_images", "images"}
IMAGE_SUFFIXES = {".gif", ".jpg", ".jpeg", ".png", ".webp", ".avif"}


def is_servable_image(path: str) -> bool:
    # A path that normalises differently, such as "images/../attachments/…",
    # could name a file outside the image folders.
    if posixpath.normpath(path) != path:
        return False
    parts = PurePosixPath(path).parts
    return (
        len(parts) >= 2
        and parts[0] in PUBLIC_MEDIA_FOLDERS
        and PurePosixPath(path).suffix.lower() in IMAGE_SUFFIXES
    )


def serve_media(request, path: str):
    """Serve an uploaded image to a signed-in user.

    The login middleware has already turned anonymous requests away. With
    MEDIA_ACCEL_REDIRECT_PREFIX set, nginx sends the bytes; otherwise
    Django does.
    """
    if not is_servable_image(path):
        raise Http404(path)
    try:
        full_path = Path(safe_join(settings.MEDIA_ROOT, path))
    except SuspiciousFileOperation as error:
        # safe_join raises this, not ValueError, for a path that leaves
        # MEDIA_ROOT. Such a path names no uploaded file, so it is not found.
        raise Http404(path) from error

    if settings.MEDIA_ACCEL_REDIRECT_PREFIX:
        if not full_path.is_file():
            raise Http404(path)
        response = HttpResponse()
        response["X-Accel-Redirect"] = settings.MEDIA_ACCEL_REDIRECT_PREFIX + path
        del response["Content-Type"]
    else:
        response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, max-age=3600"
    return response
