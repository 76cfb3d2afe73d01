"""Comment threads from django-comments-xtd, shaped and paged for rendering.

A thread page is built from two queries whatever the thread's length: one
for the outline of the whole thread (ids and parent links only) and one for
the full comments of the page shown. Whole top-level threads stay on one
page, so a reply is always shown below its parent.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django_comments_xtd.models import XtdComment

from .comment_items import build_items, closing_markup
from .text import render_comment_text  # noqa: F401 - part of this module's API

# Markup between two comments in the flat rendering of a nested thread:
# each item closes what the previous one left open.
OPEN_REPLIES = mark_safe('<ol class="comment-thread">')
CLOSE_ITEM = mark_safe("</li>")
CLOSE_REPLIES = mark_safe("</ol></li>")


OUTLINE_CACHE_SECONDS = 10 * 60


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


class OutlineEntry(NamedTuple):
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
class ThreadPage:
    """One page of the comment thread on a target."""

    items: list
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


def outline_cache_key(content_type_id, object_pk) -> str:
    return f"participation:outline:{content_type_id}:{object_pk}"


def outline_rows(target) -> list[tuple[int, int, bool]]:
    """Return (pk, parent_id, is_removed) of every comment on `target`, cached.

    The cache entry is deleted whenever a comment on `target` is saved or
    deleted (see participation.signals) and after an import; the timeout
    bounds the life of an entry that a change outside Django left stale.
    A page's translation key is part of the value, so that a page created
    with the id of a deleted one never sees the old page's comments.
    """
    content_type = ContentType.objects.get_for_model(target)
    key = outline_cache_key(content_type.pk, target.pk)
    identity = str(getattr(target, "translation_key", ""))
    cached = cache.get(key)
    if cached is not None and cached[0] == identity:
        return cached[1]
    rows = list(comments_for(target).values_list("pk", "parent_id", "is_removed"))
    cache.set(key, (identity, rows), OUTLINE_CACHE_SECONDS)
    return rows


def forget_outline(content_type_id, object_pk) -> None:
    cache.delete(outline_cache_key(content_type_id, object_pk))


def comment_thread_page(target, user, requested_page=None, comment_id=None):
    """Return the page of `target`'s comment thread for `user` to read.

    The number of queries does not grow with the number of comments.
    The thread's outline comes from the cache when it is there, so a long
    thread costs the rendering of one page of comments.
    """
    threads = outline_threads(outline_rows(target))
    comment_count = sum(
        1 for thread in threads for entry in thread if not entry.is_removed
    )
    pages = paginate_threads(threads, settings.COMMENTS_PER_PAGE)
    number = page_number_for(pages, requested_page, comment_id)
    entries = pages[number - 1] if pages else []

    items = build_items(entries, user, comment_url_prefix())
    return ThreadPage(
        items=items,
        after=closing_markup(items[-1]["level"]) if items else SafeString(""),
        number=number,
        page_count=len(pages),
        comment_count=comment_count,
    )


def comment_url_prefix() -> str:
    """Return the path that a comment's id and an action name follow.

    Building "<prefix><id>/<action>/" directly is much faster than a
    reverse() per comment and action on a long thread.
    """
    return reverse("participation_comments:post").removesuffix("post/")
