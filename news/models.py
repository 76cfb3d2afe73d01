from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, PageChooserPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from ideapages.models import IdeaPage
from workflows.overview import NEWS_STATUSES


class NewsIndexPage(Page):
    """Intranet news about ideas and innovations, newest first."""

    intro = models.CharField(_("introduction"), max_length=300, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["ideapages.HomePage"]
    subpage_types = ["news.NewsPage"]
    max_count = 1

    class Meta:
        verbose_name = _("news list")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["news_pages"] = (
            NewsPage.objects.child_of(self).live().order_by("-date", "-pk")[:50]
        )
        return context


class NewsPage(Page):
    """A news item that a communicator publishes, often about one idea."""

    date = models.DateField(_("date"), default=timezone.localdate)
    intro = models.CharField(_("introduction"), max_length=300)
    body = RichTextField(_("body"), blank=True)
    idea = models.ForeignKey(
        "ideapages.IdeaPage",
        verbose_name=_("idea"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="news_pages",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("intro"),
        FieldPanel("body"),
        PageChooserPanel("idea", "ideapages.IdeaPage"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news page")
        verbose_name_plural = _("news pages")

    def clean(self):
        super().clean()
        # Only a new link is checked, so a page keeps its idea if the idea
        # is closed after the news was written.
        if self.idea_id is None or self.idea_id == self.stored_idea_id():
            return
        idea = IdeaPage.objects.filter(pk=self.idea_id).only("title", "status").first()
        # A missing idea is reported by the field's own validation.
        if idea is not None and not idea_reached_implementation(idea):
            raise ValidationError({"idea": not_reached_message(idea)})

    def stored_idea_id(self):
        """Return the idea this page links to in the database, or None."""
        if self.pk is None:
            return None
        return (
            NewsPage.objects.filter(pk=self.pk).values_list("idea", flat=True).first()
        )


def idea_reached_implementation(idea) -> bool:
    """Return whether `idea` is being implemented or later, so news may tell of it."""
    return idea.status in NEWS_STATUSES


def not_reached_message(idea) -> str:
    return _(
        "News about an idea can be written when it is being implemented. "
        "“%(title)s” is “%(status)s”."
    ) % {"title": idea.title, "status": idea.get_status_display()}
