"""How files reach a feed: a watched folder, an FTP server polled by the worker, an HTTP API
followed by its cursor. Each hands every new file to services.ingest_file, which skips what
it has seen: a poll cut short is simply done again."""

import ftplib
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from django.utils.translation import gettext as _

from . import parsers, services
from .models import Feed, ReceivedFile
from .parsers import MAX_FILE_BYTES, ParseError

TIMEOUT = 20
MAX_PAGES_PER_POLL = 20
BATCH = 100  # files recorded in one transaction (see services.ingest_files)
SKIPPED_SUFFIXES = (".tmp", ".part", ".filepart")  # files still being written by the sender
# Pictures beside the items are read when an item points to them (see read), never as items.
PICTURE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".tif", ".tiff")


class TransportError(Exception):
    pass


def fetch(feed: Feed) -> list[services.FileResult]:
    handlers = {
        Feed.Transport.FOLDER: from_folder,
        Feed.Transport.FTP: from_ftp,
        Feed.Transport.HTTP: from_http,
    }
    handler = handlers.get(feed.transport)
    return handler(feed) if handler else []


def _seen(feed: Feed, names: list[str]) -> set[tuple[str, int]]:
    """What the feed already has of these names: proportional to the folder, not to the history."""
    seen: set[tuple[str, int]] = set()
    for start in range(0, len(names), 500):
        batch = ReceivedFile.objects.filter(feed=feed, name__in=names[start : start + 500])
        seen.update(batch.values_list("name", "size"))
    return seen


def _wanted(name: str) -> bool:
    return not name.startswith(".") and not name.lower().endswith(SKIPPED_SUFFIXES + PICTURE_SUFFIXES)


def from_folder(feed: Feed) -> list[services.FileResult]:
    folder = Path(feed.location)
    if not folder.is_dir():
        raise TransportError(_("Dossier introuvable : %(path)s") % {"path": feed.location})
    entries = sorted(
        (p for p in folder.iterdir() if p.is_file() and _wanted(p.name)), key=lambda p: p.stat().st_mtime
    )
    seen = _seen(feed, [path.name for path in entries])
    new = [(path, path.stat().st_size) for path in entries]
    new = [(path, size) for path, size in new if (path.name, size) not in seen]
    results = []
    # A restart redoes at most one batch, skipping what was committed.
    for start in range(0, len(new), BATCH):
        batch = []
        for path, size in new[start : start + BATCH]:
            if size > MAX_FILE_BYTES:
                results.append(services.refuse_file(feed, path.name, size, ParseError.too_big(size)))
            else:
                batch.append((path.name, path.read_bytes()))
        results.extend(services.ingest_files(feed, batch))
    return results


def _ftp(feed: Feed) -> ftplib.FTP:
    """A session in the feed's FTP folder (the caller closes it)."""
    address = urlsplit(feed.location)
    if address.scheme != "ftp" or not address.hostname:
        raise TransportError(
            _("Adresse FTP invalide : ftp://utilisateur:motdepasse@hôte:port/dossier attendu.")
        )
    # Agencies still deliver by plain FTP; the operator chooses it per feed.
    ftp = ftplib.FTP(timeout=TIMEOUT)  # noqa: S321
    try:
        ftp.connect(address.hostname, address.port or 21)
        ftp.login(unquote(address.username or "anonymous"), unquote(address.password or ""))
        if address.path.strip("/"):
            ftp.cwd(unquote(address.path))
    except BaseException:
        ftp.close()
        raise
    return ftp


def from_ftp(feed: Feed) -> list[services.FileResult]:
    results: list[services.FileResult] = []
    batch: list[tuple[str, bytes]] = []
    try:
        with _ftp(feed) as ftp:
            names = sorted(ftp.nlst())
            seen = _seen(feed, names)
            ftp.voidcmd("TYPE I")  # SIZE needs binary mode, and listing switched to text
            for name in names:
                if not _wanted(name):
                    continue
                size = ftp.size(name) or 0
                if (name, size) in seen:
                    continue
                if size > MAX_FILE_BYTES:
                    results.append(services.refuse_file(feed, name, size, ParseError.too_big(size)))
                    continue
                chunks: list[bytes] = []
                ftp.retrbinary(f"RETR {name}", chunks.append)
                batch.append((name, b"".join(chunks)))
                if len(batch) == BATCH:
                    results.extend(services.ingest_files(feed, batch))
                    batch = []
            results.extend(services.ingest_files(feed, batch))
    except (OSError, EOFError, ftplib.Error) as error:
        raise TransportError(
            _("Serveur FTP injoignable ou en erreur : %(error)s") % {"error": error}
        ) from None
    return results


def _cursor(feed: Feed, data: bytes) -> str:
    """The cursor of a page ingested before a restart, so the poll moves past it."""
    try:
        return parsers.parse(feed.format, data).cursor
    except ParseError:
        return ""


def from_http(feed: Feed) -> list[services.FileResult]:
    """Follows the API's `next_page` from the saved cursor, saving it after each page: a
    restart continues where the last page ended."""
    url = feed.cursor or feed.location
    if urlsplit(url).scheme not in {"http", "https"}:
        raise TransportError(_("Adresse HTTP invalide : %(url)s") % {"url": url[:200]})
    results = []
    for _page in range(MAX_PAGES_PER_POLL):
        try:
            with urllib.request.urlopen(url, timeout=TIMEOUT) as response:  # noqa: S310 (scheme checked)
                data = response.read(MAX_FILE_BYTES + 1)
        except (OSError, urllib.error.URLError) as error:
            raise TransportError(_("API injoignable : %(error)s") % {"error": error}) from None
        result = services.ingest_file(feed, url, data, fetch=lambda href, page=url: read(feed, href, page))
        results.append(result)
        next_url = result.cursor or (_cursor(feed, data) if result.skipped else "")
        if not next_url or next_url == url or urlsplit(next_url).scheme not in {"http", "https"}:
            break
        Feed.objects.filter(pk=feed.pk).update(cursor=next_url[:2000])
        url = next_url
    return results


def read(feed: Feed, href: str, base: str = "", limit: int = MAX_FILE_BYTES) -> bytes:
    """What an item points to (its body rendition, a picture) on the feed's own transport: an
    address on an HTTP feed, relative to the page `base`; a file beside the item in a watched
    folder or on the FTP server. More than `limit` bytes is refused, not read."""
    if feed.transport == Feed.Transport.HTTP:
        return _read_http(urljoin(base or feed.location, href), limit)
    name = _beside(href)
    if feed.transport == Feed.Transport.FOLDER:
        path = Path(feed.location) / name
        try:
            with path.open("rb") as linked:
                data = linked.read(limit + 1)
        except OSError:
            raise TransportError(_("Fichier lié introuvable : %(name)s") % {"name": name}) from None
    elif feed.transport == Feed.Transport.FTP:
        chunks: list[bytes] = []
        try:
            with _ftp(feed) as ftp:
                ftp.voidcmd("TYPE I")
                if (ftp.size(name) or 0) > limit:
                    raise TransportError(_too_big(limit))
                ftp.retrbinary(f"RETR {name}", chunks.append)
        except (OSError, EOFError, ftplib.Error) as error:
            raise TransportError(
                _("Fichier lié introuvable sur le serveur FTP : %(error)s") % {"error": error}
            ) from None
        data = b"".join(chunks)
    else:
        raise TransportError(_("Les fichiers liés ne sont pas relevés pour un import manuel."))
    if len(data) > limit:
        raise TransportError(_too_big(limit))
    return data


def _beside(href: str) -> str:
    """The name of a file beside the item: never an address elsewhere or a path out of the folder."""
    name = unquote(href.strip()).removeprefix("./")
    if not name or urlsplit(name).scheme or name.startswith("/") or "/" in name or "\\" in name:
        raise TransportError(
            _("Fichier lié hors du dossier du fil, non relevé : %(href)s") % {"href": href[:200]}
        )
    return name


def _read_http(url: str, limit: int) -> bytes:
    if urlsplit(url).scheme not in {"http", "https"}:
        raise TransportError(_("Adresse HTTP invalide : %(url)s") % {"url": url[:200]})
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT) as response:  # noqa: S310 (scheme checked)
            declared = int(response.headers.get("Content-Length") or 0)
            data = b"" if declared > limit else response.read(limit + 1)
    except (OSError, ValueError, urllib.error.URLError) as error:
        raise TransportError(_("Fichier lié injoignable : %(error)s") % {"error": error}) from None
    if declared > limit or len(data) > limit:
        raise TransportError(_too_big(limit))
    return data


def _too_big(limit: int) -> str:
    return _("Fichier lié trop gros (plus de %(max)s octets).") % {"max": limit}
