"""How files reach a feed: a watched folder, an FTP server polled by the worker, an HTTP API
followed by its cursor. Transports only read: they give the files (or the pages) they bring,
and poller.py hands them to ingestion, which skips what it has seen, so a poll cut short is
simply done again."""

import ftplib
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from django.utils.translation import gettext as _

from . import safe_fetch
from .models import Feed, ReceivedFile
from .parsers import MAX_FILE_BYTES, ParseError

TIMEOUT = 20
MAX_PAGES_PER_POLL = 20
BATCH = 100  # files recorded in one transaction (see ingest.ingest_files)
SKIPPED_SUFFIXES = (".tmp", ".part", ".filepart")  # files still being written by the sender
# Pictures beside the items are read when an item points to them (see read), never as items.
PICTURE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".tif", ".tiff")


class TransportError(Exception):
    pass


@dataclass
class Refused:
    """A file the transport will not read (too big, an unreadable name, refused by the server):
    quarantined by name and size, with the reason."""

    name: str
    size: int
    error: str


@dataclass
class Batch:
    """Files read, to be recorded together, and the files refused since the previous batch."""

    files: list[tuple[str, bytes]] = field(default_factory=list)
    refused: list[Refused] = field(default_factory=list)


def batches(feed: Feed) -> Iterator[Batch]:
    """The new files of a folder or FTP feed, BATCH at a time (an HTTP feed is read page by page,
    see get_page; a manual feed brings nothing)."""
    if feed.transport == Feed.Transport.FOLDER:
        yield from from_folder(feed)
    elif feed.transport == Feed.Transport.FTP:
        yield from from_ftp(feed)


def _seen(feed: Feed, names: list[str]) -> set[tuple[str, int]]:
    """What the feed already has of these names: proportional to the folder, not to the history."""
    seen: set[tuple[str, int]] = set()
    for start in range(0, len(names), 500):
        batch = ReceivedFile.objects.filter(feed=feed, name__in=names[start : start + 500])
        seen.update(batch.values_list("name", "size"))
    return seen


def _wanted(name: str) -> bool:
    return not name.startswith(".") and not name.lower().endswith(SKIPPED_SUFFIXES + PICTURE_SUFFIXES)


def from_folder(feed: Feed) -> Iterator[Batch]:
    """New files of the folder, oldest first. A file that cannot be read (a name that is not
    UTF-8, no permission) is quarantined with the reason, and the others go on."""
    folder = Path(feed.location)
    if not folder.is_dir():
        raise TransportError(_("Dossier introuvable : %(path)s") % {"path": feed.location})
    try:
        entries = _listing(folder)
    except OSError as error:
        raise TransportError(
            _("Dossier illisible : %(path)s (%(error)s)") % {"path": feed.location, "error": error.strerror}
        ) from None
    seen = _seen(feed, [_shown_name(path.name) for path, _size in entries])
    new = [(path, size) for path, size in entries if (_shown_name(path.name), size) not in seen]
    # A restart redoes at most one batch, skipping what was committed.
    for start in range(0, len(new), BATCH):
        batch = Batch()
        for path, size in new[start : start + BATCH]:
            name = _shown_name(path.name)
            if name != path.name:
                reason = _("Nom de fichier illisible (octets hors UTF-8) : renommez le fichier.")
                batch.refused.append(Refused(name, size, reason))
            elif size > MAX_FILE_BYTES:
                batch.refused.append(Refused(name, size, ParseError.too_big(size)))
            else:
                try:
                    batch.files.append((name, path.read_bytes()))
                except OSError as error:
                    error_text = _("Fichier illisible : %(error)s") % {"error": error.strerror or error}
                    batch.refused.append(Refused(name, size, error_text))
        yield batch


def _listing(folder: Path) -> list[tuple[Path, int]]:
    """The folder's wanted files and their sizes, oldest first (one gone since the listing is
    left out). OSError when the folder itself cannot be listed."""
    entries = []
    for path in list(folder.iterdir()):
        if not _wanted(path.name):
            continue
        try:
            status = path.stat()
        except OSError:
            continue
        if stat.S_ISREG(status.st_mode):
            entries.append((status.st_mtime, path, status.st_size))
    return [(path, size) for _mtime, path, size in sorted(entries, key=lambda entry: entry[0])]


def _shown_name(name: str) -> str:
    """The name as text the database and the admin can hold: bytes that are not UTF-8 (kept by
    the file system as surrogates) shown as \\xNN escapes."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(name).decode("utf-8", "backslashreplace")
    return name


def _ftp(feed: Feed) -> ftplib.FTP:
    """A session in the feed's FTP folder (the caller closes it), opened on the host's checked
    address. Passive transfers go to that same address: ftplib ignores the one the server names."""
    try:
        address = urlsplit(feed.location)
        port = address.port or 21
    except ValueError:
        address = None
    if address is None or address.scheme != "ftp" or not address.hostname:
        raise TransportError(_("Adresse FTP invalide : ftp://utilisateur@hôte:port/dossier attendu."))
    try:
        checked = safe_fetch.resolve(address.hostname, port)
    except safe_fetch.FetchError as error:
        raise TransportError(str(error)) from None
    # Agencies still deliver by plain FTP; the operator chooses it per feed.
    ftp = ftplib.FTP(timeout=TIMEOUT, encoding=FTP_ENCODING)  # noqa: S321
    try:
        ftp.connect(checked[0], port)
        ftp.login(_on_wire(unquote(address.username or "anonymous")), _on_wire(feed.password))
        if address.path.strip("/"):
            ftp.cwd(_on_wire(unquote(address.path)))
    except BaseException:
        ftp.close()
        raise
    return ftp


# Names travel as bytes: latin-1 turns each byte into one character and back, so a name that
# is not UTF-8 is listed (and quarantined) instead of failing the whole listing.
FTP_ENCODING = "latin-1"


def _on_wire(text: str) -> str:
    """Text as the FTP session sends it: its UTF-8 bytes."""
    return text.encode("utf-8").decode(FTP_ENCODING)


def _from_wire(raw: str) -> str:
    """A name the server sent, as text: its UTF-8 reading, or \\xNN escapes where it is not UTF-8."""
    return raw.encode(FTP_ENCODING).decode("utf-8", "backslashreplace")


def _ftp_failure(feed: Feed, error: BaseException) -> TransportError:
    """The server's reply is shown (it is the feed's own server); a network error only by kind."""
    if isinstance(error, ftplib.Error):
        reply = _from_wire(str(error))[:200]
        return TransportError(_("Serveur FTP en erreur : %(reply)s") % {"reply": reply})
    host = urlsplit(feed.location).hostname or ""
    return TransportError(_("Échec de connexion au serveur FTP %(host)s.") % {"host": host[:100]})


def from_ftp(feed: Feed) -> Iterator[Batch]:
    """New files of the FTP folder, the session staying open while each batch is recorded. A
    file the server will not give (a name it cannot read, a refused transfer) is refused with
    the server's reply, and the others go on."""
    batch = Batch()
    try:
        with _ftp(feed) as ftp:
            raw_names = sorted(ftp.nlst())
            seen = _seen(feed, [_from_wire(raw) for raw in raw_names])
            ftp.voidcmd("TYPE I")  # SIZE needs binary mode, and listing switched to text
            for raw in raw_names:
                name = _from_wire(raw)
                if not _wanted(name):
                    continue
                try:
                    size = ftp.size(raw) or 0
                    if (name, size) in seen:
                        continue
                    if _on_wire(name) != raw:
                        error = _("Nom de fichier illisible (octets hors UTF-8) : renommez le fichier.")
                        batch.refused.append(Refused(name, size, error))
                        continue
                    if size > MAX_FILE_BYTES:
                        batch.refused.append(Refused(name, size, ParseError.too_big(size)))
                        continue
                    chunks: list[bytes] = []
                    ftp.retrbinary(f"RETR {raw}", chunks.append)
                except ftplib.error_perm as error:
                    if (name, 0) not in seen:
                        reply = _("Fichier refusé par le serveur FTP : %(reply)s") % {
                            "reply": _from_wire(str(error))[:200]
                        }
                        batch.refused.append(Refused(name, 0, reply))
                    continue
                batch.files.append((name, b"".join(chunks)))
                if len(batch.files) == BATCH:
                    yield batch
                    batch = Batch()
            yield batch
    except (OSError, EOFError, ftplib.Error) as error:
        raise _ftp_failure(feed, error) from None


def _reach(feed: Feed) -> safe_fetch.Reach:
    try:
        return safe_fetch.Reach.of(feed.location, feed.allowed_hosts)
    except safe_fetch.FetchError as error:
        raise TransportError(str(error)) from None


def _get(feed: Feed, url: str, limit: int) -> safe_fetch.Response:
    try:
        return safe_fetch.get(url, _reach(feed), limit, TIMEOUT)
    except safe_fetch.FetchError as error:
        raise TransportError(str(error)) from None


def get_page(feed: Feed, url: str) -> safe_fetch.Response:
    """A page of an HTTP feed's API (its data, and the address it came from after redirects).
    Pages, renditions and pictures are read only within the feed's reach (see safe_fetch)."""
    return _get(feed, url, MAX_FILE_BYTES)


def check_next_page(feed: Feed, url: str) -> None:
    """TransportError when the page a cursor points to is outside the feed's reach."""
    try:
        _reach(feed).check(url)
    except safe_fetch.FetchError as error:
        raise TransportError(_("Page suivante non relevée. %(error)s") % {"error": error}) from None


def read(feed: Feed, href: str, base: str = "", limit: int = MAX_FILE_BYTES) -> bytes:
    """What an item points to (its body rendition, a picture) on the feed's own transport: an
    address within the HTTP feed's reach, relative to the page `base`; a file beside the item
    in a watched folder or on the FTP server. More than `limit` bytes is refused, not read."""
    if feed.transport == Feed.Transport.HTTP:
        return _get(feed, urljoin(base or feed.location, href.strip()), limit).data
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
                if (ftp.size(_on_wire(name)) or 0) > limit:
                    raise TransportError(_too_big(limit))
                ftp.retrbinary(f"RETR {_on_wire(name)}", chunks.append)
        except (OSError, EOFError, ftplib.Error) as error:
            failure = _ftp_failure(feed, error)
            raise TransportError(_("Fichier lié non relevé : %(error)s") % {"error": failure}) from None
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


def _too_big(limit: int) -> str:
    return _("Fichier lié trop gros (plus de %(max)s octets).") % {"max": limit}
