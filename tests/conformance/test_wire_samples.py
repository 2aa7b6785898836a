"""The real agency and IPTC samples of ../shared/wire/samples (see SOURCES.txt there) parse to
the normalised item, with the fields and warnings each is known to give. The parsers' own tests
use this project's files (tests/wire/fixtures); these check them against what agencies send."""

from datetime import UTC, datetime
from pathlib import Path

import pytest

from manchette.wire.parsers import ParseError, parse
from manchette.wire.parsers.nitf import parse_body

from .conftest import shared_folder

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


@pytest.fixture(scope="session")
def samples() -> Path:
    return shared_folder("wire/samples", "SOURCES.txt")


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


def test_ap_nitf_rendition_and_picture(samples):
    """What tests/wire's transport and picture tests check on this project's AP-like files."""
    blocks = parse_body((samples / "agencies/ap/ap_media_text_nitf.xml").read_bytes())
    texts = [block["text"] for block in blocks]
    assert blocks[0] == {"type": "subheading", "text": "BC-BBN--Top Ten"}
    assert "BASEBALL'S TOP TEN" in texts and any(text.startswith("McNeil NYM") for text in texts)
    [text] = parse("ninjs", (samples / "agencies/ap/ap_media_text_item.json").read_bytes()).items
    assert text.guid == "5ee9b4b40ea5fe9c9ca60f890fb2e1d9" and text.body_href and not text.body
    [photo] = parse("ninjs", (samples / "agencies/ap/ap_media_picture.json").read_bytes()).items
    [picture] = photo.pictures
    assert picture.caption.startswith("FILE - This Sept. 22, 2018 file photo")
    assert picture.credit == "john Doe/Something/AP"
