"""Every format parses to the normalised item (from tests/wire/fixtures, this project's own files;
the real agency samples are tests/conformance's); hostile files are refused or made inert."""

from datetime import UTC, datetime

import pytest

from manchette.wire.parsers import ParseError, parse
from manchette.wire.parsers.nitf import parse_body

from .conftest import FIXTURES

FILES = [
    ("ninjs", "ninjs/1.x-texte.json"),
    ("ninjs", "ninjs/2.x-texte.json"),
    ("ninjs", "ninjs/2.x-texte-photo.json"),
    ("ninjs", "ap/texte.json"),
    ("ninjs", "ap/photo.json"),
    ("newsmlg2", "newsml-g2/depeche.xml"),
    ("newsmlg2", "newsml-g2/photo.xml"),
    ("newsmlg2", "newsml-g2/message-texte-photo.xml"),
    ("newsmlg2", "newsml-g2/rectificatif.xml"),
    ("newsmlg2", "newsml-g2/annulation.xml"),
    ("nitf", "nitf/depeche.xml"),
    ("newsml12", "afp/newsml12.xml"),
]


def read(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


@pytest.mark.parametrize(("format", "name"), FILES)
def test_every_fixture_parses_to_items_with_a_guid_and_a_headline(format, name):
    parsed = parse(format, read(name))
    assert parsed.items and all(item.guid and item.headline for item in parsed.items)


def test_g2_text_item_maps_its_fields():
    [item] = parse("newsmlg2", read("newsml-g2/depeche.xml")).items
    assert item.guid == "urn:newsml:amn.test:20261205:budget-region"
    assert item.version == 4
    assert item.headline == "La région Bretagne vote un budget en hausse de 4 %"
    assert item.slugline == "Région-Budget"
    assert item.embargo == datetime(2026, 12, 5, 13, tzinfo=UTC)
    assert item.signals == ["update"]
    assert item.byline == "Marion Le Bihan" and item.dateline == "Rennes, 5 déc 2026 (AMN)"
    assert item.copyright == "Copyright 2026 Agence Manchette Nouvelles"
    assert item.usage_terms == "Pas de diffusion hors de France avant 14 heures"
    assert item.subjects == ["finances publiques", "Bretagne"]
    assert "SOUS EMBARGO" in item.ednote
    assert item.standfirst.startswith("Les transports et les lycées")
    assert [block["type"] for block in item.body] == ["paragraph", "paragraph"]
    assert not item.warnings


def test_g2_picture_keeps_its_largest_rendition():
    [photo] = parse("newsmlg2", read("newsml-g2/photo.xml")).items
    assert photo.item_class == "picture"
    [picture] = photo.pictures
    assert picture.href == "./AMN-port-brest.jpg" and (picture.width, picture.height) == (1800, 1200)
    assert picture.credit == "Erwan Kerjean/AMN" and "chalutiers" in picture.caption


def test_a_g2_message_gives_its_picture_to_its_story():
    items = parse("newsmlg2", read("newsml-g2/message-texte-photo.xml")).items
    text = next(item for item in items if item.item_class == "text")
    assert [picture.href for picture in text.pictures] == ["https://photos.amn.test/piquet.jpg"]
    assert text.body == [{"type": "paragraph", "text": "Aucun navire ne sera déchargé ce week-end."}]


def test_g2_correction_then_kill():
    [corrected] = parse("newsmlg2", read("newsml-g2/rectificatif.xml")).items
    [killed] = parse("newsmlg2", read("newsml-g2/annulation.xml")).items
    assert corrected.guid == killed.guid and (corrected.version, killed.version) == (2, 3)
    assert corrected.signals == ["correction"] and len(corrected.body) == 3 and not corrected.killed
    assert killed.killed and killed.pub_status == "canceled"
    assert "Texte vide." not in killed.warnings  # a kill needs no text


def test_ninjs_versions_map_the_same_fields():
    one = parse("ninjs", read("ninjs/1.x-texte.json")).items[0]
    two = parse("ninjs", read("ninjs/2.x-texte.json")).items[0]
    for item in (one, two):
        assert item.guid == "urn:newsml:amn.test:20261203:marche-de-noel"
        assert item.version == 2 and item.urgency == 4 and item.pub_status == "usable"
        assert item.byline == "Par Claire Weber, AMN" and item.dateline == "Colmar"
        assert item.copyright == "Copyright 2026, Agence Manchette Nouvelles"
        assert item.subjects == ["tourisme", "Alsace"]
        assert item.standfirst == "Les premiers visiteurs ont bravé les flocons samedi matin."
    assert [block["type"] for block in one.body] == ["paragraph", "subheading", "paragraph", "quote"]
    assert one.body == two.body


def test_ninjs_associated_picture_goes_with_the_story():
    [item] = parse("ninjs", read("ninjs/2.x-texte-photo.json")).items
    [picture] = item.pictures
    assert picture.href == "https://photos.amn.test/phare-grande.jpg" and picture.width == 2048
    assert picture.credit == "Yann Le Goff/AMN" and picture.caption.startswith("Le phare du Créac'h")
    assert [block["type"] for block in item.body] == ["paragraph", "paragraph"]  # plain text, by paragraph


def test_nitf_maps_its_fields():
    [item] = parse("nitf", read("nitf/depeche.xml")).items
    assert item.guid == "AMN-20261201-vendanges" and item.version == 3 and item.urgency == 5
    assert item.byline == "AMN-Strasbourg" and item.dateline == "Riquewihr"
    assert item.copyright == "© 2026 Agence Manchette Nouvelles"
    assert item.subjects == ["vin", "Alsace", "viticulture"]
    assert [block["type"] for block in item.body] == ["paragraph", "subheading", "paragraph"]


def test_afp_newsml_1_2_read_as_utf_8_with_a_warning():
    parsed = parse("newsml12", read("afp/newsml12.xml"))
    [item] = parsed.items
    # Declared iso-8859-1, written in UTF-8: read as what it is, with a warning.
    assert item.headline == "Écoles rurales : trois classes rouvrent dans la Creuse"
    assert any("UTF-8" in warning for warning in parsed.warnings)
    assert item.guid == "urn:newsml:amn.test:20261202:TX-PAR-ECOLE-01" and item.version == 1
    assert item.dateline == "Guéret, 2 déc 2026 (AMN)" and item.copyright == "© 2026 AMN"
    assert item.language == "fr" and item.slugline == "éducation-école-rentrée" and item.urgency == 3
    assert item.subjects == ["école", "Creuse"] and item.ednote == "Photo disponible"
    assert len(item.body) == 2


def test_ap_items_point_to_their_text_and_their_picture():
    [text] = parse("ninjs", read("ap/texte.json")).items
    assert text.guid == "7c1f0a9e2b4d4e6f8a0b1c2d3e4f5a6b" and not text.body
    assert text.body_href.endswith("download?type=text&format=NITF")
    assert parse_body(read("ap/texte-nitf.xml"))[0] == {
        "type": "subheading",
        "text": "Ligue 1 - les dix premiers",
    }
    with pytest.raises(ParseError, match="sans identifiant"):  # the NITF rendition is a body, not an item
        parse("nitf", read("ap/texte-nitf.xml"))
    [photo] = parse("ninjs", read("ap/photo.json")).items
    [picture] = photo.pictures
    assert picture.width == 3000 and picture.credit == "© Lucie Favre/AMN"
    assert picture.caption.startswith("ARCHIVES - Le lac d'Annecy")


# ----------------------------------------------------------------------------- hostile files

G2 = '<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:test:1" version="1">{}</newsItem>'


def test_external_entities_are_refused(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("mot de passe")
    xxe = f'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY s SYSTEM "file://{secret}">]>' + G2.format(
        "<contentMeta><headline>&s;</headline></contentMeta>"
    )
    with pytest.raises(ParseError, match="entités"):
        parse("newsmlg2", xxe.encode())


def test_billion_laughs_is_refused():
    entities = '<!ENTITY a0 "ha">' + "".join(
        f'<!ENTITY a{i} "&a{i - 1};&a{i - 1};&a{i - 1};">' for i in range(1, 12)
    )
    bomb = f"<!DOCTYPE x [{entities}]>" + G2.format("<contentMeta><headline>&a11;</headline></contentMeta>")
    with pytest.raises(ParseError, match="entités"):
        parse("newsmlg2", bomb.encode())


def test_truncated_and_oversized_files_are_refused():
    whole = G2.format("<contentMeta><headline>Titre</headline></contentMeta>")
    with pytest.raises(ParseError, match="XML illisible"):
        parse("newsmlg2", whole[:-20].encode())
    with pytest.raises(ParseError, match="trop gros"):
        parse("newsmlg2", b" " * (6 * 1024 * 1024))
    with pytest.raises(ParseError, match="JSON illisible"):
        parse("ninjs", b'{"uri": "x", "headline": "tronqu')


def test_wrong_declared_encoding_is_read_with_a_warning():
    text = '<?xml version="1.0" encoding="UTF-8"?>' + G2.format(
        "<contentMeta><headline>Élysée : réunion à 18 h</headline></contentMeta>"
    )
    parsed = parse("newsmlg2", text.encode("cp1252"))
    assert parsed.items[0].headline == "Élysée : réunion à 18 h"
    assert any("Windows-1252" in warning for warning in parsed.warnings)


def test_scripts_and_event_handlers_are_kept_as_inert_text():
    body = (
        '<contentSet><inlineXML><html xmlns="http://www.w3.org/1999/xhtml"><body>'
        '<p onclick="alert(1)">Texte <b>gras</b></p><script>alert(2)</script>'
        '<p><img src="x" onerror="alert(3)"/>Suite</p></body></html></inlineXML></contentSet>'
    )
    [item] = parse("newsmlg2", G2.format(body).encode()).items
    assert item.body == [{"type": "paragraph", "text": "Texte gras"}, {"type": "paragraph", "text": "Suite"}]


def test_ninjs_html_with_javascript_links_keeps_the_words_only():
    document = (
        '{"uri": "urn:x", "version": "1", "headline": "<b>Titre</b>", "body_html": '
        '"<h2>Inter</h2><p>Voir <a href=\\"javascript:alert(1)\\">ici</a></p>'
        '<script>alert(2)</script><blockquote>Dit-il</blockquote>"}'
    )
    [item] = parse("ninjs", document.encode()).items
    assert item.headline == "Titre"
    assert item.body == [
        {"type": "subheading", "text": "Inter"},
        {"type": "paragraph", "text": "Voir ici"},
        {"type": "quote", "text": "Dit-il"},
    ]
