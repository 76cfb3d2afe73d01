from django import template

from ideapages.status import IdeaStatus

from ..models import ProcessAction
from ..overview import idea_overview

register = template.Library()


@register.simple_tag(takes_context=True)
def idea_process(context, idea):
    """Return the idea's process as the reader sees it, built once per request."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None:
        return None
    cache = request.__dict__.setdefault("_idea_process_overviews", {})
    if idea.pk not in cache:
        cache[idea.pk] = idea_overview(idea, user)
    return cache[idea.pk]


@register.simple_tag
def action_form(form, task_state):
    """Return `form` with its state when it was posted, else a fresh one for the state.

    Wagtail's modal view builds an action form from nothing; this gives it
    the hidden step fields and the initial values of the idea's records.
    """
    if form is None or form.is_bound:
        return form
    return form.__class__(task_state=task_state.specific)


@register.filter
def idea_status_label(code):
    try:
        return IdeaStatus(code).label
    except ValueError:
        return code


@register.filter
def process_action_label(code):
    try:
        return ProcessAction(code).label
    except ValueError:
        return code
