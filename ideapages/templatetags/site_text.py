"""Translate the demo site's page titles and intros while editors keep them.

The titles and intros of the start page, the idea list and the news list
are page content that a data migration wrote in Swedish. Page content has
no translation (WAGTAIL_I18N_ENABLED is off), so English mode showed
Swedish headings. Each text that the migration wrote is mapped here to a
message in the catalogue, and the `site_text` filter shows it in the
active language. A text that an editor changed is not in the map and is
shown as written.
"""

from django import template
from django.utils.translation import pgettext_lazy

register = template.Library()

DEFAULT_TEXTS = {
    "Idéer": pgettext_lazy("page title", "Ideas"),
    "Nyheter": pgettext_lazy("page title", "News"),
    (
        "Här lämnar du idéer som gör förvaltningens arbete bättre, och "
        "läser, kommenterar och stödjer andras."
    ): pgettext_lazy(
        "page intro",
        "Here you submit ideas that make the administration's work better, "
        "and read, comment on and support other people's ideas.",
    ),
    "Nyheter om idéer som genomförs och innovationer i förvaltningen.": (
        pgettext_lazy(
            "page intro",
            "News about ideas being implemented and innovations in the administration.",
        )
    ),
}


@register.filter
def site_text(value):
    """Return the translation of a text that the site was created with, else `value`."""
    translated = DEFAULT_TEXTS.get(str(value).strip()) if value else None
    return value if translated is None else str(translated)
