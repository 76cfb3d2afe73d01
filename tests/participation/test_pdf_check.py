"""The PDF check in participation.uploads, called directly on built files."""

import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

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
