"""The forms of the idea process actions.

Wagtail builds an action's form from the posted data alone and may hand the
cleaned data back as JSON (the page editor does), after which `on_action`
validates it again. Every field therefore cleans to plain JSON values that
validate again to the same values: ids for people, ISO strings for dates.
"""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.template.loader import render_to_string
from django.utils.dateparse import parse_date
from django.utils.translation import gettext_lazy as _
from wagtail.models import TaskState

from accounts import roles

from .models import CRITERIA, DecisionBasis, IdeaTaskState, Judgement
from .staleness import changed_message, stale_message

MAX_MILESTONES = 20
EMPTY_MILESTONE_ROWS = 3


def people_in_role(role: str, idea=None) -> list[tuple[str, str]]:
    """Return the active members of `role` as choices, leaving out the giver."""
    people = (
        get_user_model()
        .objects.filter(groups__name=role, is_active=True)
        .order_by("first_name", "last_name", "username")
        .distinct()
    )
    if idea is not None and idea.owner_id is not None:
        people = people.exclude(pk=idea.owner_id)
    return [("", _("Choose a person"))] + [
        (person.pk, person.get_display_name()) for person in people
    ]


class ActionForm(forms.Form):
    """Base of every action form: ties the form to the state it was opened on.

    `task_state_id` and `version` are hidden. `clean` rejects a form from a
    stale tab, or one sent after someone else's action, with a message that
    explains what happened instead.
    """

    task_state_id = forms.IntegerField(widget=forms.HiddenInput)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    # The action this form belongs to; set by `workflows.actions.form_class_for`.
    spec = None

    def __init__(self, data=None, *args, task_state=None, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.task_state = task_state
        if task_state is not None and not self.is_bound:
            self.initial.setdefault("task_state_id", task_state.pk)
            self.initial.setdefault("version", task_state.version)
            for name, value in self.initial_from(task_state.idea).items():
                self.initial.setdefault(name, value)
        self.setup_fields(task_state.idea if task_state is not None else None)

    def initial_from(self, idea) -> dict:
        """Return initial values taken from the idea's earlier records."""
        return {}

    def setup_fields(self, idea) -> None:
        """Adjust fields for `idea`, or for no known idea yet (None)."""

    @property
    def idea(self):
        return self.task_state.idea if self.task_state is not None else None

    def clean(self):
        cleaned_data = super().clean()
        current = self.current_state(cleaned_data.get("task_state_id"))
        self.task_state = current
        self.check_still_open(current, cleaned_data.get("version"))
        self.clean_for_idea(current.idea, cleaned_data)
        return cleaned_data

    def current_state(self, task_state_id) -> IdeaTaskState:
        """Return the posted task state as it is now, or raise ValidationError."""
        if task_state_id is None:
            raise ValidationError(
                _(
                    "The form does not say which step it belongs to. Open the "
                    "step again from the idea."
                ),
                code="missing_state",
            )
        if self.task_state is not None and self.task_state.pk != task_state_id:
            raise ValidationError(
                _("The form belongs to another step. Open the step again."),
                code="other_state",
            )
        current = (
            IdeaTaskState.objects.select_related("workflow_state")
            .filter(pk=task_state_id)
            .first()
        )
        if current is None:
            raise ValidationError(
                _("This step no longer exists. Open the idea again."),
                code="missing_state",
            )
        return current

    def check_still_open(self, current: IdeaTaskState, version) -> None:
        """Raise ValidationError if the step moved on since the form was opened."""
        idea = current.idea
        still_open = current.status == TaskState.STATUS_IN_PROGRESS and (
            self.spec is None or idea.status in self.spec.statuses
        )
        if not still_open:
            raise ValidationError(stale_message(idea), code="stale")
        if current.version != version:
            # Someone acted on the same step since the form was opened. The
            # form is shown again at the current version, so that it can be
            # sent once its author has read what changed.
            self.data = self.data.copy()
            self.data["version"] = current.version
            raise ValidationError(changed_message(idea), code="changed")

    def clean_for_idea(self, idea, cleaned_data) -> None:
        """Validate what depends on the idea; add errors with `add_error`."""

    @property
    def is_stale(self) -> bool:
        """Whether the step is closed to this action, so sending again is useless."""
        return self.has_error(NON_FIELD_ERRORS, "stale")

    @property
    def came_too_late(self) -> bool:
        """Whether another action came first, so that nothing was recorded."""
        return self.is_stale or self.has_error(NON_FIELD_ERRORS, "changed")

    def visible_field_groups(self) -> list[dict]:
        """Return the visible fields, the criteria grouped, for the templates."""
        return [{"field": field} for field in self.visible_fields()]


class ConfirmForm(ActionForm):
    """An action that needs no more than a confirmation."""


class CommentForm(ActionForm):
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional. The idea giver sees it on the idea's timeline."),
    )


def motivation_field():
    return forms.CharField(
        label=_("Motivation"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("The idea giver is told this, and it shows on the idea's page."),
    )


class MotivationForm(ActionForm):
    motivation = motivation_field()


class AssessmentForm(ActionForm):
    """The common assessment template: four criteria and a motivation."""

    motivation = motivation_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        criteria_fields = {}
        for prefix, label in CRITERIA:
            criteria_fields[f"{prefix}_judgement"] = forms.ChoiceField(
                label=label,
                choices=Judgement.choices,
                widget=forms.RadioSelect,
            )
            criteria_fields[f"{prefix}_comment"] = forms.CharField(
                label=_("Comment on: %(criterion)s") % {"criterion": label},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        others = {
            name: field
            for name, field in self.fields.items()
            if name not in criteria_fields
        }
        self.fields = {**criteria_fields, **others}

    def initial_from(self, idea) -> dict:
        from .models import Assessment

        # A paused idea that is taken up again starts from its last assessment.
        previous = (
            Assessment.objects.filter(idea=idea, is_derived=False)
            .order_by("-created_at", "-pk")
            .first()
        )
        if previous is None:
            return {}
        initial = {}
        for prefix, _label in CRITERIA:
            initial[f"{prefix}_judgement"] = getattr(previous, f"{prefix}_judgement")
            initial[f"{prefix}_comment"] = getattr(previous, f"{prefix}_comment")
        return initial

    def visible_field_groups(self) -> list[dict]:
        groups = []
        for prefix, label in CRITERIA:
            groups.append(
                {
                    "legend": label,
                    "judgement": self[f"{prefix}_judgement"],
                    "comment": self[f"{prefix}_comment"],
                }
            )
        criteria_names = {
            f"{prefix}_{part}"
            for prefix, _label in CRITERIA
            for part in ("judgement", "comment")
        }
        groups.extend(
            {"field": field}
            for field in self.visible_fields()
            if field.name not in criteria_names
        )
        return groups


class DirectAssessmentForm(AssessmentForm):
    """The assessment of a simple idea, sent to a unit head to decide."""

    unit_head = forms.TypedChoiceField(
        label=_("Unit head who decides"),
        coerce=int,
        help_text=_("Only this person can decide on the idea."),
    )

    def setup_fields(self, idea) -> None:
        self.fields["unit_head"].choices = people_in_role(roles.UNIT_HEAD, idea)

    def clean_for_idea(self, idea, cleaned_data) -> None:
        check_not_giver(self, "unit_head", idea, cleaned_data)


def check_not_giver(form, field_name: str, idea, cleaned_data) -> None:
    if idea.owner_id is not None and cleaned_data.get(field_name) == idea.owner_id:
        form.add_error(
            field_name,
            _(
                "The idea giver cannot decide on or carry out their own idea. "
                "Choose someone else."
            ),
        )


class DecisionBasisForm(ActionForm):
    summary = forms.CharField(
        label=_("Summary"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the idea is and what it would change."),
    )
    resources = forms.CharField(
        label=_("Resources needed"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("People, time and money, as exactly as you can tell now."),
    )
    effects_short_term = forms.CharField(
        label=_("Expected effects in the short term"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    effects_long_term = forms.CharField(
        label=_("Expected effects in the long term"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def initial_from(self, idea) -> dict:
        # An idea sent back by the management group starts from its last basis.
        previous = (
            DecisionBasis.objects.filter(idea=idea)
            .order_by("-created_at", "-pk")
            .first()
        )
        if previous is None:
            return {"summary": idea.summary}
        return {
            "summary": previous.summary,
            "resources": previous.resources,
            "effects_short_term": previous.effects_short_term,
            "effects_long_term": previous.effects_long_term,
        }


class ManagementApprovalForm(ActionForm):
    resources = forms.CharField(
        label=_("Allocated resources"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    implementer = forms.TypedChoiceField(
        label=_("Implementer"),
        coerce=int,
        help_text=_("The project manager or investigator who carries out the idea."),
    )
    motivation = motivation_field()

    def setup_fields(self, idea) -> None:
        self.fields["implementer"].choices = people_in_role(roles.IMPLEMENTER, idea)

    def clean_for_idea(self, idea, cleaned_data) -> None:
        check_not_giver(self, "implementer", idea, cleaned_data)


class MilestoneRowsWidget(forms.Widget):
    """Rows of milestone inputs, posted as `<name>-<row>-title` and so on.

    A list given as the value directly (cleaned data sent back as JSON) is
    taken as it is.
    """

    template_name = "workflows/widgets/milestone_rows.html"

    def render(self, name, value, attrs=None, renderer=None):
        # Django's default form renderer looks only in app folders; the
        # project's templates live in the top-level templates folder.
        return render_to_string(
            self.template_name, self.get_context(name, value, attrs)
        )

    def value_from_datadict(self, data, files, name):
        value = data.get(name)
        if isinstance(value, list):
            return value
        rows = []
        for index in range(MAX_MILESTONES + EMPTY_MILESTONE_ROWS):
            prefix = f"{name}-{index}-"
            title = data.get(prefix + "title")
            due_date = data.get(prefix + "due_date")
            if title is None and due_date is None:
                continue
            rows.append(
                {
                    "title": title or "",
                    "due_date": due_date or "",
                    "done": bool(data.get(prefix + "done")),
                }
            )
        return rows

    def value_omitted_from_data(self, data, files, name):
        return False

    def first_input_id(self, base_id) -> str:
        return f"{base_id}-0-title"

    def format_value(self, value):
        return value

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        rows = [dict(row) for row in (value or []) if isinstance(row, dict)]
        rows += [{"title": "", "due_date": "", "done": False}] * EMPTY_MILESTONE_ROWS
        base_id = (attrs or {}).get("id") or f"id_{name}"
        context["widget"]["rows"] = [
            {
                "number": index + 1,
                "prefix": f"{name}-{index}-",
                "id_prefix": f"{base_id}-{index}-",
                "title": row.get("title", ""),
                "due_date": str(row.get("due_date") or ""),
                "done": bool(row.get("done")),
            }
            for index, row in enumerate(rows[: MAX_MILESTONES + EMPTY_MILESTONE_ROWS])
        ]
        return context


class MilestonesField(forms.Field):
    """A list of milestones, each a description, a date and whether it is done.

    Cleans to a list of dicts with the date as an ISO string; blank rows are
    dropped.
    """

    widget = MilestoneRowsWidget
    default_error_messages = {
        "required": _("Add at least one milestone with a description and a date."),
    }

    def to_python(self, value):
        rows, errors = [], []
        for number, row in enumerate(value or [], start=1):
            if not isinstance(row, dict):
                continue
            cleaned, row_errors = self.clean_row(number, row)
            errors.extend(row_errors)
            if cleaned is not None:
                rows.append(cleaned)
        if len(rows) > MAX_MILESTONES:
            errors.append(
                ValidationError(
                    _("A plan can have at most %(max)s milestones."),
                    params={"max": MAX_MILESTONES},
                )
            )
        if errors:
            raise ValidationError(errors)
        return rows

    def clean_row(self, number: int, row: dict):
        title = str(row.get("title") or "").strip()
        due_text = row.get("due_date") or ""
        if not title and not due_text:
            return None, []
        errors = []
        if not title:
            errors.append(
                ValidationError(
                    _("Milestone %(number)s: the description is missing."),
                    params={"number": number},
                )
            )
        elif len(title) > 200:
            errors.append(
                ValidationError(
                    _(
                        "Milestone %(number)s: the description is longer than "
                        "200 characters."
                    ),
                    params={"number": number},
                )
            )
        due_date = parse_milestone_date(due_text)
        if not due_text:
            errors.append(
                ValidationError(
                    _("Milestone %(number)s: the date is missing."),
                    params={"number": number},
                )
            )
        elif due_date is None:
            errors.append(
                ValidationError(
                    _(
                        "Milestone %(number)s: “%(value)s” is not a date. Write it "
                        "as year-month-day, for example 2025-05-31."
                    ),
                    params={"number": number, "value": due_text},
                )
            )
        cleaned = {
            "title": title,
            "due_date": due_date.isoformat() if due_date else "",
            "done": bool(row.get("done")),
        }
        return cleaned, errors


def parse_milestone_date(value):
    if hasattr(value, "isoformat"):
        return value
    try:
        return parse_date(str(value).strip())
    except ValueError:
        return None


class PlanForm(ActionForm):
    description = forms.CharField(
        label=_("How the idea will be implemented"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Written together with the idea giver."),
    )
    participants = forms.CharField(
        label=_("Who takes part and who decides"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Who is involved, and where responsibility for priorities and "
            "resources lies."
        ),
    )
    milestones = MilestonesField(
        label=_("Milestones"),
        help_text=_(
            "Leave the rows you do not need empty. Saving the plan adds three "
            "empty rows for more milestones."
        ),
    )

    def initial_from(self, idea) -> dict:
        from .models import ImplementationPlan

        plan = ImplementationPlan.objects.filter(idea=idea).first()
        if plan is None:
            return {}
        return {
            "description": plan.description,
            "participants": plan.participants,
            "milestones": [
                {
                    "title": milestone.title,
                    "due_date": milestone.due_date.isoformat(),
                    "done": milestone.done,
                }
                for milestone in plan.milestones.all()
            ],
        }


class AnchorForm(ActionForm):
    anchoring_note = forms.CharField(
        label=_("How the plan was anchored"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example the management group's meeting and its date."),
    )

    def clean_for_idea(self, idea, cleaned_data) -> None:
        from .models import ImplementationPlan

        if not ImplementationPlan.objects.filter(idea=idea).exists():
            raise ValidationError(
                _(
                    "The implementer has not written the plan yet, so there is "
                    "nothing to anchor."
                ),
                code="no_plan",
            )


class ImplementedForm(ActionForm):
    summary = forms.CharField(
        label=_("What was done"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Optional. Shown on the idea's page."),
    )


class EvaluationForm(ActionForm):
    effects = forms.CharField(
        label=_("Effects achieved"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    lessons = forms.CharField(
        label=_("Lessons learned"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What others could do differently because of this idea."),
    )
    other_units = forms.CharField(
        label=_("Other units that could use it"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
