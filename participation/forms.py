from django import forms
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django_comments_xtd.forms import XtdCommentForm
from django_comments_xtd.models import XtdComment

from ideapages.forms import PlainTextField

from .uploads import check_upload

# Comment ids are a 32-bit AutoField; a larger number cannot be looked up
# on SQLite at all.
MAX_COMMENT_ID = 2**31 - 1

USER_NAME_MAX_LENGTH = XtdComment._meta.get_field("user_name").max_length


def comment_help_text():
    return _("Plain text. Links become clickable. At most %(max)s characters.") % {
        "max": settings.COMMENT_MAX_LENGTH
    }


def set_comment_length_messages(field) -> None:
    """Give a comment text field its help text and a clear too-long error."""
    field.help_text = comment_help_text()
    field.error_messages["max_length"] = _(
        "The comment is %(show_value)s characters long, and the maximum is "
        "%(limit_value)s. Shorten it and send it again."
    )


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
        # django-comments fills in the user's full name, which can be longer
        # than the 50 characters of the comment's user_name column, so
        # clean_name() shortens it instead of rejecting the post.
        self.fields["name"] = forms.CharField(
            required=False, widget=forms.HiddenInput()
        )
        comment = self.fields["comment"]
        comment.label = _("Comment")
        # django-comments-xtd replaces the widget, which drops maxlength.
        comment.widget.attrs = {"rows": 5, **comment.widget_attrs(comment.widget)}
        set_comment_length_messages(comment)

    def clean_name(self):
        """Shorten the name to fit its column. Pages show the user's own name."""
        return Truncator(self.cleaned_data["name"]).chars(USER_NAME_MAX_LENGTH)

    def clean_reply_to(self):
        """Accept 0 for a new thread, or a comment on the same target to reply to.

        django-comments-xtd saves a reply to any number and fails with a
        server error when no such comment exists or its thread is already
        at the deepest level.
        """
        reply_to = self.cleaned_data["reply_to"]
        if reply_to == 0:
            return reply_to
        parent = None
        if 0 < reply_to <= MAX_COMMENT_ID:
            parent = XtdComment.norel_objects.filter(
                pk=reply_to,
                content_type=ContentType.objects.get_for_model(self.target_object),
                object_pk=str(self.target_object.pk),
            ).first()
        if parent is None or not parent.allow_thread():
            raise forms.ValidationError(
                _("There is no comment to reply to."), code="invalid_reply_to"
            )
        return reply_to

    def clean(self):
        cleaned_data = super().clean()
        if "reply_to" in self.errors:
            # The field is hidden, so the error summary would not show its error.
            self.add_error(
                None,
                _(
                    "The comment you reply to does not exist or takes no more "
                    "replies. Reload the idea page and reply again."
                ),
            )
        return cleaned_data


class CommentTextForm(forms.Form):
    """The text of an existing comment, for its author to edit."""

    comment = forms.CharField(
        label=_("Comment"),
        max_length=settings.COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        set_comment_length_messages(self.fields["comment"])

    def clean_comment(self):
        text = self.cleaned_data["comment"].strip()
        if not text:
            raise forms.ValidationError(_("Write the comment's text."))
        return text


class ReasonForm(forms.Form):
    """A reason, written for a moderator or for the comment's author."""

    reason = PlainTextField(
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
