"""Copying an idea in Wagtail's admin, which makes a new idea."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.pages import CopyForm


class IdeaCopyForm(CopyForm):
    """Wagtail's copy form for an idea: the copy is a new, published idea.

    The copy takes the title and text, and none of the process history,
    the imported data, the supports or the comments; `IdeaPage` leaves its
    process fields out of copies. The copy is published at once, as a
    submitted idea is, and no alias is offered, because an alias would
    mirror the original's content while its process ran apart.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.pop("alias", None)
        self.fields.pop("publish_copies", None)
        self.fields["new_title"].help_text = _(
            "The copy becomes a new idea by you. It is published at once and "
            "its idea process starts from the beginning. It keeps the text, "
            "but none of the original's process history, imported data, "
            "supports or comments."
        )

    def clean(self):
        # Set before Wagtail's clean, which checks that the user may
        # publish under the chosen parent page.
        self.cleaned_data["publish_copies"] = True
        return super().clean()
