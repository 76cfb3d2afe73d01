"""The comment moderation queue in the Wagtail admin menu, for moderators.

The queue itself is a page of the site (/kommentarer/moderering/): the menu
item leads moderators there from the admin.
"""

from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .permissions import can_moderate


class ModerationQueueMenuItem(MenuItem):
    def is_shown(self, request):
        return can_moderate(request.user)


@hooks.register("register_admin_menu_item")
def register_moderation_queue_menu_item():
    return ModerationQueueMenuItem(
        gettext_lazy("Reported comments"),
        reverse_lazy("participation_comments:queue"),
        name="reported-comments",
        icon_name="warning",
        order=160,
    )
