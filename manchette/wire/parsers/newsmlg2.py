"""IPTC NewsML-G2: a newsMessage, or a single newsItem / packageItem (text, picture, composite)."""

from xml.etree.ElementTree import Element

from django.utils.translation import gettext as _

from .common import (
    CORRECTION,
    KILL,
    MAX_SUBJECTS,
    UPDATE,
    ParsedFile,
    ParseError,
    Picture,
    WireItem,
    blocks_from_xml,
    clean,
    find_any,
    first_text,
    local,
    paragraphs_from_text,
    parse_xml,
    pub_status,
    text_of,
    to_datetime,
    to_int,
)

ITEM_TAGS = {"newsItem", "packageItem"}
# Signals, from the IPTC vocabulary and Reuters' editorial status (edStat).
SIGNALS = {
    "sig:update": UPDATE,
    "sig:correction": CORRECTION,
    "edStat:U": UPDATE,
    "edStat:C": CORRECTION,
    "edStat:D": KILL,
}


def parse(data: bytes) -> ParsedFile:
    warnings: list[str] = []
    root = parse_xml(data, warnings)
    if root.tag == "newsMessage":
        elements = [child for child in root.iter() if child.tag in ITEM_TAGS]
    elif root.tag in ITEM_TAGS:
        elements = [root]
    else:
        raise ParseError(_("Ce n'est pas un fichier NewsML-G2 (racine « %(tag)s »).") % {"tag": root.tag})
    if not elements:
        raise ParseError(_("Message NewsML-G2 sans aucune dépêche."))
    items = []
    for element in elements:
        if not element.get("guid"):
            warnings.append(_("Un élément %(tag)s sans guid a été ignoré.") % {"tag": element.tag})
            continue
        items.append(parse_item(element))
    if not items:
        raise ParseError(_("Aucune dépêche identifiable dans le fichier."))
    _attach_pictures(items, warnings)
    return ParsedFile(items=items, warnings=warnings)


def parse_item(element: Element) -> WireItem:
    warnings: list[str] = []
    item = WireItem(guid=element.get("guid", "").strip()[:500], warnings=warnings)
    item.version = to_int(element.get("version"), warnings, _("Version")) or 1
    item.language = element.get("lang", "")
    meta = element.find("itemMeta")
    content = element.find("contentMeta")
    rights = element.find("rightsInfo")
    if meta is None:
        warnings.append(_("Pas de itemMeta : statut et date de version inconnus."))
    else:
        item_class = meta.find("itemClass")
        item.item_class = _item_class(item_class.get("qcode", "") if item_class is not None else "")
        status = meta.find("pubStatus")
        item.pub_status = pub_status(status.get("qcode", "") if status is not None else "", warnings)
        item.version_created = to_datetime(first_text(meta, "versionCreated"), warnings, _("Date de version"))
        embargo = meta.find("embargoed")
        if embargo is not None:
            item.embargo = to_datetime(text_of(embargo), warnings, _("Embargo"))
            item.embargo_pending = item.embargo is None
        provider = meta.find("provider")
        if provider is not None:
            item.provider = clean(
                provider.get("literal") or local(provider.get("qcode", "")) or text_of(provider)
            )
        item.ednote = first_text(meta, "edNote")
        for signal in meta.findall("signal"):
            kind = SIGNALS.get(signal.get("qcode", ""))
            if kind and kind not in item.signals:
                item.signals.append(kind)
    if element.tag == "packageItem":
        item.item_class = "composite"
    if content is None:
        if element.tag == "newsItem":
            warnings.append(_("Pas de contentMeta : ni titre ni sujets."))
    else:
        _content_meta(item, content, warnings)
    if rights is not None:
        holder = rights.find("copyrightHolder")
        item.copyright = (
            first_text(rights, "copyrightNotice")
            or first_text(rights, "copyrightHolder/name")
            or clean(holder.get("literal") if holder is not None else "")
        )
        item.usage_terms = first_text(rights, "usageTerms")
    content_set = element.find("contentSet")
    if content_set is not None:
        _content_set(item, content_set, warnings)
    elif element.tag == "newsItem" and item.pub_status != "canceled":
        warnings.append(_("Pas de contentSet : dépêche sans texte."))
    if item.item_class == "text" and not item.headline:
        warnings.append(_("Dépêche sans titre."))
    return item


def _item_class(qcode: str) -> str:
    name = local(qcode).lower()
    if name in {"picture", "graphic", "photo"}:
        return "picture"
    if name == "composite":
        return "composite"
    return "text"


def _content_meta(item: WireItem, content: Element, warnings: list[str]) -> None:
    item.urgency = to_int(first_text(content, "urgency"), warnings, _("Urgence"))
    item.slugline = first_text(content, "slugline")
    item.headline = first_text(content, "headline")
    item.dateline = first_text(content, "dateline")
    item.credit = first_text(content, "creditline")
    item.byline = first_text(content, "by") or ", ".join(
        filter(None, (text_of(c.find("name")) or clean(c.get("literal")) for c in content.findall("creator")))
    )
    for description in content.findall("description"):
        role = description.get("role", "")
        if "summary" in role or (not role and not item.standfirst):
            item.standfirst = text_of(description)
        elif "caption" in role and item.item_class == "picture":
            item.standfirst = item.standfirst or text_of(description)
    language = content.find("language")
    if language is not None and language.get("tag"):
        item.language = language.get("tag", "")
    names = []
    for subject in content.findall("subject"):
        name = first_text(subject, "name") or clean(subject.get("literal") or subject.get("qcode"))
        if name and name not in names:
            names.append(name)
    item.subjects = names[:MAX_SUBJECTS]


def _content_set(item: WireItem, content_set: Element, warnings: list[str]) -> None:
    for inline in content_set.findall("inlineXML"):
        for child in inline:
            body = find_any(child, ".//body.content", ".//body") if child.tag in {"nitf", "html"} else None
            item.body += blocks_from_xml(body if body is not None else child)
        if item.body:
            break
    if not item.body:
        for inline in content_set.findall("inlineData"):
            item.body = paragraphs_from_text(inline.text or "")
            if item.body:
                break
    renditions = content_set.findall("remoteContent")
    if renditions:
        best = max(renditions, key=lambda r: to_int(r.get("width"), [], "") or 0)
        if best.get("href"):
            item.pictures.append(
                Picture(
                    href=best.get("href", "")[:1000],
                    caption=item.standfirst or item.headline,
                    credit=item.credit,
                    width=to_int(best.get("width"), warnings, _("Largeur")),
                    height=to_int(best.get("height"), warnings, _("Hauteur")),
                )
            )
    if item.item_class == "text" and not item.body and item.pub_status != "canceled":
        warnings.append(_("Texte vide."))


def _attach_pictures(items: list[WireItem], warnings: list[str]) -> None:
    """A message carrying a story and its pictures: the pictures go with the story."""
    pictures = [picture for item in items if item.item_class == "picture" for picture in item.pictures]
    for item in items:
        if item.item_class == "text" and not item.pictures and pictures:
            item.pictures = list(pictures)
