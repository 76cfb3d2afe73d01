"""import_comments: Decide Madrid proposals and threads, and what it rejects."""

import csv
import io
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from django_comments_xtd.models import XtdComment

from ideapages.models import IdeaPage
from participation.comments import comments_for
from participation.importing import CATEGORY_NAME
from participation.models import ImportedComment

from .conftest import comment_depths

MADRID_DIR = Path(settings.BASE_DIR).parent / "shared" / "data" / "decide-madrid-2019"
# The proposal with the longest thread, and the one with the deepest.
LONGEST, DEEPEST = "1419", "50"

PROPOSAL_FIELDS = ["id", "title", "date", "summary", "text", "status", "numSupports"]
COMMENT_FIELDS = [
    "id",
    "parentId",
    "proposalId",
    "userId",
    "date",
    "text",
    "numPositiveVotes",
    "numNegativeVotes",
]


def read(name):
    with (MADRID_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write(folder: Path, name, fields, rows):
    with (folder / name).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fields)
        writer.writeheader()
        writer.writerows(rows)


def run_import(folder) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_comments", folder, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def madrid_subset(tmp_path, index_page):
    """The real rows of the longest and the deepest thread, in a folder."""
    if not MADRID_DIR.is_dir():
        pytest.skip(f"{MADRID_DIR} is missing")
    wanted = {LONGEST, DEEPEST}
    proposals = [row for row in read("proposals.csv") if row["id"] in wanted]
    comments = [row for row in read("comments.csv") if row["proposalId"] in wanted]
    write(tmp_path, "proposals.csv", PROPOSAL_FIELDS, proposals)
    write(tmp_path, "comments.csv", COMMENT_FIELDS, comments)
    return tmp_path, comments


def idea_of(proposal):
    return IdeaPage.objects.get(external_id=f"decide-madrid:{proposal}")


class TestImportRealThreads:
    def test_proposals_become_ideas(self, madrid_subset):
        run_import(madrid_subset[0])

        idea = idea_of(LONGEST)
        assert idea.live
        assert idea.category.name == CATEGORY_NAME
        assert idea.source_status in {"open", "archived"}

    def test_every_parent_link_kept(self, madrid_subset):
        folder, rows = madrid_subset
        run_import(folder)

        by_external = {
            link.external_id.removeprefix("decide-madrid:"): link.comment_id
            for link in ImportedComment.objects.all()
        }
        comments = XtdComment.objects.in_bulk(by_external.values())
        for row in rows:
            if row["id"] not in by_external:
                continue
            comment = comments[by_external[row["id"]]]
            if row["parentId"] == "-1":
                assert comment.parent_id == comment.pk
            else:
                assert comment.parent_id == by_external[row["parentId"]]

    def test_depth_past_reply_limit_kept(self, madrid_subset):
        run_import(madrid_subset[0])

        levels = comments_for(idea_of(DEEPEST)).values_list("level", flat=True)
        assert max(levels) == 24
        assert max(levels) > settings.COMMENTS_XTD_MAX_THREAD_LEVEL

    def test_comment_dates_kept(self, madrid_subset):
        folder, rows = madrid_subset
        run_import(folder)

        first = rows[0]
        link = ImportedComment.objects.get(external_id=f"decide-madrid:{first['id']}")
        submitted = timezone.localtime(link.comment.submit_date)
        assert submitted.date().isoformat() == first["date"]

    def test_pseudonymous_users_cannot_sign_in(self, madrid_subset):
        folder, rows = madrid_subset
        run_import(folder)

        user = (
            ImportedComment.objects.filter(comment__user__isnull=False)
            .first()
            .comment.user
        )
        assert not user.has_usable_password()
        assert user.email == ""
        assert user.groups.count() == 0
        assert authenticate(username=user.username, password="") is None

    def test_second_run_imports_nothing(self, madrid_subset):
        folder, _rows = madrid_subset
        run_import(folder)
        count = XtdComment.objects.count()

        output, _errors = run_import(folder)

        assert XtdComment.objects.count() == count
        assert "imported 0" in output
        assert IdeaPage.objects.filter(external_id__startswith="decide").count() == 2

    def test_every_real_comment_kept(self, madrid_subset):
        folder, rows = madrid_subset
        output, errors = run_import(folder)

        imported = {
            external_id.removeprefix("decide-madrid:")
            for external_id in ImportedComment.objects.values_list(
                "external_id", flat=True
            )
        }
        assert {row["id"] for row in rows} <= imported
        assert "rejected 0" in output
        assert errors == ""

    def test_longest_thread_page_renders(self, madrid_subset, employee_client):
        run_import(madrid_subset[0])
        idea = idea_of(LONGEST)

        response = employee_client.get(idea.url)

        depths = comment_depths(response)
        assert response.status_code == 200
        assert 0 < len(depths) <= settings.COMMENTS_PER_PAGE
        assert "comment_page=2" in response.text

    def test_deepest_thread_shown_whole(self, madrid_subset, employee_client, settings):
        settings.COMMENTS_PER_PAGE = 1000
        run_import(madrid_subset[0])
        idea = idea_of(DEEPEST)

        depths = comment_depths(employee_client.get(idea.url))

        assert len(depths) == comments_for(idea).count()
        assert max(depths.values()) == settings.COMMENT_MAX_SHOWN_LEVEL


PROPOSALS = [
    {
        "id": "1",
        "title": "Más bancos en el parque",
        "date": "2016-03-01",
        "summary": "Bancos a la sombra.",
        "text": "Faltan bancos.",
        "status": "open",
        "numSupports": "12",
    },
    {
        "id": "2",
        "title": "Sin fecha",
        "date": "ayer",
        "summary": "x",
        "text": "x",
        "status": "open",
        "numSupports": "1",
    },
]
COMMENTS = [
    # A thread: 10 -> 11 -> 12, an empty comment 13 with a reply 14.
    ("10", "-1", "1", "7", "2016-03-02", "De acuerdo."),
    ("11", "10", "1", "8", "2016-03-02", "Y fuentes."),
    ("12", "11", "1", "7", "2016-03-03", "Sí."),
    ("13", "-1", "1", "9", "2016-03-03", ""),
    ("14", "13", "1", "8", "2016-03-04", "Respuesta a un comentario borrado."),
    # A reply 20 to a parent 999 missing from the data, and a reply 21 to it.
    ("20", "999", "1", "7", "2016-03-05", "Padre perdido."),
    ("21", "20", "1", "7", "2016-03-05", "Hijo de un padre perdido."),
    # Malformed: unknown proposal, bad date, a reply to that row, bad id.
    ("22", "-1", "77", "7", "2016-03-05", "Propuesta desconocida."),
    ("23", "-1", "1", "7", "2016-13-45", "Fecha mala."),
    ("24", "23", "1", "8", "2016-03-06", "Hijo de un rechazado."),
    ("x", "-1", "1", "7", "2016-03-05", "Id malo."),
]


@pytest.fixture
def crafted(tmp_path, index_page):
    write(tmp_path, "proposals.csv", PROPOSAL_FIELDS, PROPOSALS)
    rows = [
        dict(zip(COMMENT_FIELDS, [*values, "0", "0"], strict=True))
        for values in COMMENTS
    ]
    write(tmp_path, "comments.csv", COMMENT_FIELDS, rows)
    return tmp_path


class TestImportRejections:
    def test_valid_rows_imported(self, crafted):
        run_import(crafted)

        # Seven comments and the placeholder for the missing parent 999.
        assert ImportedComment.objects.count() == 8

    @pytest.mark.parametrize(
        "expected",
        [
            "rejected proposal at row 2: date 'ayer' is not a YYYY-MM-DD date",
            "rejected comment 24: parent comment 23 was rejected",
            "rejected comment 22: unknown proposal 77",
            "date '2016-13-45' is not a YYYY-MM-DD date",
            "id 'x' is not a number",
        ],
    )
    def test_malformed_row_reported(self, crafted, expected):
        _output, errors = run_import(crafted)

        assert expected in errors

    def test_empty_comment_kept_as_removed(self, crafted):
        run_import(crafted)

        empty = ImportedComment.objects.get(external_id="decide-madrid:13").comment
        reply = ImportedComment.objects.get(external_id="decide-madrid:14").comment
        assert empty.is_removed
        assert reply.parent_id == empty.pk
        assert reply.is_public

    def test_summary_counts_rejections(self, crafted):
        output, _errors = run_import(crafted)

        assert "imported 7 (of which 1 empty, kept as removed)" in output
        assert "rejected 5" in output
        assert "placeholders for parents missing from the data: 1" in output

    def test_missing_parent_becomes_placeholder(self, crafted):
        run_import(crafted)

        placeholder = ImportedComment.objects.get(external_id="decide-madrid:999")
        reply = ImportedComment.objects.get(external_id="decide-madrid:20").comment
        reply_to_reply = ImportedComment.objects.get(
            external_id="decide-madrid:21"
        ).comment
        assert placeholder.comment.is_removed
        assert placeholder.comment.user_id is None
        assert placeholder.comment.parent_id == placeholder.comment.pk
        assert reply.parent_id == placeholder.comment.pk
        assert reply.is_public
        assert reply_to_reply.parent_id == reply.pk

    def test_placeholder_not_created_twice(self, crafted):
        run_import(crafted)
        output, _errors = run_import(crafted)

        assert ImportedComment.objects.count() == 8
        assert "placeholders for parents missing from the data: 0" in output

    def test_planner_statistics_refreshed(self, crafted):
        if connection.vendor != "sqlite":
            pytest.skip("PostgreSQL updates its statistics views after the test ends")

        run_import(crafted)

        with connection.cursor() as cursor:
            cursor.execute("SELECT tbl FROM sqlite_stat1")
            analysed = {row[0] for row in cursor.fetchall()}
        assert "django_comments" in analysed

    def test_missing_folder_clear_error(self, tmp_path, index_page):
        from django.core.management import CommandError

        with pytest.raises(CommandError, match="Cannot read"):
            run_import(tmp_path / "nowhere")

    def test_nested_levels_numbered(self, crafted):
        run_import(crafted)

        deepest = ImportedComment.objects.get(external_id="decide-madrid:12").comment
        assert deepest.level == 2
        assert deepest.thread_id == (
            ImportedComment.objects.get(external_id="decide-madrid:10").comment_id
        )


class TestPlaceholderText:
    DELETED = "Kommentaren har tagits bort av skribenten."
    MISSING = "Kommentaren saknas i de importerade uppgifterna."

    def test_missing_parent_says_missing(self, crafted, employee_client):
        run_import(crafted)
        idea = IdeaPage.objects.get(title="Más bancos en el parque")
        placeholder = ImportedComment.objects.get(external_id="decide-madrid:999")

        page = employee_client.get(idea.url).text

        anchor = f'id="c{placeholder.comment_id}"'
        assert anchor in page
        placeholder_html = page.split(anchor, 1)[1].split("</p>", 1)[0]
        assert self.MISSING in placeholder_html
        assert self.DELETED not in placeholder_html

    def test_empty_imported_comment_unchanged(self, crafted, employee_client):
        run_import(crafted)
        idea = IdeaPage.objects.get(title="Más bancos en el parque")
        empty = ImportedComment.objects.get(external_id="decide-madrid:13")

        page = employee_client.get(idea.url).text

        anchor = f'id="c{empty.comment_id}"'
        assert anchor in page
        empty_html = page.split(anchor, 1)[1].split("</p>", 1)[0]
        assert self.MISSING not in empty_html
