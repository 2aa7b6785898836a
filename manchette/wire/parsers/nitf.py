"""IPTC NITF (3.x): one story per file, as NTB and AP's story download send it."""

from xml.etree.ElementTree import Element

from django.utils.translation import gettext as _

from .common import (
    MAX_SUBJECTS,
    ParsedFile,
    ParseError,
    Picture,
    WireItem,
    blocks_from_xml,
    clean,
    first_text,
    parse_xml,
    pub_status,
    require_guid,
    to_datetime,
    to_int,
)


def parse(data: bytes) -> ParsedFile:
    warnings: list[str] = []
    root = parse_xml(data, warnings)
    if root.tag != "nitf":
        raise ParseError(_("Ce n'est pas un fichier NITF (racine « %(tag)s »).") % {"tag": root.tag})
    item = parse_nitf(root)
    require_guid(item)
    return ParsedFile(items=[item], warnings=warnings)


def parse_body(data: bytes) -> list[dict]:
    """The body blocks of a NITF document fetched for its text alone (AP's story rendition,
    which carries no doc-id of its own)."""
    root = parse_xml(data, [])
    if root.tag != "nitf":
        raise ParseError(_("Ce n'est pas un fichier NITF (racine « %(tag)s »).") % {"tag": root.tag})
    return parse_nitf(root).body


def parse_nitf(root: Element) -> WireItem:
    warnings: list[str] = []
    head = root.find("head")
    docdata = head.find("docdata") if head is not None else None
    body = root.find("body")
    body_head = body.find("body.head") if body is not None else None
    item = WireItem(guid="", warnings=warnings, language=root.get("baselang", "") or root.get("lang", ""))
    if docdata is not None:
        doc_id = docdata.find("doc-id")
        item.guid = clean(doc_id.get("id-string") if doc_id is not None else "", 500)
        du_key = docdata.find("du-key")
        if du_key is not None:
            item.version = to_int(du_key.get("version"), warnings, _("Version")) or 1
        urgency = docdata.find("urgency")
        if urgency is not None:
            item.urgency = to_int(urgency.get("ed-urg"), warnings, _("Urgence"))
        release = docdata.find("date.release")
        if release is not None:
            item.embargo = to_datetime(release.get("norm"), warnings, _("Embargo"))
        status = docdata.get("management-status", "")
        if status == "embargoed" and item.embargo is None:
            item.embargo_pending = True
        item.pub_status = pub_status(status, warnings)
        message = docdata.find("ed-msg")
        item.ednote = clean(message.get("info", "") if message is not None else "")
        holder = docdata.find("doc.copyright")
        if holder is not None:
            item.copyright = clean(f"© {holder.get('year', '')} {holder.get('holder', '')}")
        rights = docdata.find("doc.rights")
        if rights is not None:
            item.usage_terms = clean(rights.get("limitations", ""))
        item.subjects = [clean(k.get("key")) for k in docdata.findall("key-list/keyword") if k.get("key")]
    if head is not None:
        for subject in head.findall("tobject/tobject.subject"):
            name = clean(subject.get("tobject.subject.matter") or subject.get("tobject.subject.type"))
            if name and name not in item.subjects:
                item.subjects.append(name)
        issued = head.find("pubdata")
        if issued is not None:
            item.version_created = to_datetime(issued.get("date.publication"), warnings, _("Date de version"))
    item.subjects = item.subjects[:MAX_SUBJECTS]
    if body_head is not None:
        item.headline = first_text(body_head, "hedline/hl1")
        item.standfirst = first_text(body_head, "hedline/hl2", "abstract")
        item.byline = first_text(body_head, "byline/person", "byline")
        item.dateline = first_text(body_head, "dateline/location", "dateline")
        item.credit = first_text(body_head, "distributor")
    if not item.headline:
        item.headline = first_text(head, "title")
    content = body.find("body.content") if body is not None else None
    if content is None:
        warnings.append(_("Pas de body.content : dépêche sans texte."))
    else:
        item.body = blocks_from_xml(content)
        for media in content.iter("media"):
            reference = media.find("media-reference")
            if reference is not None and reference.get("source"):
                item.pictures.append(
                    Picture(
                        href=reference.get("source", "")[:1000],
                        caption=first_text(media, "media-caption"),
                        credit=first_text(media, "media-producer"),
                    )
                )
    if not item.headline:
        warnings.append(_("Dépêche sans titre."))
    if not item.guid:
        warnings.append(_("Pas de doc-id : dépêche sans identifiant."))
    return item
