"""The HTTP edge every source shares: one GET with a timeout, a total deadline and a size cap.

Whatever the other side does (refuses, hangs, trickles, drops the connection, sends 50 MB or an
error page), the answer is a `Body` or a `Failure` with a short reason; it never raises.
"""

from __future__ import annotations

import asyncio
import socket
import ssl
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Any

import httpx

from bot.core.model import Failure
from bot.core.reasons import Reason
from bot.sources.transport import RefusedAddressError, RefusedPortError, UnresolvedHostError

BROWSER_USER_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0 Safari/537.36"
)
MAX_BODY_BYTES = 2 * 1024 * 1024  # real pages are ~100 KB; anything bigger is not a profile
ERROR_BODY_BYTES = 4096  # of an error answer only a quote for the failure reason is read
# The per-read timeout alone lets a page that sends a byte every few seconds hold a sample
# forever; the deadline bounds the whole request.
DEFAULT_DEADLINE_SECONDS = 20.0
# Past this much unpacked, a body that unpacks to over MAX_RATIO times what came over the wire is
# a bomb, not a page (real pages compress 5-20×): refused before the size cap is even reached.
RATIO_FLOOR_BYTES = 1024 * 1024
MAX_RATIO = 100
DECODE_PIECE_BYTES = 64 * 1024  # decompression output is produced and counted this much at a time
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


class _EncodingRefusedError(Exception):
    """The body comes in a content encoding we do not unpack (stacked, or unknown)."""


class _AbsurdRatioError(Exception):
    """The body unpacks to far more than any page compresses from."""


class _Decoder:
    """Unpacks one content encoding (identity, gzip, deflate) a bounded piece at a time, so a
    small compressed body cannot turn into a huge allocation before the size cap sees it."""

    def __init__(self, encoding: str) -> None:
        self.encoding = encoding
        self._zlib: Any = None
        if encoding in ("gzip", "x-gzip"):
            self._zlib = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            self._zlib = zlib.decompressobj()  # zlib-wrapped; raw deflate is tried on error
        elif encoding != "identity":
            raise _EncodingRefusedError(f"content encoding {encoding!r} is not accepted")
        self._first = True

    def pieces(self, data: bytes, most: int) -> Iterator[bytes]:
        """What `data` unpacks to, in pieces of at most `most` bytes each."""
        if self._zlib is None:
            for start in range(0, len(data), most):
                yield data[start : start + most]
            return
        if self._first and self.encoding == "deflate" and data:
            self._first = False
            try:
                out = self._zlib.decompress(data, most)
            except zlib.error:  # a raw deflate stream, as some servers send
                self._zlib = zlib.decompressobj(-zlib.MAX_WBITS)
                out = self._zlib.decompress(data, most)
        else:
            out = self._zlib.decompress(data, most)
        yield out
        while self._zlib.unconsumed_tail:
            yield self._zlib.decompress(self._zlib.unconsumed_tail, most)
        while out := self._zlib.decompress(b"", most):  # output still held for a long match
            yield out


def _decoder_for(response: httpx.Response) -> _Decoder:
    """One content encoding at most: stacked encodings (`gzip, gzip`) are refused."""
    value = response.headers.get("content-encoding", "")
    encodings = [e.strip().lower() for e in value.split(",") if e.strip()]
    encodings = [e for e in encodings if e != "identity"]
    if len(encodings) > 1:
        raise _EncodingRefusedError(f"stacked content encodings ({excerpt(value, 60)})")
    return _Decoder(encodings[0] if encodings else "identity")


async def _read_capped(response: httpx.Response, limit: int) -> tuple[bytearray, bool]:
    """Up to `limit` bytes of the decoded body, and whether there was more. Bytes are counted
    as decompression produces them, a piece of at most `DECODE_PIECE_BYTES` at a time."""
    decoder = _decoder_for(response)
    body = bytearray()
    received = 0
    async for raw in response.aiter_raw():
        received += len(raw)
        for piece in decoder.pieces(raw, min(DECODE_PIECE_BYTES, limit - len(body) + 1)):
            if len(body) + len(piece) > limit:
                body += piece[: limit - len(body)]
                return body, True
            body += piece
            if len(body) > RATIO_FLOOR_BYTES and len(body) > MAX_RATIO * received:
                raise _AbsurdRatioError(
                    f"{received:,} bytes unpack to over {len(body):,} (more than {MAX_RATIO}×)"
                )
    return body, False


def _decode(raw: bytes | bytearray, response: httpx.Response) -> str:
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
    # Only the encodings _Decoder unpacks, and it unpacks them itself (httpx would decode a
    # whole chunk at once, however large it grows).
    merged = {
        "User-Agent": BROWSER_USER_AGENT,
        "Accept-Encoding": "gzip, deflate",
        **(headers or {}),
    }
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
    except _EncodingRefusedError as exc:
        return Failure(Reason.BAD_ENCODING, f"{url}: {exc}")
    except _AbsurdRatioError as exc:
        return Failure(Reason.TOO_LARGE, f"{url}: {exc}; not a page")
    except zlib.error as exc:
        return Failure(Reason.NETWORK, f"{url}: the compressed body is broken ({exc})")
    except RefusedPortError as exc:
        return Failure(Reason.REFUSED_PORT, f"{url}: {excerpt(str(exc), 100)}")
    except RefusedAddressError as exc:  # the SSRF guard (transport.py): not worth a retry
        return Failure(Reason.REFUSED_ADDRESS, f"{url}: {excerpt(str(exc), 100)}")
    except httpx.TimeoutException:
        return Failure(Reason.TIMEOUT, f"{url} did not answer in time")
    except UnresolvedHostError as exc:
        return Failure(Reason.NO_SUCH_HOST, f"{url}: {excerpt(str(exc), 100)}")
    except httpx.ConnectError as exc:
        why = _connect_reason(exc)
        return Failure(why, f"{url}: cannot connect ({excerpt(str(exc), 80)})")
    except (httpx.RemoteProtocolError, httpx.ReadError) as exc:
        return Failure(Reason.DROPPED, f"{url}: connection dropped ({excerpt(str(exc), 80)})")
    except httpx.HTTPError as exc:
        return Failure(Reason.NETWORK, f"{url}: {type(exc).__name__}: {excerpt(str(exc), 80)}")


def _connect_reason(exc: BaseException) -> Reason:
    """What a failed connection was, from the OS error under httpx's ConnectError: a name that
    does not resolve, a port that refuses, a TLS handshake that fails, or something else."""
    seen: set[int] = set()
    cause: BaseException | None = exc
    while cause is not None and id(cause) not in seen:
        seen.add(id(cause))
        if isinstance(cause, socket.gaierror):
            return Reason.NO_SUCH_HOST
        if isinstance(cause, ConnectionRefusedError):
            return Reason.CONNECTION_REFUSED
        if isinstance(cause, ssl.SSLError | ssl.CertificateError):
            return Reason.TLS
        cause = cause.__cause__ or cause.__context__
    message = str(exc)
    if "Name or service not known" in message or "nodename nor servname" in message:
        return Reason.NO_SUCH_HOST
    if "Connection refused" in message:
        return Reason.CONNECTION_REFUSED
    if "SSL" in message or "certificate" in message.lower():
        return Reason.TLS
    return Reason.UNREACHABLE
