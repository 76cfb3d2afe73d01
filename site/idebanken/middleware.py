"""Request middleware of the project."""

import logging

from django.conf import settings
from django.contrib.auth import middleware as auth_middleware
from django.template.response import TemplateResponse
from django.utils import translation
from rest_framework.views import APIView

logger = logging.getLogger(__name__)


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


class LoginRequiredMiddleware(auth_middleware.LoginRequiredMiddleware):
    """Require sign-in for every view not marked @login_not_required, API views too.

    Django REST framework (3.18 as installed) marks every API view as exempt
    from Django's LoginRequiredMiddleware and leaves access to the view's
    permission classes. The comment API of django-comments-xtd allows anyone
    to list comments, so without this check anonymous visitors could read
    every comment.
    """

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.user.is_authenticated and is_api_view(view_func):
            return self.handle_no_permission(request, view_func)
        return super().process_view(request, view_func, view_args, view_kwargs)


def is_api_view(view_func) -> bool:
    view_class = getattr(view_func, "cls", None)
    return isinstance(view_class, type) and issubclass(view_class, APIView)


class MethodNotAllowedPageMiddleware:
    """Explain an empty 405 response, such as a GET to a form's action address."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 405 and not response.content:
            page = TemplateResponse(request, "405.html", status=405)
            page["Allow"] = response.get("Allow", "")
            return page.render()
        return response


class OverflowNotFoundMiddleware:
    """Answer 404 when a number in the address is too large for the database.

    Views that look up ids from the address, including Wagtail's bulk
    actions, raise OverflowError for an id past 64 bits. No such object can
    exist, so it is not found rather than a server error.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OverflowError):
            return None
        logger.warning("number in address too large path_length=%s", len(request.path))
        return TemplateResponse(request, "404.html", status=404).render()
