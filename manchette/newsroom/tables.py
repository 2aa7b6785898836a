"""Columns of the newsroom's lists that say in words what Wagtail would print raw."""

from django.db.models import Field, Model
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from wagtail.admin.ui.tables import Column


class YesNoColumn(Column):
    """A yes/no field as "Oui" or "Non" (Wagtail prints "True", or a tick titled "True")."""

    def get_value(self, instance: Model) -> str:
        return _("Oui") if super().get_value(instance) else _("Non")


def yes_no(model: type[Model], name: str) -> YesNoColumn:
    """The column of `model`'s yes/no field `name`, headed with its verbose name."""
    field = model._meta.get_field(name)
    if not isinstance(field, Field):  # a yes/no column shows a field of the model, not a relation's other end
        raise TypeError(f"{model.__name__}.{name} is not a field")
    return YesNoColumn(name, label=capfirst(field.verbose_name))

