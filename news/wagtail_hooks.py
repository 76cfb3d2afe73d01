from django.urls import path
from wagtail import hooks

from participation import converters  # noqa: F401 - registers the "id" converter

from . import views


@hooks.register("register_admin_urls")
def register_news_urls():
    return [
        path(
            "nyheter/fran-ide/<id:idea_id>/",
            views.news_from_idea,
            name="news_from_idea",
        )
    ]
