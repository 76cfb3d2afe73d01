"""Support, follow and attachments of an idea, and the list of followed ideas."""

import logging

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ideapages.models import IdeaPage

from .. import permissions, services
from ..forms import AttachmentForm, ReasonForm
from ..models import Attachment
from . import ActionRejected, posted, rejected_action

logger = logging.getLogger(__name__)


def get_idea(idea_id):
    return get_object_or_404(IdeaPage.objects.live(), pk=idea_id)


@require_POST
def support(request, idea_id):
    idea = get_idea(idea_id)
    if permissions.is_giver(idea, request.user):
        messages.error(request, _("You cannot support your own idea."))
    elif services.add_support(idea, request.user):
        messages.success(request, _("You support the idea."))
    else:
        messages.info(request, _("You already support the idea."))
    return redirect(idea.url)


@require_POST
def withdraw_support(request, idea_id):
    idea = get_idea(idea_id)
    if services.withdraw_support(idea, request.user):
        messages.success(request, _("Your support is withdrawn."))
    return redirect(idea.url)


@require_POST
def follow(request, idea_id):
    idea = get_idea(idea_id)
    services.set_following(idea, request.user, True)
    messages.success(
        request,
        _("You follow the idea and are told of new comments and status changes."),
    )
    return redirect(idea.url)


def unfollow(request, idea_id):
    """Stop following with one click (a POST), or show that button on a GET.

    The link in notification e-mails makes a GET, so that a mail scanner
    that follows links does not end a follow.
    """
    idea = get_idea(idea_id)
    if request.method == "POST":
        services.set_following(idea, request.user, False)
        messages.success(request, _("You no longer follow the idea."))
        if request.POST.get("next") == "followed":
            return redirect("participation:followed")
        return redirect(idea.url)
    return TemplateResponse(request, "participation/unfollow.html", {"idea": idea})


def followed_ideas(request):
    """List the ideas the signed-in user follows, newest first."""
    ideas = IdeaPage.objects.for_listing().filter(
        follows__user=request.user, follows__is_following=True
    )
    page = Paginator(ideas, settings.IDEAS_PER_PAGE).get_page(request.GET.get("page"))
    return TemplateResponse(
        request, "participation/followed_ideas.html", {"ideas": page}
    )


def upload_attachment(request, idea_id):
    idea = get_idea(idea_id)
    if not permissions.is_giver(idea, request.user):
        return rejected_action(
            request,
            ActionRejected(_("Only the idea's giver can attach files to it.")),
        )
    form = AttachmentForm(posted(request), request.FILES or None)
    if request.method == "POST" and form.is_valid():
        attachment = services.add_attachment(
            idea, request.user, form.cleaned_data["file"], form.checked
        )
        if attachment is None:
            form.add_error(
                "file",
                _("An idea can have at most %(count)s attachments. Remove one first.")
                % {"count": settings.ATTACHMENTS_PER_IDEA},
            )
        else:
            messages.success(
                request,
                _("%(name)s is attached.") % {"name": attachment.original_name},
            )
            return redirect(f"{idea.url}#attachments")
    if request.method == "POST":
        logger.info(
            "attachment rejected idea=%s user=%s errors=%s",
            idea.pk,
            request.user.pk,
            ",".join(
                error.code or "" for error in form.errors.as_data().get("file", [])
            ),
        )
    return TemplateResponse(
        request,
        "participation/attachment_form.html",
        {"idea": idea, "form": form},
    )


def remove_attachment(request, pk):
    """Remove an attachment: the giver with one POST, a moderator with a reason.

    A moderator removing someone else's attachment gets a form on a GET and
    must give a reason, which the giver is sent on the site and by e-mail.
    """
    attachment = get_object_or_404(Attachment.objects.select_related("idea"), pk=pk)
    if not permissions.can_remove_attachment(attachment, request.user):
        return rejected_action(
            request,
            ActionRejected(
                _(
                    "Only the idea's giver, idea ambassadors and the innovation "
                    "group can remove an attachment."
                )
            ),
        )
    idea = attachment.idea
    if permissions.removes_as_moderator(attachment, request.user):
        return remove_attachment_as_moderator(request, attachment)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    services.remove_attachment(attachment, request.user)
    messages.success(request, _("The attachment is removed."))
    return redirect(f"{idea.url}#attachments")


def remove_attachment_as_moderator(request, attachment):
    idea = attachment.idea
    form = ReasonForm(
        posted(request),
        help_text=_(
            "Say why the file is removed, for example that it contains personal "
            "data. The idea giver is sent the reason."
        ),
    )
    if request.method == "POST" and form.is_valid():
        services.remove_attachment_as_moderator(
            attachment, request.user, form.cleaned_data["reason"]
        )
        messages.success(
            request,
            _("The attachment is removed and the idea giver is told why."),
        )
        return redirect(f"{idea.url}#attachments")
    return TemplateResponse(
        request,
        "participation/attachment_remove.html",
        {"idea": idea, "attachment": attachment, "form": form},
    )


def download_attachment(request, pk):
    """Send an attachment with headers that keep a browser from running it.

    Images are shown inline; everything else downloads. The login
    middleware has already turned anonymous requests away.
    """
    attachment = get_object_or_404(Attachment, pk=pk, idea__live=True)
    try:
        handle = attachment.file.open("rb")
    except (FileNotFoundError, OSError) as error:
        logger.error("attachment file missing attachment=%s", attachment.pk)
        raise Http404("The file is missing.") from error
    response = FileResponse(
        handle,
        as_attachment=not attachment.is_image,
        filename=attachment.download_name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, max-age=3600"
    return response
