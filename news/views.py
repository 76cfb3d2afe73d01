"""Turning an idea that reaches implementation into a news page draft."""

import logging

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from ideapages.models import IdeaPage
from workflows.overview import is_communicator

from .models import (
    NewsIndexPage,
    NewsPage,
    idea_reached_implementation,
    not_reached_message,
)

logger = logging.getLogger(__name__)

INTRO_MAX_LENGTH = NewsPage._meta.get_field("intro").max_length


def news_index_for(user):
    """Return the news list if `user` may add news pages to it, else raise."""
    index = NewsIndexPage.objects.live().first()
    if index is None or not index.permissions_for_user(user).can_add_subpage():
        raise PermissionDenied
    return index


def news_from_idea(request, idea_id):
    """Offer, then create, a draft news page about an idea, linked to it.

    Only communicators may, and only about an idea that is being
    implemented or later; others are sent to the dashboard with the reason.
    An idea that already has a news page leads to that page instead, so a
    second click or a second communicator does not make a duplicate.
    """
    idea = get_object_or_404(IdeaPage, pk=idea_id)
    if not is_communicator(request.user):
        messages.error(request, _("Only communicators write news about ideas."))
        return redirect("wagtailadmin_home")
    index = news_index_for(request.user)
    existing = NewsPage.objects.filter(idea=idea).order_by("pk").first()
    if existing is not None:
        messages.info(request, _("This idea already has a news page; here it is."))
        return redirect("wagtailadmin_pages:edit", existing.pk)
    if not idea_reached_implementation(idea):
        logger.info(
            "news draft rejected idea=%s status=%s user=%s",
            idea.pk,
            idea.status,
            request.user.pk,
        )
        messages.error(request, not_reached_message(idea))
        return redirect("wagtailadmin_home")
    if request.method != "POST":
        return TemplateResponse(
            request, "news/admin/news_from_idea.html", {"idea": idea}
        )

    news = NewsPage(
        title=idea.title,
        intro=idea.summary[:INTRO_MAX_LENGTH],
        idea=idea,
        live=False,
        owner=request.user,
    )
    index.add_child(instance=news)
    news.save_revision(user=request.user, log_action=True)
    logger.info(
        "news draft created news=%s idea=%s user=%s", news.pk, idea.pk, request.user.pk
    )
    messages.success(
        request,
        _("A draft news page about the idea is ready. Write it and publish it."),
    )
    return redirect("wagtailadmin_pages:edit", news.pk)
