"""An unpublished article's comment lists leave the shared cache with it.

Found by the simulated week: after an article was unpublished, Varnish kept answering its
comment list (200, the old comments) while both application servers answered 404.
"""

from django.test import Client

from manchette.comments import posting, public_copy
from manchette.comments.models import ArticleComments
from tests.stack.test_purging import PurgeRecorder, recorder  # noqa: F401 (a real HTTP server taking the PURGEs)


def test_unpublishing_purges_the_comment_lists_and_changes_their_version(
    rules, article, make_reader, request, django_capture_on_commit_callbacks
) -> None:
    purges: PurgeRecorder = request.getfixturevalue("recorder")
    with django_capture_on_commit_callbacks(execute=True):
        posting.post_comment(make_reader(), article, "Un avis publié")
    version = ArticleComments.objects.get(article=article).list_version
    purges.take()

    with django_capture_on_commit_callbacks(execute=True):
        article.unpublish()

    assert set(public_copy.listing_paths(article.pk)) <= purges.take()
    assert ArticleComments.objects.get(article=article).list_version != version
    assert Client().get(public_copy.listing_paths(article.pk)[0]).status_code == 404


def test_deleting_an_article_with_comments_deletes_it(rules, article, make_reader) -> None:
    # Wagtail unpublishes a page it deletes: the withdrawn list must not outlive its article.
    posting.post_comment(make_reader(), article, "Un avis publié")
    article.delete()
    assert not ArticleComments.objects.filter(article_id=article.pk).exists()
