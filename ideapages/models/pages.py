from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page
from wagtail.search import index

from ideapages.copying import IdeaCopyForm
from ideapages.permissions import IdeaListPermissionTester
from ideapages.status import IdeaStatus

from .querysets import IdeaPageManager
from .taxonomy import Category, Unit


class HomePage(Page):
    """The start page: the newest ideas and the way to submit one."""

    intro = models.CharField(_("introduction"), max_length=300, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["ideapages.IdeaIndexPage", "news.NewsIndexPage"]
    max_count = 1

    class Meta:
        verbose_name = _("start page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        index_page = IdeaIndexPage.objects.live().first()
        context["idea_index"] = index_page
        context["newest_ideas"] = (
            IdeaPage.objects.child_of(index_page).for_listing()[:6]
            if index_page
            else []
        )
        news_page = apps.get_model("news", "NewsPage")
        context["latest_news"] = news_page.objects.live().order_by("-date", "-pk")[:3]
        return context


class IdeaIndexPage(RoutablePageMixin, Page):
    """The list of all ideas, with the pages to submit one and to see one's own."""

    intro = models.CharField(_("introduction"), max_length=300, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["ideapages.HomePage"]
    subpage_types = ["ideapages.IdeaPage"]
    max_count = 1

    class Meta:
        verbose_name = _("idea list")

    def ideas(self):
        return IdeaPage.objects.child_of(self).for_listing()

    def permissions_for_user(self, user):
        return IdeaListPermissionTester(user, self)

    @path("")
    def idea_list(self, request):
        from ideapages.views import idea_list

        return idea_list(request, self)

    @path("ny/", name="submit")
    def submit_idea(self, request):
        from ideapages.views import submit_idea

        return submit_idea(request, self)

    @path("mina/", name="mine")
    def my_ideas(self, request):
        from ideapages.views import my_ideas

        return my_ideas(request, self)


class ImportedDataPanel(MultiFieldPanel):
    """The read-only panel of what an import kept, shown only for imported ideas.

    An idea made on the site has none of these values, and Wagtail would
    show its empty external id as "None".
    """

    class BoundPanel(MultiFieldPanel.BoundPanel):
        def is_shown(self):
            imported = bool(getattr(self.instance, "external_id", None))
            return imported and super().is_shown()


class IdeaPage(Page):
    """An improvement idea, live from the moment its giver submits it.

    The page owner is the idea giver. Ideas imported from another system
    have no owner; `external_id` and the `source_*` fields keep what that
    system recorded.
    """

    summary = models.CharField(_("summary"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    category = models.ForeignKey(
        Category,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="ideas",
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ideas",
    )
    from_deviation = models.BooleanField(
        _("comes from a noticed deviation"), default=False
    )
    deviation_reference = models.CharField(
        _("deviation reference"),
        max_length=200,
        blank=True,
        help_text=_("The number or a short description of the deviation."),
    )
    status = models.CharField(
        _("status"),
        max_length=32,
        choices=IdeaStatus.choices,
        default=IdeaStatus.SUBMITTED,
        db_index=True,
    )
    submitted_at = models.DateTimeField(
        _("submitted at"), default=timezone.now, db_index=True
    )
    submission_key = models.UUIDField(null=True, unique=True, editable=False)

    external_id = models.CharField(
        _("external id"), max_length=64, null=True, blank=True, unique=True
    )
    source_status = models.CharField(_("original status"), max_length=100, blank=True)
    source_outcome = models.CharField(_("original outcome"), max_length=100, blank=True)
    source_recipient = models.CharField(
        _("original recipient"), max_length=1000, blank=True
    )
    decision_text = models.TextField(_("decision text"), blank=True)
    external_support_count = models.PositiveIntegerField(
        _("supports from the original system"), default=0
    )

    # Fields that the idea process or an import owns. The page editor has no
    # form field for them, and neither a revision nor a full save() writes
    # them: `ideapages.lifecycle.change_status` changes the status with an
    # update() of its own.
    process_fields = (
        "status",
        "submitted_at",
        "submission_key",
        "external_id",
        "source_status",
        "source_outcome",
        "source_recipient",
        "decision_text",
        "external_support_count",
    )
    # A copy is a new idea, so it starts with the defaults of these fields.
    exclude_fields_in_copy = list(process_fields)
    copy_form_class = IdeaCopyForm

    objects = IdeaPageManager()

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("category"),
                FieldPanel("unit"),
                FieldPanel("from_deviation"),
                FieldPanel("deviation_reference"),
            ],
            heading=_("classification"),
        ),
    ]
    settings_panels = [
        *Page.settings_panels,
        ImportedDataPanel(
            [
                FieldPanel("external_id", read_only=True),
                FieldPanel("source_status", read_only=True),
                FieldPanel("source_outcome", read_only=True),
                FieldPanel("source_recipient", read_only=True),
                FieldPanel("decision_text", read_only=True),
                FieldPanel("external_support_count", read_only=True),
            ],
            heading=_("imported data"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("description"),
        index.SearchField("decision_text"),
        index.FilterField("status"),
    ]
    parent_page_types = ["ideapages.IdeaIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")

    def with_content_json(self, content):
        """Return the page as a revision stores it, with the process fields of now.

        A revision records the status and the imported fields it was saved
        with. Publishing or reverting to it must not put back an older
        status, so these fields come from this instance, as Wagtail does for
        `live` and `owner`.
        """
        page = super().with_content_json(content)
        for name in self.process_fields:
            setattr(page, name, getattr(self, name))
        return page

    def permissions_for_user(self, user):
        return IdeaListPermissionTester(user, self)

    def clean(self):
        super().clean()
        # An expiry date would unpublish the idea once Wagtail's
        # publish_scheduled command runs, bypassing `can_unpublish`.
        if self.expire_at is not None:
            raise ValidationError(
                {
                    "expire_at": _(
                        "An idea stays published, so it cannot have an expiry "
                        "date. An administrator can unpublish or delete it."
                    )
                }
            )

    def save(self, *args, **kwargs):
        """Save the page, leaving the process fields alone unless named.

        A save() without `update_fields` of an existing idea writes every
        other loaded field, so an instance read before a status change
        cannot undo it. Name a field in `update_fields` to write it.
        """
        if not self._state.adding and kwargs.get("update_fields") is None:
            kwargs["update_fields"] = self.content_field_names()
        return super().save(*args, **kwargs)

    def content_field_names(self) -> list[str]:
        """Return the loaded, non-key fields that are not process fields."""
        deferred = self.get_deferred_fields()
        return [
            field.name
            for field in self._meta.concrete_fields
            if not field.primary_key
            and field.name not in self.process_fields
            and field.attname not in deferred
        ]

    @property
    def giver(self):
        return self.owner

    @property
    def is_imported(self) -> bool:
        return bool(self.external_id)

    def get_absolute_url(self):
        return self.get_url()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["support_count"] = self.external_support_count + self.supports.count()
        return context
