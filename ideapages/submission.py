import logging

from anyascii import anyascii
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.text import slugify

from .models import IdeaPage
from .signals import idea_submitted

logger = logging.getLogger(__name__)

SLUG_MAX_LENGTH = 60


def unique_child_slug(parent, title: str) -> str:
    """Return a slug for `title` that no child of `parent` uses yet."""
    base = slugify(anyascii(title))[:SLUG_MAX_LENGTH].strip("-") or "ide"
    taken = set(
        parent.get_children()
        .filter(slug__startswith=base)
        .values_list("slug", flat=True)
    )
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def publish_new_idea(index_page, idea: IdeaPage, user=None) -> IdeaPage:
    """Add `idea` under `index_page` and publish it as its first revision.

    Sends `idea_submitted` once the surrounding transaction commits, so
    that listeners never see an idea that was rolled back.
    """
    idea.slug = unique_child_slug(index_page, idea.title)
    idea.owner = user
    index_page.add_child(instance=idea)
    # Every employee may submit an idea, and it goes live at once, although
    # employees have no publish permission in the Wagtail admin.
    idea.save_revision(user=user, log_action=False).publish(
        user=user, skip_permission_checks=True
    )
    transaction.on_commit(
        lambda: idea_submitted.send(sender=IdeaPage, idea=idea, user=user)
    )
    return idea


def create_idea(index_page, user, data: dict) -> tuple[IdeaPage, bool]:
    """Create the idea a giver submitted, unless its form was already sent.

    Returns the idea and whether this call created it. A repeated
    submission key returns the idea the first request created.
    """
    key = data["submission_key"]
    existing = IdeaPage.objects.filter(submission_key=key).first()
    if existing:
        return existing, False

    idea = IdeaPage(
        title=data["title"],
        summary=data["summary"],
        description=data["description"],
        category=data["category"],
        unit=data["unit"],
        from_deviation=data["from_deviation"],
        deviation_reference=data["deviation_reference"],
        submission_key=key,
    )
    try:
        with transaction.atomic():
            publish_new_idea(index_page, idea, user)
    except (IntegrityError, ValidationError):
        # A concurrent request with the same key may have won the race.
        # Wagtail's full_clean finds the key taken if that request has
        # committed, and the unique index does if it has not.
        existing = IdeaPage.objects.filter(submission_key=key).first()
        if existing is None:
            raise
        return existing, False

    logger.info("idea submitted idea=%s user=%s", idea.pk, user.pk)
    return idea, True
