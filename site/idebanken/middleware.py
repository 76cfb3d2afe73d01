"""Request middleware of the project."""

from django.conf import settings
from django.utils import translation


class DefaultLanguageMiddleware:
    """Activate the language chosen in the language menu, else Swedish.

    Unlike Django's LocaleMiddleware this ignores the browser's
    Accept-Language header, so that every employee meets the Swedish
    interface until they choose English themselves.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.languages = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.languages else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language

        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        response.headers.setdefault("Vary", "Cookie")
        return response
