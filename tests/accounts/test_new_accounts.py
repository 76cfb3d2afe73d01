"""Every new account joins the employee group, however it is created."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from accounts import roles
from tests.conftest import PASSWORD

LOGIN_PATH = "/konto/logga-in/"


def group_names(user) -> set[str]:
    return set(user.groups.values_list("name", flat=True))


def admin_create_form(username: str, **extra) -> dict:
    return {
        "username": username,
        "email": f"{username}@example.org",
        "first_name": "Ny",
        "last_name": "Användare",
        "password1": "a-long-enough-password-9",
        "password2": "a-long-enough-password-9",
        **extra,
    }


@pytest.mark.django_db
class TestNewAccounts:
    def test_created_in_code_is_employee(self):
        user = get_user_model().objects.create_user("kod", password=PASSWORD)

        assert group_names(user) == {roles.EMPLOYEE}

    def test_created_in_admin_without_groups(self, admin_client):
        response = admin_client.post("/admin/users/new/", admin_create_form("ny1"))

        assert response.status_code == 302
        user = get_user_model().objects.get(username="ny1")
        assert group_names(user) == {roles.EMPLOYEE}

    def test_created_in_admin_keeps_chosen_groups(self, admin_client):
        ambassadors = Group.objects.get(name=roles.IDEA_AMBASSADOR)
        form = admin_create_form("ny2", groups=[ambassadors.pk])

        response = admin_client.post("/admin/users/new/", form)

        assert response.status_code == 302
        user = get_user_model().objects.get(username="ny2")
        assert group_names(user) == {roles.EMPLOYEE, roles.IDEA_AMBASSADOR}

    def test_account_without_groups_joins_on_sign_in(self, client):
        user = get_user_model().objects.create_user("utan", password=PASSWORD)
        user.groups.clear()

        response = client.post(LOGIN_PATH, {"username": "utan", "password": PASSWORD})

        assert response.status_code == 302
        assert group_names(user) == {roles.EMPLOYEE}
