"""Comment views, under /kommentarer/ ahead of django-comments-xtd's own.

`post/` and the library's reply, flag, delete and approve paths are taken
over here, so that every way in goes through the checks and records of
this app. Its "done" pages and its link to a comment's page redirect to
the comment or the page, after the same checks. The library's JSON API is
closed: the site does not use it, and it would return hidden comments'
text. So are the format suffix variants ("post.json") that the library
adds to each of its paths, whose views fail on the extra argument.
"""

from django.http import Http404
from django.urls import path, re_path

from . import converters  # noqa: F401 - registers the "id" converter
from .views import comments, moderation


def closed(request, *args, **kwargs):
    raise Http404("This address is not in use.")


app_name = "participation_comments"

urlpatterns = [
    path("post/", comments.post_comment, name="post"),
    path("moderering/", moderation.queue, name="queue"),
    path("<id:pk>/", comments.show_comment, name="show"),
    path("<id:pk>/svara/", comments.reply, name="reply"),
    path("<id:pk>/andra/", comments.edit, name="edit"),
    path("<id:pk>/ta-bort/", comments.delete, name="delete"),
    path("<id:pk>/anmal/", comments.report, name="report"),
    path("<id:pk>/dolj/", moderation.hide, name="hide"),
    path("<id:pk>/visa-igen/", moderation.restore, name="restore"),
    path("<id:pk>/stang-anmalningar/", moderation.dismiss, name="dismiss"),
    # The library's paths, with the same meaning.
    path("reply/<id:pk>/", comments.reply),
    path("flag/<id:pk>/", comments.report),
    path("delete/<id:pk>/", moderation.hide),
    path("approve/<id:pk>/", moderation.restore),
    re_path(r"^(?:posted|sent|flagged|deleted|approved)/$", comments.comment_done),
    path("cr/<id:content_type_id>/<id:object_pk>/", comments.target_page),
    # Anything else under the library's prefixes, such as an id too long for
    # the routes above, would reach the library's own views.
    re_path(
        r"^(api|like|dislike|liked|disliked|mute|confirm|cr|reply|flag|delete"
        r"|approve)/",
        closed,
    ),
    re_path(r"^.*\.[a-z0-9]+/?$", closed),
]
