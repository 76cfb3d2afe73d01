"""What the Wagtail page editor posts for an idea."""

from django.urls import reverse


def edit_url(idea) -> str:
    return reverse("wagtailadmin_pages:edit", args=[idea.pk])


def editor_data(idea, **changes) -> dict:
    """Return what the page editor posts for `idea`, with `changes` applied."""
    data = {
        "title": idea.title,
        "slug": idea.slug,
        "summary": idea.summary,
        "description": idea.description,
        "category": idea.category_id,
        "unit": idea.unit_id or "",
        "deviation_reference": idea.deviation_reference,
        "comments-TOTAL_FORMS": 0,
        "comments-INITIAL_FORMS": 0,
        "comments-MIN_NUM_FORMS": 0,
        "comments-MAX_NUM_FORMS": 1000,
    }
    data.update(changes)
    return data
