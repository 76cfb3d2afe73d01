from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Count, F, IntegerField, OuterRef, Subquery
from django.db.models.functions import Cast, Coalesce
from wagtail.models import PageManager, PageQuerySet

LISTING_DEFERRED_FIELDS = (
    "description",
    "decision_text",
    "source_recipient",
    "search_description",
    "seo_title",
)


def _count_subquery(queryset, group_field: str):
    counted = queryset.order_by().values(group_field).annotate(total=Count("pk"))
    return Coalesce(Subquery(counted.values("total"), output_field=IntegerField()), 0)


class IdeaPageQuerySet(PageQuerySet):
    def with_counts(self):
        """Annotate `comment_count` and `support_count` in the same query.

        `comment_count` counts published comments that are not removed.
        `support_count` adds the supports given in Idébanken to the
        signatures an imported idea brought with it.
        """
        comment_model = apps.get_model("django_comments_xtd", "XtdComment")
        support_model = apps.get_model("participation", "Support")
        comments = comment_model.norel_objects.filter(
            content_type=ContentType.objects.get_for_model(self.model),
            object_pk=Cast(OuterRef("pk"), output_field=CharField()),
            is_public=True,
            is_removed=False,
        )
        supports = support_model.objects.filter(idea=OuterRef("pk"))
        return self.annotate(
            comment_count=_count_subquery(comments, "object_pk"),
            support_count=_count_subquery(supports, "idea")
            + F("external_support_count"),
        )

    def for_listing(self):
        """Return live ideas with what an idea list shows, newest first.

        Long text fields that a list never shows are deferred; reading one
        of them from a listed idea costs a query.
        """
        return (
            self.live()
            .select_related("category", "unit")
            .defer(*LISTING_DEFERRED_FIELDS)
            .with_counts()
            .order_by("-submitted_at", "-pk")
        )


IdeaPageManager = PageManager.from_queryset(IdeaPageQuerySet)
