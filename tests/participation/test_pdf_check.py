"""The PDF check in participation.uploads, called directly on built files."""

import base64
import binascii
import io
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from participation import uploads


def pdf_with_streams(streams: list[bytes], tail: bytes = b"") -> bytes:
    """Return a PDF with a FlateDecode stream object for each compressed stream."""
    objects = b"".join(
        b"%d 0 obj << /Filter /FlateDecode /Length %d >>\nstream\n"
        % (number, len(data))
        + data
        + b"\nendstream\nendobj\n"
        for number, data in enumerate(streams, start=2)
    )
    return (
        b"%PDF-1.5\n1 0 obj << /Type /Catalog >> endobj\n"
        + objects
        + tail
        + b"trailer << /Root 1 0 R >>\n%%EOF"
    )


def pdf_with_stream(
    dictionary: bytes, data: bytes, keyword: bytes = b"stream\n"
) -> bytes:
    """Return a PDF with one stream object, written as given."""
    return (
        b"%PDF-1.5\n1 0 obj << /Type /Catalog >> endobj\n2 0 obj << "
        + dictionary
        + b" /Length %d >>\n" % len(data)
        + keyword
        + data
        + b"\nendstream\nendobj\ntrailer << /Root 1 0 R >>\n%%EOF"
    )


def raw_deflate(data: bytes) -> bytes:
    compressor = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush()


def jpeg_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), "green").save(buffer, format="JPEG")
    return buffer.getvalue()


SCRIPT = b"<< /Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>"


def check(pdf: bytes) -> None:
    uploads.check_pdf(SimpleUploadedFile("a.pdf", pdf))


class TestStreamLimits:
    def test_too_many_streams_rejected(self):
        empty = zlib.compress(b"")
        pdf = pdf_with_streams([empty] * (uploads.MAX_PDF_STREAMS + 1))

        with pytest.raises(ValidationError) as raised:
            check(pdf)

        assert raised.value.code == "pdf_too_many_streams"

    def test_streams_up_to_limit_accepted(self, monkeypatch):
        monkeypatch.setattr(uploads, "MAX_PDF_STREAMS", 100)
        empty = zlib.compress(b"")

        check(pdf_with_streams([empty] * 100))

    def test_each_stream_decodes_only_its_bytes(self, monkeypatch):
        fed = []
        real_decompressobj = zlib.decompressobj

        class CountingDecompressor:
            def __init__(self, *args, **kwargs):
                self.decompressor = real_decompressobj(*args, **kwargs)

            def decompress(self, data, *args):
                fed.append(len(data))
                return self.decompressor.decompress(data, *args)

            def __getattr__(self, name):
                return getattr(self.decompressor, name)

        monkeypatch.setattr(zlib, "decompressobj", CountingDecompressor)
        streams = [zlib.compress(b"")] * 2000
        pdf = pdf_with_streams(streams, tail=b"% padding\n" * 100_000)

        check(pdf)

        assert len(fed) >= len(streams)
        assert sum(fed) < 2 * len(pdf)


class TestHiddenScript:
    @pytest.mark.parametrize(
        ("dictionary", "data", "keyword"),
        [
            (b"/Filter /FlateDecode", zlib.compress(SCRIPT), b"stream\n"),
            (
                b"/Filter [/FlateDecode /FlateDecode]",
                zlib.compress(zlib.compress(SCRIPT)),
                b"stream\n",
            ),
            (b"/Filter [/Fl /Fl]", zlib.compress(zlib.compress(SCRIPT)), b"stream\n"),
            (b"/Filter /ASCIIHexDecode", binascii.hexlify(SCRIPT) + b">", b"stream\n"),
            (b"/Filter /AHx", binascii.hexlify(SCRIPT, b" ", 4) + b">", b"stream\n"),
            (b"/Filter /ASCII85Decode", base64.a85encode(SCRIPT) + b"~>", b"stream\n"),
            (
                b"/Filter /A85",
                base64.a85encode(SCRIPT, wrapcol=20) + b"~>",
                b"stream\r\n",
            ),
            (
                b"/Filter [/AHx /FlateDecode]",
                binascii.hexlify(zlib.compress(SCRIPT)) + b">",
                b"stream\n",
            ),
            (
                b"/Filter /ASCIIHex#44ecode",
                binascii.hexlify(SCRIPT) + b">",
                b"stream\n",
            ),
            (b"/Filter /FlateDecode", zlib.compress(SCRIPT), b"stream\r"),
            (b"/Filter /FlateDecode", zlib.compress(SCRIPT), b"stream  \r\n"),
            (b"/Filter /FlateDecode", zlib.compress(SCRIPT), b"stream \n"),
            (b"/Filter /FlateDecode", raw_deflate(SCRIPT), b"stream\n"),
            (b"/Filter 5 0 R", raw_deflate(SCRIPT), b"stream\n"),
        ],
        ids=[
            "flate",
            "flate-chain",
            "flate-chain-short-names",
            "ascii-hex",
            "ascii-hex-spaced",
            "ascii85",
            "ascii85-wrapped-crlf",
            "ascii-hex-then-flate",
            "escaped-filter-name",
            "lone-cr",
            "spaces-then-crlf",
            "space-then-lf",
            "raw-deflate",
            "indirect-filter-flate",
        ],
    )
    def test_script_in_stream_rejected(self, dictionary, data, keyword):
        pdf = pdf_with_stream(dictionary, data, keyword)
        assert b"JavaScript" not in pdf

        with pytest.raises(ValidationError) as raised:
            check(pdf)

        assert raised.value.code == "active_pdf"

    @pytest.mark.parametrize(
        "catalog",
        [
            b"<< /Type /Catalog /OpenAction << /S /JavaScript >> >>",
            b"<< /Type /Catalog /OpenAction << /S /J#61vaScript >> >>",
        ],
        ids=["plain", "escaped"],
    )
    def test_name_outside_streams_rejected(self, catalog):
        pdf = pdf_with_stream(b"", b"0 0 m 1 1 l S").replace(
            b"<< /Type /Catalog >>", catalog
        )

        with pytest.raises(ValidationError) as raised:
            check(pdf)

        assert raised.value.code == "active_pdf"


class TestDecodeLimits:
    def test_chain_counts_every_step(self, monkeypatch):
        monkeypatch.setattr(uploads, "MAX_PDF_INFLATED_BYTES", 1024 * 1024)
        inner = zlib.compress(b"\0" * 600 * 1024)
        data = zlib.compress(inner + b"\0" * (600 * 1024 - len(inner)))
        pdf = pdf_with_stream(b"/Filter [/FlateDecode /FlateDecode]", data)

        with pytest.raises(ValidationError) as raised:
            check(pdf)

        assert raised.value.code == "pdf_too_large_unpacked"

    def test_ascii85_zeros_counted_before_decoding(self, monkeypatch):
        monkeypatch.setattr(uploads, "MAX_PDF_INFLATED_BYTES", 1024 * 1024)
        pdf = pdf_with_stream(b"/Filter /A85", b"z" * 300_000 + b"~>")

        with pytest.raises(ValidationError) as raised:
            check(pdf)

        assert raised.value.code == "pdf_too_large_unpacked"

    def test_ascii_hex_counted(self, monkeypatch):
        monkeypatch.setattr(uploads, "MAX_PDF_INFLATED_BYTES", 1024)
        pdf = pdf_with_stream(b"/Filter /AHx", b"00" * 2000 + b">")

        with pytest.raises(ValidationError) as raised:
            check(pdf)

        assert raised.value.code == "pdf_too_large_unpacked"


class TestOrdinaryPdf:
    def test_image_and_content_streams_accepted(self):
        image = jpeg_bytes()
        content = zlib.compress(b"q 16 0 0 16 72 700 cm /Im1 Do Q BT (Cykel) Tj ET")
        image_dictionary = (
            b"/Type /XObject /Subtype /Image /Width 16 /Height 16 "
            b"/ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode"
        )
        pdf = pdf_with_stream(image_dictionary, image).replace(
            b"trailer",
            b"3 0 obj << /Filter /FlateDecode /Length %d >>\nstream\n" % len(content)
            + content
            + b"\nendstream\nendobj\ntrailer",
        )

        check(pdf)

    def test_hex_encoded_image_accepted(self):
        image = binascii.hexlify(jpeg_bytes()) + b">"

        check(pdf_with_stream(b"/Filter [/AHx /DCTDecode]", image))


class TestOverlappingStreams:
    def test_keywords_inside_hex_stream_rejected(self):
        keywords = b"<< /Filter /AHx >>\nstream\n" * 2000
        pdf = pdf_with_stream(b"/Filter /AHx", keywords + b"41" * 500_000 + b">")

        with pytest.raises(ValidationError) as raised:
            check(pdf)

        assert raised.value.code == "pdf_streams_overlap"

    def test_keywords_without_endstream_rejected(self):
        keyword = b"<< /Filter [/AHx /Fl] >>stream\n"
        pdf = b"%PDF-1.5\n" + keyword * 2000 + b"41" * 500_000

        with pytest.raises(ValidationError) as raised:
            check(pdf)

        assert raised.value.code == "pdf_streams_overlap"
