from django.contrib.auth import views as auth_views
from django.template.response import TemplateResponse

from .forms import SignInForm


class SignInView(auth_views.LoginView):
    """The sign-in page; a signed-in user is told where they stand instead.

    Wagtail sends a signed-in user without admin access here with
    next=/admin/. Sending them on to `next` would loop, and showing the
    form would suggest they are not signed in.
    """

    authentication_form = SignInForm

    def get(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            return TemplateResponse(
                request,
                "registration/signed_in.html",
                {"next": self.get_redirect_url()},
            )
        return super().get(request, *args, **kwargs)


class SignOutView(auth_views.LogoutView):
    """Sign out on POST; a GET, such as a typed address, shows a button for it."""

    http_method_names = ["get", "post", "options"]

    def get(self, request, *args, **kwargs):
        return TemplateResponse(request, "registration/sign_out.html")
