"""Loads the demo newsroom: sections, authors, agencies, pictures, articles, people.

Idempotent: what already exists (matched by slug, title or username) is left as it is,
so running it twice changes nothing.
"""

import io
from datetime import timedelta
from typing import Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ImproperlyConfigured
from django.core.files.images import ImageFile
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from wagtail.images.models import Image

from manchette.accounts.services import set_pseudonym
from manchette.articles.models import Agency, ArticleAuthor, ArticlePage, Author, HomePage, SectionPage
from manchette.articles.services import ensure_home_page
from manchette.comments.demo import load_demo_comments
from manchette.corrections.services import add_correction
from manchette.live.demo import load_demo_live
from manchette.newsletters.demo import load_demo_newsletters
from manchette.newsroom.services import EDITORS, JOURNALISTS
from manchette.subscriptions.lifecycle import grant
from manchette.subscriptions.models import Plan

from . import content
from .pictures import MOTIF_TITLES, make_picture

DEMO_PASSWORD = "manchette-demo"  # noqa: S105 - printed by `make run`, demo only
DEMO_PLANS = [
    {
        "slug": "essentiel",
        "name": "Essentiel",
        "price_cents": 999,
        "period": Plan.Period.MONTH,
        "description": "Tous les articles, en ligne et à écouter. Sans engagement.",
    },
    {
        "slug": "annuel",
        "name": "Annuel",
        "price_cents": 9900,
        "period": Plan.Period.YEAR,
        "description": "Un an d'accès complet, deux mois offerts par rapport au mensuel.",
    },
]
DEMO_READERS = [
    # email, pseudonym, subscribed
    ("lecteur@manchette.test", "Lecteur curieux", False),
    ("abonne@manchette.test", "Abonnée fidèle", True),
]
DEMO_PEOPLE = [
    # username, first name, last name, group, superuser
    ("editrice", "Élise", "Marchand", EDITORS, False),
    ("journaliste", "Julien", "Robert", JOURNALISTS, False),
    ("admin", "Admin", "Manchette", None, True),
]


class DemoAccountsRefused(ImproperlyConfigured):
    """Production settings never get an account whose password is printed in the README."""


@transaction.atomic
def load_demo() -> dict[str, int]:
    """The demo newsroom; under production settings its articles only, never its accounts."""
    home = ensure_home_page()
    sections = {data["slug"]: _section(home, data) for data in content.SECTIONS}
    authors = {data["slug"]: _upsert(Author, data) for data in content.AUTHORS}
    agencies = {data["slug"]: _upsert(Agency, data) for data in content.AGENCIES}
    created = [
        data
        for data in content.ARTICLES
        if _create_article(data, sections[data["section"]], authors, agencies)
    ]
    articles = {page.slug: page for page in ArticlePage.objects.all()}
    for data in created:
        _link_related_articles(articles[data["slug"]], data, articles)
        _date(articles[data["slug"]], data)
    _correct({data["slug"] for data in created})
    load_demo_newsletters(sections)
    load_demo_live(sections)
    people = 0 if settings.PRODUCTION else load_demo_accounts()
    return {"articles": len(created), "people": people}


def load_demo_accounts() -> int:
    """The demo's staff, readers and plans, all with the password `make run` prints."""
    if settings.PRODUCTION:
        raise DemoAccountsRefused(
            "The demo accounts (their password is public) are never created under production "
            "settings: create the first editor with `manage.py createsuperuser`."
        )
    people = sum(_person(*person) for person in DEMO_PEOPLE)
    plans = {data["slug"]: _upsert(Plan, data) for data in DEMO_PLANS}
    people += sum(
        _reader(email, pseudonym, plans["annuel"] if subscribed else None)
        for email, pseudonym, subscribed in DEMO_READERS
    )
    load_demo_comments("editrice", "abonne@manchette.test")
    return people


def _section(home: HomePage, data: dict) -> SectionPage:
    existing = SectionPage.objects.child_of(home).filter(slug=data["slug"]).first()
    if existing:
        return existing
    section = home.add_child(
        instance=SectionPage(title=data["title"], slug=data["slug"], intro=data["intro"])
    )
    section.save_revision().publish()
    return section


def _upsert[M: Model](model: type[M], data: dict[str, Any]) -> M:
    fields = {field: value for field, value in data.items() if field != "slug"}
    instance, _created = model._default_manager.get_or_create(slug=data["slug"], defaults=fields)
    return instance


def _picture(spec: dict) -> Image:
    title = f"Démo : {MOTIF_TITLES[spec['motif']]} {spec['seed']}"
    # Demos loaded before the pictures had French titles get them now.
    Image.objects.filter(title=f"Démo : {spec['motif']} {spec['seed']}").update(title=title)
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    buffer = io.BytesIO()
    make_picture(spec["motif"], spec["seed"]).save(buffer, "JPEG", quality=86, optimize=True)
    image = Image(title=title)
    image.file = ImageFile(buffer, name=f"demo-{spec['motif']}-{spec['seed']}.jpg")
    image.save()
    return image


def _body(blocks: list, articles: dict[str, ArticlePage] | None) -> list[dict]:
    """StreamField data; "À lire aussi" blocks only once their target pages exist."""
    stream: list[dict[str, Any]] = []
    for block_type, value in blocks:
        if block_type == "paragraph":
            stream.append({"type": "paragraph", "value": f"<p>{value}</p>"})
        elif block_type == "subheading":
            stream.append({"type": "subheading", "value": value})
        elif block_type == "quote":
            text = value["text"].strip().removeprefix("«").removesuffix("»").strip()
            stream.append({"type": "quote", "value": {"text": text, "attribution": value["attribution"]}})
        elif block_type == "image":
            stream.append(
                {
                    "type": "image",
                    "value": {
                        "image": _picture(value).pk,
                        "alt": value["alt"],
                        "caption": value["caption"],
                        "credit": value["credit"],
                    },
                }
            )
        elif block_type == "related" and articles is not None:
            stream.append(
                {
                    "type": "related",
                    "value": {
                        "article": articles[value["article"]].pk,
                        "label": value["label"],
                    },
                }
            )
    return stream


def _create_article(data: dict, section: SectionPage, authors: dict, agencies: dict) -> bool:
    if ArticlePage.objects.filter(slug=data["slug"]).exists():
        return False
    hero = data["image"]
    article = ArticlePage(
        title=data["title"],
        slug=data["slug"],
        kicker=data["kicker"],
        standfirst=data["standfirst"],
        agency=agencies.get(data["agency"]) if data["agency"] else None,
        premium=data["premium"],
        hero_image=_picture(hero),
        hero_alt=hero["alt"],
        hero_caption=hero["caption"],
        hero_credit=hero["credit"],
        body=_body(data["body"], None),
    )
    for position, slug in enumerate(data["authors"]):
        article.article_authors.add(ArticleAuthor(author=authors[slug], sort_order=position))
    article.tags.add(*data["tags"])
    section.add_child(instance=article)
    article.save_revision().publish()
    return True


def _link_related_articles(article: ArticlePage, data: dict, articles: dict[str, ArticlePage]) -> None:
    if any(block_type == "related" for block_type, _value in data["body"]):
        article.body = _body(data["body"], articles)
        article.save_revision().publish()


def _date(article: ArticlePage, data: dict) -> None:
    """Spreads publication times over the past weeks, as a real front page has."""
    now = timezone.now()
    published = now - timedelta(hours=data["published_hours_ago"], minutes=len(data["slug"]))
    updated = data.get("updated_hours_ago")
    ArticlePage.objects.filter(pk=article.pk).update(
        first_published_at=published,
        last_published_at=published,
        updated_at=now - timedelta(hours=updated) if updated is not None else None,
    )


def _correct(created: set[str]) -> None:
    """The notices of the articles just created (dated after their publication, see _date)."""
    now = timezone.now()
    for data in content.CORRECTIONS:
        if data["article"] in created:
            article = ArticlePage.objects.get(slug=data["article"])
            dated_at = now - timedelta(hours=data["hours_ago"])
            add_correction(article, data["kind"], data["text"], by=None, dated_at=dated_at)


def _person(username: str, first_name: str, last_name: str, group: str | None, superuser: bool) -> int:
    User = get_user_model()
    if User.objects.filter(username=username).exists():
        return 0
    user = User.objects.create_user(
        username=username,
        email=f"{username}@manchette.test",
        password=DEMO_PASSWORD,
        first_name=first_name,
        last_name=last_name,
        is_staff=superuser,
        is_superuser=superuser,
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    return 1


def _reader(email: str, pseudonym: str, plan: Plan | None) -> int:
    """A reader who signed up and confirmed their address, optionally a subscriber."""
    User = get_user_model()
    if User.objects.filter(email=email).exists():
        return 0
    user = User.objects.create_user(username=email.split("@")[0], email=email, password=DEMO_PASSWORD)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    set_pseudonym(user, pseudonym)
    if plan:
        grant(user, plan, timezone.now() + timedelta(days=365), note="Compte de démonstration")
    return 1
