"""Comment views, under /kommentarer/ ahead of django-comments-xtd's own.

`post/` and the library's reply, flag, delete and approve paths are taken
over here, so that every way in goes through the checks and records of
this app. The library's JSON API is closed: the site does not use it, and
it would return hidden comments' text.
"""

from django.http import Http404
from django.urls import path, re_path

from .views import comments, moderation


def closed(request, *args, **kwargs):
    raise Http404("This address is not in use.")


app_name = "participation_comments"

urlpatterns = [
    path("post/", comments.post_comment, name="post"),
    path("moderering/", moderation.queue, name="queue"),
    path("<int:pk>/", comments.show_comment, name="show"),
    path("<int:pk>/svara/", comments.reply, name="reply"),
    path("<int:pk>/andra/", comments.edit, name="edit"),
    path("<int:pk>/ta-bort/", comments.delete, name="delete"),
    path("<int:pk>/anmal/", comments.report, name="report"),
    path("<int:pk>/dolj/", moderation.hide, name="hide"),
    path("<int:pk>/visa-igen/", moderation.restore, name="restore"),
    path("<int:pk>/stang-anmalningar/", moderation.dismiss, name="dismiss"),
    # The library's paths, with the same meaning.
    path("reply/<int:pk>/", comments.reply),
    path("flag/<int:pk>/", comments.report),
    path("delete/<int:pk>/", moderation.hide),
    path("approve/<int:pk>/", moderation.restore),
    re_path(r"^(api|like|dislike|liked|disliked|mute|confirm)/", closed),
]
