"""Every real WordPress export of ../shared/wordpress/samples imports (the broken one fails with
a clear message), and the import finds what the dry run announced. Read at run time, never copied."""

import subprocess
import sys
from pathlib import Path

import pytest
from wagtail.contrib.redirects.models import Redirect

from manchette.articles.models import ArticlePage
from manchette.comments.models import Comment
from manchette.wordpress.importer import Importer, Options

from .conftest import SHARED, shared_folder

# Listed when the test is collected; None (one case, which fails under CI and skips elsewhere)
# when ../shared/wordpress is missing, rather than an empty list that pytest skips silently.
SAMPLES: list[Path | None] = sorted((SHARED / "wordpress" / "samples").glob("*.xml")) or [None]


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda path: path.name if path else "missing")
def test_sample_imports_as_its_dry_run_announced(db, sample: Path | None, tmp_path: Path) -> None:
    folder = shared_folder("wordpress", "make_uploads.py")
    assert sample is not None, f"no WordPress export in {folder / 'samples'}"
    uploads = tmp_path / "uploads"
    subprocess.run(  # noqa: S603 (our own interpreter on the shared script)
        [sys.executable, str(folder / "make_uploads.py"), str(sample), str(uploads)],
        check=sample.name != "importer-malformed.xml",  # the stand-in writer cannot read it either
        capture_output=True,
    )
    dry = Importer(sample, Options(uploads=uploads, dry_run=True)).run()
    report = Importer(sample, Options(uploads=uploads)).run()

    if sample.name == "importer-malformed.xml":
        assert "XML illisible à la ligne" in report.fatal
        return
    assert not report.fatal and not report.errors, (report.fatal, report.errors)
    assert report.found == dry.found
    assert report.missing_media == dry.missing_media
    assert sorted(report.skipped) == sorted(dry.skipped)
    assert ArticlePage.objects.count() == report.done["articles créés"] + report.done["pages créées"]
    print(
        f"{sample.name}: {dry.found['posts']} posts, {dry.found['pages']} pages, "
        f"{report.done['images importées']} pictures, {Comment.objects.count()} comments, "
        f"{Redirect.objects.count()} redirects"
    )
