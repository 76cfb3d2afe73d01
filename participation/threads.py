"""Thread fields of django-comments-xtd, computed for comments saved in bulk.

django-comments-xtd fills `thread_id`, `level`, `order` and `nested_count`
one comment at a time in `XtdComment.save`, which also refuses replies past
COMMENTS_XTD_MAX_THREAD_LEVEL. Imported threads are deeper than that and
are saved with `bulk_create`, so their fields are computed here from the
parent links alone.
"""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django_comments_xtd.models import XtdComment

from .comments import forget_outline

THREAD_FIELDS = ["thread_id", "level", "order", "nested_count"]


def renumber_threads(target) -> int:
    """Recompute the thread fields of every comment on `target`.

    Siblings are ordered by date, then by id. A comment whose parent is
    not on `target` becomes the top of its own thread. Returns the number
    of comments whose fields changed.
    """
    comments = list(
        XtdComment.norel_objects.filter(
            content_type=ContentType.objects.get_for_model(target),
            object_pk=str(target.pk),
        ).order_by("submit_date", "pk")
    )
    by_pk = {comment.pk: comment for comment in comments}
    children = defaultdict(list)
    roots = []
    for comment in comments:
        if comment.parent_id != comment.pk and comment.parent_id in by_pk:
            children[comment.parent_id].append(comment)
        else:
            roots.append(comment)

    changed = []
    for root in roots:
        changed.extend(number_thread(root, children))
    XtdComment.norel_objects.bulk_update(changed, THREAD_FIELDS, batch_size=500)
    content_type = ContentType.objects.get_for_model(target)
    forget_outline(content_type.pk, target.pk)
    return len(changed)


def number_thread(root, children) -> list:
    """Set the thread fields below `root`; return the comments that changed."""
    ordered = []
    stack = [(root, 0)]
    while stack:
        comment, level = stack.pop()
        ordered.append((comment, level))
        stack.extend((child, level + 1) for child in reversed(children[comment.pk]))

    descendants = defaultdict(int)
    changed = []
    for position, (comment, level) in enumerate(ordered, start=1):
        new_values = {"thread_id": root.pk, "level": level, "order": position}
        for field, value in new_values.items():
            if getattr(comment, field) != value:
                setattr(comment, field, value)
                changed.append(comment)
    for comment, _level in reversed(ordered):
        count = descendants[comment.pk]
        if comment.parent_id != comment.pk:
            descendants[comment.parent_id] += count + 1
        if comment.nested_count != count:
            comment.nested_count = count
            changed.append(comment)
    return list({id(comment): comment for comment in changed}.values())
