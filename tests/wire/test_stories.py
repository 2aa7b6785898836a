"""Files become stories with versions; takes, kills, withholds and embargoes act on articles."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from manchette.articles.models import ArticlePage
from manchette.newsroom.services import publish_due_pages
from manchette.wire import desk, ingest
from manchette.wire.models import Feed, HoldDecision, ReceivedFile, Story

from .conftest import FIXTURES


def g2(
    guid: str,
    version: int,
    headline: str,
    *,
    body: str = "<p>Premier paragraphe.</p>",
    meta: str = "",
    urgency: int = 4,
) -> bytes:
    return (
        f'<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="{guid}" version="{version}">'
        f'<itemMeta><itemClass qcode="ninat:text"/><pubStatus qcode="stat:usable"/>{meta}</itemMeta>'
        f"<contentMeta><urgency>{urgency}</urgency><slugline>slug</slugline><headline>{headline}</headline>"
        f"<creditline>AFP</creditline></contentMeta>"
        f'<contentSet><inlineXML contenttype="application/xhtml+xml">'
        f'<html xmlns="http://www.w3.org/1999/xhtml"><body><h2>Intertitre</h2>{body}'
        f"<blockquote>Une citation</blockquote></body></html></inlineXML></contentSet></newsItem>"
    ).encode()


def test_a_file_seen_twice_is_one_item(make_feed):
    feed = make_feed()
    first = ingest.ingest_file(feed, "a.xml", g2("urn:a", 1, "Titre"))
    again = ingest.ingest_file(feed, "a.xml", g2("urn:a", 1, "Titre"))
    renamed = ingest.ingest_file(feed, "copie-de-a.xml", g2("urn:a", 1, "Titre"))
    assert first.outcomes == ["new"] and again.skipped and renamed.outcomes == ["duplicate"]
    assert Story.objects.get().versions.count() == 1
    feed.refresh_from_db()
    assert feed.items_count == 1


def test_newer_versions_update_older_ones_only_join_the_history(make_feed):
    feed = make_feed()
    ingest.ingest_file(feed, "v1.xml", g2("urn:a", 1, "Premier titre"))
    ingest.ingest_file(feed, "v3.xml", g2("urn:a", 3, "Troisième titre"))
    late = ingest.ingest_file(feed, "v2.xml", g2("urn:a", 2, "Deuxième titre"))
    story = Story.objects.get()
    assert late.outcomes == ["older"]
    assert (story.version, story.headline, story.versions_count) == (3, "Troisième titre", 3)
    assert list(story.versions.values_list("version", flat=True)) == [3, 2, 1]


def test_a_malformed_file_is_quarantined_and_the_feed_goes_on(make_feed):
    feed = make_feed()
    bad = ingest.ingest_file(feed, "bad.xml", b"<newsItem guid='x'><contentMeta>")
    good = ingest.ingest_file(feed, "good.xml", g2("urn:b", 1, "Bon"))
    assert "XML illisible" in bad.error and good.outcomes == ["new"]
    quarantined = ReceivedFile.objects.get(name="bad.xml")
    assert quarantined.status == ReceivedFile.Status.QUARANTINED
    feed.refresh_from_db()
    assert feed.errors_count == 1 and "bad.xml" in feed.last_error


def test_take_makes_a_draft_with_the_agency_in_the_byline(make_feed, newsroom):
    feed = make_feed()
    ingest.ingest_file(
        feed, "a.xml", g2("urn:a", 1, "Le titre &lt;b&gt; &amp; co", body="<p onclick='x()'>Fait.</p>")
    )
    section = newsroom.section()
    article = desk.take(Story.objects.get(), section)
    assert not article.live and article.get_parent().pk == section.pk
    assert article.title == "Le titre <b> & co" and article.byline == "AFP"
    assert [block.block_type for block in article.body] == ["subheading", "paragraph", "quote"]
    assert article.body[1].value.source == "<p>Fait.</p>"
    assert article.wire_takes.get().version_taken == 1


def test_a_correction_then_a_kill_unpublishes_the_article(make_feed, newsroom):
    feed = make_feed(short_name="AMN")
    ingest.ingest_file(feed, "c.xml", (FIXTURES / "newsml-g2/rectificatif.xml").read_bytes())
    story = Story.objects.get()
    article = desk.take(story, newsroom.section())
    article.save_revision().publish()
    assert ArticlePage.objects.get(pk=article.pk).live
    killed = ingest.ingest_file(feed, "k.xml", (FIXTURES / "newsml-g2/annulation.xml").read_bytes())
    assert killed.outcomes == ["updated"]
    story.refresh_from_db()
    assert story.killed and story.versions.count() == 2
    assert not ArticlePage.objects.get(pk=article.pk).live
    take = article.wire_takes.get()
    assert take.on_hold
    assert set(take.decisions.values_list("action", flat=True)) == {"unpublish", "hold"}
    # Published again by hand: the hold keeps it offline.
    ArticlePage.objects.get(pk=article.pk).save_revision().publish()
    assert not ArticlePage.objects.get(pk=article.pk).live
    with pytest.raises(ValueError, match="annulée"):
        desk.take(story, newsroom.section())


def test_a_kill_can_wait_for_an_editor_who_decides(make_feed, newsroom, make_user):
    feed = make_feed(on_kill=Feed.OnKill.HOLD)
    ingest.ingest_file(feed, "a.xml", g2("urn:a", 1, "Titre"))
    article = desk.take(Story.objects.get(), newsroom.section())
    article.save_revision().publish()
    ingest.ingest_file(feed, "kill.xml", g2("urn:a", 2, "Titre", meta='<signal qcode="edStat:D"/>'))
    take = article.wire_takes.get()
    assert take.on_hold and ArticlePage.objects.get(pk=article.pk).live
    editor = make_user()
    with pytest.raises(ValueError):
        desk.release(take, " ", editor)
    desk.release(take, "Vérifié auprès de l'agence : erreur de transmission.", editor)
    take.refresh_from_db()
    assert not take.on_hold
    decision = take.decisions.first()
    assert (decision.action, decision.user) == (HoldDecision.Action.RELEASE, editor)


def test_withheld_holds_and_a_later_version_does_not_lift_it(make_feed, newsroom):
    feed = make_feed()
    ingest.ingest_file(feed, "a.xml", g2("urn:a", 1, "Titre"))
    article = desk.take(Story.objects.get(), newsroom.section())
    withheld = g2("urn:a", 2, "Titre").replace(b"stat:usable", b"stat:withheld")
    ingest.ingest_file(feed, "w.xml", withheld)
    assert article.wire_takes.get().on_hold
    article.save_revision().publish()
    assert not ArticlePage.objects.get(pk=article.pk).live


def test_embargo_holds_every_publishing_path_until_its_time(make_feed, newsroom, clock):
    feed = make_feed()
    embargo = (timezone.now() + timedelta(hours=2)).replace(microsecond=0)
    ingest.ingest_file(
        feed, "e.xml", g2("urn:e", 1, "Sous embargo", meta=f"<embargoed>{embargo.isoformat()}</embargoed>")
    )
    article = desk.take(Story.objects.get(), newsroom.section())
    assert article.go_live_at == embargo  # the take action
    # Publishing from the editor, the go-live time cleared by hand: scheduled for the embargo.
    page = ArticlePage.objects.get(pk=article.pk)
    page.go_live_at = None
    revision = page.save_revision()
    revision.publish()
    assert not ArticlePage.objects.get(pk=article.pk).live
    revision.refresh_from_db()
    assert revision.approved_go_live_at == embargo
    # Scheduled publishing: nothing before the time, published once it has passed.
    publish_due_pages()
    assert not ArticlePage.objects.get(pk=article.pk).live
    clock.move_to(embargo + timedelta(seconds=1))
    publish_due_pages()
    assert ArticlePage.objects.get(pk=article.pk).live


def test_an_embargo_without_a_time_holds_until_a_version_gives_one(make_feed, newsroom, clock):
    feed = make_feed()
    ingest.ingest_file(feed, "e1.xml", g2("urn:e", 1, "Titre", meta="<embargoed/>"))
    article = desk.take(Story.objects.get(), newsroom.section())
    ArticlePage.objects.get(pk=article.pk).save_revision().publish()
    assert not ArticlePage.objects.get(pk=article.pk).live
    ingest.ingest_file(
        feed, "e2.xml", g2("urn:e", 2, "Titre", meta="<embargoed>2020-01-01T00:00:00Z</embargoed>")
    )
    ArticlePage.objects.get(pk=article.pk).save_revision().publish()
    assert ArticlePage.objects.get(pk=article.pk).live


def test_urgent_items_email_the_editors_who_opted_in(
    make_feed, make_user, mailoutbox, django_capture_on_commit_callbacks
):
    from manchette.wire.models import AlertSubscription

    AlertSubscription.objects.create(user=make_user(email="desk@example.test"))
    AlertSubscription.objects.create(user=make_user(email="off@example.test"), email=False)
    feed = make_feed()
    with django_capture_on_commit_callbacks(execute=True):
        ingest.ingest_file(feed, "flash.xml", g2("urn:f", 1, "Explosion à Paris", urgency=1))
        ingest.ingest_file(feed, "routine.xml", g2("urn:r", 1, "Météo", urgency=5))
    [message] = mailoutbox
    assert message.to == ["desk@example.test"] and message.subject.startswith("[FLASH] AFP")


def test_ingest_wire_command_imports_files_with_a_progress_bar(make_feed, capsys):
    feed = make_feed(format="ninjs")
    files = [
        FIXTURES / "ninjs/1.x-texte.json",
        FIXTURES / "ninjs/2.x-texte.json",
        FIXTURES / "ninjs/2.x-texte-photo.json",
    ]
    call_command("ingest_wire", feed.name, *map(str, files))
    out = capsys.readouterr().out
    assert "3/3" in out and "[" + "#" * 30 + "]" in out
    assert "2 nouvelles" in out and "1 doublons" in out  # the 1.x and 2.x files of one story are one version
    assert Story.objects.count() == 2


def test_a_value_the_database_refuses_quarantines_the_file(make_feed):
    feed = make_feed()
    huge = ingest.ingest_file(feed, "huge-version.xml", g2("urn:h", 10**30, "Version démesurée"))
    assert "enregistrement" in huge.error and not Story.objects.exists()
    assert ingest.ingest_file(feed, "ok.xml", g2("urn:ok", 1, "Normal")).outcomes == ["new"]


def test_a_batch_keeps_the_order_of_its_files_in_a_few_queries(make_feed, django_assert_max_num_queries):
    """A backlog is recorded a batch at a time: the versions of one story inside a batch still
    follow each other as if the files had come one by one."""
    feed = make_feed()
    ingest.ingest_file(feed, "c1.xml", g2("urn:c", 1, "Ancienne"))
    files = [
        ("v1.xml", g2("urn:a", 1, "Premier titre")),
        ("v3.xml", g2("urn:a", 3, "Troisième titre", urgency=1)),
        ("v2.xml", g2("urn:a", 2, "Deuxième titre")),
        ("v1-copie.xml", g2("urn:a", 1, "Premier titre")),
        ("c2.xml", g2("urn:c", 2, "Nouvelle")),
        ("c1.xml", g2("urn:c", 1, "Ancienne")),
    ] + [(f"n{number}.xml", g2(f"urn:n{number}", 1, f"Dépêche {number}")) for number in range(30)]
    with django_assert_max_num_queries(12):
        results = ingest.ingest_files(feed, files)
    assert [result.outcomes for result in results[:6]] == [
        ["new"],
        ["updated"],
        ["older"],
        ["duplicate"],
        ["updated"],
        [],
    ]
    assert results[5].skipped
    story = Story.objects.get(guid="urn:a")
    assert (story.version, story.headline, story.urgency, story.versions_count) == (
        3,
        "Troisième titre",
        1,
        3,
    )
    assert list(story.versions.values_list("version", flat=True)) == [3, 2, 1]
    other = Story.objects.get(guid="urn:c")
    assert (other.headline, other.versions_count) == ("Nouvelle", 2)
    feed.refresh_from_db()
    assert feed.items_count == 2 + 3 + 30 and Story.objects.count() == 32


def test_a_value_the_database_refuses_sets_aside_its_file_alone(make_feed):
    feed = make_feed()
    results = ingest.ingest_files(
        feed,
        [
            ("a.xml", g2("urn:a", 1, "Avant")),
            ("huge-version.xml", g2("urn:h", 10**30, "Version démesurée")),
            ("b.xml", g2("urn:b", 1, "Après")),
        ],
    )
    assert [result.outcomes for result in results] == [["new"], [], ["new"]]
    assert "enregistrement" in results[1].error
    assert ReceivedFile.objects.get(name="huge-version.xml").status == ReceivedFile.Status.QUARANTINED
    feed.refresh_from_db()
    assert feed.items_count == 2 and feed.errors_count == 1
