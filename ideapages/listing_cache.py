"""A cache of rendered idea-list results, dropped whenever the listing changes.

The idea list is the most requested page and its results (the page of
ideas, their counts and the pagination) change only when an idea, comment,
support, category or unit changes. Each such change replaces the listing
version, which is part of every cache key, so no stale result is ever
read. Changes that bypass model signals, such as `QuerySet.update()` on
ideas, must call `bump_listing_version()` themselves.
"""

import uuid

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django_comments_xtd.models import XtdComment

from participation.models import Support

from .models import Category, IdeaPage, Unit

VERSION_KEY = "ideapages:listing-version"


def listing_version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        # add() keeps a version that a concurrent request set first.
        cache.add(VERSION_KEY, version, None)
        version = cache.get(VERSION_KEY, version)
    return version


def _new_version() -> None:
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def bump_listing_version() -> None:
    """Make every cached listing result unreachable.

    The version changes at once, for the rest of this transaction, and
    again when it commits: a request that read the old rows while the
    transaction was open may have cached them under the first new version.
    """
    _new_version()
    transaction.on_commit(_new_version)


@receiver([post_save, post_delete], sender=IdeaPage)
@receiver([post_save, post_delete], sender=XtdComment)
@receiver([post_save, post_delete], sender=Support)
@receiver([post_save, post_delete], sender=Category)
@receiver([post_save, post_delete], sender=Unit)
def drop_cached_listings(sender, **kwargs):
    bump_listing_version()
