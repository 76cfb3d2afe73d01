"""Admin pages of the idea process: what waits, one idea's process, one action."""

import logging

from django import forms
from django.contrib import messages
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import TaskState

from ideapages.models import IdeaPage

from ..actions import form_class_for, spec_for
from ..models import IdeaTaskState
from ..overview import idea_overview
from ..process import current_workflow_state, stop_process
from ..staleness import stale_message
from ..transitions import InvalidAction, StaleAction, check_may_act, perform
from ..waiting import waiting_for

logger = logging.getLogger(__name__)

PROBLEM_MESSAGES = {
    "stale": gettext_lazy(
        "Your action was not recorded, because the idea had moved on before "
        "it arrived. Read where the idea is now before you act again."
    ),
    "invalid": gettext_lazy(
        "Your action was not recorded, because its form was incomplete. Open "
        "the action again from this page."
    ),
}


def idea_process_url(idea) -> str:
    return reverse("workflows_admin:idea", args=[idea.pk])


class ProcessAdminMixin(WagtailAdminTemplateMixin):
    header_icon = "tasks"

    def process_breadcrumbs(self, *items):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("workflows_admin:waiting"), "label": _("Idea process")},
            *items,
        ]


class WaitingView(ProcessAdminMixin, TemplateView):
    """The ideas that wait for the signed-in user, paused ones apart."""

    template_name = "workflows/admin/waiting.html"
    page_title = gettext_lazy("Ideas waiting for you")

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": "", "label": _("Idea process")},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["waiting"] = waiting_for(self.request.user)
        return context


class IdeaProcessView(ProcessAdminMixin, TemplateView):
    """One idea's process: its step, the actions open to the user, its records."""

    template_name = "workflows/admin/idea_process.html"

    def setup(self, request, *args, idea_id, **kwargs):
        super().setup(request, *args, **kwargs)
        self.idea = get_object_or_404(IdeaPage, pk=idea_id)

    def get_page_title(self):
        return self.idea.title

    def get_breadcrumbs_items(self):
        return self.process_breadcrumbs({"url": "", "label": self.idea.title})

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["idea"] = self.idea
        context["process"] = idea_overview(self.idea, self.request.user)
        context["problem"] = PROBLEM_MESSAGES.get(self.request.GET.get("problem"))
        return context


class ActionView(ProcessAdminMixin, TemplateView):
    """The form of one action on one task state, as a page of its own.

    A form with errors, or one sent after the idea moved on, is shown again
    with everything that was typed and a message that explains what to do.
    """

    template_name = "workflows/admin/action.html"

    def setup(self, request, *args, idea_id, task_state_id, action_name, **kwargs):
        super().setup(request, *args, **kwargs)
        self.idea = get_object_or_404(IdeaPage, pk=idea_id)
        self.task_state = get_object_or_404(
            IdeaTaskState.objects.select_related("task", "assignee", "workflow_state"),
            pk=task_state_id,
            workflow_state__base_content_type=self.idea.get_base_content_type(),
            workflow_state__object_id=str(self.idea.pk),
        )
        self.task = self.task_state.task.specific
        self.spec = spec_for(self.task.step, action_name)
        if self.spec is None:
            raise PermissionDenied
        self.form_class = form_class_for(self.task.step, action_name)

    def dispatch(self, request, *args, **kwargs):
        try:
            check_may_act(
                self.task, self.task_state, self.idea, request.user, self.spec
            )
        except PermissionDenied as rejection:
            messages.warning(request, str(rejection))
            return redirect(idea_process_url(self.idea))
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return self.spec.label

    def get_page_subtitle(self):
        return self.idea.title

    def get_breadcrumbs_items(self):
        return self.process_breadcrumbs(
            {"url": idea_process_url(self.idea), "label": self.idea.title},
            {"url": "", "label": self.spec.label},
        )

    def is_open(self) -> bool:
        return (
            self.task_state.status == TaskState.STATUS_IN_PROGRESS
            and self.idea.status in self.spec.statuses
        )

    def get(self, request, *args, **kwargs):
        if not self.is_open():
            messages.warning(request, stale_message(self.idea))
            return redirect(idea_process_url(self.idea))
        form = self.form_class(task_state=self.task_state)
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request, *args, **kwargs):
        try:
            perform(self.task_state, request.user, self.spec.name, request.POST)
        except (StaleAction, InvalidAction) as problem:
            form = problem.form or self.refreshed_form(request.POST, problem.message)
            return self.render_to_response(self.get_context_data(form=form))
        except ImproperlyConfigured:
            logger.exception(
                "idea process is misconfigured idea=%s task_state=%s",
                self.idea.pk,
                self.task_state.pk,
            )
            messages.error(
                request,
                _(
                    "The idea process workflow lacks the next step, so nothing "
                    "was recorded. Ask the administrators to check the workflow."
                ),
            )
            form = self.form_class(data=request.POST, task_state=self.task_state)
            return self.render_to_response(self.get_context_data(form=form))
        messages.success(
            request,
            _("Done: %(action)s. %(title)s is now “%(status)s”.")
            % {
                "action": self.spec.label,
                "title": self.idea.title,
                "status": IdeaPage.objects.get(pk=self.idea.pk).get_status_display(),
            },
        )
        return redirect(idea_process_url(self.idea))

    def refreshed_form(self, data, message):
        """Rebuild a form that lost a race, keeping what was typed."""
        form = self.form_class(data=data, task_state=self.task_state)
        form.is_valid()
        if not form.non_field_errors():
            form.add_error(None, message)
        return form

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["idea"] = self.idea
        context["spec"] = self.spec
        context["task_state"] = self.task_state
        context["process"] = idea_overview(self.idea, self.request.user)
        return context


class StopForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why the process is stopped"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "The idea giver is told this, and it shows on the idea's timeline."
        ),
    )


class StopProcessView(ProcessAdminMixin, TemplateView):
    """Stop an idea's process, for those allowed to; the idea is closed."""

    template_name = "workflows/admin/stop.html"

    def setup(self, request, *args, idea_id, **kwargs):
        super().setup(request, *args, **kwargs)
        self.idea = get_object_or_404(IdeaPage, pk=idea_id)

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("workflows.cancel_idea_process"):
            messages.warning(
                request, _("Stopping an idea's process needs a permission you lack.")
            )
            return redirect(idea_process_url(self.idea))
        if current_workflow_state(self.idea) is None:
            messages.warning(request, _("The idea has no process running to stop."))
            return redirect(idea_process_url(self.idea))
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Stop the idea process")

    def get_page_subtitle(self):
        return self.idea.title

    def get_breadcrumbs_items(self):
        return self.process_breadcrumbs(
            {"url": idea_process_url(self.idea), "label": self.idea.title},
            {"url": "", "label": _("Stop the idea process")},
        )

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=StopForm()))

    def post(self, request, *args, **kwargs):
        form = StopForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        stop_process(self.idea, request.user, form.cleaned_data["reason"])
        messages.success(request, _("The idea process is stopped and the idea closed."))
        return redirect(idea_process_url(self.idea))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["idea"] = self.idea
        return context
