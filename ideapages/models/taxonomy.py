import unicodedata

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


def clean_name(name: str) -> str:
    """Return `name` composed (NFC), without format characters, single-spaced."""
    composed = unicodedata.normalize("NFC", name or "")
    visible = "".join(char for char in composed if unicodedata.category(char) != "Cf")
    return " ".join(visible.split())


def comparison_key(name: str) -> str:
    """Return the form in which two names that look alike are equal.

    NFKC folds compatibility forms, casefold() folds case, and the combining
    dot above that casefold() leaves after a Turkish dotted capital I is
    dropped. Accents stay, because "Miljö" and "Miljo" are different words.
    """
    folded = unicodedata.normalize("NFKC", clean_name(name)).casefold()
    return unicodedata.normalize("NFKC", folded.replace("\u0307", ""))


class NamedTaxon(models.Model):
    """A name in one of the idea classification lists, unique ignoring case."""

    duplicate_message = _("“%(name)s” already exists as “%(existing)s”.")

    class Meta:
        abstract = True

    def __str__(self):
        return self.name

    def clean(self):
        """Tidy the name and reject one that only looks different from another.

        Case, spacing, invisible characters and composed or decomposed
        accents do not make a name different.
        """
        super().clean()
        self.name = clean_name(self.name)
        # Compared in Python, because SQLite's case-insensitive match folds
        # only ASCII letters ("Å" and "å" would differ). The lists are short.
        key = comparison_key(self.name)
        others = type(self).objects.exclude(pk=self.pk).values_list("name", flat=True)
        existing = next((name for name in others if comparison_key(name) == key), None)
        if existing is not None:
            raise ValidationError(
                {
                    "name": ValidationError(
                        self.duplicate_message,
                        code="duplicate",
                        params={"name": self.name, "existing": existing},
                    )
                }
            )


class Category(NamedTaxon):
    """An area of the municipality's work that ideas are sorted under."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    accepts_ideas = models.BooleanField(
        _("accepts new ideas"),
        default=True,
        help_text=_(
            "Offered in the form for new ideas. Untick it to retire a category: "
            "its ideas keep it and the idea list can still filter by it."
        ),
    )

    duplicate_message = _(
        "A category named “%(existing)s” already exists. "
        "Names may not differ only in case or surrounding spaces."
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")


class Unit(NamedTaxon):
    """A unit, committee or administration that an idea concerns."""

    name = models.CharField(_("name"), max_length=200, unique=True)

    duplicate_message = _(
        "A unit named “%(existing)s” already exists. "
        "Names may not differ only in case or surrounding spaces."
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")
