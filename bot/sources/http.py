"""The HTTP edge every source shares: one GET with a timeout, a total deadline and a size cap.

Whatever the other side does (refuses, hangs, trickles, drops the connection, sends 50 MB or an
error page), the answer is a `Body` or a `Failure` with a short reason; it never raises.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from email.utils import parsedate_to_datetime

import httpx

from bot.core.model import Failure
from bot.core.reasons import Reason
from bot.sources.transport import RefusedAddressError

BROWSER_USER_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0 Safari/537.36"
)
MAX_BODY_BYTES = 2 * 1024 * 1024  # real pages are ~100 KB; anything bigger is not a profile
ERROR_BODY_BYTES = 4096  # of an error answer only a quote for the failure reason is read
# The per-read timeout alone lets a page that sends a byte every few seconds hold a sample
# forever; the deadline bounds the whole request.
DEFAULT_DEADLINE_SECONDS = 20.0
MAX_RETRY_AFTER_SECONDS = 3600.0  # a source asking for more is waited for an hour at most


@dataclass(frozen=True, slots=True)
class Body:
    url: str
    status: int
    content_type: str
    text: str


def excerpt(text: str, limit: int = 120) -> str:
    """A short one-line quote of what came back, for failure reasons and admin alerts."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def retry_after_seconds(value: str | None, date: str | None = None) -> float | None:
    """Seconds to wait from a Retry-After header: delta-seconds, or an HTTP-date measured
    against the answer's own Date header (so no local clock is needed); capped at an hour."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        seconds = float(value) if len(value) < 10 else MAX_RETRY_AFTER_SECONDS
    else:
        try:
            when = parsedate_to_datetime(value)
            base = parsedate_to_datetime(date) if date else None
        except (TypeError, ValueError, IndexError):
            return None
        if base is None or when.tzinfo is None or base.tzinfo is None:
            return None
        seconds = (when - base).total_seconds()
    return min(max(seconds, 0.0), MAX_RETRY_AFTER_SECONDS)


async def _read_capped(response: httpx.Response, limit: int) -> tuple[bytes, bool]:
    """Up to `limit` bytes of the body, and whether there was more."""
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.aiter_bytes():
        size += len(chunk)
        if size > limit:
            chunks.append(chunk[: len(chunk) - (size - limit)])
            return b"".join(chunks), True
        chunks.append(chunk)
    return b"".join(chunks), False


def _decode(raw: bytes, response: httpx.Response) -> str:
    try:
        return raw.decode(response.charset_encoding or "utf-8", errors="replace")
    except LookupError:  # a charset Python has never heard of
        return raw.decode("utf-8", errors="replace")


async def get_text(
    client: httpx.AsyncClient,
    url: str,
    *,
    headers: dict[str, str] | None = None,
    max_bytes: int = MAX_BODY_BYTES,
    deadline: float = DEFAULT_DEADLINE_SECONDS,
) -> Body | Failure:
    """GET `url`; a transport error, non-2xx status, empty or oversize body, or a request that
    does not finish within `deadline` seconds is a Failure."""
    merged = {"User-Agent": BROWSER_USER_AGENT, **(headers or {})}
    try:
        async with asyncio.timeout(deadline):
            return await _get(client, url, merged, max_bytes)
    except TimeoutError:
        return Failure(Reason.TOO_SLOW, f"{url} did not finish within {deadline:g} s")


async def _get(
    client: httpx.AsyncClient, url: str, headers: dict[str, str], max_bytes: int
) -> Body | Failure:
    try:
        async with client.stream("GET", url, headers=headers) as response:
            status = response.status_code
            if status >= 400:
                raw, _ = await _read_capped(response, ERROR_BODY_BYTES)
                quote = excerpt(_decode(raw, response))
                return Failure(
                    Reason.HTTP,
                    f"{url} answered HTTP {status}" + (f": {quote}" if quote else ""),
                    retry_after=retry_after_seconds(
                        response.headers.get("retry-after"), response.headers.get("date")
                    ),
                    status=status,
                )
            raw, too_large = await _read_capped(response, max_bytes)
            if too_large:
                return Failure(
                    Reason.TOO_LARGE, f"{url} sent more than {max_bytes // 1024} KiB; not a profile"
                )
            text = _decode(raw, response)
            if not text.strip():
                return Failure(
                    Reason.EMPTY_BODY, f"{url} answered HTTP {status} with an empty body"
                )
            return Body(
                url=url,
                status=status,
                content_type=response.headers.get("content-type", ""),
                text=text,
            )
    except RefusedAddressError as exc:  # the SSRF guard (transport.py): not worth a retry
        return Failure(Reason.REFUSED_ADDRESS, f"{url}: {excerpt(str(exc), 100)}")
    except httpx.TimeoutException:
        return Failure(Reason.TIMEOUT, f"{url} did not answer in time")
    except httpx.ConnectError as exc:
        return Failure(Reason.UNREACHABLE, f"{url}: cannot connect ({excerpt(str(exc), 80)})")
    except (httpx.RemoteProtocolError, httpx.ReadError) as exc:
        return Failure(Reason.DROPPED, f"{url}: connection dropped ({excerpt(str(exc), 80)})")
    except httpx.HTTPError as exc:
        return Failure(Reason.NETWORK, f"{url}: {type(exc).__name__}: {excerpt(str(exc), 80)}")
