"""Checks on files that an idea giver attaches: type by content, size, no script.

Only formats that cannot run script when opened are accepted: raster
images, PDF without script or embedded files, Office and OpenDocument files
without macros, and plain text or CSV. SVG, HTML, XML and anything else
are rejected, whatever the file is called.
"""

import base64
import binascii
import re
import zipfile
import zlib
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
# PDF names that start script, launch programs or carry files inside. They
# are looked for in the raw file and in every stream decoded by
# decoded_streams, which covers compressed object streams (/ObjStm).
# NOTE: streams under other filters (LZW, RunLength, DCT, JPX, JBIG2,
# CCITTFax, Crypt), alone or in a chain, are left to the raw scan. Downloads
# are therefore also sent as attachments under a sandboxing
# Content-Security-Policy, so that a browser does not run a PDF in the site.
PDF_ACTIVE_CONTENT = re.compile(
    rb"/(JavaScript|JS|Launch|EmbeddedFile|RichMedia|XFA|SubmitForm|ImportData)\b"
)
# A name may spell any character as "#" and two hex digits: /J#61vaScript.
PDF_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
# "stream", optional spaces and an end of line (CR LF, LF, or a lone CR,
# which readers accept too) start a stream's data. "endstream" is not a
# start.
PDF_STREAM_START = re.compile(rb"(?<!end)stream *(?:\r\n|\n|\r)")
PDF_STREAM_END = b"endstream"
# Bytes before a "stream" keyword searched for the stream's dictionary.
# Real dictionaries are a few hundred bytes.
PDF_DICTIONARY_LOOKBACK = 4096
# An object's header ("12 0 obj") or the end of the previous object, which
# come before a stream's dictionary.
PDF_OBJECT_BOUNDARY = re.compile(rb"\d\s+obj\b|endobj")
# A /Filter entry: one name or an array of names.
PDF_FILTER_ENTRY = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[^\s/\[\]<>()]+)")
PDF_NAME = re.compile(rb"/([^\s/\[\]<>()]+)")
PDF_WHITESPACE = b"\x00\t\n\x0c\r "
# Maximum bytes that all of a PDF's streams together may decode to, counting
# the output of every filter in a chain.
MAX_PDF_INFLATED_BYTES = 20 * 1024 * 1024
# Maximum streams checked in one PDF. A 10 MB PDF of ordinary pages and
# images has far fewer, and every stream costs a decoder.
MAX_PDF_STREAMS = 10_000
# Maximum filter chains tried on one stream: a real dictionary has one
# /Filter entry, and FlateDecode alone is always tried as well.
MAX_PDF_FILTER_CHAINS = 4
# Compressed bytes given to a decoder at a time, so that it stops reading
# soon after its stream ends.
INFLATE_CHUNK_BYTES = 64 * 1024

# Limits for Office and OpenDocument files, which are zip archives, set far
# above real documents and well below a zip bomb. NOTE: estimates, not
# measured on the administration's files: a large document is taken to have
# at most a few thousand parts, with XML that packs about 10 to 1.
MAX_ARCHIVE_MEMBERS = 5000
MAX_ARCHIVE_UNCOMPRESSED = 300 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200
# Members smaller than this may pack harder: a short, repetitive part is
# harmless.
RATIO_CHECK_MIN_BYTES = 1024 * 1024
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
    # The file is at most ATTACHMENT_MAX_MB, so it is read whole.
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    for part in [data, *decoded_streams(data)]:
        if PDF_ACTIVE_CONTENT.search(unescape_pdf_names(part)):
            raise ValidationError(
                _(
                    "The PDF contains script, embedded files or form actions. "
                    "Save it again as a plain PDF (for example by printing it "
                    "to PDF) and attach that."
                ),
                code="active_pdf",
            )


def unescape_pdf_names(data: bytes) -> bytes:
    if b"#" not in data:
        return data
    return PDF_NAME_ESCAPE.sub(lambda match: bytes.fromhex(match[1].decode()), data)


class DecodeBudget:
    """Bytes that the streams of one PDF may still decode to, and be read.

    Each stream is read once for each filter chain tried on it. The streams
    of a well-formed PDF do not overlap, so reading more than
    MAX_PDF_FILTER_CHAINS times the file size means that stream keywords
    sit inside other streams' data, which only multiplies the work.
    """

    def __init__(self, file_size: int):
        self.remaining = MAX_PDF_INFLATED_BYTES
        self.input_remaining = MAX_PDF_FILTER_CHAINS * file_size

    def read(self, size: int) -> None:
        """Raise ValidationError if the streams overlap too much to read `size` more."""
        if size > self.input_remaining:
            raise ValidationError(
                _(
                    "The PDF has streams inside other streams, so it cannot be "
                    "checked. Save it again (for example by printing it to "
                    "PDF) and attach that."
                ),
                code="pdf_streams_overlap",
            )
        self.input_remaining -= size

    def require(self, size: int) -> None:
        """Raise ValidationError if `size` more bytes would pass the limit."""
        if size > self.remaining:
            raise ValidationError(
                _(
                    "The PDF unpacks to more than %(max)s, so it cannot be "
                    "checked. Save it again as a smaller PDF and attach that."
                ),
                code="pdf_too_large_unpacked",
                params={"max": filesizeformat(MAX_PDF_INFLATED_BYTES)},
            )

    def spend(self, size: int) -> None:
        self.require(size)
        self.remaining -= size


def decoded_streams(data: bytes) -> list[bytes]:
    """Return each PDF stream decoded by every filter chain tried on it.

    Raises ValidationError once the decoded output passes
    MAX_PDF_INFLATED_BYTES. Every decoder stops at that limit, so a
    compression bomb never fills memory.
    """
    budget = DecodeBudget(len(data))
    decoded = []
    for dictionary, content in pdf_streams(data):
        for chain in filter_chains(dictionary):
            budget.read(len(content))
            try:
                decoded.append(apply_filters(content, chain, budget))
            except (zlib.error, ValueError):
                continue  # Damaged, or another filter: the raw scan covers it.
    return decoded


def pdf_streams(data: bytes):
    """Yield the dictionary text and the data of each PDF stream.

    The data is a view up to the next "endstream", and the search for it
    resumes where the last one stopped, so the work grows with the file's
    size and not with the number of streams times that size.
    NOTE: the data ends at the first "endstream" after it starts, not at the
    end that /Length gives, so compressed data crafted to contain
    "endstream" is decoded only up to there.
    """
    view = memoryview(data)
    end = -1
    for count, match in enumerate(PDF_STREAM_START.finditer(data), start=1):
        if count > MAX_PDF_STREAMS:
            raise ValidationError(
                _(
                    "The PDF contains more than %(max)s streams, so it cannot be "
                    "checked. Save it again as a simpler PDF (for example by "
                    "printing it to PDF) and attach that."
                ),
                code="pdf_too_many_streams",
                params={"max": MAX_PDF_STREAMS},
            )
        start = match.end()
        if end < start:
            end = data.find(PDF_STREAM_END, start)
            if end == -1:
                end = len(data)
        yield stream_dictionary(data, match.start()), view[start:end]


def stream_dictionary(data: bytes, keyword_start: int) -> bytes:
    """Return the text between a stream's object header and its keyword.

    NOTE: found by searching text, not by parsing, so a dictionary with a
    string such as "(1 obj)" after its /Filter hides that filter, and an
    indirect /Filter (5 0 R) is not resolved. Such streams get FlateDecode
    alone and the raw scan.
    """
    window = data[max(0, keyword_start - PDF_DICTIONARY_LOOKBACK) : keyword_start]
    boundaries = list(PDF_OBJECT_BOUNDARY.finditer(window))
    if boundaries:
        window = window[boundaries[-1].end() :]
    return unescape_pdf_names(window)


def filter_chains(dictionary: bytes) -> list[tuple]:
    """Return the decoder chains to try on a stream with this dictionary.

    Each /Filter entry whose names are all decodable gives one chain, in
    the order the filters are applied. FlateDecode alone is tried as well,
    for streams whose /Filter is not found.
    """
    chains = []
    for entry in PDF_FILTER_ENTRY.finditer(dictionary):
        names = PDF_NAME.findall(entry[1])
        if names and all(name in PDF_DECODERS for name in names):
            chains.append(tuple(PDF_DECODERS[name] for name in names))
    chains.append((decode_flate,))
    return list(dict.fromkeys(chains))[:MAX_PDF_FILTER_CHAINS]


def apply_filters(content: memoryview, chain: tuple, budget: DecodeBudget) -> bytes:
    for decode in chain:
        content = decode(content, budget)
    return bytes(content)


def decode_flate(data, budget: DecodeBudget) -> bytes:
    """Inflate zlib data, or raw deflate data without the zlib header."""
    try:
        return inflate(data, budget, zlib.MAX_WBITS)
    except zlib.error:
        return inflate(data, budget, -zlib.MAX_WBITS)


def inflate(data, budget: DecodeBudget, wbits: int) -> bytes:
    """Inflate deflate data, raising ValidationError past the budget.

    The data is fed in chunks and reading stops where the deflate stream
    ends, because zlib copies all input after that end into unused_data.
    """
    decompressor = zlib.decompressobj(wbits)
    output = bytearray()
    data = memoryview(data)
    for offset in range(0, len(data), INFLATE_CHUNK_BYTES):
        chunk = data[offset : offset + INFLATE_CHUNK_BYTES]
        output += decompressor.decompress(chunk, budget.remaining + 1 - len(output))
        budget.require(len(output))
        if decompressor.eof:
            break
    budget.spend(len(output))
    return bytes(output)


def decode_ascii_hex(data, budget: DecodeBudget) -> bytes:
    """Decode ASCIIHexDecode data: hex digits and whitespace, ended by ">"."""
    digits = bytes(data).split(b">", 1)[0].translate(None, PDF_WHITESPACE)
    if len(digits) % 2:
        digits += b"0"  # An odd last digit is the high half of a byte.
    budget.spend(len(digits) // 2)
    return binascii.unhexlify(digits)


def decode_ascii85(data, budget: DecodeBudget) -> bytes:
    """Decode ASCII85Decode data, ended by "~>"."""
    text = bytes(data).split(b"~>", 1)[0].translate(None, PDF_WHITESPACE)
    text = text.removeprefix(b"<~")
    # Each "z" decodes to 4 zero bytes, and every 5 other characters to 4 bytes.
    budget.require(4 * text.count(b"z") + len(text) * 4 // 5 + 4)
    decoded = base64.a85decode(text)
    budget.spend(len(decoded))
    return decoded


# The filters that decoded_streams decodes, under their full and abbreviated
# names.
PDF_DECODERS = {
    b"FlateDecode": decode_flate,
    b"Fl": decode_flate,
    b"ASCIIHexDecode": decode_ascii_hex,
    b"AHx": decode_ascii_hex,
    b"ASCII85Decode": decode_ascii85,
    b"A85": decode_ascii85,
}


def check_office_document(upload) -> tuple[CheckedFile, set[str]]:
    try:
        with zipfile.ZipFile(upload) as archive:
            members = archive.infolist()
            check_archive_size(members)
            names = [member.filename for member in members]
            mimetype = read_mimetype(archive) if "mimetype" in names else ""
    except (zipfile.BadZipFile, OSError, KeyError, EOFError) as error:
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


def check_archive_size(members) -> None:
    """Reject an archive with too many members, or one that unpacks too far.

    The sizes are those the archive declares, so nothing is unpacked here.
    """
    if len(members) > MAX_ARCHIVE_MEMBERS:
        raise ValidationError(
            _(
                "The document contains %(count)s files; at most %(max)s are "
                "allowed. Save it again in a simpler form and attach that."
            ),
            code="archive_members",
            params={"count": len(members), "max": MAX_ARCHIVE_MEMBERS},
        )
    total = sum(member.file_size for member in members)
    if total > MAX_ARCHIVE_UNCOMPRESSED:
        raise ValidationError(
            _(
                "The document unpacks to more than %(max)s. Make it smaller, "
                "for example by compressing its images, and attach it again."
            ),
            code="archive_size",
            params={"max": filesizeformat(MAX_ARCHIVE_UNCOMPRESSED)},
        )
    for member in members:
        if (
            member.file_size >= RATIO_CHECK_MIN_BYTES
            and member.file_size > MAX_COMPRESSION_RATIO * max(member.compress_size, 1)
        ):
            raise ValidationError(
                _(
                    "The document is packed unusually hard, as a file made to "
                    "fill a disk is. Save it again from its program and attach "
                    "that."
                ),
                code="archive_ratio",
            )


def read_mimetype(archive) -> str:
    """Return the OpenDocument type, reading no more than a type name needs."""
    with archive.open("mimetype") as member:
        return member.read(200).decode("ascii", "replace").strip()


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
