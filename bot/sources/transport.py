"""The httpx transport every source request goes through, redirects included.

Per request it (1) refuses hosts that resolve to private addresses (see addresses.py), (2) lets
at most one request at a time reach the same host, so a hundred sources on one site never hit it
in parallel, (3) bounds how many source requests are in flight at all, and (4) gives the whole
request, body included, one deadline: httpx's own timeouts are per read, so a server that drips
a byte every few seconds would otherwise hold a sample open for ever.

The slot (host lock + semaphore) is held until the response body is closed, which httpx always
does: `client.stream(...)` on exit, and before following a redirect.

DNS rebinding: the name is looked up once, here; every address is checked, and the connection
is made to a checked address (`PinnedBackend` under httpcore's pool), never to whatever a second
lookup of the name would say. The URL is unchanged, so the Host header and TLS (SNI, the
certificate's name) still use the host name.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Collection, Iterable
from contextlib import AsyncExitStack
from contextvars import ContextVar

import httpcore
import httpx

from bot.sources.addresses import (
    AddressRefusedError,
    HostUnresolvedError,
    Resolver,
    check_host,
    port_problem,
    system_resolver,
)


class RefusedAddressError(httpx.TransportError):
    """A request (or a redirect) pointed at an address sources may not reach."""


class RefusedPortError(RefusedAddressError):
    """A request (or a redirect) pointed at a port sources may not use (ALLOWED_SOURCE_PORTS)."""


class UnresolvedHostError(httpx.ConnectError):
    """The request's host name does not resolve (checked before any connection)."""


# (host, the addresses checked for it) for the request this task is making.
_PINNED: ContextVar[tuple[str, tuple[str, ...]] | None] = ContextVar("pinned", default=None)


class PinnedBackend(httpcore.AsyncNetworkBackend):
    """httpcore's network under the pool: a connection to the host being requested goes to the
    addresses SourceTransport checked, in order, and to nothing else."""

    def __init__(self, inner: httpcore.AsyncNetworkBackend) -> None:
        self._inner = inner

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,  # noqa: ASYNC109 - httpcore's signature
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        pinned = _PINNED.get()
        if pinned is None or pinned[0] != host or not pinned[1]:
            return await self._inner.connect_tcp(host, port, timeout, local_address, socket_options)
        error: Exception | None = None
        for address in pinned[1]:
            try:
                return await self._inner.connect_tcp(
                    address, port, timeout, local_address, socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                error = exc
        assert error is not None
        raise error

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,  # noqa: ASYNC109 - httpcore's signature
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        raise httpcore.ConnectError("sources are not read over unix sockets")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


def pin_connections(
    inner: httpx.AsyncBaseTransport, network: httpcore.AsyncNetworkBackend | None = None
) -> None:
    """Put a PinnedBackend under httpx's connection pool (httpx has no public way to give it a
    network backend); `network` stands for the machine's network in tests."""
    if not isinstance(inner, httpx.AsyncHTTPTransport):
        return
    pool = inner._pool
    if not isinstance(pool, httpcore.AsyncConnectionPool):
        raise TypeError(f"cannot pin the connections of {type(pool).__name__}")
    pool._network_backend = PinnedBackend(network or pool._network_backend)


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
        network: httpcore.AsyncNetworkBackend | None = None,
    ) -> None:
        pin_connections(inner, network)
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
            raise RefusedPortError(refused_port, request=request)
        try:
            checked = await check_host(
                host,
                port,
                allow_private=self._allow_private,
                resolve=self._resolve,
                timeout=self._deadline,
            )
        except AddressRefusedError as exc:
            raise RefusedAddressError(str(exc), request=request) from None
        except HostUnresolvedError as exc:
            raise UnresolvedHostError(str(exc), request=request) from None
        held = AsyncExitStack()
        # Host lock before the shared semaphore: waiting for a busy host must not hold a slot
        # that a request to another host could use.
        await held.enter_async_context(self._host_locks.setdefault(host.lower(), asyncio.Lock()))
        try:
            await held.enter_async_context(self._slots)
            loop = asyncio.get_running_loop()
            deadline = loop.time() + self._deadline
            try:
                # httpcore connects to the IDNA (ASCII) form of the name
                pinned = _PINNED.set((request.url.raw_host.decode("ascii"), checked))
                try:
                    async with asyncio.timeout_at(deadline):
                        response = await self._inner.handle_async_request(request)
                finally:
                    _PINNED.reset(pinned)
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
