"""NewsML 1.2 as AFP sends it: NewsItem with NewsLines and a NITF body in DataContent."""

from xml.etree.ElementTree import Element

from django.utils.translation import gettext as _

from .common import (
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
    parse_xml,
    pub_status,
    text_of,
    to_datetime,
    to_int,
)


def parse(data: bytes) -> ParsedFile:
    warnings: list[str] = []
    root = parse_xml(data, warnings)
    if root.tag != "NewsML":
        raise ParseError(_("Ce n'est pas un fichier NewsML 1.2 (racine « %(tag)s »).") % {"tag": root.tag})
    items = []
    for element in root.findall("NewsItem"):
        item = parse_item(element)
        if item.guid:
            items.append(item)
        else:
            warnings.append(_("Un NewsItem sans NewsIdentifier a été ignoré."))
    if not items:
        raise ParseError(_("Aucune dépêche identifiable dans le fichier."))
    return ParsedFile(items=items, warnings=warnings)


def _formal(parent: Element | None, path: str) -> str:
    found = parent.find(path) if parent is not None else None
    return clean(found.get("FormalName", "")) if found is not None else ""


def parse_item(element: Element) -> WireItem:
    warnings: list[str] = []
    item = WireItem(guid="", warnings=warnings, language=element.get("lang", ""))
    identifier = element.find("Identification/NewsIdentifier")
    if identifier is not None:
        parts = [first_text(identifier, name) for name in ("ProviderId", "DateId", "NewsItemId")]
        # The revision is the version; the public identifier ends with it, so it is left out.
        item.guid = "urn:newsml:" + ":".join(parts) if parts[0] and parts[2] else ""
        revision = identifier.find("RevisionId")
        item.version = to_int(text_of(revision), warnings, _("Version")) or 1
        if revision is not None and (revision.get("Update", "N") != "N" or item.version > 1):
            item.signals.append(UPDATE)
    item.slugline = first_text(element, "Identification/NameLabel")
    management = element.find("NewsManagement")
    if management is not None:
        status = _formal(management, "Status")
        item.pub_status = pub_status(status, warnings)
        item.urgency = to_int(_formal(management, "Urgency"), warnings, _("Urgence"))
        item.version_created = to_datetime(
            first_text(management, "ThisRevisionCreated"), warnings, _("Date de version")
        )
        change = management.find("StatusWillChange")
        if status.lower() == "embargoed" or change is not None:
            item.embargo = to_datetime(first_text(change, "DateAndTime"), warnings, _("Embargo"))
            item.embargo_pending = item.embargo is None
    component = element.find("NewsComponent")
    if component is None:
        warnings.append(_("Pas de NewsComponent : dépêche sans texte."))
        return item
    lines = component.find("NewsLines")
    if lines is not None:
        item.headline = first_text(lines, "HeadLine")
        item.standfirst = first_text(lines, "SubHeadLine")
        item.dateline = first_text(lines, "DateLine")
        item.byline = first_text(lines, "ByLine")
        item.copyright = first_text(lines, "CopyrightLine")
        item.credit = first_text(lines, "CreditLine")
        item.slugline = first_text(lines, "SlugLine") or item.slugline
        advisories = [first_text(line, "NewsLineText") for line in lines.findall("NewsLine")]
        item.ednote = " / ".join(filter(None, advisories))
    administrative = component.find("AdministrativeMetadata")
    item.provider = _formal(administrative, "Provider/Party")
    item.byline = item.byline or _formal(administrative, "Creator/Party")
    descriptive = component.find("DescriptiveMetadata")
    if descriptive is not None:
        item.language = _formal(descriptive, "Language") or item.language
        if (
            any(_formal(g, ".") == "Update" for g in descriptive.findall("Genre"))
            and UPDATE not in item.signals
        ):
            item.signals.append(UPDATE)
        subjects = [
            clean(prop.get("Value"))
            for prop in descriptive.findall("Property")
            if prop.get("FormalName") == "Keyword" and prop.get("Value")
        ]
        item.subjects = list(dict.fromkeys(subjects))[:MAX_SUBJECTS]
    usage = component.find("RightsMetadata/UsageRights/UsageType")
    if usage is not None:
        item.usage_terms = text_of(usage)
    for content in component.iter("ContentItem"):
        media = _formal(content, "MediaType").lower()
        data = content.find("DataContent")
        if media == "text" and data is not None and not item.body:
            body = find_any(data, ".//body.content", ".//body")
            item.body = blocks_from_xml(body if body is not None else data)
        elif media in {"photo", "image"} and content.get("Href"):
            item.pictures.append(Picture(href=content.get("Href", "")[:1000], caption=item.headline))
    if not item.body and item.pub_status != "canceled":
        warnings.append(_("Texte vide."))
    if not item.headline:
        warnings.append(_("Dépêche sans titre."))
    return item
