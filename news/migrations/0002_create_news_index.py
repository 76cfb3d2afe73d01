"""Add the news list under the start page."""

from django.db import migrations

HOME_PATH = "00010001"
NEWS_INDEX_PATH = HOME_PATH + "0002"


def create_news_index(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Locale = apps.get_model("wagtailcore.Locale")
    Page = apps.get_model("wagtailcore.Page")
    NewsIndexPage = apps.get_model("news.NewsIndexPage")

    home = Page.objects.get(path=HOME_PATH)
    NewsIndexPage.objects.create(
        title="Nyheter",
        draft_title="Nyheter",
        slug="nyheter",
        intro="Nyheter om idéer som genomförs och innovationer i förvaltningen.",
        content_type=ContentType.objects.get_for_model(NewsIndexPage),
        locale=Locale.objects.order_by("pk").first(),
        path=NEWS_INDEX_PATH,
        depth=3,
        numchild=0,
        url_path=home.url_path + "nyheter/",
        live=True,
    )
    home.numchild += 1
    home.save(update_fields=["numchild"])


def remove_news_index(apps, schema_editor):
    Page = apps.get_model("wagtailcore.Page")
    Page.objects.filter(path__startswith=NEWS_INDEX_PATH).delete()
    Page.objects.filter(path=HOME_PATH).update(numchild=1)


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0001_initial"),
        ("ideapages", "0002_create_site_tree"),
    ]

    operations = [migrations.RunPython(create_news_index, remove_news_index)]
