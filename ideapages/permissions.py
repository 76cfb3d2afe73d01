"""Page permissions that keep ideas in the idea bank."""

from wagtail.models import PagePermissionTester


class IdeaListPermissionTester(PagePermissionTester):
    """Page permissions on the idea list and the ideas below it.

    Ambassadors and the innovation group hold `publish_page` on the idea
    list so that their corrections to an idea's text go live. In Wagtail
    that permission also lets them unpublish, delete and move pages and
    restrict who may view them. Here only superusers may do those, for
    example to erase an idea on a GDPR request.

    Copying is offered to superusers alone too, because a copy is a new page
    under the idea list, where no role may add pages.
    """

    def can_delete(self, ignore_bulk=False):
        return self.user.is_superuser and super().can_delete(ignore_bulk)

    def can_unpublish(self):
        return self.user.is_superuser and super().can_unpublish()

    def can_move(self):
        return self.user.is_superuser and super().can_move()

    def can_set_view_restrictions(self):
        return self.user.is_superuser and super().can_set_view_restrictions()

    def can_copy(self):
        return self.user.is_superuser and super().can_copy()
