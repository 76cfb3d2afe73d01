"""Support, follow and attachments of ideas, under /deltagande/."""

from django.urls import path

from . import converters  # noqa: F401 - registers the "id" converter
from .views import ideas

app_name = "participation"

urlpatterns = [
    path("foljer/", ideas.followed_ideas, name="followed"),
    path("ide/<id:idea_id>/stod/", ideas.support, name="support"),
    path(
        "ide/<id:idea_id>/stod/ta-tillbaka/",
        ideas.withdraw_support,
        name="withdraw_support",
    ),
    path("ide/<id:idea_id>/folj/", ideas.follow, name="follow"),
    path("ide/<id:idea_id>/sluta-folja/", ideas.unfollow, name="unfollow"),
    path("ide/<id:idea_id>/bilagor/", ideas.upload_attachment, name="upload"),
    path("bilagor/<id:pk>/", ideas.download_attachment, name="attachment"),
    path(
        "bilagor/<id:pk>/ta-bort/",
        ideas.remove_attachment,
        name="remove_attachment",
    ),
]
