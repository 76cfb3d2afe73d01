"""Comment threads from django-comments-xtd, shaped and paged for rendering.

A thread page is built from two queries whatever the thread's length: one
for the outline of the whole thread (ids and parent links only) and one for
the full comments of the page shown. Whole top-level threads stay on one
page, so a reply is always shown below its parent.
"""

import zlib
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import OuterRef, Subquery
from django.utils.html import linebreaks, urlize
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from django_comments_xtd.models import XtdComment

from . import permissions
from .models import CommentEdit, CommentReport

# Markup between two comments in the flat rendering of a nested thread:
# each item closes what the previous one left open.
OPEN_REPLIES = mark_safe('<ol class="comment-thread">')
CLOSE_ITEM = mark_safe("</li>")
CLOSE_REPLIES = mark_safe("</ol></li>")

BODY_CACHE_SECONDS = 24 * 60 * 60


@dataclass
class CommentNode:
    comment: XtdComment
    children: list["CommentNode"] = field(default_factory=list)


def comments_for(target):
    """Return the published comments on `target`, in thread order."""
    return XtdComment.norel_objects.filter(
        content_type=ContentType.objects.get_for_model(target),
        object_pk=str(target.pk),
        site_id=settings.SITE_ID,
        is_public=True,
    ).order_by("thread_id", "order", "pk")


def build_comment_tree(comments) -> list[CommentNode]:
    """Nest comments, given in thread order, under their parents.

    A comment whose parent is missing from `comments` starts a thread of
    its own rather than disappearing.
    """
    nodes: dict[int, CommentNode] = {}
    roots: list[CommentNode] = []
    for comment in comments:
        node = CommentNode(comment)
        nodes[comment.pk] = node
        parent = nodes.get(comment.parent_id)
        if parent is None or comment.parent_id == comment.pk:
            roots.append(node)
        else:
            parent.children.append(node)
    return roots


def render_comment_text(text: str) -> SafeString:
    """Return a comment's plain text as HTML: escaped, links and line breaks kept."""
    return mark_safe(  # noqa: S308 - urlize escapes everything that is not a link.
        linebreaks(urlize(text, nofollow=True, autoescape=True), autoescape=False)
    )


def rendered_bodies(comments) -> dict[int, SafeString]:
    """Return the HTML of each comment's text, from the cache where it is there.

    The key holds a checksum of the text, so an edit never shows stale HTML.
    """
    keys = {
        comment.pk: f"participation:body:{comment.pk}:"
        f"{zlib.crc32(comment.comment.encode())}"
        for comment in comments
    }
    cached = cache.get_many(keys.values())
    bodies, missing = {}, {}
    for comment in comments:
        key = keys[comment.pk]
        if key in cached:
            bodies[comment.pk] = mark_safe(cached[key])  # noqa: S308
        else:
            bodies[comment.pk] = missing[key] = render_comment_text(comment.comment)
    if missing:
        cache.set_many(
            {key: str(html) for key, html in missing.items()}, BODY_CACHE_SECONDS
        )
    return bodies


@dataclass
class OutlineEntry:
    pk: int
    parent_id: int
    depth: int
    is_removed: bool


def outline_threads(rows) -> list[list[OutlineEntry]]:
    """Return each top-level thread as its comments in reading order.

    `rows` are (pk, parent_id, is_removed) in thread order. A comment whose
    parent is not among them, because that row was deleted or is not
    public, becomes a top-level thread of its own.
    """
    children: dict[int, list] = defaultdict(list)
    roots = []
    seen = set()
    for row in rows:
        pk, parent_id, _is_removed = row
        if parent_id in seen and parent_id != pk:
            children[parent_id].append(row)
        else:
            roots.append(row)
        seen.add(pk)

    threads = []
    for root in roots:
        thread, stack = [], [(root, 0)]
        while stack:
            (pk, parent_id, is_removed), depth = stack.pop()
            thread.append(OutlineEntry(pk, parent_id, depth, is_removed))
            stack.extend((child, depth + 1) for child in reversed(children[pk]))
        threads.append(thread)
    return threads


def paginate_threads(threads, per_page: int) -> list[list[OutlineEntry]]:
    """Group top-level threads into pages of about `per_page` comments.

    A thread is never split: one longer than `per_page` fills a page alone.
    """
    pages, current = [], []
    for thread in threads:
        if current and len(current) + len(thread) > per_page:
            pages.append(current)
            current = []
        current.extend(thread)
    if current:
        pages.append(current)
    return pages


@dataclass
class CommentItem:
    """One comment as the thread template shows it."""

    comment: XtdComment
    level: int
    before: SafeString
    body: SafeString = SafeString("")
    parent: XtdComment | None = None
    shown_below_parent: bool = True
    is_orphan: bool = False
    parent_author_name: str = ""
    author_name: str = ""
    is_former_employee: bool = False
    is_hidden: bool = False
    edited_at: object = None
    can_edit: bool = False
    can_delete: bool = False
    can_report: bool = False
    reported_by_user: bool = False
    open_reports: int = 0


@dataclass
class ThreadPage:
    """One page of the comment thread on a target."""

    items: list[CommentItem]
    after: SafeString
    number: int
    page_count: int
    comment_count: int

    @property
    def has_previous(self):
        return self.number > 1

    @property
    def has_next(self):
        return self.number < self.page_count

    @property
    def previous_number(self):
        return self.number - 1

    @property
    def next_number(self):
        return self.number + 1


def page_number_for(pages, requested_page, comment_id) -> int:
    """Return the 1-based page holding `comment_id`, else the page asked for."""
    if comment_id is not None:
        for number, page in enumerate(pages, start=1):
            if any(entry.pk == comment_id for entry in page):
                return number
    try:
        number = int(requested_page)
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), max(len(pages), 1))


def comment_thread_page(target, user, requested_page=None, comment_id=None):
    """Return the page of `target`'s comment thread for `user` to read.

    The number of queries does not grow with the number of comments.
    """
    rows = comments_for(target).values_list("pk", "parent_id", "is_removed")
    threads = outline_threads(rows)
    comment_count = sum(
        1 for thread in threads for entry in thread if not entry.is_removed
    )
    pages = paginate_threads(threads, settings.COMMENTS_PER_PAGE)
    number = page_number_for(pages, requested_page, comment_id)
    entries = pages[number - 1] if pages else []

    items = build_items(entries, user)
    return ThreadPage(
        items=items,
        after=closing_markup(items[-1].level) if items else SafeString(""),
        number=number,
        page_count=len(pages),
        comment_count=comment_count,
    )


def load_comments(ids):
    last_edit = CommentEdit.objects.filter(comment=OuterRef("pk")).order_by(
        "-edited_at"
    )
    comments = (
        XtdComment.norel_objects.filter(pk__in=ids)
        .select_related("user", "hiding")
        .annotate(last_edited_at=Subquery(last_edit.values("edited_at")[:1]))
    )
    return {comment.pk: comment for comment in comments}


def closing_markup(level: int) -> SafeString:
    return mark_safe(CLOSE_ITEM + CLOSE_REPLIES * level)  # noqa: S308


def build_items(entries, user) -> list[CommentItem]:
    if not entries:
        return []
    comments = load_comments([entry.pk for entry in entries])
    reports = CommentReport.objects.open().filter(comment_id__in=comments)
    report_counts: dict[int, int] = defaultdict(int)
    reported_by_user = set()
    for comment_id, reporter_id in reports.values_list("comment_id", "reporter_id"):
        report_counts[comment_id] += 1
        if reporter_id == user.pk:
            reported_by_user.add(comment_id)
    bodies = rendered_bodies(list(comments.values()))
    is_moderator = permissions.can_moderate(user)

    items, previous_level = [], None
    max_level = settings.COMMENT_MAX_SHOWN_LEVEL
    for entry in entries:
        comment = comments.get(entry.pk)
        if comment is None:
            # Deleted between the two queries: its replies still show.
            continue
        level = min(entry.depth, max_level)
        item = CommentItem(
            comment=comment,
            level=level,
            before=markup_before(previous_level, level),
            body=bodies[comment.pk],
            parent=comments.get(entry.parent_id)
            if entry.parent_id != entry.pk
            else None,
            shown_below_parent=entry.depth <= max_level,
            is_orphan=entry.depth == 0 and entry.parent_id != entry.pk,
            edited_at=comment.last_edited_at,
            reported_by_user=comment.pk in reported_by_user,
            open_reports=report_counts[comment.pk] if is_moderator else 0,
        )
        describe_author(item)
        if item.parent is not None:
            item.parent_author_name = author_name(item.parent)
        item.is_hidden = comment.is_removed and hasattr(comment, "hiding")
        item.can_edit = permissions.can_edit(comment, user)
        item.can_delete = permissions.can_delete(comment, user)
        item.can_report = permissions.can_report(comment, user)
        items.append(item)
        previous_level = level
    return items


def author_name(comment) -> str:
    if comment.user is None:
        return gettext("a former employee")
    return comment.user.get_display_name()


def describe_author(item: CommentItem) -> None:
    user = item.comment.user
    if user is None:
        item.is_former_employee = True
        return
    item.author_name = user.get_display_name()
    item.is_former_employee = not user.is_active


def markup_before(previous_level, level) -> SafeString:
    if previous_level is None:
        return SafeString("")
    if level > previous_level:
        return OPEN_REPLIES
    return closing_markup(previous_level - level)
