"""A deleted account's comments: signed "Compte supprimé", never with the pseudonym (issue 20).

As the charter says: published comments stay, replies to them too; the unpublished ones
lose their text; the pseudonym is free for another reader, and the old comments do not
take it. Read through the comment list page, which is cached per version.
"""

import pytest
from django.test import Client, TestCase

from manchette.accounts.services import delete_account, set_pseudonym
from manchette.comments import posting
from manchette.comments.models import Comment, Commenter, Notification, Report
from tests.accounts.conftest import page_text

pytestmark = pytest.mark.django_db

PSEUDONYM = "Zoé Müller"


@pytest.fixture
def debate(rules, article, make_reader) -> dict:
    """Zoé writes a thread, Bruno answers, Zoé answers Bruno, Chloé answers Zoé's answer;
    Zoé reports a comment of Bruno and keeps one comment held for moderation."""
    zoe, bruno, chloe = make_reader(None), make_reader("Bruno"), make_reader("Chloé")
    set_pseudonym(zoe, PSEUDONYM)
    posting.set_reply_mails(zoe, True)
    with TestCase.captureOnCommitCallbacks(execute=True):
        thread = posting.post_comment(zoe, article, "Mon avis sur la marée.")
        bruno_answer = posting.post_comment(bruno, article, "Je ne suis pas d'accord.", reply_to=thread.pk)
        zoe_answer = posting.post_comment(
            zoe, article, "Pourtant les chiffres sont là.", reply_to=bruno_answer.pk
        )
        posting.post_comment(chloe, article, "Zoé a raison.", reply_to=zoe_answer.pk)
        posting.report_comment(zoe, bruno_answer.pk, "abuse", note="Signalé par Zoé Müller")
    rules.premoderation = True
    rules.save()
    held = posting.post_comment(zoe, article, "Un avis qui attend son modérateur.")
    return {"zoe": zoe, "bruno": bruno, "thread": thread, "zoe_answer": zoe_answer, "held": held}


def _list(article) -> str:
    return page_text(Client().get(f"/commentaires/article/{article.pk}/"))


def test_comments_of_a_deleted_account_show_compte_supprime_on_the_list_page(debate, article) -> None:
    before = _list(article)  # the list is cached under its version
    assert PSEUDONYM in before and "Compte supprimé" not in before

    with TestCase.captureOnCommitCallbacks(execute=True):
        delete_account(debate["zoe"])

    after = _list(article)
    assert PSEUDONYM not in after
    assert after.count("Compte supprimé") >= 3  # two signatures and the "@" of Chloé's reply
    # The comments and the replies to them stay, as the charter says.
    for text in (
        "Mon avis sur la marée.",
        "Je ne suis pas d'accord.",
        "Pourtant les chiffres sont là.",
        "Zoé a raison.",
    ):
        assert text in after
    assert "Commentaires (4)" in page_text(Client().get(article.url))
    assert PSEUDONYM not in page_text(Client().get(article.url))


def test_another_reader_may_take_the_pseudonym_without_taking_the_old_comments(
    debate, article, make_reader
) -> None:
    with TestCase.captureOnCommitCallbacks(execute=True):
        delete_account(debate["zoe"])

    newcomer = make_reader(None)
    assert set_pseudonym(newcomer, PSEUDONYM).pseudonym == PSEUDONYM

    page = _list(article)
    assert PSEUDONYM not in page
    assert "Compte supprimé" in page
    assert not Comment.objects.filter(pseudonym=PSEUDONYM).exists()


def test_the_rest_of_what_names_the_reader_goes(debate) -> None:
    zoe = debate["zoe"]
    assert Notification.objects.filter(recipient=zoe).exists()  # Bruno's answer to her thread

    with TestCase.captureOnCommitCallbacks(execute=True):
        delete_account(zoe)

    assert not Notification.objects.filter(recipient=zoe).exists()
    assert not Commenter.objects.filter(user=zoe).exists()
    report = Report.objects.get(reporter=zoe)  # the moderators' record of the report stays
    assert report.note == "" and report.reason == "abuse"
    held = Comment.objects.get(pk=debate["held"].pk)
    assert held.status == Comment.Status.DELETED and held.text == ""  # out of the moderation queue
    assert Comment.objects.get(pk=debate["thread"].pk).text == "Mon avis sur la marée."


def test_the_charter_says_what_happens_to_the_comments(client: Client) -> None:
    text = page_text(client.get("/commentaires/charte/"))
    assert "Si vous supprimez votre compte" in text
    assert "signés « Compte supprimé »" in text
