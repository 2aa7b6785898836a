"""IPTC ninjs 1.x, 2.x and 3.x (camelCase), and AP's Media API responses built on it.

An AP feed page (`data.items[]` with `data.next_page`) gives several items and the cursor
of the next poll; an AP item response (`data.item`) gives one.
"""

import json
from typing import Any

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
    blocks_from_html,
    clean,
    paragraphs_from_text,
    pub_status,
    strip_html,
    to_datetime,
    to_int,
)

SIGNALS = {
    "update": UPDATE,
    "correction": CORRECTION,
    "corrected": CORRECTION,
    "kill": KILL,
    "withdrawn": KILL,
}


def parse(data: bytes) -> ParsedFile:
    warnings: list[str] = []
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ParseError(_("JSON illisible : le fichier n'est pas en UTF-8.")) from None
    except (ValueError, RecursionError) as error:
        raise ParseError(_("JSON illisible (%(error)s).") % {"error": error}) from None
    if not isinstance(document, dict):
        raise ParseError(_("Ce n'est pas un document ninjs : un objet JSON était attendu."))
    cursor = ""
    envelope = document.get("data")
    if isinstance(envelope, dict) and ("items" in envelope or "item" in envelope):
        cursor = str(envelope.get("next_page") or "")[:2000]
        raw = envelope.get("items", [envelope])
        raw = [entry.get("item") for entry in raw if isinstance(entry, dict)]
    else:
        raw = [document]
    items = []
    for entry in raw:
        if not isinstance(entry, dict):
            warnings.append(_("Un élément qui n'est pas un objet JSON a été ignoré."))
            continue
        item = parse_item(entry)
        if item.guid:
            items.append(item)
        else:
            warnings.append(_("Une dépêche sans uri a été ignorée."))
    if not items and not cursor:
        raise ParseError(_("Aucune dépêche identifiable dans le fichier."))
    return ParsedFile(items=items, warnings=warnings, cursor=cursor)


def _get(entry: dict[str, Any], *keys: str) -> object:
    """The first key present: 1.x/2.x lower case, 3.x camelCase."""
    for key in keys:
        if entry.get(key) not in (None, "", [], {}):
            return entry[key]
    return None


def _text(value: object) -> str:
    if isinstance(value, list):
        value = " ".join(str(v) for v in value if isinstance(v, str | int | float))
    return clean(str(value)) if value is not None else ""


def _pick(values: object, roles: tuple[str, ...] = ("main", "summary", "")) -> str:
    """2.x/3.x lists of {role, value}: the one whose role is preferred, else the first."""
    if not isinstance(values, list):
        return ""
    entries = [v for v in values if isinstance(v, dict) and isinstance(v.get("value"), str)]
    for role in roles:
        for entry in entries:
            if (entry.get("role") or "") == role:
                return entry["value"]
    return entries[0]["value"] if entries else ""


def parse_item(entry: dict[str, Any]) -> WireItem:
    warnings: list[str] = []
    altids = entry.get("altids")
    if not isinstance(altids, dict):
        altids = {}
    guid = _text(altids.get("itemid") or entry.get("uri"))
    if not guid and entry.get("guid"):
        guid = _text(entry["guid"])
        warnings.append(_("Pas d'uri ninjs : identifiant pris dans « guid » (dialecte non standard)."))
    item = WireItem(guid=guid[:500], warnings=warnings)
    version = to_int(_get(entry, "version"), warnings, _("Version"))
    if version is None:
        version = 1
        warnings.append(_("Pas de version : version 1 supposée."))
    item.version = version
    kind = _text(entry.get("type")) or "text"
    item.item_class = kind if kind in {"picture", "composite"} else "text"
    item.language = _text(entry.get("language"))
    item.headline = strip_html(
        _text(_get(entry, "headline", "headline_simple")) or _pick(_get(entry, "headlines"))
    )
    item.slugline = _text(entry.get("slugline"))
    item.byline = _text(_get(entry, "by", "byline")) or ", ".join(
        clean(b.get("by")) for b in entry.get("bylines") or [] if isinstance(b, dict) and b.get("by")
    )
    located = entry.get("located")
    item.dateline = _text(located if isinstance(located, str) else "")
    item.copyright = _text(
        _get(entry, "copyrightNotice", "copyrightnotice", "copyrightHolder", "copyrightholder")
    )
    item.usage_terms = _text(_get(entry, "usageTerms", "usageterms"))
    item.ednote = _text(_get(entry, "edNote", "ednote"))
    item.provider = _text(entry.get("provider") if isinstance(entry.get("provider"), str) else "")
    item.urgency = to_int(_get(entry, "urgency"), warnings, _("Urgence"))
    item.pub_status = pub_status(_text(_get(entry, "pubStatus", "pubstatus")), warnings)
    item.version_created = to_datetime(
        _get(entry, "versionCreated", "versioncreated"), warnings, _("Date de version")
    )
    if "embargoed" in entry or "embargoedUntil" in entry:
        item.embargo = to_datetime(_get(entry, "embargoed", "embargoedUntil"), warnings, _("Embargo"))
        item.embargo_pending = item.embargo is None
    signals = entry.get("signals")
    for signal in signals if isinstance(signals, list) else []:
        name = signal.get("name") if isinstance(signal, dict) else signal
        signal_kind = SIGNALS.get(str(name).lower())
        if signal_kind and signal_kind not in item.signals:
            item.signals.append(signal_kind)
    description = _text(_get(entry, "description_text")) or strip_html(
        _text(_get(entry, "description_html", "description_xhtml")) or _pick(_get(entry, "descriptions"))
    )
    item.standfirst = description
    item.body = _body(entry, warnings)
    item.subjects = _subjects(entry)
    if item.item_class == "picture":
        caption = _text(entry.get("description_caption")) or item.standfirst or item.headline
        picture = _picture(entry, caption, _text(entry.get("description_creditline")) or item.byline)
        if picture:
            item.pictures.append(picture)
    associations = entry.get("associations")
    associated = associations.values() if isinstance(associations, dict) else associations or []
    for association in associated:
        if isinstance(association, dict) and association.get("type") == "picture":
            caption = _text(association.get("description_text")) or strip_html(
                _pick(association.get("descriptions")) or _text(association.get("headline"))
            )
            picture = _picture(association, caption, _text(_get(association, "by", "byline")))
            if picture:
                item.pictures.append(picture)
    if item.item_class == "text" and not item.body:
        item.body_href = _nitf_rendition(entry)
    if item.item_class == "text" and not item.body and not item.body_href and item.pub_status != "canceled":
        warnings.append(_("Texte vide."))
    if not item.headline:
        warnings.append(_("Dépêche sans titre."))
    return item


def _body(entry: dict[str, Any], warnings: list[str]) -> list[dict[str, Any]]:
    markup = _get(entry, "body_html", "body_xhtml")
    if isinstance(markup, str):
        return blocks_from_html(markup)
    text = _get(entry, "body_text")
    if isinstance(text, str):
        return paragraphs_from_text(text)
    bodies = [b for b in entry.get("bodies") or [] if isinstance(b, dict) and isinstance(b.get("value"), str)]
    for body in bodies:
        kind = str(body.get("contentType") or body.get("contenttype") or body.get("role") or "").lower()
        if "html" in kind:
            return blocks_from_html(body["value"])
    for body in bodies:
        kind = str(body.get("contentType") or body.get("contenttype") or body.get("role") or "").lower()
        if "text/plain" in kind or kind in {"text", "plain", ""}:
            return paragraphs_from_text(body["value"])
    if bodies:
        warnings.append(
            _("Aucun corps lisible (HTML ou texte) parmi %(count)s corps.") % {"count": len(bodies)}
        )
    return []


def _nitf_rendition(entry: dict[str, Any]) -> str:
    """AP's Media API: the story's text is only in its NITF rendition, fetched by the transport."""
    renditions = entry.get("renditions")
    for key, rendition in renditions.items() if isinstance(renditions, dict) else []:
        if not isinstance(rendition, dict) or not isinstance(rendition.get("href"), str):
            continue
        if key.lower() == "nitf" or "nitf" in str(rendition.get("format", "")).lower():
            return rendition["href"][:2000]
    return ""


def _subjects(entry: dict[str, Any]) -> list[str]:
    names = []
    for key in ("subjects", "subject"):
        values = entry.get(key)
        for subject in values if isinstance(values, list) else []:
            name = _text(subject.get("name") or subject.get("code")) if isinstance(subject, dict) else ""
            if name and name not in names:
                names.append(name)
    return names[:MAX_SUBJECTS]


def _picture(entry: dict[str, Any], caption: str, credit: str) -> Picture | None:
    renditions = entry.get("renditions")
    values = list(renditions.values()) if isinstance(renditions, dict) else renditions or []
    candidates = [
        r for r in values if isinstance(r, dict) and str(r.get("href", "")).startswith(("http", "/"))
    ]
    images = [r for r in candidates if "image" in str(r.get("contenttype") or r.get("mimetype") or "image")]
    if not images:
        return None
    best = max(images, key=lambda r: to_int(r.get("width"), [], "") or 0)
    return Picture(
        href=str(best["href"])[:1000],
        caption=caption,
        credit=credit,
        width=to_int(best.get("width"), [], ""),
        height=to_int(best.get("height"), [], ""),
    )
