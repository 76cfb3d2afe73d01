"""Comment threads from django-comments-xtd, shaped for rendering."""

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django_comments_xtd.models import XtdComment


@dataclass
class CommentNode:
    comment: XtdComment
    children: list["CommentNode"] = field(default_factory=list)


def comments_for(target):
    """Return the published comments on `target`, in thread order."""
    return XtdComment.objects.filter(
        content_type=ContentType.objects.get_for_model(target),
        object_pk=str(target.pk),
        site_id=settings.SITE_ID,
        is_public=True,
    ).order_by("thread_id", "order")


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
