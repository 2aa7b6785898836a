"""Reply and @mention mails, through a real SMTP server: for readers who asked for them in
"Mon compte", once per comment and reader, only for published comments, never to oneself, in
the reader's language."""

from datetime import timedelta

import pytest
from django.urls import reverse

from manchette.comments import moderation, posting, tasks
from manchette.comments.models import Notification
from tests.conftest import Mailbox

from .conftest import logged_in


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Runs an operation and what it queues once its transaction commits (the mail task)."""

    def run(action):
        with django_capture_on_commit_callbacks(execute=True):
            return action()

    return run


@pytest.fixture
def asking(make_reader):
    """A reader who asked, in "Mon compte", to be told of replies and mentions."""

    def make(pseudonym: str):
        reader = make_reader(pseudonym)
        posting.set_reply_mails(reader, True)
        return reader

    return make


def _body(message) -> str:
    return message.get_content()


def test_a_reply_mails_the_author_of_the_comment_it_answers_once(
    rules, article, asking, smtp_server: Mailbox, committed
) -> None:
    first, second = asking("Aline"), asking("Bruno")
    root = committed(lambda: posting.post_comment(first, article, "La marée monte vite."))
    assert smtp_server.messages == []  # nobody answered, nobody named

    reply = committed(lambda: posting.post_comment(second, article, "Pas ici.", reply_to=root.pk))

    [message] = smtp_server.messages
    assert message["To"] == first.email
    assert message["Subject"] == "Bruno a répondu à votre commentaire"
    body = _body(message)
    assert "« La marée monte »" in body
    assert "Pas ici." in body
    assert f"{article.get_full_url()}#commentaire-{reply.pk}" in body
    assert reverse("accounts:overview") in body  # where to turn them off
    # The task run again (a retry, another worker) sends nothing more.
    tasks.notify_readers.enqueue(reply.pk)
    assert len(smtp_server.messages) == 1
    assert Notification.objects.get(comment=reply).sent_at is not None


def test_no_mail_to_oneself_nor_for_a_held_comment_until_it_is_approved(
    rules, article, asking, moderator, smtp_server: Mailbox, committed
) -> None:
    author, other = asking("Aline"), asking("Bruno")
    root = committed(lambda: posting.post_comment(author, article, "Premier avis."))
    committed(lambda: posting.post_comment(author, article, "Je me réponds, @Aline.", reply_to=root.pk))
    assert smtp_server.messages == []

    rules.premoderation = True
    rules.save()
    held = committed(lambda: posting.post_comment(other, article, "Réponse retenue.", reply_to=root.pk))
    assert not held.is_published
    assert smtp_server.messages == []
    committed(lambda: moderation.approve(moderator, held.pk))
    assert [message["To"] for message in smtp_server.messages] == [author.email]


def test_mentions_name_the_longest_pseudonym_and_one_mail_per_reader(
    rules, article, asking, smtp_server: Mailbox, committed
) -> None:
    jean, jean_dupont, claire = asking("Jean"), asking("Jean Dupont"), asking("Claire")
    writer = asking("Zoé")
    root = committed(lambda: posting.post_comment(claire, article, "Qu'en pensez-vous ?"))
    smtp_server.messages.clear()

    text = "Merci @jean dupont, et @Claire aussi : écrivez à claire@exemple.fr. @Inconnu ?"
    comment = committed(lambda: posting.post_comment(writer, article, text, reply_to=root.pk))

    by_address = {message["To"]: message for message in smtp_server.messages}
    assert set(by_address) == {jean_dupont.email, claire.email}  # not Jean, named by no "@"
    assert jean.email not in by_address
    assert by_address[claire.email]["Subject"] == "Zoé a répondu à votre commentaire"  # a reply first
    assert by_address[jean_dupont.email]["Subject"] == "Zoé vous a mentionné dans un commentaire"
    assert Notification.objects.filter(comment=comment).count() == 2


def test_mail_in_english_for_a_reader_who_uses_the_site_in_english(
    rules, article, asking, smtp_server: Mailbox, committed
) -> None:
    english, french = asking("Alice"), asking("Bruno")
    root = committed(lambda: posting.post_comment(english, article, "The tide.", language="en"))
    committed(lambda: posting.post_comment(french, article, "La marée.", reply_to=root.pk, language="fr"))

    [message] = smtp_server.messages
    assert message["Subject"] == "Bruno replied to your comment"
    assert "Read the comment:" in _body(message)


def test_premium_article_mail_quotes_the_comment_only_to_a_subscriber(
    rules, newsroom, asking, smtp_server: Mailbox, committed
) -> None:
    article = newsroom.article(newsroom.section(), title="Enquête réservée", premium=True)
    lapsed, subscriber, writer = asking("Ancien"), asking("Fidèle"), asking("Zoé")
    first = committed(lambda: posting.post_comment(lapsed, article, "Avis d'un ancien abonné."))
    second = committed(lambda: posting.post_comment(subscriber, article, "Avis d'une abonnée."))
    lapsed.subscriptions.all().delete()  # the subscription ended since they commented

    committed(lambda: posting.post_comment(writer, article, "Détail de l'enquête.", reply_to=first.pk))
    committed(lambda: posting.post_comment(writer, article, "Autre détail.", reply_to=second.pk))

    by_address = {message["To"]: _body(message) for message in smtp_server.messages}
    assert "Détail de l'enquête." not in by_address[lapsed.email]
    assert "réservé aux abonnés" in by_address[lapsed.email]
    assert "Autre détail." in by_address[subscriber.email]


def test_mails_are_asked_for_in_my_account_and_turned_off_there(
    rules, article, make_reader, smtp_server: Mailbox, committed
) -> None:
    reader, other = make_reader("Aline"), make_reader("Bruno")
    client = logged_in(reader)
    assert 'name="avertir" value="1">' in client.get(reverse("accounts:overview")).content.decode()
    root = committed(lambda: posting.post_comment(reader, article, "Mon avis."))
    committed(lambda: posting.post_comment(other, article, "@Aline non.", reply_to=root.pk))
    assert smtp_server.messages == []  # never asked: no mail

    response = client.post(reverse("comments:reply_mails"), {"avertir": "1"})  # the box ticked
    assert response.status_code == 302
    assert 'name="avertir" value="1" checked' in client.get(reverse("accounts:overview")).content.decode()
    committed(lambda: posting.post_comment(other, article, "@Aline toujours pas.", reply_to=root.pk))
    assert [message["To"] for message in smtp_server.messages] == [reader.email]

    client.post(reverse("comments:reply_mails"), {})  # unticked again
    committed(lambda: posting.post_comment(other, article, "@Aline enfin.", reply_to=root.pk))
    assert len(smtp_server.messages) == 1


def test_the_choice_needs_a_logged_in_reader_and_a_post(client) -> None:
    assert client.post(reverse("comments:reply_mails"), {}).status_code == 302  # to the login
    assert client.get(reverse("comments:reply_mails")).status_code == 405


def test_an_edit_that_adds_a_mention_tells_only_the_new_reader(
    rules, article, asking, smtp_server: Mailbox, committed, clock
) -> None:
    writer, aline, bruno = asking("Zoé"), asking("Aline"), asking("Bruno")
    comment = committed(lambda: posting.post_comment(writer, article, "Bonjour @Aline."))
    clock.shift(timedelta(minutes=1))
    committed(lambda: posting.edit_comment(writer, comment.pk, "Bonjour @Aline et @Bruno."))

    assert sorted(message["To"] for message in smtp_server.messages) == sorted([aline.email, bruno.email])
