"""The newsroom's snippets that sign pages: authors and press agencies."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class Author(index.Indexed, models.Model):
    name = models.CharField(_("nom"), max_length=120)
    initials = models.CharField(
        _("initiales"), max_length=20, help_text=_("Signature courte, par exemple « L. L. ».")
    )
    slug = models.SlugField(_("identifiant"), unique=True)
    bio = models.CharField(_("présentation"), max_length=300, blank=True)

    panels = [FieldPanel("name"), FieldPanel("initials"), FieldPanel("slug"), FieldPanel("bio")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("auteur")
        verbose_name_plural = _("auteurs")

    def __str__(self) -> str:
        return self.name


# ArticlePage derives from Wagtail's Page, which has no type information: django-stubs' plugin
# cannot build the reverse manager its agency field gives (Agency.articles).
class Agency(models.Model):  # type: ignore[django-manager-missing]
    name = models.CharField(_("nom"), max_length=120)
    short_name = models.CharField(
        _("nom court"), max_length=30, help_text=_("Utilisé dans la signature : « avec … ».")
    )
    slug = models.SlugField(_("identifiant"), unique=True)

    panels = [FieldPanel("name"), FieldPanel("short_name"), FieldPanel("slug")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("agence de presse")
        verbose_name_plural = _("agences de presse")

    def __str__(self) -> str:
        return self.name
