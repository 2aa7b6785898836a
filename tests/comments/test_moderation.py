"""Moderation rules (issue 11, parts 3 to 6), through the service and through HTTP."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from manchette.comments import checks, moderation, posting, scoring
from manchette.comments.models import Comment, Commenter, Reason
from tests.comments.conftest import logged_in


def _refused(code: str, call, *args, **kwargs) -> checks.Refused:
    with pytest.raises(checks.Refused) as caught:
        call(*args, **kwargs)
    assert caught.value.code == code, caught.value.message
    return caught.value


def _post(client: Client, article, text: str):
    return client.post(f"/commentaires/article/{article.pk}/publier/", {"texte": text})


# --------------------------------------------------------------------------- rules of part 3


def test_premoderation_holds_every_comment(rules, article, subscriber, client) -> None:
    rules.premoderation = True
    rules.save()
    comment = posting.post_comment(subscriber, article, "Patience")
    assert comment.status == Comment.Status.PENDING and "pré-modération" in comment.held_because
    response = _post(logged_in(subscriber), article, "Encore")
    assert response.status_code == 302
    assert "Commentaires (0)" in client.get(article.url).content.decode()


def test_banned_words_are_refused_even_disguised(rules, article, subscriber) -> None:
    rules.banned_words = "Crapule\nescroc"
    rules.save()
    for text in ("Quelle crapule !", "Une CRAPULE", "un 3scr0c", "crapuuuule", "crâpule"):
        _refused("banned_word", posting.post_comment, subscriber, article, text)
    response = _post(logged_in(subscriber), article, "Quelle crapule !")
    assert response.status_code == 400
    assert (
        "Votre commentaire contient un mot que la charte de modération interdit." in response.content.decode()
    )
    assert "Quelle crapule !" in response.content.decode()
    assert not Comment.objects.exists()


def test_suspect_words_and_links_are_held(rules, article, make_reader) -> None:
    rules.suspect_words = "casino"
    rules.hold_links = True
    rules.save()
    suspect = posting.post_comment(make_reader(), article, "Venez au Casino")
    link = posting.post_comment(make_reader(), article, "Lisez https://exemple.fr/etude")
    clean = posting.post_comment(make_reader(), article, "Rien à signaler")
    assert (suspect.status, link.status, clean.status) == ("pending", "pending", "published")
    assert "casino" in suspect.held_because and "lien" in link.held_because


def test_first_comments_of_a_new_commenter_are_held(rules, article, subscriber, moderator) -> None:
    rules.held_first_comments = 2
    rules.save()
    first = posting.post_comment(subscriber, article, "Un")
    moderation.approve(moderator, first.pk)
    second = posting.post_comment(subscriber, article, "Deux")
    assert second.status == "pending"
    moderation.approve(moderator, second.pk)
    assert posting.post_comment(subscriber, article, "Trois").status == "published"


def test_rate_limit_per_minute_and_per_day(rules, article, subscriber, clock) -> None:
    rules.per_minute, rules.per_day = 2, 3
    rules.save()
    posting.post_comment(subscriber, article, "Un")
    posting.post_comment(subscriber, article, "Deux")
    _refused("rate", posting.post_comment, subscriber, article, "Trois")
    assert _post(logged_in(subscriber), article, "Trois").status_code == 429
    clock.shift(timedelta(minutes=1, seconds=1))
    posting.post_comment(subscriber, article, "Trois")
    clock.shift(timedelta(minutes=5))
    refused = _refused("rate", posting.post_comment, subscriber, article, "Quatre")
    assert "revenez demain" in refused.message
    clock.shift(timedelta(days=1))
    assert posting.post_comment(subscriber, article, "Quatre").is_published


def test_duplicate_text_is_refused(rules, article, other_article, subscriber) -> None:
    posting.post_comment(subscriber, article, "Toujours la même chose")
    _refused("duplicate", posting.post_comment, subscriber, other_article, "Toujours la même chose  ")


@pytest.mark.parametrize(
    "text", ["Quel connard", "quel c0nn4rd", "CONNNNARD", "what an idiot", "bâtard", "Bâtârd"]
)
def test_default_scorer_holds_insults_in_both_languages(rules, article, subscriber, text: str) -> None:
    assert scoring.WordListScorer().score(text) >= 0.5
    comment = posting.post_comment(subscriber, article, text)
    assert comment.status == "pending" and "toxicité" in comment.held_because


def test_default_scorer_leaves_ordinary_text_alone() -> None:
    scorer = scoring.WordListScorer()
    assert scorer.score("Le conseil municipal a voté le budget 2027, enfin.") == 0
    assert scorer.score("Concordance des temps") == 0


class _AlwaysToxic:
    def score(self, text: str) -> float:
        return 0.99


def test_the_scorer_is_replaceable(rules, article, subscriber, settings) -> None:
    settings.COMMENTS_SCORER = "tests.comments.test_moderation._AlwaysToxic"
    scoring.scorer.cache_clear()
    try:
        assert posting.post_comment(subscriber, article, "Bonjour").status == "pending"
    finally:
        scoring.scorer.cache_clear()


# --------------------------------------------------------------------------- reports (part 4)


def test_reports_above_the_threshold_reach_the_queue(rules, article, make_reader, moderator) -> None:
    rules.report_threshold = 2
    rules.save()
    comment = posting.post_comment(make_reader(), article, "Discutable")
    first = make_reader()
    posting.report_comment(first, comment.pk, Reason.ABUSE)
    _refused("already", posting.report_comment, first, comment.pk, Reason.ABUSE)
    admin = logged_in(moderator)
    assert "Discutable" not in admin.get("/admin/commentaires/?file=signales").content.decode()
    response = logged_in(make_reader()).post(f"/commentaires/{comment.pk}/signaler/", {"motif": "hate"})
    assert response.status_code == 302
    assert "Discutable" in admin.get("/admin/commentaires/?file=signales").content.decode()
    moderation.approve(moderator, comment.pk)  # kept: the reports are closed
    assert "Discutable" not in admin.get("/admin/commentaires/?file=signales").content.decode()


def test_report_needs_a_reason_from_the_charter(rules, article, make_reader) -> None:
    comment = posting.post_comment(make_reader(), article, "Avis")
    reader = make_reader()
    _refused("reason", posting.report_comment, reader, comment.pk, "n'importe quoi")
    assert logged_in(reader).post(f"/commentaires/{comment.pk}/signaler/", {"motif": "x"}).status_code == 400


# --------------------------------------------------------------------------- queue (part 5)


def test_only_moderators_reach_the_queue(rules, make_user, moderator) -> None:
    assert logged_in(moderator).get("/admin/commentaires/").status_code == 200
    journalist = logged_in(make_user(group="Journalistes"))
    assert journalist.get("/admin/commentaires/").status_code in (302, 403)
    assert journalist.post("/admin/commentaires/1/approuver/").status_code in (302, 403)


def test_approve_from_the_queue_publishes(rules, article, subscriber, moderator, client) -> None:
    rules.premoderation = True
    rules.save()
    comment = posting.post_comment(subscriber, article, "En attente")
    admin = logged_in(moderator)
    assert "En attente" in admin.get("/admin/commentaires/").content.decode()
    client.get(article.url)
    response = admin.post(f"/admin/commentaires/{comment.pk}/approuver/", {"retour": "/admin/commentaires/"})
    assert response.status_code == 302
    assert "En attente" in client.get(article.url).content.decode()
    assert Comment.objects.get().moderated_by == moderator


def test_rejection_shows_the_charter_reason_to_the_author(
    rules, article, subscriber, moderator, client
) -> None:
    comment = posting.post_comment(subscriber, article, "Hors de propos")
    client.get(article.url)
    admin = logged_in(moderator)
    admin.post(
        f"/admin/commentaires/{comment.pk}/refuser/",
        {"motif": "off_topic", "precision": "Parlons de la marée."},
    )
    assert "Hors de propos" not in client.get(article.url).content.decode()
    mine = logged_in(subscriber).get(article.url).content.decode()
    assert "Refusé par la modération. Motif : Hors sujet." in mine and "Parlons de la marée." in mine
    _refused("reason", moderation.reject, moderator, comment.pk, "")


def test_feature_puts_a_comment_in_the_selection(rules, article, subscriber, moderator) -> None:
    comment = posting.post_comment(subscriber, article, "Remarquable")
    logged_in(moderator).post(f"/admin/commentaires/{comment.pk}/mettre-en-avant/")
    assert Comment.objects.get().featured
    assert "Sélection de la rédaction" in Client().get(article.url).content.decode()


def test_commenter_history_and_measures(rules, article, subscriber, moderator) -> None:
    comment = posting.post_comment(subscriber, article, "Un")
    posting.post_comment(subscriber, article, "Deux")
    moderation.reject(moderator, comment.pk, Reason.SPAM)
    admin = logged_in(moderator)
    page = admin.get(f"/admin/commentaires/lecteur/{subscriber.pk}/").content.decode()
    assert "taux de refus : 50 %" in page
    admin.post(
        f"/admin/commentaires/lecteur/{subscriber.pk}/mesure/",
        {"mesure": "avertir", "motif": "Restez courtois."},
    )
    assert "Restez courtois." in logged_in(subscriber).get(article.url).content.decode()
    admin.post(f"/admin/commentaires/lecteur/{subscriber.pk}/mesure/", {"mesure": "premoderated"})
    assert posting.post_comment(subscriber, article, "Trois").status == "pending"
    until = (timezone.localdate() + timedelta(days=10)).isoformat()
    admin.post(
        f"/admin/commentaires/lecteur/{subscriber.pk}/mesure/", {"mesure": "suspended", "jusqu_au": until}
    )
    refused = _refused("suspended", posting.post_comment, subscriber, article, "Quatre")
    assert "jusqu'au" in refused.message
    _refused("until", moderation.set_standing, moderator, subscriber.pk, "suspended", None)


# --------------------------------------------------------------------------- strikes and bans (part 6)


def test_k_rejections_in_d_days_suspend_the_author(rules, article, subscriber, moderator, clock) -> None:
    rules.strikes, rules.strike_days, rules.suspension_days = 2, 7, 3
    rules.save()
    first = posting.post_comment(subscriber, article, "Un")
    moderation.reject(moderator, first.pk, Reason.ABUSE)
    clock.shift(timedelta(days=8))  # the first strike is now too old to count
    second = posting.post_comment(subscriber, article, "Deux")
    moderation.reject(moderator, second.pk, Reason.ABUSE)
    assert posting.post_comment(subscriber, article, "Trois").status == "published"
    third = Comment.objects.get(text="Trois")
    moderation.reject(moderator, third.pk, Reason.ABUSE)
    standing = Commenter.objects.get(pk=subscriber.pk)
    assert standing.standing == "suspended" and standing.until > timezone.now() + timedelta(days=2)
    _refused("suspended", posting.post_comment, subscriber, article, "Quatre")
    clock.shift(timedelta(days=3, minutes=1))
    assert posting.post_comment(subscriber, article, "Cinq").is_published


def test_strikes_can_ban_and_the_banned_reader_sees_why(
    rules, article, subscriber, moderator, client
) -> None:
    rules.strikes, rules.strike_ban = 1, True
    rules.save()
    comment = posting.post_comment(subscriber, article, "Injure")
    moderation.reject(moderator, comment.pk, Reason.ABUSE)
    assert Commenter.objects.get(pk=subscriber.pk).standing == "banned"
    reader = logged_in(subscriber)
    page = reader.get(article.url).content.decode()
    assert "vos contributions ont enfreint la charte de modération" in page
    assert 'name="texte"' not in page and "/commentaires/charte/" in page
    # No other path lets them post: a replayed or forged POST, a reply, an edit of an old comment.
    assert _post(reader, article, "Quand même").status_code == 403
    _refused("banned", posting.post_comment, subscriber, article, "Quand même")
    assert Comment.objects.filter(author=subscriber).count() == 1
