from django.utils.functional import SimpleLazyObject

from .models import Notification


def unread_notifications(request):
    """Add the signed-in user's count of unread notifications, counted on use."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "unread_notification_count": SimpleLazyObject(
            lambda: Notification.objects.filter(recipient=user).unread().count()
        )
    }
