"""Ideas in Wagtail's admin: the classification lists, the editor's guards, copies."""

import json
import logging

from django.db import transaction
from django.http import HttpResponseBadRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register

from .models import Category, IdeaPage, Unit
from .signals import idea_submitted

logger = logging.getLogger(__name__)

# The parameters that Wagtail's `Task.on_action` takes before the posted
# extra data, which it receives as keyword arguments.
ON_ACTION_PARAMETERS = frozenset({"task_state", "user", "action_name"})


class CategoryAdmin(ModelAdmin):
    model = Category
    menu_icon = "tag"
    list_display = ["name", "accepts_ideas"]
    list_filter = ["accepts_ideas"]
    search_fields = ["name"]


class UnitAdmin(ModelAdmin):
    model = Unit
    menu_icon = "group"
    list_display = ["name"]
    search_fields = ["name"]


@modeladmin_register
class ClassificationAdminGroup(ModelAdminGroup):
    menu_label = gettext_lazy("Classification")
    menu_icon = "folder-open-inverse"
    items = [CategoryAdmin, UnitAdmin]


def is_valid_action_data(raw: str) -> bool:
    """Return whether `raw` is a JSON object that `Task.on_action` can take."""
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        return False
    return isinstance(data, dict) and not (data.keys() & ON_ACTION_PARAMETERS)


@hooks.register("before_edit_page")
def reject_invalid_workflow_action_data(request, page):
    """Reject a workflow action posted with unusable extra data with a 400.

    Wagtail's page editor parses `workflow-action-extra-data` and passes it
    to the task's `on_action` as keyword arguments without a check, so text
    that is not a JSON object, or an object that repeats a parameter name,
    raises a server error.
    """
    if request.method != "POST" or not request.POST.get("action-workflow-action"):
        return None
    if is_valid_action_data(request.POST.get("workflow-action-extra-data", "{}")):
        return None
    logger.warning(
        "workflow action with invalid data rejected page=%s action=%r user=%s",
        page.pk,
        request.POST.get("workflow-action-name", "")[:50],
        request.user.pk,
    )
    return HttpResponseBadRequest(
        _(
            "The action's data is invalid, so nothing was saved. Reload the "
            "page and take the action again."
        ),
        content_type="text/plain; charset=utf-8",
    )


@hooks.register("after_copy_page")
def submit_copied_idea(request, page, new_page):
    """Start the idea process on a published copy of an idea, a new idea."""
    copy = new_page.specific
    if not isinstance(copy, IdeaPage) or not copy.live:
        return
    logger.info(
        "idea copied as new idea idea=%s copy=%s user=%s",
        page.pk,
        copy.pk,
        request.user.pk,
    )
    transaction.on_commit(
        lambda: idea_submitted.send(sender=IdeaPage, idea=copy, user=request.user)
    )
