"""Every sample parses to the normalised item; hostile files are refused or made inert."""

from datetime import UTC, datetime

import pytest

from manchette.wire.parsers import ParseError, parse

IPTC_G2 = [
    "LISTING_1_A_NewsML-G2_News_Item.xml",
    "LISTING_2_NewsML-G2_Text_Document.xml",
    "LISTING_3_Photo_in_NewsML-G2.xml",
    "LISTING_6_Simple_NewsML-G2_Package.xml",
    "LISTING_24_News_Message_conveying_a_complete_News_Package.xml",
    "LISTING_26_Embedded_photo_metadata_fields_mapped_to_NewsML-G2.xml",
    "LISTING_27_Company_Financial_Information.xml",
    "LISTING_29_Hop_History.xml",
    "ap_metadata_example.xml",
]
NINJS = [
    "1.x/ninjsExSimpleText1.json",
    "1.x/ninjsExMediumText1.json",
    "1.x/ninjsExComplex1.json",
    "1.x/ninjsExSimplePhoto1.json",
    "1.x/003_associations_example.json",
    "2.x/dpa_text.json",
    "2.x/ntb_text.json",
    "2.x/ap_image.json",
    "2.x/tt_text_image_2.json",
    "2.x/003_associations_example.json",
    "2.x/005_complex_text_article.json",
    "3.x/dpa_text.json",
    "3.x/tt_text_image_3.json",
    "3.x/ap_image.json",
    "3.x/ninjsExSimpleText_3.json",
    "3.x/003_associations_example.json",
    "3.x/005_complex_text_article.json",
    "3.x/007_multimedia.json",
]


@pytest.mark.parametrize("name", IPTC_G2)
def test_iptc_newsml_g2_examples_parse(samples, name):
    parsed = parse("newsmlg2", (samples / "newsml-g2" / "iptc" / name).read_bytes())
    assert parsed.items and all(item.guid for item in parsed.items)


@pytest.mark.parametrize("name", NINJS)
def test_iptc_ninjs_examples_parse(samples, name):
    parsed = parse("ninjs", (samples / "ninjs" / name).read_bytes())
    [item] = parsed.items
    assert item.guid and item.headline


@pytest.mark.parametrize(
    "name",
    [
        "LISTING_25_An_NITF_marked-up_article_conveyed_in_inlineXML.xml",
        "LISTING_28_Illustrating_Located_Subject_and_Dateline.xml",
    ],
)
def test_fragments_of_the_g2_guide_are_not_items(samples, name):
    with pytest.raises(ParseError, match="Ce n'est pas un fichier NewsML-G2"):
        parse("newsmlg2", (samples / "newsml-g2" / "iptc" / name).read_bytes())


def test_g2_text_item_maps_its_fields(samples):
    [item] = parse(
        "newsmlg2", (samples / "newsml-g2/iptc/LISTING_1_A_NewsML-G2_News_Item.xml").read_bytes()
    ).items
    assert item.guid == "urn:newsml:acmenews.com:20161018:US-FINANCE-FED"
    assert item.version == 11
    assert item.headline == 'Fed to halt QE to avert "bubble"'
    assert item.slugline == "US-Finance-Fed"
    assert item.embargo == datetime(2018, 10, 23, 12, tzinfo=UTC)
    assert item.signals == ["update"]
    assert item.byline == "Meredith Jameson"
    assert item.copyright.startswith("Copyright 2017-18 Example Enews LLP")
    assert item.usage_terms == "Not for use outside the United States"
    assert "labour market" in item.subjects
    assert "STRICTLY EMBARGOED" in item.ednote
    assert "Texte vide." in item.warnings  # the example leaves its inlineXML empty


def test_g2_nitf_body_and_picture_renditions(samples):
    [text] = parse(
        "newsmlg2", (samples / "newsml-g2/iptc/LISTING_2_NewsML-G2_Text_Document.xml").read_bytes()
    ).items
    assert [block["type"] for block in text.body] == ["paragraph", "paragraph"]
    [photo] = parse(
        "newsmlg2", (samples / "newsml-g2/iptc/LISTING_3_Photo_in_NewsML-G2.xml").read_bytes()
    ).items
    assert photo.item_class == "picture"
    [picture] = photo.pictures
    assert picture.href == "./GYI0062134533.jpg" and picture.width == 1500  # the largest rendition
    assert picture.credit == "Getty Images" and "Spencer Platt" in picture.caption


def test_ninjs_versions_map_the_same_fields(samples):
    two = parse("ninjs", (samples / "ninjs/2.x/dpa_text.json").read_bytes()).items[0]
    three = parse("ninjs", (samples / "ninjs/3.x/dpa_text.json").read_bytes()).items[0]
    for item in (two, three):
        assert item.guid == "urn:newsml:dpa.com:20090101:190510-99-167362"
        assert item.version == 2 and item.urgency == 4 and item.pub_status == "usable"
        assert item.byline == "Von Christian Hollmann, dpa"
        assert item.copyright.startswith("Copyright 2019, dpa")
        assert len(item.body) > 3
    assert two.body == three.body
    tt = parse("ninjs", (samples / "ninjs/3.x/tt_text_image_3.json").read_bytes()).items[0]
    assert tt.pictures[0].credit == "Karl Melander/TT" and tt.pictures[0].caption
    one = parse("ninjs", (samples / "ninjs/1.x/ninjsExComplex1.json").read_bytes()).items[0]
    assert one.byline.startswith("Paulo Santalucia") and one.pictures and one.body


def test_agency_samples_parse_with_their_warnings(samples):
    afp = parse("newsml12", (samples / "agencies/afp/afp20.xml").read_bytes())
    [item] = afp.items
    # Declared iso-8859-1, written in UTF-8: read as what it is, with a warning.
    assert item.headline.startswith("Décès de Naomi Musenga")
    assert any("UTF-8" in warning for warning in afp.warnings)
    assert item.dateline == "Strasbourg, 10 juil 2024 (AFP)" and item.copyright == "© 2024 AFP"
    assert item.language == "fr" and item.slugline == "procès-santé-secours"
    english = parse("newsml12", (samples / "agencies/afp/afp.com_newsml1.2_sample.xml").read_bytes()).items[0]
    assert english.urgency == 4 and "update" in english.signals and "UPDATES throughout" in english.ednote
    ntb = parse("nitf", (samples / "agencies/ntb/NTB_nitf_sample.xml").read_bytes()).items[0]
    assert ntb.byline == "NTB-AFP-DPA" and ntb.urgency == 5 and ntb.body
    tt = parse("newsmlg2", (samples / "agencies/tt/TT_newsmlg2_sample.xml").read_bytes()).items
    text = next(item for item in tt if item.item_class == "text")
    assert text.pictures, "the message's picture goes with its story"
    superdesk = parse("ninjs", (samples / "agencies/superdesk/ninjs_embargoed.json").read_bytes()).items[0]
    assert superdesk.embargo == datetime(2022, 6, 29, 2, 30, tzinfo=UTC)
    assert any("guid" in warning for warning in superdesk.warnings)
    feed = parse("ninjs", (samples / "agencies/ap/ap_media_text_feed.json").read_bytes())
    assert feed.cursor == "https://a.b.c" and feed.items[0].guid == "5ee9b4b40ea5fe9c9ca60f890fb2e1d9"
    with pytest.raises(ParseError, match="sans identifiant"):  # AP's NITF rendition is a body, not an item
        parse("nitf", (samples / "agencies/ap/ap_media_text_nitf.xml").read_bytes())


def test_reuters_correction_and_kill(samples):
    folder = samples / "agencies/reuters"
    corrected = parse(
        "newsmlg2", (folder / "tag_reuters.com_2016_newsml_L1N14N0FF_version_978556838.xml").read_bytes()
    )
    killed = parse(
        "newsmlg2", (folder / "tag_reuters.com_2016_newsml_L1N14N0FF_version_1542761538.xml").read_bytes()
    )
    assert corrected.items[0].guid == killed.items[0].guid
    assert corrected.items[0].signals == ["correction"] and len(corrected.items[0].body) > 10
    assert killed.items[0].killed and killed.items[0].pub_status == "canceled"


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
