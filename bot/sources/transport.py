"""The httpx transport every source request goes through, redirects included.

Per request it (1) refuses hosts that resolve to private addresses (see addresses.py), (2) lets
at most one request at a time reach the same host, so a hundred sources on one site never hit it
in parallel, (3) bounds how many source requests are in flight at all, and (4) gives the whole
request, body included, one deadline: httpx's own timeouts are per read, so a server that drips
a byte every few seconds would otherwise hold a sample open for ever.

The slot (host lock + semaphore) is held until the response body is closed, which httpx always
does: `client.stream(...)` on exit, and before following a redirect.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Collection
from contextlib import AsyncExitStack

import httpx

from bot.sources.addresses import (
    AddressRefusedError,
    Resolver,
    check_host,
    port_problem,
    system_resolver,
)


class RefusedAddressError(httpx.TransportError):
    """A request (or a redirect) pointed at an address sources may not reach."""


class SourceTransport(httpx.AsyncBaseTransport):
    def __init__(
        self,
        inner: httpx.AsyncBaseTransport,
        *,
        allow_private: bool,
        concurrency: int,
        deadline_seconds: float,
        resolve: Resolver = system_resolver,
        allowed_ports: Collection[int] | None = None,
    ) -> None:
        self._inner = inner
        self._allowed_ports = allowed_ports
        self._allow_private = allow_private
        self._slots = asyncio.Semaphore(concurrency)
        self._host_locks: dict[str, asyncio.Lock] = {}
        self._deadline = deadline_seconds
        self._resolve = resolve

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        host = request.url.host
        port = request.url.port or (443 if request.url.scheme == "https" else 80)
        refused_port = port_problem(port, self._allowed_ports)  # a redirect is checked too
        if refused_port is not None:
            raise RefusedAddressError(refused_port, request=request)
        try:
            await check_host(
                host,
                port,
                allow_private=self._allow_private,
                resolve=self._resolve,
                timeout=self._deadline,
            )
        except AddressRefusedError as exc:
            raise RefusedAddressError(str(exc), request=request) from None
        held = AsyncExitStack()
        # Host lock before the shared semaphore: waiting for a busy host must not hold a slot
        # that a request to another host could use.
        await held.enter_async_context(self._host_locks.setdefault(host.lower(), asyncio.Lock()))
        try:
            await held.enter_async_context(self._slots)
            loop = asyncio.get_running_loop()
            deadline = loop.time() + self._deadline
            try:
                async with asyncio.timeout_at(deadline):
                    response = await self._inner.handle_async_request(request)
            except TimeoutError:
                raise httpx.ReadTimeout(
                    f"no answer within {self._deadline:g} s", request=request
                ) from None
        except BaseException:
            await held.aclose()
            raise
        assert isinstance(response.stream, httpx.AsyncByteStream)
        return httpx.Response(
            status_code=response.status_code,
            headers=response.headers,
            stream=_DeadlineStream(response.stream, held, deadline, self._deadline, request),
            extensions=response.extensions,
            request=request,
        )

    async def aclose(self) -> None:
        await self._inner.aclose()


class _DeadlineStream(httpx.AsyncByteStream):
    """The response body, cut off at the request's deadline; closing it frees the slot."""

    def __init__(
        self,
        inner: httpx.AsyncByteStream,
        held: AsyncExitStack,
        deadline: float,
        seconds: float,
        request: httpx.Request,
    ) -> None:
        self._inner = inner
        self._held = held
        self._deadline = deadline
        self._seconds = seconds
        self._request = request
        self._closed = False

    async def __aiter__(self) -> AsyncIterator[bytes]:
        chunks = aiter(self._inner)
        while True:
            # The timeout wraps each read only, never a `yield`: a cancel scope left open across
            # a yield would fire in whatever the consumer is doing at the time.
            try:
                async with asyncio.timeout_at(self._deadline):
                    chunk = await anext(chunks)
            except StopAsyncIteration:
                return
            except TimeoutError:
                raise httpx.ReadTimeout(
                    f"body not complete within {self._seconds:g} s", request=self._request
                ) from None
            yield chunk

    async def aclose(self) -> None:
        if self._closed:
            return
        self._closed = True
        try:
            await self._inner.aclose()
        finally:
            await self._held.aclose()
