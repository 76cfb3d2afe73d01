from django import template
from django.utils.http import url_has_allowed_host_and_scheme
from django_comments import get_form

from participation.comments import build_comment_tree, comments_for

register = template.Library()


@register.inclusion_tag(
    "participation/includes/comment_section.html", takes_context=True
)
def comment_section(context, target):
    """Render the comment thread on `target` with the form for a new comment."""
    comments = list(comments_for(target))
    return {
        "request": context["request"],
        "user": context["request"].user,
        "target": target,
        "comment_count": sum(1 for comment in comments if not comment.is_removed),
        "comment_tree": build_comment_tree(comments),
        "form": get_form()(target),
        "next_url": context["request"].path,
    }


@register.filter
def local_url(value) -> str:
    """Return `value` if it is a path on this site, else an empty string.

    Guards links built from a `next` parameter that a user could alter, such
    as `javascript:` or another host.
    """
    value = str(value or "")
    if value.startswith("/") and url_has_allowed_host_and_scheme(
        value, allowed_hosts=None
    ):
        return value
    return ""
