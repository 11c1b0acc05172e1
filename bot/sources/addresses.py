"""Which hosts a source may reach: public addresses only, unless the operator allows private ones.

Admins type URLs into the chat; without this check `/track web:http://169.254.169.254/...` would
turn the bot into a probe of the server's own network (cloud metadata, admin panels on
localhost, the LAN). Every address a host name resolves to is checked, not just the first.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable, Collection, Sequence
from urllib.parse import urlsplit

import httpx

from bot.core.phrase import Phrase

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
# host, port -> the addresses it resolves to (as strings); raises OSError when it cannot.
Resolver = Callable[[str, int], Awaitable[Sequence[str]]]

# Cloud metadata endpoints that are not caught by "not global" on every Python version.
_METADATA = frozenset(
    {
        ipaddress.ip_address("169.254.169.254"),  # AWS, GCP, Azure, DigitalOcean, ...
        ipaddress.ip_address("169.254.170.2"),  # AWS ECS task metadata
        ipaddress.ip_address("100.100.100.200"),  # Alibaba Cloud
        ipaddress.ip_address("fd00:ec2::254"),  # AWS over IPv6
    }
)


class HostProblemError(ValueError):
    """The host cannot be fetched from; the message says why (for logs and /status)."""


class AddressRefusedError(HostProblemError):
    """The host resolves to an address sources may not reach (private, loopback, ...)."""

    def __init__(self, message: str, *, host: str = "", address: str = "") -> None:
        super().__init__(message)
        self.host = host
        self.address = address


class HostUnresolvedError(HostProblemError):
    """The host name does not resolve: a typo, or no DNS; not a private address."""

    def __init__(self, message: str, *, host: str = "") -> None:
        super().__init__(message)
        self.host = host


def forbidden_address(ip: IPAddress) -> str | None:
    """Why `ip` may not be fetched ("loopback", "private", ...), or None when it is public."""
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is not None:
            return forbidden_address(embedded)
    if ip in _METADATA:
        return "cloud metadata"
    if ip.is_unspecified:
        return "unspecified"  # 0.0.0.0 and :: reach the server itself on Linux
    if ip.is_loopback:
        return "loopback"
    if ip.is_link_local:
        return "link-local"
    if ip.is_reserved:
        return "reserved"
    if ip.is_private:
        return "private"
    if ip.is_multicast:
        return "multicast"
    if not ip.is_global:
        return "not public"
    return None


def url_problem(url: str) -> Phrase | None:
    """What is wrong with `url` before any lookup (scheme, host, credentials), in words said in
    the reader's language (`url.*` in the catalogue), or None."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        return Phrase("url.not_valid", {"detail": str(exc)})  # the parser's own words
    if parts.scheme not in ("http", "https"):
        return Phrase("url.scheme")
    if not parts.hostname:
        return Phrase("url.no_host")
    if parts.username or parts.password:
        return Phrase("url.credentials")
    if port == 0:
        return Phrase("url.port_zero")
    try:  # what the fetch (httpx) and the lookup (IDNA) will make of it, so neither raises later
        _ = httpx.URL(url).host  # the host is decoded (IDNA and all) when asked for
        parts.hostname.encode("idna")
    except (httpx.InvalidURL, ValueError) as exc:  # UnicodeError (IDNA) is a ValueError
        return Phrase("url.unreadable", {"detail": str(exc)[:80]})
    return None


def port_problem(port: int, allowed: Collection[int] | None) -> str | None:
    """Why sources may not use `port` (ALLOWED_SOURCE_PORTS), or None; None allows any."""
    if allowed is None or port in allowed:
        return None
    return f"port {port} is not one sources may use ({', '.join(map(str, sorted(allowed)))})"


def url_port(url: str) -> int:
    """The port `url` connects to (after url_problem said nothing)."""
    parts = urlsplit(url)
    return parts.port or (443 if parts.scheme == "https" else 80)


async def system_resolver(host: str, port: int) -> list[str]:
    loop = asyncio.get_running_loop()
    infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]


async def check_host(
    host: str,
    port: int,
    *,
    allow_private: bool,
    resolve: Resolver = system_resolver,
    timeout: float = 10.0,  # noqa: ASYNC109 - a lookup bounded like every request
) -> tuple[str, ...]:
    """Raise AddressRefusedError unless every address of `host` is public or private is allowed
    (HostUnresolvedError when the name does not resolve); the addresses checked (none when
    private ones are allowed: nothing was looked up)."""
    if allow_private:
        return ()
    literal = _literal(host)
    if literal is not None:
        addresses: Sequence[str] = [str(literal)]
    else:
        try:
            async with asyncio.timeout(timeout):
                addresses = await resolve(host, port)
        except TimeoutError:
            raise HostUnresolvedError(f"{host} did not resolve in time", host=host) from None
        except OSError as exc:
            cause = exc.strerror or str(exc)
            raise HostUnresolvedError(f"{host} does not resolve ({cause})", host=host) from None
        except UnicodeError:  # a name IDNA cannot encode ("a..b")
            raise HostUnresolvedError(
                f"{host} cannot be looked up as a host name", host=host
            ) from None
    if not addresses:
        raise HostUnresolvedError(f"{host} does not resolve", host=host)
    for raw in addresses:
        ip = ipaddress.ip_address(raw.split("%", 1)[0])  # drop an IPv6 zone ("fe80::1%eth0")
        why = forbidden_address(ip)
        if why is not None:
            raise AddressRefusedError(
                f"{host} resolves to {ip}, a {why} address", host=host, address=str(ip)
            )
    return tuple(addresses)


def _literal(host: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None
