from django import forms
from django.utils.translation import gettext_lazy as _
from django_comments_xtd.forms import XtdCommentForm


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
