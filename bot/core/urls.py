"""What of a source's URL may be shown to whom.

A web source may carry a key in its URL (`?key=...`, `user:password@`, a `#token`). Its admins
need to see all of it; everyone else sees the scheme, host and path, which say what is counted
without handing out the key; logs keep the query's names but never its values.
"""

from __future__ import annotations

import re
from typing import Final
from urllib.parse import SplitResult, urlsplit

HIDDEN: Final = "…"
# No word boundary before the scheme: a URL glued to a digit or `_` (`9https://…?key=`) is one too.
_URL_IN_TEXT: Final = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*://[^\s\"'<>]+")


def _host_port(parts: SplitResult) -> str:
    host = parts.hostname or ""
    if ":" in host:  # an IPv6 literal keeps its brackets
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        port = None
    return f"{host}:{port}" if port is not None else host


def public_url(url: str) -> str:
    """Scheme, host (and port) and path: no user info, no query, no fragment."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return HIDDEN
    if not parts.scheme or not parts.netloc:
        return url.split("?", 1)[0].split("#", 1)[0]
    return f"{parts.scheme}://{_host_port(parts)}{parts.path}"


def has_secrets(url: str) -> bool:
    """Whether `public_url` hides anything of this URL."""
    return public_url(url) != url


def redact_url(url: str) -> str:
    """For logs: the query's names kept, their values, any password and the fragment hidden."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return HIDDEN
    if not parts.scheme or not parts.netloc:
        return url
    user = f"{parts.username}:{HIDDEN}@" if parts.password is not None else ""
    if parts.username is not None and parts.password is None:
        user = f"{HIDDEN}@"
    query = "&".join(
        f"{pair.split('=', 1)[0]}={HIDDEN}" if "=" in pair else pair
        for pair in parts.query.split("&")
        if pair
    )
    shown = f"{parts.scheme}://{user}{_host_port(parts)}{parts.path}"
    if query:
        shown += f"?{query}"
    if parts.fragment:
        shown += f"#{HIDDEN}"
    return shown


def redact_urls_in(text: str) -> str:
    """Every URL in a log line with its query values, password and fragment hidden."""
    if "://" not in text:
        return text
    return _URL_IN_TEXT.sub(lambda m: redact_url(m.group(0)), text)
