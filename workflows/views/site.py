from django.template.response import TemplateResponse

from ..waiting import waiting_for


def waiting_list(request):
    """List the ideas that wait for the signed-in user to take a step."""
    return TemplateResponse(
        request,
        "workflows/waiting_list.html",
        {"waiting": waiting_for(request.user)},
    )
