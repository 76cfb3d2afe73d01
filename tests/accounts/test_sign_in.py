"""Signing in and out, and resetting a forgotten password."""

import re

import pytest
from django.core import mail
from django.utils import translation

from accounts import roles
from accounts.forms import SignInForm
from tests.conftest import PASSWORD

LOGIN_PATH = "/konto/logga-in/"


@pytest.mark.django_db
class TestSignIn:
    def test_login_page_has_form(self, client):
        response = client.get(LOGIN_PATH)

        assert 'name="username"' in response.text
        assert 'name="password"' in response.text

    def test_login_page_keeps_next(self, client):
        response = client.get(LOGIN_PATH, {"next": "/ideer/mina/"})

        assert 'name="next" value="/ideer/mina/"' in response.text

    def test_sign_in_goes_to_start_page(self, client, employee):
        response = client.post(
            LOGIN_PATH, {"username": employee.username, "password": PASSWORD}
        )

        assert response.status_code == 302
        assert response["Location"] == "/"

    def test_sign_in_goes_to_next(self, client, employee):
        response = client.post(
            LOGIN_PATH,
            {
                "username": employee.username,
                "password": PASSWORD,
                "next": "/ideer/mina/",
            },
        )

        assert response["Location"] == "/ideer/mina/"

    @pytest.mark.parametrize(
        "next_url",
        ["https://evil.example/", "//evil.example/", "javascript:alert(1)"],
    )
    def test_off_site_next_is_ignored(self, client, employee, next_url):
        response = client.post(
            LOGIN_PATH,
            {"username": employee.username, "password": PASSWORD, "next": next_url},
        )

        assert response["Location"] == "/"

    def test_signed_in_user_reaches_pages(self, client, employee):
        client.post(LOGIN_PATH, {"username": employee.username, "password": PASSWORD})

        response = client.get("/ideer/")

        assert response.status_code == 200

    def test_wrong_password_is_explained(self, client, employee):
        response = client.post(
            LOGIN_PATH, {"username": employee.username, "password": "fel lösenord"}
        )

        assert response.status_code == 200
        with translation.override("sv"):
            message = str(SignInForm.error_messages["invalid_login"])
        assert response.context["form"].non_field_errors() == [message]

    def test_wrong_password_keeps_username(self, client, employee):
        response = client.post(
            LOGIN_PATH, {"username": employee.username, "password": "fel lösenord"}
        )

        assert f'value="{employee.username}"' in response.text

    def test_wrong_password_does_not_sign_in(self, client, employee):
        client.post(
            LOGIN_PATH, {"username": employee.username, "password": "fel lösenord"}
        )

        assert client.get("/ideer/").status_code == 302

    def test_inactive_user_cannot_sign_in(self, client, make_user):
        user = make_user(is_active=False)

        response = client.post(
            LOGIN_PATH, {"username": user.username, "password": PASSWORD}
        )

        assert response.status_code == 200
        assert "_auth_user_id" not in client.session

    def test_empty_form_is_explained(self, client):
        response = client.post(LOGIN_PATH, {"username": "", "password": ""})

        assert set(response.context["form"].errors) == {"username", "password"}

    def test_sign_in_without_csrf_is_rejected(self, employee):
        from django.test import Client

        client = Client(enforce_csrf_checks=True)

        response = client.post(
            LOGIN_PATH, {"username": employee.username, "password": PASSWORD}
        )

        assert response.status_code == 403


@pytest.mark.django_db
class TestSignedInVisitor:
    def test_login_page_opens_for_signed_in_user(self, employee_client):
        response = employee_client.get(LOGIN_PATH)

        assert response.status_code == 200

    def test_signed_in_user_sees_no_form(self, employee_client, employee):
        response = employee_client.get(LOGIN_PATH, {"next": "/admin/"})

        assert 'name="password"' not in response.text
        assert employee.get_username() in response.text

    def test_employee_opening_admin_gets_no_loop(self, employee_client):
        response = employee_client.get("/admin/", follow=True)

        assert response.status_code == 200
        assert response.redirect_chain[-1][0].startswith(LOGIN_PATH)

    def test_employee_opening_admin_is_told_why(self, employee_client):
        response = employee_client.get("/admin/", follow=True)

        assert [message.level_tag for message in response.context["messages"]] == [
            "error"
        ]

    def test_ambassador_signs_in_to_admin(self, client, make_user):
        ambassador = make_user(roles.IDEA_AMBASSADOR)

        response = client.post(
            LOGIN_PATH,
            {"username": ambassador.username, "password": PASSWORD, "next": "/admin/"},
            follow=True,
        )

        assert response.status_code == 200
        assert response.redirect_chain == [("/admin/", 302)]


@pytest.mark.django_db
class TestSignOut:
    def test_sign_out_ends_session(self, employee_client):
        employee_client.post("/konto/logga-ut/")

        response = employee_client.get("/ideer/")

        assert response.status_code == 302

    def test_sign_out_goes_to_login(self, employee_client):
        response = employee_client.post("/konto/logga-ut/")

        assert response["Location"] == LOGIN_PATH

    def test_sign_out_by_get_asks_first(self, employee_client, employee):
        response = employee_client.get("/konto/logga-ut/")

        assert response.status_code == 200
        assert 'action="/konto/logga-ut/"' in response.text
        assert employee_client.session.get("_auth_user_id") == str(employee.pk)


@pytest.mark.django_db
class TestPasswordReset:
    def test_reset_mails_known_address(self, client, employee):
        response = client.post("/konto/aterstall/", {"email": employee.email})

        assert response["Location"] == "/konto/aterstall/skickat/"
        assert [message.to for message in mail.outbox] == [[employee.email]]

    def test_link_uses_site_address(self, client, employee, settings):
        settings.WAGTAILADMIN_BASE_URL = "https://idebanken.kommun.example"

        client.post("/konto/aterstall/", {"email": employee.email})

        assert (
            "https://idebanken.kommun.example/konto/aterstall/" in mail.outbox[0].body
        )
        assert "example.com" not in mail.outbox[0].body

    def test_unknown_address_gets_same_answer(self, client, employee):
        response = client.post("/konto/aterstall/", {"email": "okand@example.org"})

        assert response["Location"] == "/konto/aterstall/skickat/"
        assert mail.outbox == []

    def test_link_in_mail_sets_new_password(self, client, employee):
        client.post("/konto/aterstall/", {"email": employee.email})
        link = re.search(r"/konto/aterstall/[^/\s]+/[^/\s]+/", mail.outbox[0].body)

        response = client.get(link.group(0), follow=True)
        new_password = "Ny lösenordsfras för idébanken"
        response = client.post(
            response.redirect_chain[-1][0],
            {"new_password1": new_password, "new_password2": new_password},
        )

        employee.refresh_from_db()
        assert response["Location"] == "/konto/aterstall/klart/"
        assert employee.check_password(new_password)

    def test_invalid_link_sets_nothing(self, client, employee):
        response = client.get("/konto/aterstall/MQ/ogiltig-nyckel/")

        assert response.status_code == 200
        assert not response.context["validlink"]


@pytest.mark.django_db
class TestSignInThrottle:
    def sign_in(self, client, username, password):
        return client.post(LOGIN_PATH, {"username": username, "password": password})

    def test_blocked_after_repeated_failures(self, client, employee):
        for _attempt in range(5):
            self.sign_in(client, employee.username, "fel lösenord")

        response = self.sign_in(client, employee.username, PASSWORD)

        assert response.status_code == 200
        assert "_auth_user_id" not in client.session
        assert (
            response.context["form"]
            .errors["__all__"][0]
            .startswith("För många misslyckade inloggningar")
        )

    def test_success_clears_earlier_failures(self, client, employee):
        for _attempt in range(4):
            self.sign_in(client, employee.username, "fel lösenord")
        self.sign_in(client, employee.username, PASSWORD)
        client.logout()

        for _attempt in range(4):
            self.sign_in(client, employee.username, "fel lösenord")
        response = self.sign_in(client, employee.username, PASSWORD)

        assert response.status_code == 302

    def test_other_users_not_blocked(self, client, employee, make_user):
        colleague = make_user()
        for _attempt in range(5):
            self.sign_in(client, employee.username, "fel lösenord")

        response = self.sign_in(client, colleague.username, PASSWORD)

        assert response.status_code == 302

    def test_other_address_not_blocked(self, client, employee):
        for _attempt in range(5):
            client.post(
                LOGIN_PATH,
                {"username": employee.username, "password": "fel lösenord"},
                REMOTE_ADDR="192.0.2.10",
            )

        response = self.sign_in(client, employee.username, PASSWORD)

        assert response.status_code == 302

    def test_many_addresses_block_the_name(self, client, employee):
        for attempt in range(50):
            client.post(
                LOGIN_PATH,
                {"username": employee.username, "password": "fel lösenord"},
                REMOTE_ADDR=f"192.0.2.{attempt}",
            )

        response = self.sign_in(client, employee.username, PASSWORD)

        assert response.status_code == 200
        assert "_auth_user_id" not in client.session

    def test_proxy_header_names_the_address(self, client, employee, settings):
        settings.CLIENT_ADDRESS_HEADER = "HTTP_X_REAL_IP"
        for _attempt in range(5):
            client.post(
                LOGIN_PATH,
                {"username": employee.username, "password": "fel lösenord"},
                HTTP_X_REAL_IP="192.0.2.10",
            )

        blocked = client.post(
            LOGIN_PATH,
            {"username": employee.username, "password": PASSWORD},
            HTTP_X_REAL_IP="192.0.2.10",
        )
        elsewhere = self.sign_in(client, employee.username, PASSWORD)

        assert blocked.status_code == 200
        assert elsewhere.status_code == 302

    def test_reset_requests_limited(self, client, employee):
        for _attempt in range(5):
            client.post("/konto/aterstall/", {"email": employee.email})

        response = client.post("/konto/aterstall/", {"email": employee.email})

        assert response.status_code == 200
        assert len(mail.outbox) == 5
