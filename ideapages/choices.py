"""Cached option lists of the idea list's category and unit filters.

Every request for the idea list shows both lists, and they change only when
someone edits a category or unit, so they are read from the cache and the
cache entry is dropped on every such change.
"""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Category, Unit

CACHE_KEY = "ideapages:filter-options:{model}"
CACHE_SECONDS = 24 * 60 * 60


def filter_options(model) -> list[tuple[str, str]]:
    """Return (id, name) of every object of `model`, Category or Unit, by name."""
    key = CACHE_KEY.format(model=model._meta.model_name)
    options = cache.get(key)
    if options is None:
        options = [
            (str(pk), name) for pk, name in model.objects.values_list("pk", "name")
        ]
        cache.set(key, options, CACHE_SECONDS)
    return options


@receiver([post_save, post_delete], sender=Category)
@receiver([post_save, post_delete], sender=Unit)
def drop_filter_options(sender, **kwargs):
    cache.delete(CACHE_KEY.format(model=sender._meta.model_name))
