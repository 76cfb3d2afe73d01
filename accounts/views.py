from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from wagtail.admin.views import account as wagtail_account

from .forms import ResetPasswordForm, SignInForm


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


class AdminAccountView(wagtail_account.AccountView):
    """Wagtail's account page without the panel to change one's name and e-mail.

    Names and addresses come from the administration's user directory.
    Letting anyone with admin access rename themselves would let them pose
    as a colleague beside their comments and decisions; IT changes them
    under Settings → Users instead.
    """

    def get_panels(self):
        return [
            panel
            for panel in super().get_panels()
            if not isinstance(panel, wagtail_account.NameEmailSettingsPanel)
        ]


class ResetPasswordView(auth_views.PasswordResetView):
    """Password reset whose e-mailed link uses the site's configured address.

    Django would take the host from django.contrib.sites, which is
    example.com unless someone edits it, and a link there would hand the
    reset token to a stranger's domain.
    """

    form_class = ResetPasswordForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}

    def form_valid(self, form):
        site = urlsplit(settings.WAGTAILADMIN_BASE_URL)
        form.save(
            domain_override=site.netloc,
            use_https=site.scheme == "https",
            token_generator=self.token_generator,
            from_email=self.from_email,
            email_template_name=self.email_template_name,
            subject_template_name=self.subject_template_name,
            request=self.request,
            html_email_template_name=self.html_email_template_name,
            extra_email_context={"site_name": "Idébanken"},
        )
        return HttpResponseRedirect(self.get_success_url())
