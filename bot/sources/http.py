"""The HTTP edge every source shares: one GET with a timeout and a size cap, or a Failure."""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from bot.model import Failure

BROWSER_USER_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0 Safari/537.36"
)
MAX_BODY_BYTES = 2 * 1024 * 1024  # real pages are ~100 KB; anything bigger is not a profile


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


async def get_text(
    client: httpx.AsyncClient,
    url: str,
    *,
    headers: dict[str, str] | None = None,
    max_bytes: int = MAX_BODY_BYTES,
) -> Body | Failure:
    """GET `url`; any transport error, non-2xx status or oversize body is a Failure."""
    merged = {"User-Agent": BROWSER_USER_AGENT, **(headers or {})}
    try:
        async with client.stream("GET", url, headers=merged) as response:
            if response.status_code >= 400:
                return Failure(
                    f"http_{response.status_code}",
                    f"{url} answered HTTP {response.status_code}",
                )
            chunks: list[bytes] = []
            size = 0
            async for chunk in response.aiter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    return Failure(
                        "too_large", f"{url} sent more than {max_bytes // 1024} KiB; not a profile"
                    )
                chunks.append(chunk)
            raw = b"".join(chunks)
            encoding = response.charset_encoding or "utf-8"
            text = raw.decode(encoding, errors="replace")
            return Body(
                url=url,
                status=response.status_code,
                content_type=response.headers.get("content-type", ""),
                text=text,
            )
    except httpx.TimeoutException:
        return Failure("timeout", f"{url} did not answer in time")
    except httpx.HTTPError as exc:
        return Failure("network", f"{url}: {type(exc).__name__}: {excerpt(str(exc), 80)}")
