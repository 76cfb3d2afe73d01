from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("las/", views.mark_all_read, name="mark_all_read"),
    path("oppna/<str:token>/", views.open_notification, name="open"),
]
