"""Checks on files that an idea giver attaches: type by content, size, no script.

Only formats that cannot run script when opened are accepted: raster
images, PDF without script or embedded files, Office and OpenDocument files
without macros, and plain text or CSV. SVG, HTML, XML and anything else
are rejected, whatever the file is called.
"""

import re
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image

HEAD_BYTES = 8192

IMAGE_FORMATS = {
    "JPEG": ("image/jpeg", "jpg", {"jpg", "jpeg"}),
    "PNG": ("image/png", "png", {"png"}),
    "GIF": ("image/gif", "gif", {"gif"}),
    "WEBP": ("image/webp", "webp", {"webp"}),
}
# Largest image accepted, in pixels: guards against decompression bombs.
MAX_IMAGE_PIXELS = 50_000_000

OOXML_TYPES = {
    "word/document.xml": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "docx",
    ),
    "xl/workbook.xml": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xlsx",
    ),
    "ppt/presentation.xml": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "pptx",
    ),
}
ODF_TYPES = {
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.oasis.opendocument.presentation": "odp",
}
# PDF names that start script, launch programs or carry files inside.
# NOTE: this byte scan does not see names inside compressed object streams.
# Downloads are therefore sent as attachments under a sandboxing
# Content-Security-Policy, so that a browser does not run a PDF in the site.
PDF_ACTIVE_CONTENT = re.compile(
    rb"/(JavaScript|JS|Launch|EmbeddedFile|RichMedia|XFA|SubmitForm|ImportData)\b"
)
MARKUP_START = re.compile(
    rb"^\s*<(\?xml|!doctype|html|svg|script|body|head|iframe|\w+:)", re.IGNORECASE
)


@dataclass(frozen=True)
class CheckedFile:
    content_type: str
    extension: str


def max_size() -> int:
    return settings.ATTACHMENT_MAX_MB * 1024 * 1024


def check_upload(upload) -> CheckedFile:
    """Return the checked type of an uploaded file; raise ValidationError if unsafe."""
    if upload.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    if upload.size > max_size():
        raise ValidationError(
            _("The file is %(size)s; the largest allowed is %(max)s."),
            code="too_large",
            params={
                "size": filesizeformat(upload.size),
                "max": filesizeformat(max_size()),
            },
        )
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    checked, allowed_extensions = detect_type(upload, head)
    check_extension(upload.name, checked, allowed_extensions)
    return checked


def detect_type(upload, head: bytes) -> tuple[CheckedFile, set[str]]:
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF87a", b"GIF89a")) or (
        head[:4] == b"RIFF" and head[8:12] == b"WEBP"
    ):
        return check_image(upload)
    if head.startswith(b"%PDF-"):
        check_pdf(upload)
        return CheckedFile("application/pdf", "pdf"), {"pdf"}
    if head.startswith(b"PK\x03\x04"):
        return check_office_document(upload)
    return check_text(head, upload)


def unsupported() -> ValidationError:
    return ValidationError(
        _(
            "This type of file cannot be attached. Attach an image (JPEG, PNG, "
            "GIF or WebP), a PDF, an Office or OpenDocument file without "
            "macros, or a text or CSV file."
        ),
        code="unsupported",
    )


def check_image(upload) -> tuple[CheckedFile, set[str]]:
    try:
        with Image.open(upload) as image:
            image_format = image.format
            width, height = image.size
            image.verify()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        raise ValidationError(
            _("The image is damaged or not a supported format."), code="bad_image"
        ) from error
    finally:
        upload.seek(0)
    if image_format not in IMAGE_FORMATS:
        raise unsupported()
    if width * height > MAX_IMAGE_PIXELS:
        raise ValidationError(
            _("The image is too large: at most %(pixels)s million pixels."),
            code="too_many_pixels",
            params={"pixels": MAX_IMAGE_PIXELS // 1_000_000},
        )
    content_type, extension, extensions = IMAGE_FORMATS[image_format]
    return CheckedFile(content_type, extension), extensions


def check_pdf(upload) -> None:
    # Read in overlapping chunks so that a name split between two chunks is
    # still found.
    tail = b""
    for chunk in upload.chunks():
        if PDF_ACTIVE_CONTENT.search(tail + chunk):
            upload.seek(0)
            raise ValidationError(
                _(
                    "The PDF contains script, embedded files or form actions. "
                    "Save it again as a plain PDF (for example by printing it "
                    "to PDF) and attach that."
                ),
                code="active_pdf",
            )
        tail = chunk[-32:]
    upload.seek(0)


def check_office_document(upload) -> tuple[CheckedFile, set[str]]:
    try:
        with zipfile.ZipFile(upload) as archive:
            names = archive.namelist()
            mimetype = (
                archive.read("mimetype").decode("ascii", "replace").strip()
                if "mimetype" in names
                else ""
            )
    except (zipfile.BadZipFile, OSError, KeyError) as error:
        raise ValidationError(
            _("The file is damaged or not a supported format."), code="bad_zip"
        ) from error
    finally:
        upload.seek(0)

    lowered = [name.lower() for name in names]
    if any(
        name.endswith("vbaproject.bin") or name.startswith(("basic/", "scripts/"))
        for name in lowered
    ):
        raise ValidationError(
            _("The document contains macros. Save it without macros and attach that."),
            code="macros",
        )
    if "[Content_Types].xml" in names:
        for part, (content_type, extension) in OOXML_TYPES.items():
            if part in names:
                return CheckedFile(content_type, extension), {extension}
    if mimetype in ODF_TYPES:
        extension = ODF_TYPES[mimetype]
        return CheckedFile(mimetype, extension), {extension}
    raise unsupported()


def check_text(head: bytes, upload) -> tuple[CheckedFile, set[str]]:
    if b"\x00" in head or MARKUP_START.match(head.removeprefix(b"\xef\xbb\xbf")):
        raise unsupported()
    data = upload.read()
    upload.seek(0)
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ValidationError(
            _("A text file must be saved as UTF-8."), code="not_utf8"
        ) from error
    if re.search(rb"<\s*(script|svg|html|iframe)\b", data, re.IGNORECASE):
        raise unsupported()
    extension = extension_of(upload.name)
    if extension == "csv":
        return CheckedFile("text/csv", "csv"), {"csv"}
    return CheckedFile("text/plain", "txt"), {"txt"}


def extension_of(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def check_extension(name: str, checked: CheckedFile, allowed: set[str]) -> None:
    """Reject a file whose name claims another type than its content."""
    extension = extension_of(name)
    if extension not in allowed:
        raise ValidationError(
            _(
                "The file is named %(name)s, but its content is %(type)s. "
                "Rename it with the right extension (.%(extension)s) or attach "
                "another file."
            ),
            code="extension_mismatch",
            params={
                "name": name,
                "type": checked.extension.upper(),
                "extension": checked.extension,
            },
        )


def clean_file_name(name: str) -> str:
    """Return the last part of an uploaded name, without control characters."""
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(char for char in name if char.isprintable()).strip()
    return name[:200] or "bilaga"
