"""Replace Wagtail's welcome page with the start page and the idea list."""

from django.db import migrations

HOME_PATH = "00010001"
IDEA_INDEX_PATH = HOME_PATH + "0001"


def create_site_tree(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Locale = apps.get_model("wagtailcore.Locale")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("ideapages.HomePage")
    IdeaIndexPage = apps.get_model("ideapages.IdeaIndexPage")

    # wagtailcore's own migration creates a welcome page of the plain Page
    # type at this path; it has no content worth keeping.
    Site.objects.filter(root_page__path=HOME_PATH).delete()
    Page.objects.filter(path__startswith=HOME_PATH).delete()
    locale = Locale.objects.order_by("pk").first()

    home = HomePage.objects.create(
        title="Idébanken",
        draft_title="Idébanken",
        slug="home",
        intro=(
            "Här lämnar du idéer som gör förvaltningens arbete bättre, och "
            "läser, kommenterar och stödjer andras."
        ),
        content_type=ContentType.objects.get_for_model(HomePage),
        locale=locale,
        path=HOME_PATH,
        depth=2,
        numchild=1,
        url_path="/home/",
        live=True,
    )
    IdeaIndexPage.objects.create(
        title="Idéer",
        draft_title="Idéer",
        slug="ideer",
        content_type=ContentType.objects.get_for_model(IdeaIndexPage),
        locale=locale,
        path=IDEA_INDEX_PATH,
        depth=3,
        numchild=0,
        url_path="/home/ideer/",
        live=True,
    )
    Page.objects.filter(depth=1).update(numchild=1)
    Site.objects.create(
        hostname="localhost",
        port=80,
        root_page_id=home.pk,
        is_default_site=True,
        site_name="Idébanken",
    )


def remove_site_tree(apps, schema_editor):
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    Site.objects.filter(root_page__path=HOME_PATH).delete()
    Page.objects.filter(path__startswith=HOME_PATH).delete()
    Page.objects.filter(depth=1).update(numchild=0)


class Migration(migrations.Migration):
    dependencies = [
        ("ideapages", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_site_tree, remove_site_tree)]
