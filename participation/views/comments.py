"""Posting, replying to, editing, deleting and reporting comments."""

import functools
import logging
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit, urlunsplit

from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_comments import get_form
from django_comments.views.comments import post_comment as library_post_comment
from django_comments_xtd.models import MaxThreadLevelExceededException, XtdComment

from .. import permissions, services
from ..forms import MAX_COMMENT_ID, CommentTextForm, ReasonForm
from . import ActionRejected, posted, rejected_action

logger = logging.getLogger(__name__)

# The models whose pages take comments, as "app_label.model_name".
COMMENTABLE_MODELS = {"ideapages.ideapage", "news.newspage"}

# A post that repeats the user's own comment on the same target and parent
# within this time is a resend (a double click or a slow network), not a
# new comment.
DUPLICATE_WINDOW = timedelta(minutes=2)


class RejectedPost(Exception):
    """A comment post that cannot be saved, with the reason for the user.

    `code` names the reason in the log. The message can quote posted
    values, so it is shown to the user but never logged.
    """

    def __init__(self, message, target=None, *, code):
        super().__init__(message)
        self.message = message
        self.target = target
        self.code = code


def rejected_post(request, error: RejectedPost):
    """Return a 400 response with the reason and the typed text, so nothing is lost."""
    logger.warning(
        "comment post rejected user=%s target=%s reason=%s",
        request.user.pk,
        getattr(error.target, "pk", None),
        error.code,
    )
    return TemplateResponse(
        request,
        "participation/comment_rejected.html",
        {
            "message": error.message,
            "text": request.POST.get("comment", ""),
            "target": error.target,
        },
        status=400,
    )


def resolve_target(content_type, object_pk):
    """Return the live page that a comment post names; raise RejectedPost if none."""
    if not content_type or not object_pk:
        raise RejectedPost(
            _(
                "The comment does not say which page it belongs to. Go back to "
                "the idea and write your comment there."
            ),
            code="missing_target",
        )
    if content_type.lower() not in COMMENTABLE_MODELS:
        raise RejectedPost(
            _("Comments cannot be posted on %(type)s: only on ideas and news.")
            % {"type": Truncator(content_type).chars(60)},
            code="not_commentable",
        )
    model = apps.get_model(content_type.lower())
    pk_text = str(object_pk)
    # isdigit() also accepts digits such as "²" that int() rejects.
    if not (pk_text.isascii() and pk_text.isdigit()) or len(pk_text) > 18:
        raise RejectedPost(
            _("The page number %(pk)s is invalid.") % {"pk": object_pk},
            code="invalid_page_id",
        )
    target = model.objects.live().filter(pk=int(object_pk)).first()
    if target is None:
        raise RejectedPost(
            _("The page you comment on does not exist or is not published."),
            code="page_not_found",
        )
    return target


def resolve_parent(target, reply_to):
    """Return the comment that a reply responds to, or None for a new thread.

    Raises RejectedPost for a comment that is not on `target`, is removed,
    or is already at the deepest level replies may reach.
    """
    try:
        parent_id = int(reply_to or 0)
    except ValueError:
        raise RejectedPost(
            _("The comment you reply to (%(id)s) is invalid.") % {"id": reply_to},
            target,
            code="invalid_reply_to",
        ) from None
    if not parent_id:
        return None
    if not 0 < parent_id <= MAX_COMMENT_ID:
        raise RejectedPost(
            _("The comment you reply to does not exist on this page."),
            target,
            code="parent_not_found",
        )
    parent = (
        XtdComment.norel_objects.filter(
            pk=parent_id, object_pk=str(target.pk), is_public=True
        )
        .select_related("content_type")
        .first()
    )
    if parent is None or parent.content_type.model_class() is not type(target):
        raise RejectedPost(
            _("The comment you reply to does not exist on this page."),
            target,
            code="parent_not_found",
        )
    if parent.is_removed:
        raise RejectedPost(
            _("The comment you reply to has been removed. Write a new comment."),
            target,
            code="parent_removed",
        )
    if not parent.allow_thread():
        raise RejectedPost(
            _(
                "Replies cannot go deeper than %(levels)s levels. Reply to an "
                "earlier comment in the thread instead."
            )
            % {"levels": settings.COMMENTS_XTD_MAX_THREAD_LEVEL},
            target,
            code="too_deep",
        )
    return parent


def earlier_copy(user, target, parent, text):
    """Return `user`'s comment with the same text and place posted just now, or None.

    It locks the user's row first, so that on PostgreSQL two copies sent at
    the same time are checked one after the other (SQLite takes no row
    locks). Call it inside a transaction.
    """
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    comments = XtdComment.norel_objects.filter(
        user=user,
        content_type=ContentType.objects.get_for_model(target),
        object_pk=str(target.pk),
        site_id=settings.SITE_ID,
        comment=text.strip(),
        submit_date__gte=timezone.now() - DUPLICATE_WINDOW,
        is_removed=False,
    )
    if parent is None:
        # django-comments-xtd makes a top-level comment its own parent.
        comments = comments.filter(parent_id=F("pk"))
    else:
        comments = comments.filter(parent_id=parent.pk)
    return comments.order_by("pk").first()


def expired_form(request, target, parent):
    """Show the comment again in a fresh form after its form timed out."""
    form = get_form()(
        target,
        comment=parent,
        initial={"comment": request.POST.get("comment", "")},
    )
    messages.warning(
        request,
        _(
            "The form was open for more than two hours, so it was not sent. "
            "Check your text and send it again."
        ),
    )
    return TemplateResponse(
        request,
        "comments/preview.html",
        {
            "comment": request.POST.get("comment", ""),
            "form": form,
            "next": request.POST.get("next"),
        },
    )


@require_POST
def post_comment(request):
    """Post a comment or a reply through django-comments-xtd, after checks.

    The library returns an empty 400 for a forged or broken post and a
    server error for a reply that is too deep. This view rejects both
    first, with a message, and keeps the typed text on the page.
    """
    try:
        target = resolve_target(
            request.POST.get("content_type"), request.POST.get("object_pk")
        )
        form = get_form()(target, data=request.POST)
        security_errors = form.security_errors()
        if set(security_errors) - {"timestamp"}:
            raise RejectedPost(
                _(
                    "The comment form failed its security check: it was changed "
                    "or damaged on the way. Open the page again and send your "
                    "text from there."
                ),
                target,
                code="bad_security_hash",
            )
        parent = resolve_parent(target, request.POST.get("reply_to"))
        if security_errors:
            return expired_form(request, target, parent)
        with transaction.atomic():
            duplicate = earlier_copy(
                request.user, target, parent, request.POST.get("comment", "")
            )
            if duplicate is None:
                response = library_post_comment(request)
    except RejectedPost as error:
        return rejected_post(request, error)
    except MaxThreadLevelExceededException:
        return rejected_post(
            request,
            RejectedPost(
                _("The thread got too deep while you wrote."), target, code="too_deep"
            ),
        )
    if duplicate is not None:
        logger.info(
            "comment post repeated comment=%s user=%s", duplicate.pk, request.user.pk
        )
        messages.info(
            request,
            _("You had already sent this comment, so it is shown here only once."),
        )
        return redirect(comment_url(duplicate))
    return anchor_posted_comment(response)


def anchor_posted_comment(response):
    """Point the redirect after posting at the new comment."""
    if not isinstance(response, HttpResponseRedirect):
        return response
    parts = urlsplit(response["Location"])
    posted = parse_qs(parts.query).get("c", [""])[0]
    if posted.isdigit():
        response["Location"] = urlunsplit(parts._replace(fragment=f"c{posted}"))
    return response


def get_comment(pk, **filters):
    return get_object_or_404(
        XtdComment.norel_objects.select_related("user", "content_type"),
        pk=pk,
        is_public=True,
        site_id=settings.SITE_ID,
        **filters,
    )


class PageUnavailable(Http404):
    """The page that a comment is on is deleted or not published."""


def live_page_of(comment):
    """Return the page that `comment` is on; raise PageUnavailable unless live."""
    target = comment.content_object
    if target is None or not getattr(target, "live", False):
        raise PageUnavailable
    return target


def on_live_page(view):
    """Return a 404 page with the reason when the comment's page is not live.

    A refused action gets a 403 page with the reason from its ActionRejected.
    """

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except ActionRejected as error:
            return rejected_action(request, error)
        except PageUnavailable:
            return TemplateResponse(
                request,
                "404.html",
                {
                    "message": _(
                        "The page that the comment belongs to has been removed "
                        "or is no longer published."
                    )
                },
                status=404,
            )

    return wrapped


def comment_url(comment) -> str:
    return f"{live_page_of(comment).url}?comment={comment.pk}#c{comment.pk}"


@on_live_page
def show_comment(request, pk):
    """Redirect to the page and thread page that show the comment."""
    return redirect(comment_url(get_comment(pk)))


def comment_done(request):
    """Redirect the library's "comment posted" and similar pages to the comment.

    django-comments redirects a post without a `next` address to
    `posted/`, with the comment's id in `c`.
    """
    pk = request.GET.get("c", "")
    if not (pk.isascii() and pk.isdigit()) or not 0 < int(pk) <= MAX_COMMENT_ID:
        raise Http404("No comment id in the address.")
    return redirect("participation_comments:show", pk=int(pk))


def target_page(request, content_type_id, object_pk):
    """Redirect the library's link to a comment's page, if that page is live."""
    content_type = ContentType.objects.filter(pk=content_type_id).first()
    model = content_type.model_class() if content_type else None
    if model is None or model._meta.label_lower not in COMMENTABLE_MODELS:
        raise Http404("Comments are only on ideas and news.")
    return redirect(get_object_or_404(model.objects.live(), pk=object_pk).url)


@on_live_page
def reply(request, pk):
    """Show the reply form for a comment.

    A comment at the deepest level that replies may reach gets its reply
    placed beside it, under the nearest earlier comment that can take one.
    """
    comment = get_comment(pk)
    target = live_page_of(comment)
    if comment.is_removed:
        messages.error(request, _("The comment has been removed and takes no replies."))
        return redirect(comment_url(comment))
    reply_target = comment
    while reply_target is not None and not reply_target.allow_thread():
        reply_target = XtdComment.norel_objects.filter(
            pk=reply_target.parent_id, is_public=True
        ).first()
    if reply_target is None:
        # A deep comment whose parent row was deleted has no place for a reply.
        messages.error(
            request, _("This comment takes no replies. Write a new comment instead.")
        )
        return redirect(comment_url(comment))
    return TemplateResponse(
        request,
        "django_comments_xtd/reply.html",
        {
            "comment": comment,
            "reply_target": reply_target,
            "form": get_form()(target, comment=reply_target),
            "next": target.url,
        },
    )


def check_author(comment, user, action: str) -> None:
    """Raise ActionRejected, with the reason, unless `user` may edit or delete it."""
    if comment.is_removed:
        if action == "delete":
            raise ActionRejected(_("The comment is already removed."))
        raise ActionRejected(_("The comment is removed and can no longer be edited."))
    if not permissions.is_author(comment, user):
        if action == "delete":
            raise ActionRejected(
                _(
                    "Only the person who wrote the comment can delete it. If it "
                    "breaks the rules, report it."
                )
            )
        raise ActionRejected(_("Only the person who wrote the comment can edit it."))


def check_reportable(comment, user) -> None:
    """Raise ActionRejected, with the reason, unless `user` may report it."""
    if permissions.is_author(comment, user):
        raise ActionRejected(
            _(
                "You cannot report your own comment. You can edit it for a while "
                "after posting, or delete it."
            )
        )
    if comment.is_removed:
        raise ActionRejected(
            _("The comment is removed, so there is nothing left to report.")
        )


@on_live_page
def edit(request, pk):
    comment = get_comment(pk)
    live_page_of(comment)
    check_author(comment, request.user, "edit")
    if not permissions.can_edit(comment, request.user):
        messages.error(
            request,
            _(
                "A comment can be edited for %(minutes)s minutes after posting. "
                "Write a new comment, or delete this one."
            )
            % {"minutes": settings.COMMENT_EDIT_MINUTES},
        )
        return redirect(comment_url(comment))

    form = CommentTextForm(posted(request), initial={"comment": comment.comment})
    if request.method == "POST" and form.is_valid():
        if services.edit_comment(comment, form.cleaned_data["comment"]):
            messages.success(request, _("Your comment is updated."))
        return redirect(comment_url(comment))
    return TemplateResponse(
        request,
        "participation/comment_edit.html",
        {"comment": comment, "form": form, "back_url": comment_url(comment)},
    )


@on_live_page
def delete(request, pk):
    comment = get_comment(pk)
    live_page_of(comment)
    check_author(comment, request.user, "delete")
    if request.method == "POST":
        services.delete_comment(comment, request.user)
        messages.success(request, _("Your comment is deleted."))
        return redirect(comment_url(comment))
    return TemplateResponse(
        request,
        "participation/comment_delete.html",
        {"comment": comment, "back_url": comment_url(comment)},
    )


@on_live_page
def report(request, pk):
    comment = get_comment(pk)
    live_page_of(comment)
    check_reportable(comment, request.user)
    form = ReasonForm(
        posted(request),
        help_text=_("Say which rule the comment breaks. Only moderators read it."),
    )
    if request.method == "POST" and form.is_valid():
        if services.report_comment(comment, request.user, form.cleaned_data["reason"]):
            messages.success(
                request,
                _("Thank you. An idea ambassador will look at the comment."),
            )
        else:
            messages.info(request, _("You have already reported this comment."))
        return redirect(comment_url(comment))
    return TemplateResponse(
        request,
        "participation/comment_report.html",
        {"comment": comment, "form": form, "back_url": comment_url(comment)},
    )
