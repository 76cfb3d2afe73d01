from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse


class ActionRejected(PermissionDenied):
    """A refused action, with the reason that the 403 page shows the user."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def rejected_action(request, error: ActionRejected):
    return TemplateResponse(request, "403.html", {"message": error.message}, status=403)


def posted(request):
    """Return the POST data on a POST, else None, to bind a form or not.

    Unlike `request.POST or None`, an empty POST still binds the form, so
    that it shows its errors.
    """
    return request.POST if request.method == "POST" else None
