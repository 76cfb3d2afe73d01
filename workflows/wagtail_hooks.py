"""The idea process in Wagtail's admin: pages, menu, dashboard, audit log, editor."""

from django.contrib import messages
from django.contrib.auth.models import Permission
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.widgets import Button
from wagtail.log_actions import LogFormatter

from ideapages.models import IdeaPage

from . import admin_urls
from .models import ProcessAction
from .overview import CANCEL_PERMISSION, has_process_role, is_communicator
from .waiting import waiting_for

# Editor actions that would start the idea process again or stop it. The
# process starts when an idea is submitted. Stopping it needs the permission
# `workflows.cancel_idea_process` and a reason, given on the idea's process
# page; Wagtail's own rule would let the giver stop it.
PROCESS_EDITOR_ACTIONS = (
    "action-submit",
    "action-restart-workflow",
    "action-cancel-workflow",
)


@hooks.register("register_admin_urls")
def register_process_urls():
    return [path("ideprocessen/", include(admin_urls, namespace="workflows_admin"))]


class ProcessMenuItem(MenuItem):
    def is_shown(self, request):
        return has_process_role(request.user) or is_communicator(request.user)


@hooks.register("register_admin_menu_item")
def register_process_menu_item():
    return ProcessMenuItem(
        gettext_lazy("Idea process"),
        reverse("workflows_admin:waiting"),
        name="idea-process",
        icon_name="tasks",
        order=150,
    )


class WaitingPanel(Component):
    """The dashboard's list of ideas waiting for the user, paused ones apart."""

    name = "ideas_waiting"
    template_name = "workflows/admin/dashboard_panel.html"
    order = 50
    shown_rows = 10

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        request = parent_context["request"]
        waiting = waiting_for(request.user)
        context["waiting"] = waiting
        context["steps"] = waiting.steps[: self.shown_rows]
        context["paused"] = waiting.paused[: self.shown_rows]
        context["news"] = waiting.news[: self.shown_rows]
        context["request"] = request
        return context


@hooks.register("construct_homepage_panels")
def show_waiting_ideas(request, panels):
    # Wagtail's own "awaiting your review" panel lists the same task states
    # without the idea's status, and would list paused ideas among the rest.
    panels[:] = [
        panel
        for panel in panels
        if getattr(panel, "name", "") != "workflow_objects_to_moderate"
    ]
    panels.insert(0, WaitingPanel())


class ProcessLogFormatter(LogFormatter):
    def format_message(self, log_entry):
        return self.label

    def format_comment(self, log_entry):
        return (log_entry.data or {}).get("motivation", "")


@hooks.register("register_log_actions")
def register_process_log_actions(actions):
    for action in ProcessAction:
        formatter = type(
            "ProcessLogFormatter", (ProcessLogFormatter,), {"label": action.label}
        )
        actions.register_action(action.value)(formatter)


@hooks.register("register_page_header_buttons")
def process_header_button(page, user, view_name, next_url=None):
    if isinstance(page.specific_deferred, IdeaPage) and has_process_role(user):
        yield Button(
            gettext_lazy("Idea process"),
            reverse("workflows_admin:idea", args=[page.pk]),
            icon_name="tasks",
            priority=12,
        )


@hooks.register("construct_page_action_menu")
def hide_process_restarts(menu_items, request, context):
    page = context.get("page")
    if page is None or not isinstance(page.specific_deferred, IdeaPage):
        return
    menu_items[:] = [
        item for item in menu_items if item.name not in PROCESS_EDITOR_ACTIONS
    ]


@hooks.register("before_edit_page")
def reject_process_restarts(request, page):
    """Reject posted editor actions that would restart or stop the idea process."""
    if request.method != "POST" or not isinstance(page.specific_deferred, IdeaPage):
        return None
    if not any(request.POST.get(name) for name in PROCESS_EDITOR_ACTIONS):
        return None
    messages.error(
        request,
        _(
            "An idea's process starts when the idea is submitted and cannot be "
            "started again. To stop it, use “Stop the idea process” on the "
            "idea's process page. Nothing was saved."
        ),
    )
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("register_permissions")
def register_cancel_permission():
    app_label, codename = CANCEL_PERMISSION.split(".")
    return Permission.objects.filter(
        content_type__app_label=app_label, codename=codename
    )
