"""Fetching an address a feed chose, without letting the feed steer the worker.

An agency feed names the addresses the worker reads (its next page, its items' renditions and
pictures, where its server redirects): a crafted or compromised feed could make it read a
service inside the newsroom's network and put the answer into a story, or use the desk's
warnings to map which ports answer. So every request here:

- goes only to an origin the feed allows (its own address, or a host the newsroom listed);
- resolves the host name once, refuses loopback, private, link-local (the cloud metadata
  service), multicast and reserved addresses, then connects to that checked address, so a
  name that resolves differently a moment later (DNS rebinding) cannot slip through;
- follows a redirect only after checking its target the same way;
- reports failures in a few words of its own (refused, no connection, timeout, HTTP status),
  never the remote's text or the state of a port.

Loopback is allowed only when the `WIRE_ALLOW_LOOPBACK` setting says so (the tests' stand-in
agency runs on loopback; never in production); no other kind of address can be allowed.
"""

import http.client
import ipaddress
import logging
import socket
import ssl
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

DEFAULT_PORTS = {"http": 80, "https": 443, "ftp": 21}
MAX_REDIRECTS = 5
REDIRECTS = {301, 302, 303, 307, 308}
# Reached through a link-local or unique-local address, already refused; named so that a
# change to the general rule cannot let them through.
METADATA_ADDRESSES = {ipaddress.ip_address("169.254.169.254"), ipaddress.ip_address("fd00:ec2::254")}
NAT64_PREFIX = ipaddress.ip_network("64:ff9b::/96")

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


class FetchError(Exception):
    """A request not made or not answered, in words the desk may read."""


class RefusedAddress(FetchError):
    pass


class TooBig(FetchError):
    def __init__(self, limit: int) -> None:
        super().__init__(_("Fichier trop gros (plus de %(max)s octets).") % {"max": limit})


@dataclass(frozen=True)
class Origin:
    scheme: str
    host: str
    port: int

    @classmethod
    def of(cls, url: str) -> "Origin":
        """The origin of an absolute address; RefusedAddress if it has none."""
        try:
            parts = urlsplit(url.strip())
            port = parts.port
        except ValueError:
            raise RefusedAddress(_("Adresse refusée : adresse mal formée.")) from None
        scheme = parts.scheme.lower()
        if scheme not in DEFAULT_PORTS or not parts.hostname:
            raise RefusedAddress(_("Adresse refusée : http://, https:// ou ftp:// attendu."))
        return cls(scheme, parts.hostname.lower().rstrip("."), port or DEFAULT_PORTS[scheme])


@dataclass(frozen=True)
class Reach:
    """Where a feed may send the worker: its own origin, and the listed hosts on the default
    port of http and https (or the port given with the host)."""

    origins: frozenset[Origin]

    @classmethod
    def of(cls, location: str, other_hosts: Iterable[str] = ()) -> "Reach":
        origins = {Origin.of(location)}
        for entry in other_hosts:
            host, _sep, port = entry.strip().lower().rstrip(".").partition(":")
            if not host:
                continue
            for scheme in ("http", "https"):
                origins.add(Origin(scheme, host, int(port) if port.isdigit() else DEFAULT_PORTS[scheme]))
        return cls(frozenset(origins))

    def check(self, url: str) -> Origin:
        origin = Origin.of(url)
        if origin not in self.origins:
            raise RefusedAddress(
                _("Adresse refusée : %(host)s n'est ni l'adresse du fil ni un hôte autorisé.")
                % {"host": origin.host[:100]}
            )
        return origin


def refusal(address: Address) -> str:
    """Why the worker may not connect to this address ("" when it may)."""
    embedded = _embedded_ipv4(address)
    if embedded is not None:
        return refusal(embedded)
    if address in METADATA_ADDRESSES:
        return _("le service de métadonnées du nuage")
    if address.is_loopback:
        return "" if settings.WIRE_ALLOW_LOOPBACK else _("une adresse de bouclage")
    if address.is_multicast:
        return _("une adresse de multidiffusion")
    if address.is_link_local:
        return _("une adresse lien-local")
    if not address.is_global or address.is_reserved:
        return _("une adresse privée ou réservée")
    return ""


def _embedded_ipv4(address: Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 one carries (mapped, 6to4, Teredo, NAT64), judged for itself."""
    if not isinstance(address, ipaddress.IPv6Address):
        return None
    if address.ipv4_mapped:
        return address.ipv4_mapped
    if address.sixtofour:
        return address.sixtofour
    if address.teredo:
        return address.teredo[1]
    if address in NAT64_PREFIX:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def resolve(host: str, port: int) -> list[str]:
    """The host's addresses, every one of them allowed (RefusedAddress otherwise): a name that
    also points inside the network is refused, whichever address a connection would pick."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        raise FetchError(_("Hôte introuvable : %(host)s") % {"host": host[:100]}) from None
    addresses = list(dict.fromkeys(str(info[4][0]).split("%")[0] for info in infos))
    for text in addresses:
        reason = refusal(ipaddress.ip_address(text))
        if reason:
            raise RefusedAddress(
                _("Adresse refusée : %(host)s mène à %(reason)s.") % {"host": host[:100], "reason": reason}
            )
    if not addresses:
        raise FetchError(_("Hôte introuvable : %(host)s") % {"host": host[:100]})
    return addresses


def check_location(url: str) -> None:
    """What the feed form asks of an address: well formed and resolving to allowed addresses."""
    origin = Origin.of(url)
    resolve(origin.host, origin.port)


def connect(host: str, port: int, timeout: float | None) -> socket.socket:
    """A connection to one of the host's checked addresses (never a fresh lookup)."""
    for address in resolve(host, port):
        try:
            return socket.create_connection((address, port), timeout=timeout)
        except TimeoutError:
            logger.info("wire: %s:%s (%s) timed out", host, port, address)
        except OSError as error:
            logger.info("wire: %s:%s (%s) unreachable: %s", host, port, address, error)
    raise FetchError(_("Échec de connexion à %(host)s.") % {"host": host[:100]})


class _CheckedHTTPConnection(http.client.HTTPConnection):
    def connect(self) -> None:
        self.sock = connect(self.host, self.port, self.timeout)


class _CheckedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host: str, port: int, timeout: float) -> None:
        self.tls = ssl.create_default_context()
        super().__init__(host, port, timeout=timeout, context=self.tls)

    def connect(self) -> None:
        # The name, not the address, is what the certificate is checked against.
        checked = connect(self.host, self.port, self.timeout)
        self.sock = self.tls.wrap_socket(checked, server_hostname=self.host)


@dataclass
class Response:
    url: str  # after redirects: relative links in the body are relative to it
    data: bytes


def get(url: str, reach: Reach, limit: int, timeout: float) -> Response:
    """The body at `url` (at most `limit` bytes: TooBig beyond), following redirects within
    `reach`. Proxies from the environment are not used: they would connect on our behalf to
    addresses we have not checked."""
    for _hop in range(MAX_REDIRECTS + 1):
        origin = reach.check(url)
        if origin.scheme not in {"http", "https"}:
            raise RefusedAddress(_("Adresse refusée : http:// ou https:// attendu."))
        parts = urlsplit(url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        kind = _CheckedHTTPSConnection if origin.scheme == "https" else _CheckedHTTPConnection
        connection = kind(origin.host, origin.port, timeout=timeout)
        try:
            connection.request("GET", target, headers={"User-Agent": "Manchette wire"})
            response = connection.getresponse()
            if response.status in REDIRECTS and response.getheader("Location"):
                url = urljoin(url, response.getheader("Location", ""))
                continue
            if response.status != 200:
                raise FetchError(_("Réponse HTTP %(status)s.") % {"status": response.status})
            declared = response.getheader("Content-Length") or ""
            if declared.isdigit() and int(declared) > limit:
                raise TooBig(limit)
            data = response.read(limit + 1)
        except FetchError:
            raise
        except TimeoutError:
            raise FetchError(_("Délai dépassé (%(host)s).") % {"host": origin.host[:100]}) from None
        except ssl.SSLCertVerificationError:
            raise FetchError(_("Certificat refusé (%(host)s).") % {"host": origin.host[:100]}) from None
        except (OSError, http.client.HTTPException, ValueError) as error:
            logger.info("wire: %s failed: %r", url[:200], error)
            raise FetchError(_("Échec de connexion à %(host)s.") % {"host": origin.host[:100]}) from None
        finally:
            connection.close()
        if len(data) > limit:
            raise TooBig(limit)
        return Response(url, data)
    raise FetchError(_("Trop de redirections."))
