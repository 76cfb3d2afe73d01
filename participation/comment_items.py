"""The comments of one thread page, prepared for the flat thread template.

Comments are read as plain rows rather than model instances. Links, dates,
names and permissions are worked out here once per comment, because on a
long thread the template's own lookups, filters and reverse() calls would
cost many times more than the queries.
"""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Subquery
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from django_comments_xtd.models import XtdComment

from . import permissions
from .models import CommentEdit, CommentReport
from .text import render_comment_text

# Markup between two comments in the flat rendering of a nested thread:
# each item closes what the previous one left open.
OPEN_REPLIES = mark_safe('<ol class="comment-thread">')
CLOSE_ITEM = mark_safe("</li>")
CLOSE_REPLIES = mark_safe("</ol></li>")

ROW_FIELDS = [
    "pk",
    "user_id",
    "comment",
    "submit_date",
    "is_removed",
    "user__first_name",
    "user__last_name",
    "user__username",
    "user__is_active",
    "hiding__id",
    "import_source__id",
    "last_edited_at",
    "open_report_count",
    "reported_by_user",
]


class DateFormatter:
    """Format times as the date filters "c" and "j F Y H:i" do, once per value.

    Imported comments share a handful of dates, and the date filter is one
    of the costliest parts of rendering a long thread.
    """

    def __init__(self):
        self.months = {number: str(name) for number, name in MONTHS.items()}
        self.formatted = {}

    def __call__(self, moment) -> tuple[str, str]:
        if moment not in self.formatted:
            local = timezone.localtime(moment)
            self.formatted[moment] = (
                local.isoformat(),
                f"{local.day} {self.months[local.month]} {local.year} {local:%H:%M}",
            )
        return self.formatted[moment]


@dataclass
class CommentItem:
    """One comment as the thread template shows it.

    `user_id`, `is_removed` and `submit_date` carry the names of the
    comment's fields, so the functions in participation.permissions take an
    item as they take a comment.
    """

    pk: int
    user_id: int | None
    submit_date: datetime
    is_removed: bool
    level: int
    before: SafeString
    body: SafeString
    anchor: str
    url: str
    date_iso: str
    date_text: str
    author_name: str
    is_former_employee: bool
    is_hidden: bool
    is_missing_import: bool
    edited_at: datetime | None
    parent_anchor: str = ""
    parent_author_name: str = ""
    parent_is_removed: bool = False
    shown_below_parent: bool = True
    is_orphan: bool = False
    can_edit: bool = False
    can_delete: bool = False
    can_report: bool = False
    reported_by_user: bool = False
    open_reports: str = ""


def load_rows(ids, user) -> dict[int, dict]:
    """Return the comments with `ids` as rows, with their edit and report state."""
    last_edit = CommentEdit.objects.filter(comment=OuterRef("pk")).order_by(
        "-edited_at"
    )
    open_reports = CommentReport.objects.open().filter(comment=OuterRef("pk"))
    report_count = open_reports.order_by().values("comment").annotate(total=Count("pk"))
    rows = (
        XtdComment.norel_objects.filter(pk__in=ids)
        .annotate(
            last_edited_at=Subquery(last_edit.values("edited_at")[:1]),
            open_report_count=Subquery(report_count.values("total")),
            reported_by_user=Exists(open_reports.filter(reporter=user.pk)),
        )
        .values(*ROW_FIELDS)
    )
    return {row["pk"]: row for row in rows}


def display_name(row) -> str:
    """Return the author's name as accounts.User.get_display_name does."""
    if row["user_id"] is None:
        return ""
    full_name = f"{row['user__first_name']} {row['user__last_name']}".strip()
    return full_name or row["user__username"]


def build_items(entries, user, url_prefix: str) -> list[dict]:
    """Return the thread items of `entries`, outline entries in reading order.

    Each item is a CommentItem's attribute dict: the template language
    tries a key lookup before an attribute, so dicts render faster.
    """
    if not entries:
        return []
    rows = load_rows([entry.pk for entry in entries], user)
    is_moderator = permissions.can_moderate(user)
    format_date = DateFormatter()
    max_level = settings.COMMENT_MAX_SHOWN_LEVEL
    now = timezone.now()

    items, previous_level = [], None
    for entry in entries:
        row = rows.get(entry.pk)
        if row is None:
            # Deleted between the two queries: its replies still show.
            continue
        level = min(entry.depth, max_level)
        date_iso, date_text = format_date(row["submit_date"])
        item = CommentItem(
            pk=row["pk"],
            user_id=row["user_id"],
            submit_date=row["submit_date"],
            is_removed=row["is_removed"],
            level=level,
            before=markup_before(previous_level, level),
            body=render_comment_text(row["comment"]),
            anchor=f"c{row['pk']}",
            url=f"{url_prefix}{row['pk']}/",
            date_iso=date_iso,
            date_text=date_text,
            author_name=display_name(row),
            is_former_employee=not row["user__is_active"],
            is_hidden=row["is_removed"] and row["hiding__id"] is not None,
            # import_comments creates an authorless placeholder for each
            # parent missing from the data; imported comments have authors.
            is_missing_import=row["import_source__id"] is not None
            and row["user_id"] is None,
            edited_at=row["last_edited_at"],
            shown_below_parent=entry.depth <= max_level,
            is_orphan=entry.depth == 0 and entry.parent_id != entry.pk,
            reported_by_user=row["reported_by_user"],
        )
        parent = rows.get(entry.parent_id) if entry.parent_id != entry.pk else None
        if parent is not None:
            item.parent_anchor = f"c{parent['pk']}"
            item.parent_author_name = display_name(parent) or gettext(
                "a former employee"
            )
            item.parent_is_removed = parent["is_removed"]
        if is_moderator and row["open_report_count"]:
            item.open_reports = str(row["open_report_count"])
        item.can_edit = permissions.can_edit(item, user, now)
        item.can_delete = permissions.can_delete(item, user)
        item.can_report = permissions.can_report(item, user)
        items.append(vars(item))
        previous_level = level
    return items


def closing_markup(level: int) -> SafeString:
    return mark_safe(CLOSE_ITEM + CLOSE_REPLIES * level)  # noqa: S308


def markup_before(previous_level, level) -> SafeString:
    if previous_level is None:
        return SafeString("")
    if level > previous_level:
        return OPEN_REPLIES
    return closing_markup(previous_level - level)
