"""The editor who added a notice: in their export, and gone from the notice (which stays, the
newspaper's public record) when their account is deleted."""

from manchette.accounts import services as accounts
from manchette.accounts.personal_data import Reader
from manchette.corrections import privacy, services
from manchette.corrections.models import Correction
from tests.conftest import Newsroom


def test_the_editor_is_exported_then_forgotten_and_the_notice_stays(newsroom: Newsroom, make_user) -> None:
    article = newsroom.article(newsroom.section("Politique", slug="politique"))
    editor = make_user()
    text = "La date était fausse."
    notice = services.add_correction(article, Correction.Kind.RECTIFICATIF, text, by=editor)
    exported = privacy.export(Reader(editor, frozenset()))
    assert [row["article_id"] for row in exported["corrections_added"]] == [article.pk]

    accounts.delete_account(editor)
    notice = Correction.objects.get(pk=notice.pk)
    assert notice.added_by is None and notice.text == text
