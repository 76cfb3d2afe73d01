from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.Model):
    """An area of the municipality's work that ideas are sorted under."""

    name = models.CharField(_("name"), max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self):
        return self.name


class Unit(models.Model):
    """A unit, committee or administration that an idea concerns."""

    name = models.CharField(_("name"), max_length=200, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")

    def __str__(self):
        return self.name
