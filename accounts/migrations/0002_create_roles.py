"""Create one group per role of the idea process, with its permissions.

Page permissions are granted on the idea list and the news list, so they
cover every idea and news page below them.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

IDEA_INDEX_PATH = "000100010001"
NEWS_INDEX_PATH = "000100010002"

ADMIN_ACCESS = ("wagtailadmin", "access_admin")
MODERATE_COMMENTS = ("django_comments", "can_moderate")
TAXONOMY = [
    ("ideapages", f"{action}_{model}")
    for model in ("category", "unit")
    for action in ("add", "change", "delete", "view")
]
# Wagtail checks image and document permissions per collection, so these
# are granted on the root collection rather than on the group.
MEDIA = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "choose_document"),
]

ROLES = {
    "Medarbetare": {"permissions": [], "idea_pages": [], "news_pages": []},
    "Idéambassadörer": {
        "permissions": [ADMIN_ACCESS, MODERATE_COMMENTS],
        "idea_pages": ["change_page", "publish_page"],
        "news_pages": [],
    },
    "Innovationsgrupp": {
        "permissions": [ADMIN_ACCESS, MODERATE_COMMENTS, *TAXONOMY],
        "idea_pages": ["change_page", "publish_page"],
        "news_pages": [],
    },
    "Ledningsgrupp": {"permissions": [ADMIN_ACCESS], "idea_pages": [], "news_pages": []},
    "Enhetschefer": {"permissions": [ADMIN_ACCESS], "idea_pages": [], "news_pages": []},
    "Utförare": {"permissions": [ADMIN_ACCESS], "idea_pages": [], "news_pages": []},
    "Kommunikatörer": {
        "permissions": [ADMIN_ACCESS],
        "collections": MEDIA,
        "idea_pages": [],
        "news_pages": ["add_page", "change_page", "publish_page"],
    },
    "Servicenämnden": {"permissions": [], "idea_pages": [], "news_pages": []},
}


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations have run; the
    # groups need them now.
    for app_label in ("wagtailadmin", "wagtailcore", "wagtailimages", "wagtaildocs",
                      "django_comments", "ideapages"):
        create_permissions(
            global_apps.get_app_config(app_label), verbosity=0, apps=apps
        )

    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    Page = apps.get_model("wagtailcore.Page")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    Collection = apps.get_model("wagtailcore.Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")
    page_permissions = {
        permission.codename: permission
        for permission in Permission.objects.filter(
            content_type__app_label="wagtailcore", content_type__model="page"
        )
    }
    idea_index = Page.objects.get(path=IDEA_INDEX_PATH)
    news_index = Page.objects.get(path=NEWS_INDEX_PATH)
    root_collection = Collection.objects.get(depth=1)

    for name, grants in ROLES.items():
        group, _created = Group.objects.get_or_create(name=name)
        for app_label, codename in grants["permissions"]:
            group.permissions.add(
                Permission.objects.get(
                    content_type__app_label=app_label, codename=codename
                )
            )
        for page, codenames in ((idea_index, grants["idea_pages"]),
                                (news_index, grants["news_pages"])):
            for codename in codenames:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=page, permission=page_permissions[codename]
                )
        for app_label, codename in grants.get("collections", []):
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=root_collection,
                permission=Permission.objects.get(
                    content_type__app_label=app_label, codename=codename
                ),
            )


def remove_roles(apps, schema_editor):
    apps.get_model("auth.Group").objects.filter(name__in=list(ROLES)).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("ideapages", "0002_create_site_tree"),
        ("news", "0002_create_news_index"),
        ("wagtailadmin", "0006_formstate"),
        ("django_comments", "0004_add_object_pk_is_removed_index"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
