"""Posting rules, each through the service and through HTTP: who may post, the text, the limits."""

from datetime import timedelta

import pytest
from django.test import Client
from wagtail.models import PageViewRestriction

from manchette.comments import checks, moderation, posting
from manchette.comments.models import ArticleComments, Comment
from tests.comments.conftest import logged_in

LIMIT = checks.LIMIT


def _refused(code: str, call, *args, **kwargs) -> checks.Refused:
    with pytest.raises(checks.Refused) as caught:
        call(*args, **kwargs)
    assert caught.value.code == code, caught.value.message
    return caught.value


def _post(client: Client, article, text: str, **extra):
    return client.post(f"/commentaires/article/{article.pk}/publier/", {"texte": text, **extra})


# --------------------------------------------------------------------------- who may post


def test_a_subscriber_posts_and_sees_it_published(rules, article, subscriber) -> None:
    client = logged_in(subscriber)
    page = client.get(article.url).content.decode()
    assert 'name="texte"' in page and "csrfmiddlewaretoken" in page and "0 / 2000" in page
    response = _post(client, article, "Bel article.")
    comment = Comment.objects.get()
    assert response.status_code == 302 and response["Location"] == article.url
    assert comment.is_published and comment.pseudonym == subscriber.profile.pseudonym
    # Said once, in the comment section (with the focus), not in the site's message list.
    told = client.get(article.url).content.decode()
    assert 'id="comment-posted"' in told and "Votre commentaire est publié." in told
    assert 'class="messages"' not in told
    assert 'id="comment-posted"' not in client.get(article.url).content.decode()
    assert "Bel article." in Client().get(article.url).content.decode()


def test_no_post_under_an_unpublished_or_private_article(rules, newsroom, subscriber) -> None:
    client = logged_in(subscriber)
    section = newsroom.section()
    draft = newsroom.article(section, live=False)
    PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.LOGIN)
    private = newsroom.article(section)  # under a section kept to logged-in readers
    unrestricted = newsroom.article(newsroom.section())
    assert _post(client, draft, "Sous un brouillon.").status_code == 404
    assert _post(client, private, "Sous un article privé.").status_code == 404
    assert _post(client, unrestricted, "Ailleurs.").status_code == 302
    assert list(Comment.objects.values_list("text", flat=True)) == ["Ailleurs."]


def test_visitors_and_free_readers_may_not_post(rules, article, make_reader) -> None:
    free = make_reader(subscribed=False)
    _refused("not_subscriber", posting.post_comment, free, article, "Bonjour")
    page = logged_in(free).get(article.url).content.decode()
    assert "Découvrir nos offres d'abonnement" in page and 'name="texte"' not in page
    assert _post(logged_in(free), article, "Bonjour").status_code == 403
    anonymous = _post(Client(), article, "Bonjour")
    assert anonymous.status_code == 302 and "/compte/login/" in anonymous["Location"]
    assert not Comment.objects.exists()


def test_a_reader_without_pseudonym_is_asked_to_choose_one(rules, article, make_reader) -> None:
    reader = make_reader(pseudonym=None)
    _refused("no_pseudonym", posting.post_comment, reader, article, "Bonjour")
    page = logged_in(reader).get(article.url).content.decode()
    assert "Choisir mon pseudonyme" in page and 'name="texte"' not in page


def test_closed_by_an_editor(rules, article, subscriber, client) -> None:
    client.get(article.url)
    moderation.close_comments(article, True)
    _refused("closed", posting.post_comment, subscriber, article, "Trop tard")
    assert "Les commentaires sont fermés sur cet article." in client.get(article.url).content.decode()
    assert _post(logged_in(subscriber), article, "Trop tard").status_code == 403
    moderation.close_comments(article, False)
    assert posting.post_comment(subscriber, article, "Rouvert").is_published
    assert ArticleComments.objects.get(article=article).closed is False


def test_closed_automatically_n_days_after_publication(rules, article, subscriber, clock) -> None:
    rules.close_after_days = 3
    rules.save()
    clock.shift(timedelta(days=3) - timedelta(minutes=1))
    assert posting.post_comment(subscriber, article, "Juste à temps").is_published
    clock.shift(timedelta(minutes=2))
    _refused("closed", posting.post_comment, subscriber, article, "Trop tard")
    assert "Les commentaires sont fermés" in Client().get(article.url).content.decode()


# --------------------------------------------------------------------------- the text


@pytest.mark.parametrize(
    "text",
    [
        "é" * LIMIT,
        "😀" * LIMIT,  # two UTF-16 units each in the browser, one code point for both counts
        "e\u0301" * (LIMIT // 2),  # combining accents: two code points per letter, as the counter says
        ("a" * 9 + "\r\n") * (LIMIT // 10),  # CRLF counts one, as a textarea's newline
    ],
)
def test_2000_characters_pass(rules, article, subscriber, text: str) -> None:
    assert checks.measure(text) == LIMIT
    assert posting.post_comment(subscriber, article, text).is_published


@pytest.mark.parametrize(
    "text",
    [
        "é" * (LIMIT + 1),
        "😀" * (LIMIT + 1),
        "e\u0301" * (LIMIT // 2) + "x",
        ("a" * 9 + "\r\n") * (LIMIT // 10) + "x",
    ],
)
def test_2001_characters_are_refused_with_the_text_kept(rules, article, subscriber, text: str) -> None:
    refused = _refused("too_long", posting.post_comment, subscriber, article, text)
    assert "2001 caractères" in refused.message
    response = _post(logged_in(subscriber), article, text)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Votre commentaire compte 2001 caractères : 2000 au plus." in page
    assert text[:50] in page  # what was typed is still in the form


@pytest.mark.parametrize("text", ["", "   ", "\r\n\t \n", "\x00\x00", "\u202e"])
def test_empty_and_blank_comments_are_refused(rules, article, subscriber, text: str) -> None:
    _refused("empty", posting.post_comment, subscriber, article, text)
    response = _post(logged_in(subscriber), article, text)
    assert response.status_code == 400 and "Votre commentaire est vide." in response.content.decode()


def test_null_bytes_and_direction_overrides_are_removed(rules, article, subscriber, client) -> None:
    comment = posting.post_comment(subscriber, article, "avant\x00après \u202eesrevne\u202c fin")
    assert comment.text == "avantaprès esrevne fin"


def test_a_very_long_word_is_kept_and_wraps(rules, article, subscriber, client) -> None:
    posting.post_comment(subscriber, article, "x" * 1500)
    assert "x" * 1500 in client.get(article.url).content.decode()


# --------------------------------------------------------------------------- replies


def test_reply_to_a_comment_of_another_article_is_refused(rules, article, other_article, make_reader) -> None:
    elsewhere = posting.post_comment(make_reader(), other_article, "Ailleurs")
    reader = make_reader()
    _refused("reply_target", posting.post_comment, reader, article, "Réponse", reply_to=elsewhere.pk)
    response = _post(logged_in(reader), article, "Réponse", reponse_a=str(elsewhere.pk))
    assert response.status_code == 400 and "Réponse" in response.content.decode()
    assert _post(logged_in(reader), article, "Réponse", reponse_a="pas-un-nombre").status_code == 400


def test_reply_to_a_deleted_comment_is_refused(rules, article, make_reader) -> None:
    author, reader = make_reader(), make_reader()
    target = posting.post_comment(author, article, "Bientôt supprimé")
    posting.delete_comment(author, target.pk)
    _refused("reply_target", posting.post_comment, reader, article, "Réponse", reply_to=target.pk)


def test_a_reply_to_a_reply_stays_in_the_thread(rules, article, make_reader) -> None:
    root = posting.post_comment(make_reader(), article, "Fil")
    reply = posting.post_comment(make_reader(), article, "Réponse", reply_to=root.pk)
    deeper = posting.post_comment(make_reader(), article, "Réponse à la réponse", reply_to=reply.pk)
    assert (reply.thread_id, deeper.thread_id, deeper.reply_to_id) == (root.pk, root.pk, reply.pk)


def test_a_deleted_thread_with_replies_leaves_a_placeholder(rules, article, make_reader, client) -> None:
    author = make_reader()
    root = posting.post_comment(author, article, "Texte d'origine")
    posting.post_comment(make_reader(), article, "Une réponse", reply_to=root.pk)
    posting.delete_comment(author, root.pk)
    html = client.get(article.url).content.decode()
    assert "Texte d&#x27;origine" not in html and "Ce commentaire a été supprimé par son auteur." in html
    assert "Une réponse" in html and "Commentaires (1)" in html


# --------------------------------------------------------------------------- edit and delete


def test_edit_within_five_minutes_only(rules, article, subscriber, client, clock) -> None:
    comment = posting.post_comment(subscriber, article, "Avec une fote")
    reader = logged_in(subscriber)
    assert reader.post(f"/commentaires/{comment.pk}/modifier/", {"texte": "Sans faute"}).status_code == 302
    assert "Sans faute" in client.get(article.url).content.decode()
    clock.shift(timedelta(minutes=5, seconds=1))
    _refused("edit_window", posting.edit_comment, subscriber, comment.pk, "Trop tard")
    assert reader.post(f"/commentaires/{comment.pk}/modifier/", {"texte": "Trop tard"}).status_code == 400


def test_only_the_author_edits_or_deletes(rules, article, make_reader) -> None:
    author, other = make_reader(), make_reader()
    comment = posting.post_comment(author, article, "À moi")
    _refused("not_yours", posting.edit_comment, other, comment.pk, "Piraté")
    _refused("not_yours", posting.delete_comment, other, comment.pk)
    assert logged_in(other).post(f"/commentaires/{comment.pk}/supprimer/").status_code == 404
    assert logged_in(author).post(f"/commentaires/{comment.pk}/supprimer/").status_code == 302
    assert Comment.objects.get().status == Comment.Status.DELETED


def test_delete_at_any_time_updates_the_count(rules, article, subscriber, client, clock) -> None:
    comment = posting.post_comment(subscriber, article, "Je regrette")
    assert "Commentaires (1)" in client.get(article.url).content.decode()
    clock.shift(timedelta(days=40))
    posting.delete_comment(subscriber, comment.pk)
    assert "Commentaires (0)" in client.get(article.url).content.decode()


def test_the_form_requires_csrf(rules, article, subscriber) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(subscriber)
    assert _post(client, article, "Sans jeton").status_code == 403
    assert not Comment.objects.exists()
