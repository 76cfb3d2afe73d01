from django.urls import path

from .views import site

app_name = "workflows"

urlpatterns = [
    path("", site.waiting_list, name="waiting"),
]
