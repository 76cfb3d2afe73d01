from django.urls import path

from participation import converters  # noqa: F401 - registers the "id" converter

from .views import admin

app_name = "workflows_admin"

urlpatterns = [
    path("", admin.WaitingView.as_view(), name="waiting"),
    path("<id:idea_id>/", admin.IdeaProcessView.as_view(), name="idea"),
    path("<id:idea_id>/stoppa/", admin.StopProcessView.as_view(), name="stop"),
    path(
        "<id:idea_id>/<id:task_state_id>/<slug:action_name>/",
        admin.ActionView.as_view(),
        name="action",
    ),
]
