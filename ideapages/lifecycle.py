import logging

from django.db import transaction

from .listing_cache import bump_listing_version
from .models import IdeaPage
from .signals import idea_status_changed
from .status import IdeaStatus

logger = logging.getLogger(__name__)


@transaction.atomic
def change_status(idea: IdeaPage, new_status: IdeaStatus, user=None) -> bool:
    """Set the idea's status and send `idea_status_changed`.

    Writes the status column only, without a page revision, because the
    status follows the process rather than the page's content. Returns
    False, and sends nothing, when the idea already has that status.
    """
    old_status = idea.status
    if old_status == new_status:
        return False
    IdeaPage.objects.filter(pk=idea.pk).update(status=new_status)
    idea.status = new_status
    # update() sends no post_save, which the listing cache listens to.
    bump_listing_version()
    logger.info(
        "idea status changed idea=%s from=%s to=%s user=%s",
        idea.pk,
        old_status,
        new_status,
        getattr(user, "pk", None),
    )
    idea_status_changed.send(
        sender=IdeaPage,
        idea=idea,
        old_status=old_status,
        new_status=new_status,
        user=user,
    )
    return True
