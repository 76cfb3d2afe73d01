from django.conf import settings
from django.utils.functional import SimpleLazyObject


def _idea_index():
    from ideapages.models import IdeaIndexPage

    return IdeaIndexPage.objects.live().first()


def navigation(request):
    """Add the language menu and the idea list page to every template.

    The idea list is looked up only by templates that use it.
    """
    return {
        "languages": settings.LANGUAGES,
        "idea_index": SimpleLazyObject(_idea_index),
    }
