from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_POST

from .models import Notification


def notification_list(request):
    """List the signed-in user's notifications, newest first."""
    notifications = Notification.objects.filter(recipient=request.user).select_related(
        "idea", "actor"
    )
    page = Paginator(notifications, settings.IDEAS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return TemplateResponse(
        request,
        "notifications/notification_list.html",
        {
            "notifications": page,
            "unread_on_page": [n.pk for n in page if not n.read_at],
        },
    )


@require_POST
def mark_all_read(request):
    Notification.objects.filter(recipient=request.user).unread().update(
        read_at=timezone.now()
    )
    return redirect("notifications:list")
