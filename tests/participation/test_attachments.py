"""Files the idea giver attaches: checked by content and size, served safely."""

import io
import logging
import os
import zipfile
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from PIL import Image

from accounts import roles
from notifications.models import Notification
from participation import uploads
from participation.models import Attachment
from participation.services import remove_attachment_as_moderator


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 3), "green").save(buffer, format="PNG")
    return buffer.getvalue()


def zip_bytes(names: dict[str, bytes], compression=zipfile.ZIP_STORED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, content in names.items():
            archive.writestr(name, content)
    return buffer.getvalue()


PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF"
DOCX = {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"}


def upload_url(idea):
    return f"/deltagande/ide/{idea.pk}/bilagor/"


@pytest.fixture
def giver_client(giver):
    """Return a client of its own, so that tests can sign in a second person."""
    client = Client()
    client.force_login(giver)
    return client


def upload(client, idea, name, content, content_type="application/octet-stream"):
    return client.post(
        upload_url(idea), {"file": SimpleUploadedFile(name, content, content_type)}
    )


class TestAcceptedFiles:
    @pytest.mark.parametrize(
        ("name", "content", "content_type"),
        [
            ("karta.png", png_bytes(), "image/png"),
            ("underlag.pdf", PDF, "application/pdf"),
            (
                "plan.docx",
                zip_bytes(DOCX),
                "application/vnd.openxmlformats-officedocument."
                "wordprocessingml.document",
            ),
            ("siffror.csv", "år;antal\n2024;12\n".encode(), "text/csv"),
            ("anteckning.txt", "Cykelställ för 40 cyklar.".encode(), "text/plain"),
        ],
    )
    def test_giver_attaches_file(self, giver_client, idea, name, content, content_type):
        response = upload(giver_client, idea, name, content)

        attachment = Attachment.objects.get()
        assert response.status_code == 302
        assert attachment.original_name == name
        assert attachment.content_type == content_type

    def test_stored_under_random_name(self, giver_client, idea):
        upload(giver_client, idea, "../../etc/karta.png", png_bytes())

        attachment = Attachment.objects.get()
        assert attachment.original_name == "karta.png"
        assert attachment.file.name.startswith(f"attachments/{idea.pk}/")
        assert attachment.file.name.endswith(".png")
        assert "karta" not in attachment.file.name


class TestRejectedFiles:
    def assert_rejected(self, response, message):
        assert response.status_code == 200
        assert message in response.text
        assert not Attachment.objects.exists()

    def test_svg_rejected(self, giver_client, idea):
        svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'

        response = upload(giver_client, idea, "bild.svg", svg, "image/svg+xml")

        self.assert_rejected(response, "kan inte bifogas")

    def test_html_disguised_as_png_rejected(self, giver_client, idea):
        html = b"<html><body><script>alert(document.cookie)</script></body></html>"

        response = upload(giver_client, idea, "bild.png", html, "image/png")

        self.assert_rejected(response, "kan inte bifogas")

    def test_script_in_text_file_rejected(self, giver_client, idea):
        text = b"Hej!\n<script>alert(1)</script>"

        response = upload(giver_client, idea, "hej.txt", text, "text/plain")

        self.assert_rejected(response, "kan inte bifogas")

    def test_png_named_pdf_rejected(self, giver_client, idea):
        response = upload(giver_client, idea, "underlag.pdf", png_bytes())

        self.assert_rejected(response, "men innehållet är PNG")

    def test_executable_rejected(self, giver_client, idea):
        response = upload(
            giver_client, idea, "program.exe", b"MZ\x90\x00" + b"\x00" * 64
        )

        self.assert_rejected(response, "kan inte bifogas")

    def test_pdf_with_javascript_rejected(self, giver_client, idea):
        pdf = PDF.replace(
            b"/Catalog", b"/Catalog /OpenAction << /S /JavaScript /JS (x) >>"
        )

        response = upload(giver_client, idea, "underlag.pdf", pdf)

        self.assert_rejected(response, "innehåller skript")

    def test_macro_document_rejected(self, giver_client, idea):
        docm = zip_bytes({**DOCX, "word/vbaProject.bin": b"\x00"})

        response = upload(giver_client, idea, "plan.docx", docm)

        self.assert_rejected(response, "innehåller makron")

    def test_plain_zip_rejected(self, giver_client, idea):
        response = upload(giver_client, idea, "arkiv.zip", zip_bytes({"a.txt": b"x"}))

        self.assert_rejected(response, "kan inte bifogas")

    def test_damaged_image_rejected(self, giver_client, idea):
        response = upload(giver_client, idea, "bild.png", png_bytes()[:30])

        self.assert_rejected(response, "skadad")

    def test_oversize_file_rejected(self, giver_client, idea, settings):
        settings.ATTACHMENT_MAX_MB = 1

        response = upload(giver_client, idea, "stor.txt", b"a" * (1024 * 1024 + 1))

        self.assert_rejected(response, "största tillåtna storlek är 1,0")

    def test_empty_file_rejected(self, giver_client, idea):
        response = upload(giver_client, idea, "tom.txt", b"")

        assert response.status_code == 200
        assert not Attachment.objects.exists()

    def test_too_many_attachments_rejected(self, giver_client, idea, settings):
        settings.ATTACHMENTS_PER_IDEA = 1
        upload(giver_client, idea, "en.png", png_bytes())

        response = upload(giver_client, idea, "två.png", png_bytes())

        assert "högst 1 bilagor" in response.text
        assert Attachment.objects.count() == 1

    @pytest.mark.skipif(
        not connection.features.has_select_for_update,
        reason="the database takes no row locks",
    )
    def test_count_and_save_under_idea_lock(self, giver_client, idea):
        with CaptureQueriesContext(connection) as queries:
            upload(giver_client, idea, "en.png", png_bytes())

        locking = [q["sql"] for q in queries if "FOR UPDATE" in q["sql"]]
        assert Attachment.objects.count() == 1
        assert len(locking) == 1
        assert 'FROM "ideapages_ideapage"' in locking[0]


class TestRejectedUploadPage:
    def test_asks_to_choose_file_again(self, giver_client, idea):
        response = upload(giver_client, idea, "bild.svg", b"<svg></svg>")

        assert response.status_code == 200
        assert "Välj filen igen" in response.text
        assert "Inget av det du skrev har försvunnit" not in response.text

    def test_text_forms_keep_general_message(
        self, moderator_client, giver_client, idea
    ):
        upload(giver_client, idea, "karta.png", png_bytes())
        attachment = Attachment.objects.get()

        response = moderator_client.post(
            f"/deltagande/bilagor/{attachment.pk}/ta-bort/", {"reason": ""}
        )

        assert "Inget av det du skrev har försvunnit" in response.text
        assert "Välj filen igen" not in response.text


class TestWhoMayAttach:
    def test_other_employee_cannot_attach(self, employee_client, idea):
        response = upload(employee_client, idea, "karta.png", png_bytes())

        assert response.status_code == 403
        assert "Bara idégivaren kan bifoga filer" in response.text
        assert not Attachment.objects.exists()

    def test_upload_form_only_for_giver(self, employee_client, giver_client, idea):
        assert upload_url(idea) not in employee_client.get(idea.url).text
        assert upload_url(idea) in giver_client.get(idea.url).text

    def test_other_employee_cannot_remove(self, giver_client, client, idea, make_user):
        upload(giver_client, idea, "karta.png", png_bytes())
        attachment = Attachment.objects.get()
        client.force_login(make_user())

        response = client.post(f"/deltagande/bilagor/{attachment.pk}/ta-bort/")

        assert response.status_code == 403
        assert Attachment.objects.exists()

    def test_giver_removes_attachment(self, giver_client, idea):
        upload(giver_client, idea, "karta.png", png_bytes())
        attachment = Attachment.objects.get()

        giver_client.post(f"/deltagande/bilagor/{attachment.pk}/ta-bort/")

        assert not Attachment.objects.exists()

    def test_giver_removes_without_notice(self, giver_client, idea):
        upload(giver_client, idea, "karta.png", png_bytes())
        attachment = Attachment.objects.get()

        response = giver_client.post(f"/deltagande/bilagor/{attachment.pk}/ta-bort/")

        assert response.status_code == 302
        assert not Notification.objects.exists()

    def test_giver_remove_needs_post(self, giver_client, idea):
        upload(giver_client, idea, "karta.png", png_bytes())
        attachment = Attachment.objects.get()

        response = giver_client.get(f"/deltagande/bilagor/{attachment.pk}/ta-bort/")

        assert response.status_code == 405
        assert Attachment.objects.exists()

    @pytest.mark.parametrize(
        "role_names",
        [
            (roles.EMPLOYEE,),
            (roles.EMPLOYEE, roles.COMMUNICATOR),
            (roles.EMPLOYEE, roles.IMPLEMENTER),
        ],
    )
    def test_other_roles_cannot_remove(
        self, giver_client, client, idea, make_user, role_names
    ):
        upload(giver_client, idea, "karta.png", png_bytes())
        attachment = Attachment.objects.get()
        client.force_login(make_user(*role_names))
        url = f"/deltagande/bilagor/{attachment.pk}/ta-bort/"

        shown = client.get(url)
        posted = client.post(url, {"reason": "Personuppgifter."})

        assert shown.status_code == 403
        assert posted.status_code == 403
        assert "Bara idégivaren, idéambassadörerna" in posted.text
        assert Attachment.objects.exists()


class TestModeratorRemovesAttachment:
    REASON = "Filen innehåller personnummer."

    @pytest.fixture
    def attachment(self, giver_client, idea):
        upload(giver_client, idea, "karta.png", png_bytes())
        return Attachment.objects.get()

    def url(self, attachment):
        return f"/deltagande/bilagor/{attachment.pk}/ta-bort/"

    def test_idea_page_links_reason_form(self, moderator_client, attachment, idea):
        page = moderator_client.get(idea.url).text

        assert f'href="{self.url(attachment)}"' in page
        assert f'action="{self.url(attachment)}"' not in page

    def test_form_asks_for_reason(self, moderator_client, attachment):
        response = moderator_client.get(self.url(attachment))

        assert response.status_code == 200
        assert 'name="reason"' in response.text
        assert Attachment.objects.exists()

    def test_removal_without_reason_rejected(self, moderator_client, attachment):
        response = moderator_client.post(self.url(attachment), {"reason": " "})

        assert response.status_code == 200
        assert Attachment.objects.exists()
        assert not Notification.objects.exists()

    @pytest.mark.parametrize("reason", ["\u200b", "\u200b \u2060\n", "\u202e"])
    def test_invisible_reason_rejected(self, moderator_client, attachment, reason):
        response = moderator_client.post(self.url(attachment), {"reason": reason})

        assert response.status_code == 200
        assert Attachment.objects.exists()
        assert not Notification.objects.exists()

    def test_removed_row_not_told_twice(self, moderator, attachment):
        stale_copy = Attachment.objects.get(pk=attachment.pk)
        remove_attachment_as_moderator(attachment, moderator, self.REASON)

        remove_attachment_as_moderator(stale_copy, moderator, self.REASON)

        assert Notification.objects.count() == 1

    def test_removal_with_reason(
        self, moderator_client, attachment, idea, django_capture_on_commit_callbacks
    ):
        stored = attachment.file.name
        storage = attachment.file.storage

        with django_capture_on_commit_callbacks(execute=True):
            response = moderator_client.post(
                self.url(attachment), {"reason": self.REASON}
            )

        assert response.status_code == 302
        assert response["Location"] == f"{idea.url}#attachments"
        assert not Attachment.objects.exists()
        assert not storage.exists(stored)

    def test_giver_told_on_site_and_by_mail(
        self,
        moderator_client,
        moderator,
        attachment,
        giver,
        idea,
        django_capture_on_commit_callbacks,
        mailoutbox,
    ):
        with django_capture_on_commit_callbacks(execute=True):
            moderator_client.post(self.url(attachment), {"reason": self.REASON})

        notification = Notification.objects.get()
        assert notification.recipient == giver
        assert notification.kind == "attachment_removed"
        assert notification.idea_id == idea.pk
        assert notification.actor == moderator
        assert self.REASON in notification.render_body()
        assert "karta.png" in notification.render_body()
        assert len(mailoutbox) == 1
        assert mailoutbox[0].to == [giver.email]
        assert self.REASON in mailoutbox[0].body
        assert idea.url in mailoutbox[0].body

    def test_removal_logged_with_ids(
        self, moderator_client, moderator, attachment, idea, giver, caplog
    ):
        attachment_id = attachment.pk

        with caplog.at_level(logging.INFO, logger="participation.services"):
            moderator_client.post(self.url(attachment), {"reason": self.REASON})

        assert (
            f"attachment removed by moderator attachment={attachment_id} "
            f"idea={idea.pk} moderator={moderator.pk} uploaded_by={giver.pk}"
        ) in caplog.text
        assert self.REASON not in caplog.text


class TestAttachmentDownload:
    def test_pdf_downloaded_not_shown(self, giver_client, employee_client, idea):
        upload(giver_client, idea, "underlag.pdf", PDF)
        attachment = Attachment.objects.get()

        response = employee_client.get(attachment.get_absolute_url())

        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("attachment;")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "sandbox" in response["Content-Security-Policy"]
        assert b"".join(response.streaming_content) == PDF

    def test_image_shown_inline(self, giver_client, employee_client, idea):
        upload(giver_client, idea, "karta.png", png_bytes())
        attachment = Attachment.objects.get()

        response = employee_client.get(attachment.get_absolute_url())

        assert response["Content-Type"] == "image/png"
        assert response["Content-Disposition"].startswith("inline;")

    def test_anonymous_sent_to_sign_in(self, giver_client, client, idea):
        upload(giver_client, idea, "karta.png", png_bytes())
        attachment = Attachment.objects.get()

        response = client.get(attachment.get_absolute_url())

        assert response.status_code == 302
        assert "/konto/logga-in/" in response["Location"]

    def test_listed_on_idea_page(self, giver_client, employee_client, idea):
        upload(giver_client, idea, "karta.png", png_bytes())

        response = employee_client.get(idea.url)

        assert "karta.png" in response.text
        assert Attachment.objects.get().get_absolute_url() in response.text


def pdf_with_stream(
    content: bytes, dictionary: bytes = b"/Filter /FlateDecode"
) -> bytes:
    """Return a PDF with `content` as one stream, deflated under FlateDecode."""
    data = zlib.compress(content) if b"FlateDecode" in dictionary else content
    return (
        b"%PDF-1.5\n1 0 obj << /Type /Catalog >> endobj\n"
        b"2 0 obj << /Type /ObjStm /N 1 /First 4 "
        + dictionary
        + b" /Length %d >>\nstream\n" % len(data)
        + data
        + b"\nendstream\nendobj\ntrailer << /Root 1 0 R >>\n%%EOF"
    )


class TestHiddenPdfContent:
    def assert_rejected(self, response, message):
        assert response.status_code == 200
        assert message in response.text
        assert not Attachment.objects.exists()

    @pytest.mark.parametrize(
        "name", [b"/JavaScript", b"/Launch", b"/EmbeddedFile", b"/JS"]
    )
    def test_name_in_object_stream_rejected(self, giver_client, idea, name):
        objects = b"3 0 << /Type /Action /S " + name + b" (app.alert(1)) >>"

        response = upload(giver_client, idea, "a.pdf", pdf_with_stream(objects))

        self.assert_rejected(response, "innehåller skript")

    def test_hex_escaped_name_rejected(self, giver_client, idea):
        pdf = PDF.replace(b"/Catalog", b"/Catalog /OpenAction << /S /J#61vaScript >>")

        response = upload(giver_client, idea, "a.pdf", pdf)

        self.assert_rejected(response, "innehåller skript")

    def test_plain_compressed_pdf_accepted(self, giver_client, idea):
        page = b"BT /F1 12 Tf 72 712 Td (Cykelparkering) Tj ET" * 100

        response = upload(giver_client, idea, "a.pdf", pdf_with_stream(page))

        assert response.status_code == 302
        assert Attachment.objects.count() == 1

    def test_inflation_past_limit_rejected(self, giver_client, idea, monkeypatch):
        monkeypatch.setattr(uploads, "MAX_PDF_INFLATED_BYTES", 1024 * 1024)
        page = b"0 0 m 1 1 l S\n" * 100_000

        response = upload(giver_client, idea, "a.pdf", pdf_with_stream(page))

        self.assert_rejected(response, "packas upp till mer än 1,0")

    def test_inflation_limit_counts_all_streams(self, giver_client, idea, monkeypatch):
        monkeypatch.setattr(uploads, "MAX_PDF_INFLATED_BYTES", 1024 * 1024)
        stream = pdf_with_stream(b"0 0 m 1 1 l S\n" * 50_000)
        body = stream.split(b"trailer")[0]
        pdf = body + body[body.index(b"2 0 obj") :] + b"trailer << >>\n%%EOF"

        response = upload(giver_client, idea, "a.pdf", pdf)

        self.assert_rejected(response, "packas upp till mer än 1,0")


class TestArchiveLimits:
    def assert_rejected(self, response, message):
        assert response.status_code == 200
        assert message in response.text
        assert not Attachment.objects.exists()

    def test_too_many_members_rejected(self, giver_client, idea, monkeypatch):
        monkeypatch.setattr(uploads, "MAX_ARCHIVE_MEMBERS", 50)
        members = {f"word/media/bild{n}.xml": b"<a/>" for n in range(50)}

        response = upload(giver_client, idea, "a.docx", zip_bytes({**DOCX, **members}))

        self.assert_rejected(response, "innehåller 52 filer")

    def test_large_unpacked_size_rejected(self, giver_client, idea, monkeypatch):
        monkeypatch.setattr(uploads, "MAX_ARCHIVE_UNCOMPRESSED", 1024 * 1024)
        media = {"word/media/bild.bin": os.urandom(1024 * 1024)}

        response = upload(giver_client, idea, "a.docx", zip_bytes({**DOCX, **media}))

        self.assert_rejected(response, "packas upp till mer än 1,0")

    def test_zip_bomb_rejected(self, giver_client, idea):
        bomb = {"word/document.xml": b"\x00" * (5 * 1024 * 1024)}

        docx = zip_bytes({**DOCX, **bomb}, zipfile.ZIP_DEFLATED)

        response = upload(giver_client, idea, "a.docx", docx)

        self.assert_rejected(response, "ovanligt hårt packat")

    def test_small_repetitive_part_accepted(self, giver_client, idea):
        styles = {"word/styles.xml": b"<w:style/>" * 10_000}

        docx = zip_bytes({**DOCX, **styles}, zipfile.ZIP_DEFLATED)

        response = upload(giver_client, idea, "a.docx", docx)

        assert response.status_code == 302
