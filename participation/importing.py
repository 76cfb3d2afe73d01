"""Import of proposals and their comment threads from Decide Madrid.

Decide Madrid is the participation platform of the city of Madrid; its
annotated corpus (CSV, Spanish text) has proposals and comments threaded
by `parentId`. Proposals become ideas in a category of their own, so that
they never mix with the administration's own ideas. Comment authors
become pseudonymous accounts that cannot sign in. Each row's id is kept,
so that importing the same files again skips what exists.
"""

import csv
import logging
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction
from django.utils import timezone
from django_comments_xtd.models import XtdComment

from ideapages.models import Category, IdeaPage
from ideapages.status import IdeaStatus
from ideapages.submission import publish_new_idea

from .models import ImportedComment
from .threads import renumber_threads

logger = logging.getLogger(__name__)

IDEA_PREFIX = "decide-madrid:"
COMMENT_PREFIX = "decide-madrid:"
USERNAME_PREFIX = "decide-madrid-"
CATEGORY_NAME = "Decide Madrid (förslag på spanska)"
STATUSES = {"open": IdeaStatus.SUBMITTED, "archived": IdeaStatus.CLOSED}
NO_PARENT = "-1"


class RowError(ValueError):
    """A row that cannot be imported, with the reason as its message."""


@dataclass
class ImportReport:
    ideas_imported: int = 0
    ideas_unchanged: int = 0
    comments_imported: int = 0
    comments_unchanged: int = 0
    comments_removed: int = 0
    placeholders_created: int = 0
    users_created: int = 0
    rejected: list[tuple[str, str]] = field(default_factory=list)

    def reject(self, what: str, reason: str) -> None:
        self.rejected.append((what, reason))


def read_rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def parse_id(value, name: str) -> str:
    value = (value or "").strip()
    if not value.isdigit():
        raise RowError(f"{name} {value!r} is not a number")
    return value


def parse_date(value) -> datetime:
    """Return noon, local time, of a YYYY-MM-DD date.

    The data has dates only. Noon keeps the same date in every time zone
    within eleven hours of this one.
    """
    try:
        day = date.fromisoformat((value or "").strip())
    except ValueError as error:
        raise RowError(f"date {value!r} is not a YYYY-MM-DD date") from error
    return timezone.make_aware(datetime.combine(day, time(12)))


def text(row: dict, name: str, max_length: int, required: bool = True) -> str:
    value = (row.get(name) or "").strip()
    if required and not value:
        raise RowError(f"{name} is missing")
    if len(value) > max_length:
        raise RowError(f"{name} is longer than {max_length} characters")
    return value


def idea_from_row(row: dict, category: Category) -> IdeaPage:
    status = (row.get("status") or "").strip()
    if status not in STATUSES:
        raise RowError(f"unknown status {status!r}")
    supports = (row.get("numSupports") or "0").strip() or "0"
    if not supports.isdigit():
        raise RowError(f"numSupports {supports!r} is not a whole number")
    submitted_at = parse_date(row.get("date"))
    title = text(row, "title", 255)
    return IdeaPage(
        title=title,
        summary=text(row, "summary", 300, required=False) or title[:300],
        description=text(row, "text", 20000, required=False),
        category=category,
        status=STATUSES[status],
        submitted_at=submitted_at,
        first_published_at=submitted_at,
        external_id=IDEA_PREFIX + parse_id(row.get("id"), "id"),
        source_status=status,
        external_support_count=int(supports),
    )


@dataclass
class CommentRow:
    external_id: str
    parent: str | None
    proposal: str
    user: str | None
    submit_date: datetime
    text: str


def comment_from_row(row: dict) -> CommentRow:
    parent = (row.get("parentId") or "").strip()
    return CommentRow(
        external_id=parse_id(row.get("id"), "id"),
        parent=None if parent == NO_PARENT else parse_id(parent, "parentId"),
        proposal=parse_id(row.get("proposalId"), "proposalId"),
        user=parse_id(row.get("userId"), "userId"),
        submit_date=parse_date(row.get("date")),
        text=text(row, "text", settings.COMMENT_MAX_LENGTH, required=False),
    )


def refresh_statistics() -> None:
    """Update the query planner's statistics of the comment tables.

    Without statistics, SQLite counts each idea's comments for the idea
    list through the content-type index, reading every comment on every
    idea. With 970 ideas and the 3,400 imported comments that query took
    44 ms instead of 1 ms after ANALYZE. SQLite never analyses tables by
    itself; PostgreSQL's autovacuum does, some time after a bulk insert.
    """
    tables = [
        XtdComment._meta.db_table,
        XtdComment._meta.get_parent_list()[0]._meta.db_table,
    ]
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")


class MadridImporter:
    """Import proposals as ideas under `index_page`, then their comments."""

    def __init__(self, index_page):
        self.index_page = index_page
        self.report = ImportReport()
        # Parents that replies name but the data lacks, by id: the first
        # reply that names each one.
        self.missing_parents: dict[str, CommentRow] = {}
        # Ids of comment rows in the data that were rejected.
        self.rejected_ids: set[str] = set()

    def run(self, proposal_rows: list[dict], comment_rows: list[dict]) -> ImportReport:
        ideas = self.import_proposals(proposal_rows)
        comments = self.accepted_comments(comment_rows, ideas)
        users = self.pseudonymous_users({row.user for row in comments if row.user})
        for proposal, idea in ideas.items():
            thread = [row for row in comments if row.proposal == proposal]
            if thread:
                self.import_thread(idea, thread, users)
        refresh_statistics()
        return self.report

    def import_proposals(self, rows) -> dict[str, IdeaPage]:
        """Return the ideas of the proposals, by proposal id, importing new ones."""
        # The category sorts these Spanish proposals apart from the
        # administration's own ideas, so it is not offered for new ideas.
        category, _created = Category.objects.get_or_create(
            name=CATEGORY_NAME, defaults={"accepts_ideas": False}
        )
        existing = {
            idea.external_id: idea
            for idea in IdeaPage.objects.filter(external_id__startswith=IDEA_PREFIX)
        }
        ideas = {}
        for position, row in enumerate(rows, start=1):
            try:
                idea = idea_from_row(row, category)
            except RowError as error:
                self.report.reject(f"proposal at row {position}", str(error))
                continue
            proposal = idea.external_id.removeprefix(IDEA_PREFIX)
            if idea.external_id in existing:
                ideas[proposal] = existing[idea.external_id]
                self.report.ideas_unchanged += 1
                continue
            with transaction.atomic():
                publish_new_idea(self.index_page, idea)
            existing[idea.external_id] = ideas[proposal] = idea
            self.report.ideas_imported += 1
        return ideas

    def accepted_comments(self, rows, ideas) -> list[CommentRow]:
        """Return the comment rows that can be imported, reporting the others.

        A comment is rejected when its row is malformed, its proposal is not
        imported, or its parent is rejected, because a reply cannot be
        placed below a comment that is not there. A parent that is missing
        from the data, removed on the original platform, becomes an empty
        removed comment at the top of the thread, so that its replies keep
        their place.
        """
        parsed: dict[str, CommentRow] = {}
        for position, row in enumerate(rows, start=1):
            try:
                comment = comment_from_row(row)
            except RowError as error:
                self.report.reject(f"comment at row {position}", str(error))
                self.rejected_ids.add((row.get("id") or "").strip())
                continue
            if comment.proposal not in ideas:
                self.report.reject(
                    f"comment {comment.external_id}",
                    f"unknown proposal {comment.proposal}",
                )
                self.rejected_ids.add(comment.external_id)
                continue
            parsed[comment.external_id] = comment

        imported = set(
            ImportedComment.objects.filter(
                external_id__startswith=COMMENT_PREFIX
            ).values_list("external_id", flat=True)
        )
        verdicts: dict[str, str | None] = {}
        for external_id in parsed:
            self.judge(external_id, parsed, imported, verdicts)

        accepted = self.placeholders()
        for external_id, comment in parsed.items():
            reason = verdicts[external_id]
            if reason:
                self.report.reject(f"comment {external_id}", reason)
            elif COMMENT_PREFIX + external_id in imported:
                self.report.comments_unchanged += 1
            else:
                accepted.append(comment)
        return accepted

    def judge(self, external_id, parsed, imported, verdicts) -> str | None:
        """Return why the comment cannot be imported, or None if it can."""
        chain = []
        current = external_id
        while current not in verdicts:
            comment = parsed[current]
            parent = comment.parent
            if parent is None:
                verdicts[current] = None
            elif parent in self.rejected_ids:
                verdicts[current] = f"parent comment {parent} was rejected"
            elif parent not in parsed:
                verdicts[current] = None
                if COMMENT_PREFIX + parent not in imported:
                    self.missing_parents.setdefault(parent, comment)
            elif parsed[parent].proposal != comment.proposal:
                verdicts[current] = f"parent comment {parent} is on another proposal"
            elif parent in chain or parent == current:
                verdicts[current] = f"parent comment {parent} is in a loop"
            else:
                chain.append(current)
                current = parent
                continue
        for child in reversed(chain):
            parent = parsed[child].parent
            verdicts[child] = (
                f"parent comment {parent} was rejected" if verdicts[parent] else None
            )
        return verdicts[external_id]

    def placeholders(self) -> list[CommentRow]:
        """Return an empty top-level row for each parent missing from the data.

        Each placeholder takes the date and proposal of the first reply
        that names it, and has no author.
        """
        self.report.placeholders_created = len(self.missing_parents)
        return [
            CommentRow(
                external_id=parent,
                parent=None,
                proposal=reply.proposal,
                user=None,
                submit_date=reply.submit_date,
                text="",
            )
            for parent, reply in self.missing_parents.items()
        ]

    def pseudonymous_users(self, user_ids: set[str]) -> dict:
        """Return an account per pseudonymous user id, creating missing ones.

        The accounts have no usable password and no e-mail, so they cannot
        be used to sign in, and they belong to no role.
        """
        user_model = get_user_model()
        usernames = {USERNAME_PREFIX + user_id: user_id for user_id in user_ids}
        existing = {
            user.username: user
            for user in user_model.objects.filter(username__in=usernames)
        }
        new_users = [
            user_model(
                username=username,
                first_name="Madrid-deltagare",
                last_name=usernames[username],
                password=make_password(None),
            )
            for username in usernames
            if username not in existing
        ]
        for user in user_model.objects.bulk_create(new_users, batch_size=500):
            existing[user.username] = user
        self.report.users_created += len(new_users)
        return {usernames[name]: user for name, user in existing.items()}

    @transaction.atomic
    def import_thread(self, idea, rows: list[CommentRow], users) -> None:
        content_type = ContentType.objects.get_for_model(IdeaPage)
        comments = []
        for row in rows:
            author = users[row.user] if row.user else None
            comment = XtdComment(
                content_type=content_type,
                object_pk=str(idea.pk),
                site_id=settings.SITE_ID,
                user=author,
                user_name=author.get_display_name()[:50] if author else "",
                comment=row.text,
                submit_date=row.submit_date,
                is_public=True,
                # An empty text was removed on the original platform; the
                # comment stays as a placeholder for its replies.
                is_removed=not row.text,
            )
            # Model.save, not XtdComment.save: the latter refuses replies
            # past the maximum thread level and computes thread fields one
            # by one, which renumber_threads does for the whole thread. A
            # multi-table model cannot go through bulk_create.
            models.Model.save(comment)
            comments.append(comment)
        by_external_id = {
            row.external_id: c for row, c in zip(rows, comments, strict=True)
        }
        links = ImportedComment.objects.filter(
            external_id__in=[COMMENT_PREFIX + row.parent for row in rows if row.parent]
        ).values_list("external_id", "comment_id")
        known_parents = {
            external_id.removeprefix(COMMENT_PREFIX): pk for external_id, pk in links
        }
        for row, comment in zip(rows, comments, strict=True):
            if row.parent is None:
                comment.parent_id = comment.pk
            elif row.parent in by_external_id:
                comment.parent_id = by_external_id[row.parent].pk
            else:
                comment.parent_id = known_parents[row.parent]
        XtdComment.norel_objects.bulk_update(comments, ["parent_id"], batch_size=500)
        ImportedComment.objects.bulk_create(
            [
                ImportedComment(
                    comment=comment, external_id=COMMENT_PREFIX + external_id
                )
                for external_id, comment in by_external_id.items()
            ],
            batch_size=500,
        )
        renumber_threads(idea)

        removed = sum(1 for row in rows if not row.text and row.user)
        self.report.comments_imported += sum(1 for row in rows if row.user)
        self.report.comments_removed += removed
        logger.info(
            "comments imported idea=%s comments=%s removed=%s",
            idea.pk,
            len(comments),
            removed,
        )
