from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django_comments_xtd.forms import XtdCommentForm

from .uploads import check_upload


class CommentForm(XtdCommentForm):
    """The comment form for signed-in employees.

    Name and e-mail come from the signed-in user, so the form asks only for
    the text. Copies of them are not stored on the comment.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("name", "email", "url", "followup"):
            self.fields[name].required = False
            self.fields[name].widget = forms.HiddenInput()
        comment = self.fields["comment"]
        comment.label = _("Comment")
        comment.widget.attrs = {"rows": 5}


class CommentTextForm(forms.Form):
    """The text of an existing comment, for its author to edit."""

    comment = forms.CharField(
        label=_("Comment"),
        max_length=settings.COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def clean_comment(self):
        text = self.cleaned_data["comment"].strip()
        if not text:
            raise forms.ValidationError(_("Write the comment's text."))
        return text


class ReasonForm(forms.Form):
    """A reason, written for a moderator or for the comment's author."""

    reason = forms.CharField(
        label=_("Reason"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, help_text="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].help_text = help_text


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("File"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "Images (JPEG, PNG, GIF, WebP), PDF, Office or OpenDocument files "
            "without macros, text or CSV; at most %(max)s MB."
        ) % {"max": settings.ATTACHMENT_MAX_MB}

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.checked = check_upload(upload)
        return upload
