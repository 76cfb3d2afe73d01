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
def error_anchor(bound_field) -> str:
    """Return the id of the input that a link to `bound_field`'s errors should reach.

    A radio group has no single label target, so the link goes to its first
    option. A widget of several inputs names its first through `first_input_id`.
    """
    first_input_id = getattr(bound_field.field.widget, "first_input_id", None)
    if first_input_id is not None:
        return first_input_id(bound_field.auto_id)
    if bound_field.id_for_label:
        return bound_field.id_for_label
    subwidgets = bound_field.subwidgets
    return subwidgets[0].id_for_label if subwidgets else bound_field.auto_id


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
