"""The roles of the idea process as groups, with their permissions."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser, Group
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

from accounts import roles
from ideapages.models import IdeaIndexPage
from news.models import NewsIndexPage


def page_permissions(role: str, page) -> set[str]:
    return set(
        GroupPagePermission.objects.filter(group__name=role, page=page).values_list(
            "permission__codename", flat=True
        )
    )


def model_permissions(role: str) -> set[str]:
    group = Group.objects.get(name=role)
    return {
        f"{permission.content_type.app_label}.{permission.codename}"
        for permission in group.permissions.select_related("content_type")
    }


@pytest.mark.django_db
class TestRoleGroups:
    def test_every_role_is_a_group(self):
        names = set(Group.objects.values_list("name", flat=True))

        assert set(roles.ALL_ROLES) <= names

    def test_role_names_are_swedish(self):
        assert roles.ALL_ROLES == [
            "Medarbetare",
            "Idéambassadörer",
            "Innovationsgrupp",
            "Ledningsgrupp",
            "Enhetschefer",
            "Utförare",
            "Kommunikatörer",
            "Servicenämnden",
        ]

    @pytest.mark.parametrize(
        "role",
        [
            roles.IDEA_AMBASSADOR,
            roles.INNOVATION_GROUP,
            roles.MANAGEMENT_GROUP,
            roles.UNIT_HEAD,
            roles.IMPLEMENTER,
            roles.COMMUNICATOR,
        ],
    )
    def test_role_may_open_admin(self, role):
        assert "wagtailadmin.access_admin" in model_permissions(role)

    @pytest.mark.parametrize("role", [roles.EMPLOYEE, roles.SERVICE_COMMITTEE])
    def test_role_may_not_open_admin(self, role):
        assert "wagtailadmin.access_admin" not in model_permissions(role)

    @pytest.mark.parametrize("role", [roles.IDEA_AMBASSADOR, roles.INNOVATION_GROUP])
    def test_role_may_edit_and_publish_ideas(self, role):
        index = IdeaIndexPage.objects.get()

        assert page_permissions(role, index) == {"change_page", "publish_page"}

    @pytest.mark.parametrize("role", [roles.IDEA_AMBASSADOR, roles.INNOVATION_GROUP])
    def test_role_may_moderate_comments(self, role):
        assert "django_comments.can_moderate" in model_permissions(role)

    @pytest.mark.parametrize(
        "role",
        [
            roles.EMPLOYEE,
            roles.MANAGEMENT_GROUP,
            roles.UNIT_HEAD,
            roles.IMPLEMENTER,
            roles.COMMUNICATOR,
            roles.SERVICE_COMMITTEE,
        ],
    )
    def test_role_may_not_edit_ideas(self, role):
        assert page_permissions(role, IdeaIndexPage.objects.get()) == set()

    def test_innovation_group_keeps_taxonomy(self):
        permissions = model_permissions(roles.INNOVATION_GROUP)

        for model in ("category", "unit"):
            for action in ("add", "change", "delete", "view"):
                assert f"ideapages.{action}_{model}" in permissions

    def test_ambassadors_do_not_keep_taxonomy(self):
        assert "ideapages.add_category" not in model_permissions(roles.IDEA_AMBASSADOR)

    def test_communicators_write_news(self):
        index = NewsIndexPage.objects.get()

        assert page_permissions(roles.COMMUNICATOR, index) == {
            "add_page",
            "change_page",
            "publish_page",
        }

    def test_communicators_upload_images_and_documents(self):
        granted = set(
            GroupCollectionPermission.objects.filter(
                group__name=roles.COMMUNICATOR,
                collection=Collection.get_first_root_node(),
            ).values_list("permission__codename", flat=True)
        )

        assert granted == {
            "add_image",
            "choose_image",
            "add_document",
            "choose_document",
        }

    @pytest.mark.parametrize(
        "role", [role for role in roles.ALL_ROLES if role != roles.COMMUNICATOR]
    )
    def test_only_communicators_write_news(self, role):
        assert page_permissions(role, NewsIndexPage.objects.get()) == set()


@pytest.mark.django_db
class TestNewUser:
    def test_new_user_is_employee(self):
        user = get_user_model().objects.create_user("nyanstalld", password="x" * 12)

        assert list(user.groups.values_list("name", flat=True)) == [roles.EMPLOYEE]

    def test_new_superuser_is_employee(self):
        user = get_user_model().objects.create_superuser("chef", password="x" * 12)

        assert user.groups.filter(name=roles.EMPLOYEE).exists()

    def test_saving_again_keeps_groups(self, make_user):
        user = make_user(roles.IDEA_AMBASSADOR)
        user.first_name = "Erik"
        user.save()

        assert set(user.groups.values_list("name", flat=True)) == {
            roles.EMPLOYEE,
            roles.IDEA_AMBASSADOR,
        }

    def test_removed_employee_role_is_not_restored(self, employee):
        employee.groups.clear()
        employee.save()

        assert not employee.groups.exists()


@pytest.mark.django_db
class TestHasRole:
    def test_member_has_role(self, make_user):
        assert roles.has_role(make_user(roles.IDEA_AMBASSADOR), roles.IDEA_AMBASSADOR)

    def test_other_user_lacks_role(self, employee):
        assert not roles.has_role(employee, roles.IDEA_AMBASSADOR)

    def test_inactive_user_has_no_role(self, make_user):
        user = make_user(roles.IDEA_AMBASSADOR, is_active=False)

        assert not roles.has_role(user, roles.IDEA_AMBASSADOR)

    def test_anonymous_user_has_no_role(self):
        assert not roles.has_role(AnonymousUser(), roles.EMPLOYEE)


@pytest.mark.django_db
class TestAdminAccess:
    @pytest.mark.parametrize(
        "role", [roles.IDEA_AMBASSADOR, roles.INNOVATION_GROUP, roles.COMMUNICATOR]
    )
    def test_role_opens_admin(self, client, make_user, role):
        client.force_login(make_user(role))

        response = client.get("/admin/")

        assert response.status_code == 200

    @pytest.mark.parametrize("role", [roles.EMPLOYEE, roles.SERVICE_COMMITTEE])
    def test_role_is_kept_out_of_admin(self, client, make_user, role):
        client.force_login(make_user(role))

        response = client.get("/admin/")

        assert response.status_code == 302
        assert not response["Location"].startswith("/admin/")

    def test_ambassador_edits_idea_in_admin(self, client, make_user, make_idea):
        idea = make_idea()
        client.force_login(make_user(roles.IDEA_AMBASSADOR))

        response = client.get(f"/admin/pages/{idea.pk}/edit/")

        assert response.status_code == 200

    def test_unit_head_cannot_edit_idea(self, client, make_user, make_idea):
        idea = make_idea()
        client.force_login(make_user(roles.UNIT_HEAD))

        response = client.get(f"/admin/pages/{idea.pk}/edit/")

        assert response.status_code in (302, 403)

    def test_innovation_group_manages_categories(self, client, make_user):
        client.force_login(make_user(roles.INNOVATION_GROUP))

        response = client.get("/admin/ideapages/category/")

        assert response.status_code == 200

    def test_ambassador_cannot_manage_categories(self, client, make_user):
        client.force_login(make_user(roles.IDEA_AMBASSADOR))

        response = client.get("/admin/ideapages/category/")

        assert response.status_code in (302, 403)

    def test_admin_link_shows_for_ambassador(self, client, make_user):
        client.force_login(make_user(roles.IDEA_AMBASSADOR))

        response = client.get("/")

        assert 'href="/admin/"' in response.text

    def test_admin_link_hidden_for_employee(self, employee_client):
        response = employee_client.get("/")

        assert 'href="/admin/"' not in response.text


@pytest.mark.django_db
class TestAdminAccountPage:
    def test_name_and_email_not_editable(self, client, make_user):
        ambassador = make_user(roles.IDEA_AMBASSADOR, first_name="Erik")
        client.force_login(ambassador)

        page = client.get("/admin/account/")
        client.post(
            "/admin/account/",
            {
                "name_email-first_name": "Karin",
                "name_email-last_name": "Berg",
                "name_email-email": "ledning@idebanken.example",
            },
        )

        ambassador.refresh_from_db()
        assert page.status_code == 200
        assert 'name="name_email-first_name"' not in page.text
        assert ambassador.first_name == "Erik"
        assert ambassador.email != "ledning@idebanken.example"

    def test_employee_has_no_account_page(self, employee_client):
        response = employee_client.get("/admin/account/")

        assert response.status_code == 302
