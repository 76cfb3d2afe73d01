"""Administration of the category and unit lists, for the innovation group."""

from django.utils.translation import gettext_lazy as _
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register

from .models import Category, Unit


class CategoryAdmin(ModelAdmin):
    model = Category
    menu_icon = "tag"
    list_display = ["name"]
    search_fields = ["name"]


class UnitAdmin(ModelAdmin):
    model = Unit
    menu_icon = "group"
    list_display = ["name"]
    search_fields = ["name"]


@modeladmin_register
class ClassificationAdminGroup(ModelAdminGroup):
    menu_label = _("Classification")
    menu_icon = "folder-open-inverse"
    items = [CategoryAdmin, UnitAdmin]
