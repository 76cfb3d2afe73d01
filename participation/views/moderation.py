"""The moderation queue: reported comments, hiding with a reason, restoring."""

from collections import OrderedDict

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Page

from .. import permissions, services
from ..forms import ReasonForm
from ..models import CommentHiding, CommentReport
from . import ActionRejected, posted, rejected_action
from .comments import PageUnavailable, comment_url, get_comment

QUEUE_PAGE_SIZE = 20
RECENTLY_HIDDEN = 20


def moderator_required(view):
    def wrapped(request, *args, **kwargs):
        if not permissions.can_moderate(request.user):
            return rejected_action(
                request,
                ActionRejected(
                    _(
                        "Only idea ambassadors and the innovation group can "
                        "moderate comments. To point out a comment that breaks "
                        "the rules, report it."
                    )
                ),
            )
        return view(request, *args, **kwargs)

    wrapped.__doc__ = view.__doc__
    wrapped.__name__ = view.__name__
    return wrapped


def attach_pages(comments) -> None:
    """Set `page` on each comment with one query for all their pages."""
    page_ids = {int(c.object_pk) for c in comments if c.object_pk.isdigit()}
    pages = Page.objects.in_bulk(page_ids)
    for comment in comments:
        page = (
            pages.get(int(comment.object_pk)) if comment.object_pk.isdigit() else None
        )
        comment.page = page
        comment.link = f"{page.url}?comment={comment.pk}#c{comment.pk}" if page else ""


@moderator_required
def queue(request):
    """List the comments with open reports, oldest report first."""
    reports = (
        CommentReport.objects.open()
        .select_related("comment__user", "reporter")
        .order_by("created_at", "pk")
    )
    grouped: OrderedDict[int, dict] = OrderedDict()
    for report in reports:
        entry = grouped.setdefault(
            report.comment_id, {"comment": report.comment, "reports": []}
        )
        entry["reports"].append(report)
    page = Paginator(list(grouped.values()), QUEUE_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    hidden = list(
        CommentHiding.objects.select_related("comment__user", "moderator").order_by(
            "-hidden_at"
        )[:RECENTLY_HIDDEN]
    )
    attach_pages([entry["comment"] for entry in page] + [h.comment for h in hidden])
    return TemplateResponse(
        request,
        "participation/moderation_queue.html",
        {"entries": page, "hidden": hidden},
    )


@moderator_required
def hide(request, pk):
    """Hide a comment with a reason that its author is sent."""
    comment = get_comment(pk)
    if comment.is_removed:
        messages.info(request, _("The comment is already removed."))
        return redirect("participation_comments:queue")
    form = ReasonForm(
        posted(request),
        help_text=_(
            "The author gets this reason with the notice that the comment is hidden."
        ),
    )
    if request.method == "POST" and form.is_valid():
        services.hide_comment(
            comment, request.user, form.cleaned_data["reason"], comment.content_object
        )
        messages.success(
            request, _("The comment is hidden and its author is told why.")
        )
        return redirect("participation_comments:queue")
    try:
        back_url = comment_url(comment)
    except PageUnavailable:
        # A comment on a removed or unpublished page can still be hidden.
        back_url = reverse("participation_comments:queue")
    return TemplateResponse(
        request,
        "participation/comment_hide.html",
        {
            "comment": comment,
            "form": form,
            "reports": comment.reports.open().select_related("reporter"),
            "back_url": back_url,
        },
    )


@require_POST
@moderator_required
def restore(request, pk):
    comment = get_comment(pk, hiding__isnull=False)
    services.restore_comment(comment, request.user)
    messages.success(request, _("The comment is shown again."))
    return redirect("participation_comments:queue")


@require_POST
@moderator_required
def dismiss(request, pk):
    """Close the open reports on a comment and leave it shown."""
    comment = get_comment(pk)
    services.dismiss_reports(comment, request.user)
    messages.success(request, _("The reports are closed and the comment stays."))
    return redirect("participation_comments:queue")
