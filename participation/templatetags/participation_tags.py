from django import template
from django.db.models import Exists, Subquery
from django.utils.http import url_has_allowed_host_and_scheme
from django_comments import get_form

from ideapages.models import IdeaPage
from ideapages.status import IdeaStatus
from participation import permissions
from participation.comments import comment_thread_page
from participation.models import Attachment, Follow, Support
from participation.text import render_comment_text

register = template.Library()


def _comment_id(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@register.inclusion_tag(
    "participation/includes/comment_section.html", takes_context=True
)
def comment_section(context, target):
    """Render one page of the comment thread on `target`, with the comment form.

    `?comment_page=N` picks the page; `?comment=ID` (or `?c=ID` right after
    posting) picks the page that holds that comment.
    """
    request = context["request"]
    posted_id = _comment_id(request.GET.get("c"))
    shown_id = posted_id or _comment_id(request.GET.get("comment"))
    return {
        "request": request,
        "user": request.user,
        "target": target,
        "thread": comment_thread_page(
            target, request.user, request.GET.get("comment_page"), shown_id
        ),
        "posted": posted_id is not None,
        "form": get_form()(target),
        "next_url": request.path,
        "is_moderator": permissions.can_moderate(request.user),
    }


@register.inclusion_tag("participation/includes/idea_actions.html", takes_context=True)
def idea_actions(context, idea):
    """Render the support and follow buttons of `idea` for the signed-in user.

    The idea page shows the support count itself, from `IdeaPage.get_context`.
    """
    request = context["request"]
    user = request.user
    has_supported, follow_choice = participation_state(idea, user)
    return {
        "request": request,
        "idea": idea,
        "has_supported": has_supported,
        "is_giver": permissions.is_giver(idea, user),
        "is_following": (
            permissions.is_giver(idea, user) if follow_choice is None else follow_choice
        ),
    }


def participation_state(idea, user) -> tuple[bool, bool | None]:
    """Return whether `user` supports `idea` and their follow choice, in one query.

    The follow choice is None when they never chose; the giver then
    follows their own idea and everyone else does not.
    """
    state = (
        IdeaPage.objects.filter(pk=idea.pk)
        .values(
            has_supported=Exists(Support.objects.filter(idea=idea.pk, user=user.pk)),
            follow_choice=Subquery(
                Follow.objects.filter(idea=idea.pk, user=user.pk).values(
                    "is_following"
                )[:1]
            ),
        )
        .first()
    )
    return state["has_supported"], state["follow_choice"]


@register.inclusion_tag(
    "participation/includes/idea_attachments.html", takes_context=True
)
def idea_attachments(context, idea):
    """Render the idea's attachments, and the upload form for its giver."""
    from participation.forms import AttachmentForm

    request = context["request"]
    is_giver = permissions.is_giver(idea, request.user)
    return {
        "request": request,
        "idea": idea,
        "attachments": list(Attachment.objects.filter(idea=idea)),
        "is_giver": is_giver,
        # A moderator removes someone else's file through a form with a reason.
        "removes_with_reason": not is_giver and permissions.can_moderate(request.user),
        "form": AttachmentForm() if is_giver else None,
    }


@register.filter
def status_label(value) -> str:
    """Return the label of an idea status code, in the active language."""
    try:
        return IdeaStatus(value).label
    except ValueError:
        return str(value)


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


@register.filter
def comment_html(text) -> str:
    """Return a comment's plain text as escaped HTML with links and line breaks."""
    return render_comment_text(str(text))
