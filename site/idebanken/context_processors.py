from django.conf import settings
from django.utils.functional import SimpleLazyObject


def _idea_index():
    from ideapages.models import IdeaIndexPage

    return IdeaIndexPage.objects.live().first()


def _news_index():
    from news.models import NewsIndexPage

    return NewsIndexPage.objects.live().first()


def navigation(request):
    """Add the language menu and the idea and news list pages to every template.

    The list pages are looked up only by templates that use them.
    """
    return {
        "languages": settings.LANGUAGES,
        "idea_index": SimpleLazyObject(_idea_index),
        "news_index": SimpleLazyObject(_news_index),
    }
