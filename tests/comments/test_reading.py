"""The public comment section: count, list, replies, mentions, sorting, paging, escaping."""

import html
import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from django.utils.formats import date_format

from manchette.comments import moderation, posting
from manchette.comments.models import Commenter
from tests.comments.conftest import logged_in


def _section(html: str) -> str:
    return html[html.index('id="commentaires"') :]


def test_empty_section_for_a_visitor(rules, article, client: Client) -> None:
    html = _section(client.get(article.url).content.decode())
    assert "Commentaires (0)" in html
    assert "Les commentaires sont réservés aux abonnés." in html
    assert "S&#x27;identifier" in html or "S'identifier" in html
    assert "/commentaires/charte/" in html and "/commentaires/conditions/" in html
    assert "csrfmiddlewaretoken" not in html and "<textarea" not in html


def test_published_comments_with_pseudonym_date_and_replies(
    rules, article, make_reader, client, clock
) -> None:
    alice, bruno, chloe = make_reader("Alice"), make_reader("Bruno"), make_reader("Chloé")
    first = posting.post_comment(alice, article, "Premier avis.\nSur deux lignes.")
    answer = posting.post_comment(bruno, article, "Je réponds.", reply_to=first.pk)
    posting.post_comment(chloe, article, "Et moi à Bruno.", reply_to=answer.pk)
    html = _section(client.get(article.url).content.decode())
    assert "Commentaires (3)" in html
    assert "Premier avis.<br>\nSur deux lignes." in html
    assert re.search(r"le \d\d/\d\d/\d{4} à \d\d:\d\d", html)
    # Replies sit under their thread; a reply to a reply names its target and links to it.
    thread = html[html.index(f'id="commentaire-{first.pk}"') :]
    assert thread.index("Je réponds.") < thread.index("Et moi à Bruno.")
    assert f'<a class="comment__mention" href="#commentaire-{answer.pk}">@Bruno</a>' in html
    assert html.count('class="comments__replies"') == 1


def test_text_is_escaped_and_only_addresses_become_links(rules, article, make_reader, client) -> None:
    author = make_reader('<b onmouseover="x">Nom</b>')
    posting.post_comment(
        author, article, "<script>alert(1)</script> **gras** voir https://exemple.fr/a?b=1&c=2."
    )
    html = _section(client.get(article.url).content.decode())
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b onmouseover" not in html and "&lt;b onmouseover=&quot;x&quot;&gt;Nom&lt;/b&gt;" in html
    assert "**gras**" in html
    assert (
        '<a href="https://exemple.fr/a?b=1&amp;c=2" rel="nofollow ugc noopener">https://exemple.fr/a?b=1&amp;c=2</a>.'
        in html
    )


@pytest.mark.parametrize(
    ("sort", "expected"),
    [("recents", ["C", "B", "A"]), ("anciens", ["A", "B", "C"]), ("selection", ["B", "C", "A"])],
)
def test_sorting(rules, article, make_reader, moderator, client, clock, sort, expected) -> None:
    from datetime import timedelta

    posted = {}
    for name in "ABC":
        posted[name] = posting.post_comment(make_reader(), article, f"Avis {name}")
        clock.shift(timedelta(minutes=1))
    moderation.set_featured(moderator, posted["B"].pk, True)
    html = client.get(f"/commentaires/article/{article.pk}/?tri={sort}").content.decode()
    order = re.findall(r"Avis ([ABC])", html)
    assert order == expected


def test_paging_without_javascript(rules, article, make_reader, client, clock) -> None:
    from datetime import timedelta

    rules.page_size = 2
    rules.save()
    for number in range(5):
        posting.post_comment(make_reader(), article, f"Numéro {number}")
        clock.shift(timedelta(minutes=1))
    html = client.get(article.url).content.decode()
    assert re.findall(r"Numéro (\d)", html) == ["4", "3"]
    more = re.search(r'href="([^"]+)">Voir plus de commentaires', html).group(1).replace("&amp;", "&")
    page = client.get(more)
    assert re.findall(r"Numéro (\d)", page.content.decode()) == ["4", "3", "2", "1"]
    last = client.get(
        re.search(r'href="([^"]+)">Voir plus', page.content.decode()).group(1).replace("&amp;", "&")
    )
    assert re.findall(r"Numéro (\d)", last.content.decode()) == ["4", "3", "2", "1", "0"]
    assert "Voir plus de commentaires" not in last.content.decode()


def test_bad_query_strings_give_the_default_list(rules, article, client) -> None:
    for query in ("?tri=<x>", "?pages=abc", "?pages=-3", "?pages=99999999999999999999"):
        assert client.get(f"/commentaires/article/{article.pk}/{query}").status_code == 200
    assert client.get("/commentaires/article/999999/").status_code == 404


def test_anonymous_page_is_the_same_for_every_visitor_and_public(rules, article, make_reader) -> None:
    posting.post_comment(make_reader(), article, "Un avis.")
    first, second = Client(), Client()
    one, two = first.get(article.url), second.get(article.url)
    assert one.content == two.content
    assert "public" in one["Cache-Control"]
    assert "csrf" not in one.content.decode().lower()


def test_a_new_comment_shows_at_once_on_the_cached_page(rules, article, make_reader, client) -> None:
    client.get(article.url)  # the section is now cached
    posting.post_comment(make_reader(), article, "Tout frais.")
    assert "Tout frais." in client.get(article.url).content.decode()


def test_pending_comment_is_seen_by_its_author_only(rules, article, make_reader, client) -> None:
    rules.premoderation = True
    rules.save()
    author = make_reader()
    posting.post_comment(author, article, "À valider.")
    assert "À valider." not in client.get(article.url).content.decode()
    mine = logged_in(author).get(article.url).content.decode()
    assert "À valider." in mine and "En attente de modération" in mine
    assert "À valider." not in logged_in(make_reader()).get(article.url).content.decode()


def test_what_each_reader_sees_in_place_of_the_form(rules, article, make_reader, moderator) -> None:
    def section_for(reader) -> str:
        return html.unescape(_section(logged_in(reader).get(article.url).content.decode()))

    assert "Choisissez un pseudonyme pour commenter : il signera" in section_for(make_reader(pseudonym=None))
    assert "Les commentaires sont réservés aux abonnés." in section_for(make_reader(subscribed=False))
    suspended = make_reader()
    until = timezone.now() + timedelta(days=3)
    moderation.set_standing(moderator, suspended.pk, Commenter.Standing.SUSPENDED, until=until)
    assert f"jusqu'au {date_format(timezone.localtime(until), 'j F Y à H:i')}" in section_for(suspended)
    warned = make_reader()
    moderation.warn(moderator, warned.pk, "Restez courtois, s'il vous plaît.")
    warned_section = section_for(warned)
    assert "Restez courtois, s'il vous plaît." in warned_section and 'name="texte"' in warned_section
