import uuid

from django import forms
from django.utils.translation import gettext_lazy as _
from idebanken.text import has_visible_text, strip_bidi_controls

from .choices import filter_options
from .models import Category, IdeaPage, Unit
from .status import IdeaStatus


class PlainTextField(forms.CharField):
    """A text field for what people write, with bidi controls dropped.

    A one-line input gets the maxlength attribute, so the browser stops
    typing at the limit that the help text names. A text area gets none:
    the browser would cut a pasted text at the limit without a word, while
    the server's length check names the limit and keeps the whole text.
    """

    def to_python(self, value):
        text = strip_bidi_controls(super().to_python(value)).strip()
        # A text of only invisible characters counts as empty, so that a
        # required field rejects it.
        return text if has_visible_text(text) else ""

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if isinstance(widget, forms.Textarea):
            attrs.pop("maxlength", None)
        return attrs


class IdeaForm(forms.Form):
    """The form an employee fills in to submit an idea.

    `submission_key` is a hidden value created when the form is first shown.
    A second POST with the same key, from a double click or a resent form,
    finds the idea the first one created instead of making another. Given
    the submitting `user`, the form rejects a key that belongs to another
    giver's idea.
    """

    title = PlainTextField(
        label=_("Title"),
        max_length=120,
        help_text=_("A short name for the idea, at most 120 characters."),
    )
    summary = PlainTextField(
        label=_("Summary"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "What the idea is about in a few sentences, at most 300 characters."
        ),
    )
    description = PlainTextField(
        label=_("Description"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "The problem, your suggestion and what it would improve. "
            "At most 10,000 characters."
        ),
    )
    category = forms.ModelChoiceField(
        label=_("Category"),
        queryset=Category.objects.filter(accepts_ideas=True),
        empty_label=_("Choose a category"),
    )
    unit = forms.ModelChoiceField(
        label=_("Unit"),
        queryset=Unit.objects.all(),
        empty_label=_("Choose the unit the idea concerns"),
    )
    from_deviation = forms.BooleanField(
        label=_("The idea comes from a deviation I noticed"), required=False
    )
    deviation_reference = PlainTextField(
        label=_("Deviation"),
        max_length=200,
        required=False,
        help_text=_("Optional: the deviation's number or a short description."),
    )
    submission_key = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args, user=None, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("submission_key", uuid.uuid4())
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_submission_key(self):
        key = self.cleaned_data["submission_key"]
        if (
            self.user is not None
            and IdeaPage.objects.filter(submission_key=key)
            .exclude(owner=self.user)
            .exists()
        ):
            # Only an altered form can carry another giver's key. Accepting it
            # would show this giver someone else's idea as their own. clean()
            # replaces this error with the message about an unverified form.
            raise forms.ValidationError(
                "The key belongs to another giver's idea.", code="taken"
            )
        return key

    def clean(self):
        cleaned_data = super().clean()
        if "submission_key" in self.errors:
            # A missing or altered key must not block the user: give the form
            # a fresh key and ask for one more click.
            del self.errors["submission_key"]
            self.data = self.data.copy()
            self.data["submission_key"] = str(uuid.uuid4())
            raise forms.ValidationError(
                _("The form could not be verified. Check your text and submit again."),
                code="invalid_submission_key",
            )
        if cleaned_data.get("deviation_reference") and not cleaned_data.get(
            "from_deviation"
        ):
            cleaned_data["from_deviation"] = True
        return cleaned_data


class IdeaFilterForm(forms.Form):
    """Search, filters and sort order of the idea list, read from the query string."""

    SORT_NEWEST = "newest"
    SORT_MOST_COMMENTED = "most_commented"
    SORT_MOST_SUPPORTED = "most_supported"
    SORT_RELEVANCE = "relevance"
    SORT_CHOICES = [
        (SORT_NEWEST, _("Newest first")),
        (SORT_MOST_COMMENTED, _("Most commented")),
        (SORT_MOST_SUPPORTED, _("Most supported")),
        (SORT_RELEVANCE, _("Best match")),
    ]

    q = forms.CharField(label=_("Search"), max_length=200, required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("All statuses")), *IdeaStatus.choices],
        required=False,
    )
    category = forms.ModelChoiceField(
        label=_("Category"),
        queryset=Category.objects.all(),
        empty_label=_("All categories"),
        required=False,
    )
    unit = forms.ModelChoiceField(
        label=_("Unit"),
        queryset=Unit.objects.all(),
        empty_label=_("All units"),
        required=False,
    )
    sort = forms.ChoiceField(label=_("Sort by"), choices=SORT_CHOICES, required=False)

    SELECT_FIELDS = ("status", "category", "unit", "sort")

    def select_options(self, name: str) -> list[tuple[str, str, bool]]:
        """Return (value, label, selected) for each choice of a select field.

        The idea list renders these in one loop, which is several times
        faster than Django's widget templates with one template per option.
        """
        current = str(self.data.get(name, "")) if self.is_bound else ""
        field = self.fields[name]
        if isinstance(field, forms.ModelChoiceField):
            choices = [
                ("", field.empty_label),
                *filter_options(field.queryset.model),
            ]
        else:
            choices = field.choices
        return [(str(value), label, str(value) == current) for value, label in choices]

    def filters(self) -> dict:
        """Return the values that passed validation; invalid ones are dropped.

        The form still carries their errors, so the page can say which
        filter was ignored.
        """
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}
