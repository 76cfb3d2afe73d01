import logging

from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .models import OPEN_LINK_SALT, Notification

logger = logging.getLogger(__name__)


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
    messages.success(request, _("All notifications are marked as read."))
    return redirect("notifications:list")


def open_notification(request, token):
    """Mark the signed-in user's notification read and redirect to its page.

    The link is signed, so that a link on another site cannot mark
    notifications read, and it opens only the recipient's own notification.
    """
    try:
        pk = int(signing.Signer(salt=OPEN_LINK_SALT).unsign(token))
    except (signing.BadSignature, ValueError):
        raise Http404("The notification link is invalid.") from None
    notification = get_object_or_404(Notification.objects.select_related("idea"), pk=pk)
    if notification.recipient_id != request.user.pk:
        logger.warning(
            "notification open rejected notification=%s user=%s",
            notification.pk,
            request.user.pk,
        )
        raise PermissionDenied
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return redirect(notification.target_url())
