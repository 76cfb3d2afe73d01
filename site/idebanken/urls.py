from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.documents import urls as wagtaildocs_urls

from accounts.views import AdminAccountView

from . import views

urlpatterns = [
    path(
        "admin/account/",
        require_admin_access(AdminAccountView.as_view()),
        name="admin_account",
    ),
    # Wagtail's own sign-in page would be a second one, in the admin's look.
    # WAGTAILADMIN_LOGIN_URL sends most admin views to the site's page, but
    # Wagtail 8's view for unknown admin addresses names "wagtailadmin_login"
    # directly, so that address forwards there too, keeping `next`.
    path(
        "admin/login/",
        login_not_required(
            RedirectView.as_view(pattern_name="login", query_string=True)
        ),
        name="wagtailadmin_login",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("konto/", include("accounts.urls")),
    path("kommentarer/", include("participation.comment_urls")),
    path("kommentarer/", include("django_comments_xtd.urls")),
    path("deltagande/", include("participation.urls")),
    path("notiser/", include("notifications.urls")),
    path("vantar-pa-mig/", include("workflows.urls")),
    # The language menu is also on the sign-in page.
    path("sprak/", login_not_required(set_language), name="set_language"),
    re_path(r"^media/(?P<path>.+)$", views.serve_media, name="media"),
    path("", include(wagtail_urls)),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns = staticfiles_urlpatterns() + urlpatterns
