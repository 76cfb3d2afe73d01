"""The actions each task of the idea process offers, and who may take them.

An action is named by a slug (Wagtail posts it in the URL), allowed in some
statuses of the idea, taken by one kind of actor, filled in with one form
and carried out by one handler.
"""

from dataclasses import dataclass
from functools import cache

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ideapages.status import IdeaStatus

from . import forms, handlers
from .models import Actor

OPEN_ASSESSMENT = frozenset({IdeaStatus.SUBMITTED, IdeaStatus.ASSESSING})


@dataclass(frozen=True)
class ActionSpec:
    name: str
    label: Promise
    form_class: type
    statuses: frozenset
    handler: object
    actor: str = Actor.GROUP
    description: Promise | str = ""
    # Actions that end or hold back an idea are shown as secondary buttons.
    primary: bool = True


SPECS = {
    "assessment": [
        ActionSpec(
            "start",
            _("Start the assessment"),
            forms.ConfirmForm,
            frozenset({IdeaStatus.SUBMITTED}),
            handlers.start_assessment,
            description=_(
                "The idea shows as being assessed, so that the giver and the "
                "other ambassadors know you have taken it."
            ),
        ),
        ActionSpec(
            "develop",
            _("Develop further"),
            forms.AssessmentForm,
            OPEN_ASSESSMENT,
            handlers.develop,
            description=_(
                "The idea is worth developing. The innovation group compiles "
                "a decision basis for the management group."
            ),
        ),
        ActionSpec(
            "direct",
            _("Realise directly"),
            forms.DirectAssessmentForm,
            OPEN_ASSESSMENT,
            handlers.direct,
            description=_(
                "The idea is simple to carry out. The unit head you choose "
                "decides on it and may carry it out."
            ),
        ),
        ActionSpec(
            "pause",
            _("Pause the idea"),
            forms.AssessmentForm,
            OPEN_ASSESSMENT,
            handlers.pause,
            primary=False,
            description=_(
                "The idea waits to be taken up again later by an ambassador."
            ),
        ),
        ActionSpec(
            "close",
            _("Close the idea"),
            forms.AssessmentForm,
            OPEN_ASSESSMENT,
            handlers.close,
            primary=False,
            description=_("The idea is not taken further."),
        ),
        ActionSpec(
            "resume",
            _("Take up again"),
            forms.CommentForm,
            frozenset({IdeaStatus.PAUSED}),
            handlers.resume,
            description=_("The paused idea is assessed again."),
        ),
    ],
    "decision_basis": [
        ActionSpec(
            "start-compiling",
            _("Start compiling the decision basis"),
            forms.ConfirmForm,
            frozenset({IdeaStatus.DEVELOPING}),
            handlers.start_decision_basis,
            description=_("The idea shows that its decision basis is being compiled."),
        ),
        ActionSpec(
            "send-to-management",
            _("Send to the management group"),
            forms.DecisionBasisForm,
            frozenset({IdeaStatus.DEVELOPING, IdeaStatus.DECISION_BASIS}),
            handlers.send_decision_basis,
            description=_("The management group decides on the idea from this basis."),
        ),
    ],
    "management_decision": [
        ActionSpec(
            "approve-implementation",
            _("Approve implementation"),
            forms.ManagementApprovalForm,
            frozenset({IdeaStatus.AWAITING_DECISION}),
            handlers.management_approve,
            description=_(
                "Allocate resources and appoint the implementer, who then "
                "writes the implementation plan."
            ),
        ),
        ActionSpec(
            "send-back",
            _("Send back for more development"),
            forms.MotivationForm,
            frozenset({IdeaStatus.AWAITING_DECISION}),
            handlers.management_send_back,
            primary=False,
            description=_("The innovation group develops the decision basis further."),
        ),
        ActionSpec(
            "decline",
            _("Decline the idea"),
            forms.MotivationForm,
            frozenset({IdeaStatus.AWAITING_DECISION}),
            handlers.management_decline,
            primary=False,
            description=_("The idea is not implemented and is closed."),
        ),
    ],
    "unit_decision": [
        ActionSpec(
            "approve-and-implement",
            _("Approve and carry out"),
            forms.MotivationForm,
            frozenset({IdeaStatus.AWAITING_DECISION}),
            handlers.unit_approve,
            actor=Actor.ASSIGNEE,
            description=_(
                "You carry out the idea in your unit; it is then marked as being "
                "implemented."
            ),
        ),
        ActionSpec(
            "decline",
            _("Decline the idea"),
            forms.MotivationForm,
            frozenset({IdeaStatus.AWAITING_DECISION}),
            handlers.unit_decline,
            actor=Actor.ASSIGNEE,
            primary=False,
            description=_("The idea is not carried out and is closed."),
        ),
    ],
    "plan": [
        ActionSpec(
            "save-plan",
            _("Write the implementation plan"),
            forms.PlanForm,
            frozenset({IdeaStatus.APPROVED, IdeaStatus.PLANNING}),
            handlers.save_plan,
            actor=Actor.ASSIGNEE,
            description=_(
                "Write the plan with the idea giver. The ambassador is told of "
                "every change."
            ),
        ),
        ActionSpec(
            "anchor-plan",
            _("Mark the plan anchored"),
            forms.AnchorForm,
            frozenset({IdeaStatus.PLANNING}),
            handlers.anchor_plan,
            actor=Actor.ANCHORING,
            description=_(
                "The plan is anchored with management, so the implementation "
                "starts and the communicators are told."
            ),
        ),
    ],
    "implementation": [
        ActionSpec(
            "mark-implemented",
            _("Mark implemented"),
            forms.ImplementedForm,
            frozenset({IdeaStatus.IMPLEMENTING}),
            handlers.mark_implemented,
            actor=Actor.ASSIGNEE,
            description=_("The idea is in place; the innovation group evaluates it."),
        ),
    ],
    "evaluation": [
        ActionSpec(
            "evaluate",
            _("Record the evaluation"),
            forms.EvaluationForm,
            frozenset({IdeaStatus.IMPLEMENTED}),
            handlers.evaluate,
            actor=Actor.GROUP_OR_ASSIGNEE,
            description=_(
                "What the idea achieved and what others can learn; it goes into "
                "the report to the service committee."
            ),
        ),
    ],
}


def specs_for(step: str) -> list[ActionSpec]:
    return SPECS.get(step, [])


def spec_for(step: str, action_name: str) -> ActionSpec | None:
    return next((spec for spec in specs_for(step) if spec.name == action_name), None)


@cache
def form_class_for(step: str, action_name: str):
    """Return the form class of an action, bound to its spec, or None."""
    spec = spec_for(step, action_name)
    if spec is None:
        return None
    name = spec.form_class.__name__ + "".join(
        part.title() for part in action_name.split("-")
    )
    return type(name, (spec.form_class,), {"spec": spec})
