"""The WordPress import on our own exports (tests/wordpress/fixtures/), over the real database."""

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.models.signals import post_save
from django.tasks.signals import task_enqueued
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from PIL import Image as PillowImage
from wagtail.contrib.redirects.models import Redirect
from wagtail.images.models import Image
from wagtail.models import PageLogEntry, ReferenceIndex, Revision

from manchette.articles.models import ArticlePage, SectionPage
from manchette.comments.list_versions import list_version
from manchette.comments.models import Comment, Notification
from manchette.newsroom import scheduling
from manchette.wordpress.content import BodyContext, Paragraph, Picture, Quote, Subheading, convert
from manchette.wordpress.importer import Importer, Options, read_section_map
from manchette.wordpress.models import ImportedItem
from tests.stack.test_purging import recorder  # noqa: F401 (a real HTTP server taking the PURGEs)

FIXTURES = Path(__file__).parent / "fixtures"
GAZETTE = FIXTURES / "gazette-wxr12.xml"


@pytest.fixture
def uploads(tmp_path: Path) -> Path:
    """The gazette's uploads folder, with two of its three pictures (phare.jpg is missing)."""
    folder = tmp_path / "uploads" / "2023" / "09"
    folder.mkdir(parents=True)
    PillowImage.new("RGB", (800, 600), (10, 80, 160)).save(folder / "marche.jpg", "JPEG")
    PillowImage.new("RGB", (640, 480), (200, 30, 30)).save(folder / "chalutier.png", "PNG")
    return tmp_path / "uploads"


def page_text(article: ArticlePage) -> str:
    return Client().get(article.url).content.decode()


def run(path: Path = GAZETTE, **options):
    return Importer(path, Options(**options)).run()


def test_dry_run_counts_and_lists_without_writing(db, uploads: Path) -> None:
    report = run(uploads=uploads, dry_run=True)

    assert dict(report.found) == {
        "authors": 2,
        "categories": 2,
        "tags": 1,
        "attachments": 3,
        "posts": 5,
        "pages": 2,
        "comments": 5,
    }
    assert report.wxr_version == "1.2"
    assert {"caption", "gallery", "contact-form-7"} <= set(report.shortcodes)
    assert report.unmapped_shortcodes == {"contact-form-7"}
    assert report.unmapped_blocks == {"acme/sondage"}
    assert any("phare.jpg" in line for line in report.missing_media)
    skipped = dict(report.skipped)
    assert "article privé : non importé" in skipped["#13 « Carnet intime »"]
    assert any("indésirable" in reason for reason in skipped.values())
    assert not ArticlePage.objects.exists() and not Image.objects.exists() and not Redirect.objects.exists()


def test_posts_become_articles_with_their_blocks_pictures_and_byline(db, uploads: Path) -> None:
    report = run(uploads=uploads)

    assert not report.errors, report.errors
    article = ArticlePage.objects.get(slug="la-criee-renait")
    assert article.live and article.first_published_at == datetime(2023, 9, 13, 8, tzinfo=UTC)
    assert article.standfirst == "La criée du port rouvre après deux ans de travaux."
    assert article.seo_title == "La criée rouvre" and article.search_description.startswith("Deux ans")
    # Yoast's primary category wins over the first one.
    assert article.get_parent().specific.title == "Économie"
    assert [author.name for author in article.authors] == [
        "Yann Le Roux",
        "Claire Martel",
    ]  # co-authors, in order
    assert [tag.name for tag in article.tags.all()] == ["pêche"]
    assert article.hero_image.title == "Le marché aux poissons"
    assert (article.hero_caption, article.hero_credit) == ("Les étals au lever du jour", "Jeanne Caradec")
    types = [block.block_type for block in article.body]
    assert types[:3] == ["paragraph", "paragraph", "subheading"]
    images = [block.value for block in article.body if block.block_type == "image"]
    # The [caption] picture, then the gallery's two pictures --uploads holds (the third is reported).
    assert [(image["image"].title, image["caption"], image["credit"]) for image in images] == [
        ("Le marché aux poissons", "Les étals au lever du jour", "Jeanne Caradec"),
        ("Le marché aux poissons", "Les étals au lever du jour", "Jeanne Caradec"),
        ("Chalutier", "Un chalutier à quai", ""),
    ]
    assert Image.objects.count() == 2  # each picture once, however many times it is shown
    assert "© Jeanne Caradec" in page_text(article) and "© ©" not in page_text(article)  # the page adds ©
    raw = str(article.body.raw_data)
    assert "[contact-form-7 id=" in raw  # the unknown shortcode stays visible, as text
    assert "<script" not in raw and "alert" not in raw
    assert 'href="/2023/08/02/budget-du-port/"' in raw  # a link to the old site: the redirects answer it
    assert 'href="https://www.youtube.com/watch?v=abc123"' in raw  # the embed as a link
    quote = next(block.value for block in article.body if block.block_type == "quote")
    assert (quote["text"], quote["attribution"]) == ("Nous revenons enfin à la maison.", "Un pêcheur")


def test_gutenberg_blocks(db, uploads: Path) -> None:
    run(uploads=uploads)
    article = ArticlePage.objects.get(slug="budget-du-port")
    body = [(block.block_type, block.value) for block in article.body]
    assert body[1] == ("subheading", "Des investissements")
    image = body[2][1]
    assert (image["alt"], image["caption"], image["credit"]) == (
        "Chalutier au port",
        "Le nouveau chalutier",
        "Port de Douarnenez",
    )
    assert body[3][0] == "quote" and body[3][1]["attribution"] == "Le président du conseil"
    texts = [value.source for kind, value in body if kind == "paragraph"]
    assert any("• un quai" in text and "• une grue" in text for text in texts)
    assert any('href="https://twitter.com/gazette/status/1"' in text for text in texts)
    assert any("Votez pour le nom du quai" in text for text in texts)  # the unknown block's text
    assert article.standfirst.startswith("Le conseil portuaire a voté")  # no excerpt: the first paragraph
    assert [author.name for author in article.authors] == ["Yann Le Roux"]


def test_statuses(db, uploads: Path) -> None:
    run(uploads=uploads)
    scheduled = ArticlePage.objects.get(slug="regates")
    assert not scheduled.live and scheduled.go_live_at == datetime(2031, 5, 1, 7, tzinfo=UTC)
    assert scheduled.get_latest_revision().approved_go_live_at == datetime(2031, 5, 1, 7, tzinfo=UTC)
    draft = ArticlePage.objects.get(title="Brouillon sur la marée")
    assert not draft.live and draft.get_parent().slug == "archives"
    assert not ArticlePage.objects.filter(title="Carnet intime").exists()


def test_pages_become_articles_of_the_pages_section_with_their_addresses(db, client, uploads: Path) -> None:
    report = run(uploads=uploads)

    assert report.done["pages créées"] == 2 and not report.errors
    about = ArticlePage.objects.get(title="À propos")
    team = ArticlePage.objects.get(title="L'équipe")
    assert about.live and about.get_parent().slug == "pages" and team.get_parent().slug == "pages"
    assert about.first_published_at == datetime(2019, 3, 1, 9, tzinfo=UTC)
    assert about.standfirst == "La Gazette du Port, depuis 1987."
    assert [author.name for author in about.authors] == ["Yann Le Roux"]
    for old, page in (
        ("/a-propos/", about),
        ("/?page_id=16", about),
        ("/a-propos/equipe/", team),
        ("/?page_id=17", team),
    ):
        response = client.get(old)
        assert (response.status_code, response["Location"]) == (301, page.url), old
    again = run(uploads=uploads)
    assert again.done["pages inchangées"] == 2 and ArticlePage.objects.filter(title="À propos").count() == 1


def test_comments_keep_their_threads_and_names(db, uploads: Path) -> None:
    run(uploads=uploads)
    article = ArticlePage.objects.get(slug="la-criee-renait")
    comments = {c.pseudonym: c for c in Comment.objects.filter(article=article)}
    assert set(comments) == {"Marie Kerbrat", "Paul Guivarc'h", "Anne", "Luc"}  # the spam is left behind
    marie, paul, anne = comments["Marie Kerbrat"], comments["Paul Guivarc'h"], comments["Anne"]
    assert marie.thread is None and marie.status == Comment.Status.PUBLISHED
    assert (paul.thread, paul.reply_to) == (marie, marie)
    assert (anne.thread, anne.reply_to) == (marie, paul)  # a reply to a reply joins the thread
    assert paul.text == "Tout à fait d'accord avec Marie."  # no markup
    assert paul.created_at == datetime(2023, 9, 13, 9, 30, tzinfo=UTC)
    assert anne.text == "Et moi je réponds à Paul."  # the right-to-left override is not kept
    assert comments["Luc"].status == Comment.Status.PENDING
    assert comments["Luc"].held_because == "importé de WordPress"
    assert not marie.author.is_active and not marie.author.email  # no account of their own, no address
    # Added through the comments app: the article's cached comment list is stale, nobody is mailed.
    assert list_version(article.pk) and not Notification.objects.exists()


def test_no_audio_or_rendition_job_per_article(
    db, uploads: Path, settings, django_capture_on_commit_callbacks
) -> None:
    settings.AUDIO_ON_PUBLISH = True
    queued: list[str] = []

    def count(sender, task_result, **kwargs) -> None:
        queued.append(task_result.task.name)

    task_enqueued.connect(count)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            run(uploads=uploads)
    finally:
        task_enqueued.disconnect(count)
    ours = [name for name in queued if name in {"generate_audio", "make_renditions", "make_renditions_of"}]
    assert ours == ["make_renditions_of"]  # no audio job, no rendition job per article
    hero = ArticlePage.objects.get(slug="la-criee-renait").hero_image
    assert hero.renditions.exists()  # the one job made them


def test_old_addresses_answer_301(db, client, uploads: Path) -> None:
    run(uploads=uploads)
    article = ArticlePage.objects.get(slug="la-criee-renait")
    section = SectionPage.objects.get(slug="economie")
    for old in (
        "/2023/09/13/la-criee-renait/",
        "/2023/09/la-criee-renait/",
        "/?p=11",
        "/?attachment_id=20",
        "/2023/09/13/la-criee-renait/chalutier/",
    ):
        response = client.get(old)
        assert response.status_code == 301, old
        assert response["Location"] == article.url, old
    assert client.get("/category/economie/")["Location"] == section.url
    assert client.get("/category/economie/feed/")["Location"] == "/rubriques/economie/rss.xml"
    assert client.get("/tag/peche/")["Location"] == "/tags/peche/"
    assert client.get("/feed/")["Location"] == "/rss.xml"
    assert client.get("/?p=13").status_code == 200  # the private post: no redirect, the home page
    assert client.get(article.url).status_code == 200


def test_author_archives_answer_301_to_the_author_page_and_sticky_posts_are_listed(
    db, client, uploads: Path
) -> None:
    report = run(uploads=uploads)

    for old in ("/author/yleroux/", "/?author=2"):
        response = client.get(old)
        assert (response.status_code, response["Location"]) == (301, "/auteurs/yleroux/"), old
    page = client.get("/auteurs/yleroux/").content.decode()
    assert "Yann Le Roux" in page and "La criée renaît" in page and "Le budget du port voté" in page
    # Manchette's front page leads with the latest article: no place to pin one, so they are listed.
    assert report.sticky == ["#11 « La criée renaît »"]
    assert any(line.startswith("Articles épinglés sur WordPress (1)") for line in report.lines())


def test_running_again_changes_nothing_then_brings_the_delta(db, uploads: Path, tmp_path: Path) -> None:
    run(uploads=uploads)
    counts = (
        ArticlePage.objects.count(),
        Image.objects.count(),
        Comment.objects.count(),
        Redirect.objects.count(),
    )
    again = run(uploads=uploads)
    assert (
        ArticlePage.objects.count(),
        Image.objects.count(),
        Comment.objects.count(),
        Redirect.objects.count(),
    ) == counts
    assert again.done["articles inchangés"] == 4 and "articles créés" not in again.done

    # Edited in Manchette after the import: a later export does not overwrite it.
    edited = ArticlePage.objects.get(slug="budget-du-port")
    edited.title = "Budget du port : le détail"
    edited.save_revision().publish()
    later = tmp_path / "later.xml"
    text = GAZETTE.read_text(encoding="utf-8")
    text = text.replace("Le conseil portuaire a voté", "Le conseil portuaire a enfin voté")
    text = text.replace("Après deux ans de travaux", "Après vingt-quatre mois de travaux")
    new_post = """<item><title>Nouvelle saison</title><link>https://gazette-du-port.test/2027/01/10/saison/</link>
<content:encoded><![CDATA[Publié entre le premier import et la bascule.]]></content:encoded>
<wp:post_id>40</wp:post_id><wp:post_date><![CDATA[2027-01-10 09:00:00]]></wp:post_date>
<wp:post_date_gmt><![CDATA[2027-01-10 08:00:00]]></wp:post_date_gmt><wp:post_name>saison</wp:post_name>
<wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item>"""
    later.write_text(text.replace("</channel>", new_post + "</channel>"), encoding="utf-8")

    delta = run(later, uploads=uploads)
    assert delta.done["articles créés"] == 1 and delta.done["articles mis à jour"] == 1
    assert delta.not_overwritten == ["#12 « Le budget du port voté »"]
    assert ArticlePage.objects.get(slug="budget-du-port").title == "Budget du port : le détail"
    updated = ArticlePage.objects.get(slug="la-criee-renait")
    assert "vingt-quatre mois" in str(updated.body.raw_data)
    assert ArticlePage.objects.get(slug="saison").live
    assert Comment.objects.count() == counts[2]


def test_versions_10_and_11_and_hostile_files(db, tmp_path: Path) -> None:
    v10 = tmp_path / "v10.xml"
    v10.write_text(
        GAZETTE.read_text(encoding="utf-8")
        .replace("export/1.2/", "export/1.0/")
        .replace("<wp:wxr_version>1.2", "<wp:wxr_version>1.0"),
        encoding="utf-8",
    )
    report = run(v10)
    assert report.wxr_version == "1.0" and report.found["posts"] == 5 and not report.errors

    hostile = tmp_path / "entities.xml"
    hostile.write_text(
        '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa">]><rss><channel>&a;</channel></rss>'
    )
    assert "entités" in run(hostile).fatal

    broken = tmp_path / "broken.xml"
    broken.write_text(GAZETTE.read_text(encoding="utf-8")[:6000])
    report = run(broken)
    assert "ligne" in report.fatal and not report.errors

    with pytest.raises(CommandError, match="introuvable"):
        call_command("import_wordpress", str(tmp_path / "absent.xml"))


def test_command_prints_the_dry_run_and_writes_the_report(db, uploads: Path, tmp_path: Path, capsys) -> None:
    report_file = tmp_path / "rapport.json"
    call_command(
        "import_wordpress", str(GAZETTE), "--uploads", str(uploads), "--dry-run", "--report", str(report_file)
    )
    captured = capsys.readouterr()
    out = captured.out
    assert f"articles et pages [{'█' * 24}] 7/7" in captured.err  # the progress bar, full
    assert "Simulation : rien n'a été écrit." in out
    assert "Codes courts sans correspondance (gardés en texte) : contact-form-7" in out
    assert '"contact-form-7": {\n      "count": 1,\n      "mapped": false' in report_file.read_text(
        encoding="utf-8"
    )


def test_the_report_speaks_english_too(db, uploads: Path) -> None:
    with translation.override("en"):
        lines = run(uploads=uploads).lines()
        dry = run(uploads=uploads, dry_run=True).lines()
    assert lines[0] == "Import finished." and dry[0] == "Dry run: nothing was written."
    assert "  pages created : 2" in lines and "  comments imported : 4" in lines
    assert any(line.startswith("Shortcodes without a mapping (kept as text): contact-form-7") for line in dry)
    assert any(line.startswith("Posts sticky in WordPress (1)") for line in lines)


def test_section_map_puts_categories_in_existing_sections(db, uploads: Path, tmp_path: Path) -> None:
    from manchette.articles.imports import ensure_section

    ensure_section("Économie et entreprises", "eco")
    mapping = tmp_path / "rubriques.txt"
    mapping.write_text("# catégorie = rubrique\neconomie = eco\n", encoding="utf-8")
    call_command("import_wordpress", str(GAZETTE), "--uploads", str(uploads), "--section-map", str(mapping))
    assert ArticlePage.objects.get(slug="budget-du-port").get_parent().slug == "eco"
    assert not SectionPage.objects.filter(slug="economie").exists()


def test_converter_registry_and_classic_paragraphs() -> None:
    conversion = convert(
        "Premier paragraphe\nsur deux lignes.\n\n<h3>Titre</h3>\n[[caption]] reste écrit.\n\n"
        '<img class="wp-image-9" src="https://site.test/wp-content/uploads/a.jpg" alt="A">',
        BodyContext("https://site.test"),
    )
    assert conversion.pieces == [
        Paragraph("<p>Premier paragraphe<br/>sur deux lignes.</p>"),
        Subheading("Titre"),
        Paragraph("<p>[caption] reste écrit.</p>"),
        Picture(url="https://site.test/wp-content/uploads/a.jpg", attachment_id="9", alt="A"),
    ]
    quote = convert(
        '<!-- wp:quote --><blockquote class="wp-block-quote"><p>Oui.</p></blockquote><!-- /wp:quote -->',
        BodyContext(),
    )
    assert quote.pieces == [Quote("Oui.", "")] and quote.blocks == {"core/quote": 1}


def test_a_shortcode_a_newsroom_registers(db) -> None:
    from manchette.wordpress import content

    @content.shortcode("encadre")
    def encadre(conversion, attributes, inner):
        conversion.pieces.append(Subheading(attributes.get("titre", "")))

    try:
        result = convert('[encadre titre="Repères"]ignoré[/encadre]', BodyContext())
        assert result.pieces == [Subheading("Repères")] and not result.unmapped_shortcodes
    finally:
        del content.SHORTCODES["encadre"]


def _export_with(tmp_path: Path, items: str) -> Path:
    path = tmp_path / "extra.xml"
    path.write_text(GAZETTE.read_text(encoding="utf-8").replace("</channel>", items + "</channel>"), "utf-8")
    return path


def _post(post_id: int, title: str, body: str) -> str:
    link = f"https://gazette-du-port.test/2024/02/01/p{post_id}/"
    return f"""<item><title>{title}</title><link>{link}</link>
<content:encoded><![CDATA[{body}]]></content:encoded><wp:post_id>{post_id}</wp:post_id>
<wp:post_date_gmt><![CDATA[2024-02-01 08:00:00]]></wp:post_date_gmt><wp:post_name>p{post_id}</wp:post_name>
<wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item>"""


def test_posts_that_cannot_be_written_leave_the_rest_of_their_batch_imported(
    db, client, uploads: Path, tmp_path: Path
) -> None:
    # The section map sends Économie to a section that does not exist: its posts are lines in
    # the report; the other posts of the same batch come over whole, with their addresses.
    mapping = tmp_path / "rubriques.txt"
    mapping.write_text("economie = nulle-part\n", encoding="utf-8")
    export = _export_with(tmp_path, _post(61, "Avant", "Un article.") + _post(63, "Après", "Un autre."))
    report = run(export, uploads=uploads, section_map=read_section_map(mapping))

    failed = [label for label, _reason in report.errors]
    assert failed == ["#11 « La criée renaît »", "#12 « Le budget du port voté »"]
    assert all("nulle-part" in reason for _label, reason in report.errors)
    assert not ArticlePage.objects.filter(slug__in=["la-criee-renait", "budget-du-port"]).exists()
    assert client.get("/?p=11").status_code == 200  # no redirect to a page that is not there
    assert not Comment.objects.exists()  # the criée's comments did not come without it
    after = ArticlePage.objects.get(title="Après")
    assert after.live and client.get("/?p=63")["Location"] == after.url
    assert report.done["articles créés"] == 4  # "Avant", "Après" and the gazette's two others


def test_a_post_exported_twice_in_one_batch_becomes_one_article(db, uploads: Path, tmp_path) -> None:
    # Two items with one id (exports pasted together): the batch cannot map both, so it is
    # written again post by post and the second is the first, unchanged.
    export = _export_with(tmp_path, _post(70, "Deux fois", "Le même.") + _post(70, "Deux fois", "Le même."))
    report = run(export, uploads=uploads)

    assert not report.errors, report.errors
    assert ArticlePage.objects.filter(title="Deux fois").count() == 1
    assert report.done["articles créés"] == 5 and report.done["articles inchangés"] == 1


def test_new_posts_are_written_with_what_wagtail_needs_to_edit_and_publish_them(db, uploads: Path) -> None:
    run(uploads=uploads)
    article = ArticlePage.objects.get(slug="la-criee-renait")
    revision = article.latest_revision
    assert revision is not None and article.live_revision == revision and not article.has_unpublished_changes
    assert article.url_path == f"{article.get_parent().url_path}la-criee-renait/"
    assert article.draft_title == article.title and article.reading_time >= 1
    assert [entry.action for entry in PageLogEntry.objects.filter(page=article).order_by("pk")] == [
        "wagtail.create",
        "wagtail.edit",
        "wagtail.publish",
    ]
    assert article in ArticlePage.objects.search("criée")  # in the search index
    assert ReferenceIndex.get_references_for_object(article).exists()  # its authors, tags, pictures
    # Editing it in Wagtail starts from that revision, with its byline and tags.
    edited = article.get_latest_revision_as_object()
    assert [link.author.name for link in edited.article_authors.all()] == ["Yann Le Roux", "Claire Martel"]
    edited.title = "La criée renaît enfin"
    edited.save_revision().publish()
    assert ArticlePage.objects.get(pk=article.pk).title == "La criée renaît enfin"
    assert [tag.name for tag in ArticlePage.objects.get(pk=article.pk).tags.all()] == ["pêche"]
    parent = article.get_parent()
    assert parent.numchild == parent.get_children().count()
    draft = ArticlePage.objects.get(title="Brouillon sur la marée")
    assert not draft.live and draft.has_unpublished_changes and draft.live_revision is None


def _scheduled_post(post_id: int, title: str, go_live_at: datetime) -> str:
    return (
        _post(post_id, title, "Un article programmé.")
        .replace("2024-02-01 08:00:00", go_live_at.strftime("%Y-%m-%d %H:%M:%S"))
        .replace("<wp:status>publish</wp:status>", "<wp:status>future</wp:status>")
    )


def test_a_scheduled_post_written_in_a_batch_is_published_by_the_scheduler_at_its_date(
    db, clock, uploads: Path, tmp_path: Path
) -> None:
    go_live_at = (timezone.now() + timedelta(days=3)).replace(microsecond=0, second=0)
    export = _export_with(tmp_path, _scheduled_post(90, "Les régates de demain", go_live_at))
    announced: list[datetime | None] = []

    def note(sender, instance: Revision, **kwargs) -> None:
        announced.append(instance.approved_go_live_at)

    # The newsroom wakes the worker at the go-live time of a revision announced so (the tests'
    # immediate task backend cannot wait: there the scheduler's reconciler publishes).
    post_save.connect(note, sender=Revision)
    try:
        run(export, uploads=uploads)
    finally:
        post_save.disconnect(note, sender=Revision)

    article = ArticlePage.objects.get(title="Les régates de demain")
    assert not article.live and article.go_live_at == go_live_at and article.live_revision is None
    assert article.get_latest_revision().approved_go_live_at == go_live_at
    assert PageLogEntry.objects.filter(page=article, action="wagtail.publish.schedule").exists()
    assert go_live_at in announced

    assert scheduling.reconcile() == {"scheduled publications caught up": 0}  # not due yet
    assert not ArticlePage.objects.get(pk=article.pk).live
    clock.move_to(go_live_at + timedelta(minutes=1))
    assert scheduling.reconcile() == {"scheduled publications caught up": 1}
    article = ArticlePage.objects.get(pk=article.pk)
    assert article.live and article.first_published_at >= go_live_at
    assert Client().get(article.url).status_code == 200


def test_scheduled_posts_are_written_in_the_batch(db, uploads: Path, tmp_path: Path) -> None:
    # Page by page, a scheduled post cost about sixty queries; in the batch, a few.
    go_live_at = timezone.now() + timedelta(days=3)
    few = _export_with(tmp_path, "")
    with CaptureQueriesContext(connection) as alone:
        run(few, uploads=uploads)
    ArticlePage.objects.all().delete()
    ImportedItem.objects.all().delete()
    many = _export_with(
        tmp_path, "".join(_scheduled_post(100 + n, f"Programmé {n}", go_live_at) for n in range(20))
    )
    with CaptureQueriesContext(connection) as with_scheduled:
        run(many, uploads=uploads)
    assert ArticlePage.objects.filter(title__startswith="Programmé", live=False).count() == 20
    assert len(with_scheduled) - len(alone) < 20 * 5


def _post_with_comments(post_id: int) -> str:
    comments = "".join(
        f"<wp:comment><wp:comment_id>{post_id * 10 + n}</wp:comment_id>"
        f"<wp:comment_author>Lecteur {n}</wp:comment_author>"
        "<wp:comment_date_gmt>2024-02-01 10:00:00</wp:comment_date_gmt>"
        f"<wp:comment_content>Avis {n}</wp:comment_content><wp:comment_approved>1</wp:comment_approved>"
        f"<wp:comment_parent>{post_id * 10 + 1 if n == 2 else 0}</wp:comment_parent></wp:comment>"
        for n in (1, 2)
    )
    return _post(post_id, f"Commenté {post_id}", "Un article.").replace("</item>", comments + "</item>")


def test_the_comments_of_a_batch_are_written_together(db, uploads: Path, tmp_path: Path) -> None:
    # One comment and its reply on each of 20 posts: one insert of comments for the batch's
    # first comments, one for the replies, one for the lists' versions; not a few a comment.
    export = _export_with(tmp_path, "".join(_post_with_comments(200 + n) for n in range(20)))
    with CaptureQueriesContext(connection) as queries:
        run(export, uploads=uploads)
    replies = Comment.objects.filter(article__title__startswith="Commenté", reply_to__isnull=False)
    assert replies.count() == 20 and all(reply.thread == reply.reply_to for reply in replies)
    assert all(list_version(reply.article_id) for reply in replies)
    writes = [q["sql"] for q in queries if q["sql"].startswith('INSERT INTO "comments_')]
    assert len(writes) <= 4  # and one more for the gazette's replies to replies


def _draft(post_id: int, title: str) -> str:
    item = _post(post_id, title, "Un brouillon.").replace(
        "<wp:status>publish</wp:status>", "<wp:status>draft</wp:status>"
    )
    return item.replace(f"<wp:post_name>p{post_id}</wp:post_name>", "")


def test_many_drafts_of_one_title_get_their_slugs_in_a_query_each(db, uploads: Path, tmp_path: Path) -> None:
    # Drafts have no slug in WordPress: each is made from the title, numbered when taken. Trying
    # the numbers one query each made an archive of many untitled drafts quadratic (each batch
    # tried every number the batches before had taken).
    run(_export_with(tmp_path, "".join(_draft(400 + n, "Sans titre") for n in range(30))), uploads=uploads)
    later = _export_with(tmp_path, "".join(_draft(500 + n, "Sans titre") for n in range(30)))
    with CaptureQueriesContext(connection) as queries:
        run(later, uploads=uploads)
    slugs = set(ArticlePage.objects.filter(title="Sans titre").values_list("slug", flat=True))
    assert slugs == {"sans-titre", *(f"sans-titre-{n}" for n in range(2, 61))}
    asked = [
        q for q in queries if '"wagtailcore_page"."slug" =' in q["sql"] and q["sql"].startswith("SELECT")
    ]
    assert len(asked) < 100  # about one a draft; before, 30 a draft


@pytest.mark.usefixtures("recorder")
def test_a_batch_purges_and_refreshes_what_one_by_one_would_once(
    db, uploads: Path, tmp_path: Path, django_capture_on_commit_callbacks
) -> None:
    export = _export_with(tmp_path, "".join(_post(600 + n, f"Purgé {n}", "Un article.") for n in range(10)))
    purges: list[list[str]] = []

    def note(sender, task_result, **kwargs) -> None:
        if task_result.task.name == "purge_urls_from_cache_task":
            purges.append(task_result.args[0])

    run(uploads=uploads)  # the gazette first: its sections, authors and tags are made
    task_enqueued.connect(note)
    try:
        with CaptureQueriesContext(connection) as queries, django_capture_on_commit_callbacks(execute=True):
            run(export, uploads=uploads)
    finally:
        task_enqueued.disconnect(note)
    articles = ArticlePage.objects.filter(title__startswith="Purgé")
    assert len(articles) == 10
    # One purge job for the batch, naming every address a purge per article would.
    [batch] = [urls for urls in purges if any(article.full_url in urls for article in articles)]
    for article in articles:
        section = article.get_parent()
        feed = section.full_url.removesuffix(section.url) + f"/rubriques/{section.slug}/rss.xml"
        assert {article.full_url, section.full_url, feed} <= set(batch)
    # The content generation changes once for the batch, not once an article.
    bumps = [q for q in queries if q["sql"].startswith('UPDATE "website_contentgeneration"')]
    assert len(bumps) < 10
