from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils.translation import gettext_lazy as _

from . import throttle


class SignInForm(AuthenticationForm):
    """The sign-in form, which stops trying after repeated wrong passwords."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "The user name or password is wrong. Both are case-sensitive."
        ),
        "blocked": _(
            "Too many failed sign-ins. Wait 15 minutes and try again, or reset "
            "your password."
        ),
    }

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        address = throttle.client_address(self.request)
        if throttle.sign_in_blocked(username, address):
            raise forms.ValidationError(self.error_messages["blocked"], code="blocked")
        try:
            cleaned_data = super().clean()
        except forms.ValidationError:
            throttle.record_failed_sign_in(username, address)
            raise
        throttle.clear_failed_sign_ins(username, address)
        return cleaned_data


class ResetPasswordForm(PasswordResetForm):
    """The password reset form, limited to a few requests per address."""

    def __init__(self, *args, request=None, **kwargs):
        self.request = request
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned_data = super().clean()
        if not throttle.reset_request_allowed(throttle.client_address(self.request)):
            raise forms.ValidationError(
                _(
                    "Too many password reset requests from this computer. Wait "
                    "15 minutes and try again."
                ),
                code="blocked",
            )
        return cleaned_data
