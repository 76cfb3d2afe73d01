from django.urls import path

from .views import admin

app_name = "workflows_admin"

urlpatterns = [
    path("", admin.WaitingView.as_view(), name="waiting"),
    path("<int:idea_id>/", admin.IdeaProcessView.as_view(), name="idea"),
    path("<int:idea_id>/stoppa/", admin.StopProcessView.as_view(), name="stop"),
    path(
        "<int:idea_id>/<int:task_state_id>/<slug:action_name>/",
        admin.ActionView.as_view(),
        name="action",
    ),
]
