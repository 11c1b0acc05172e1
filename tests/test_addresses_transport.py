"""The SSRF guard and the source transport: private addresses refused (redirects included),
one request at a time per host, a bounded number in flight, one deadline per request."""

from __future__ import annotations

import asyncio
import ipaddress
from collections import defaultdict
from collections.abc import AsyncIterator, Iterable, Sequence
from urllib.parse import urlsplit

import httpcore
import httpx
import pytest

from bot.core.model import Failure
from bot.presentation.texts import said
from bot.sources.addresses import (
    HostProblemError,
    Resolver,
    check_host,
    forbidden_address,
    system_resolver,
    url_port,
    url_problem,
)
from bot.sources.http import Body, get_text
from bot.sources.transport import SourceTransport
from tests.fakes.source_server import Response, SourceServer


@pytest.mark.parametrize(
    ("address", "why"),
    [
        ("127.0.0.1", "loopback"),
        ("127.8.9.10", "loopback"),
        ("::1", "loopback"),
        ("10.1.2.3", "private"),
        ("172.16.0.1", "private"),
        ("192.168.1.1", "private"),
        ("fd12:3456::1", "private"),
        ("169.254.169.254", "cloud metadata"),
        ("169.254.10.10", "link-local"),
        ("fe80::1", "link-local"),
        ("fd00:ec2::254", "cloud metadata"),
        ("100.100.100.200", "cloud metadata"),
        ("100.64.0.1", "not public"),  # carrier-grade NAT
        ("0.0.0.0", "unspecified"),
        ("::", "unspecified"),
        ("240.0.0.1", "reserved"),
        ("224.0.0.1", "multicast"),
        ("::ffff:127.0.0.1", "loopback"),  # IPv4-mapped
        ("::ffff:10.0.0.1", "private"),
        ("2002:7f00:1::", "loopback"),  # 6to4 around 127.0.0.1
        ("93.184.216.34", None),
        ("2606:4700::6810:85e5", None),
        ("8.8.8.8", None),
    ],
)
def test_which_addresses_are_forbidden(address: str, why: str | None) -> None:
    assert forbidden_address(ipaddress.ip_address(address)) == why


@pytest.mark.parametrize(
    ("url", "problem", "english"),
    [
        ("https://example.org/stats", None, None),
        ("http://example.org:8080/x?y=1", None, None),
        ("ftp://example.org/x", "url.scheme", "only http:// and https:// URLs can be sources"),
        ("file:///etc/passwd", "url.scheme", "only http:// and https:// URLs can be sources"),
        (
            "gopher://127.0.0.1:6379/_INFO",
            "url.scheme",
            "only http:// and https:// URLs can be sources",
        ),
        ("http:///nohost", "url.no_host", "the URL has no host"),
        (
            "http://user:pw@example.org/",
            "url.credentials",
            "URLs with a user name or password are not accepted",
        ),
        ("http://example.org:0/", "url.port_zero", "port 0 is not a port"),
        (
            "http://example.org:99999/",
            "url.not_valid",
            "not a valid URL (Port out of range 0-65535)",
        ),
    ],
)
def test_url_problems(url: str, problem: str | None, english: str | None) -> None:
    """Said in the reader's language: the English as it always was, and Korean words too."""
    found = url_problem(url)
    assert (found.key if found is not None else None) == problem
    if found is not None:
        assert said("en", found) == english
        assert said("ko", found) != english


async def refused(
    url: str, *, allow_private: bool, resolve: Resolver = system_resolver
) -> str | None:
    """Why the host of `url` may not be fetched (the guard's words, for logs), or None."""
    assert url_problem(url) is None
    host, port = urlsplit(url).hostname or "", url_port(url)
    try:
        await check_host(host, port, allow_private=allow_private, resolve=resolve)
    except HostProblemError as exc:
        return str(exc)
    return None


async def test_a_name_resolving_to_loopback_is_refused_by_default() -> None:
    problem = await refused("http://localhost:8080/admin", allow_private=False)
    assert problem == "localhost resolves to 127.0.0.1, a loopback address"
    assert await refused("http://localhost:8080/admin", allow_private=True) is None


async def test_every_resolved_address_is_checked() -> None:
    async def round_robin(host: str, port: int) -> Sequence[str]:
        return ["93.184.216.34", "10.0.0.7"]  # one public, one private: refused

    problem = await refused("https://sneaky.example/", allow_private=False, resolve=round_robin)
    assert problem == "sneaky.example resolves to 10.0.0.7, a private address"


async def test_literal_metadata_address_and_unresolvable_names() -> None:
    assert await refused("http://169.254.169.254/latest/meta-data/", allow_private=False) == (
        "169.254.169.254 resolves to 169.254.169.254, a cloud metadata address"
    )
    assert await refused("http://[::1]:8080/", allow_private=False) == (
        "::1 resolves to ::1, a loopback address"
    )
    problem = await refused("http://no-such-host.invalid/", allow_private=False)
    assert problem is not None and problem.startswith("no-such-host.invalid does not resolve")


PUBLIC = "93.184.216.34"


class FakeNetwork(httpcore.AsyncNetworkBackend):
    """The machine's network as the test has it: PUBLIC is this machine (served on loopback)
    when `public_serves`, else unreachable; every address connected to is recorded."""

    def __init__(self, *, public_serves: bool) -> None:
        self._real = httpcore.AnyIOBackend()
        self.public_serves = public_serves
        self.connected: list[str] = []

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,  # noqa: ASYNC109 - httpcore's signature
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        self.connected.append(host)
        if host == PUBLIC:
            if not self.public_serves:
                raise httpcore.ConnectError("no route to host")
            host = "127.0.0.1"
        return await self._real.connect_tcp(host, port, timeout, local_address, socket_options)

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,  # noqa: ASYNC109 - httpcore's signature
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        raise NotImplementedError

    async def sleep(self, seconds: float) -> None:
        await self._real.sleep(seconds)


def transport(
    inner: httpx.AsyncBaseTransport | None = None,
    *,
    allow_private: bool = True,
    concurrency: int = 4,
    deadline: float = 5.0,
    resolve: object = None,
    network: httpcore.AsyncNetworkBackend | None = None,
) -> SourceTransport:
    kwargs = {} if resolve is None else {"resolve": resolve}
    return SourceTransport(
        inner or httpx.AsyncHTTPTransport(),
        allow_private=allow_private,
        concurrency=concurrency,
        deadline_seconds=deadline,
        network=network,
        **kwargs,  # type: ignore[arg-type]
    )


async def test_transport_refuses_private_hosts_by_default(source_server: SourceServer) -> None:
    source_server.set("/x", Response(body=b"<p>1</p>"))
    async with httpx.AsyncClient(transport=transport(allow_private=False)) as client:
        got = await get_text(client, f"{source_server.url}/x")
    assert isinstance(got, Failure)
    assert got.tag == "refused_address"  # permanent, so never retried
    assert "127.0.0.1, a loopback address" in got.detail
    assert source_server.requests == []  # nothing was sent


async def test_a_redirect_into_the_private_network_is_refused(source_server: SourceServer) -> None:
    """The first hop looks public (its resolver says so); the redirect goes to 127.0.0.1."""

    async def says_public(host: str, port: int) -> Sequence[str]:
        return [PUBLIC] if host == "localhost" else ["127.0.0.1"]

    port = source_server.url.rsplit(":", 1)[1]
    source_server.set(
        "/go",
        Response(status=302, headers={"Location": f"http://127.0.0.1:{port}/secret"}),
    )
    source_server.set("/secret", Response(body=b"internal"))
    network = FakeNetwork(public_serves=True)
    client = httpx.AsyncClient(
        transport=transport(allow_private=False, resolve=says_public, network=network),
        follow_redirects=True,
    )
    async with client:
        got = await get_text(client, f"http://localhost:{port}/go")
    assert isinstance(got, Failure)
    assert "127.0.0.1, a loopback address" in got.detail
    assert source_server.requests_to("/go") == 1
    assert source_server.requests_to("/secret") == 0
    assert network.connected == [PUBLIC]


async def test_a_name_that_rebinds_to_loopback_cannot_reach_it(source_server: SourceServer) -> None:
    """The name answers public, then loopback (as the machine's own resolver says of it): the
    connection goes to the address that was checked, and the next lookup is refused."""
    answers = iter([[PUBLIC], ["127.0.0.1"]])
    lookups: list[str] = []

    async def rebinding(host: str, port: int) -> Sequence[str]:
        lookups.append(host)
        return next(answers)

    source_server.set("/secret", Response(body=b"internal"))
    port = source_server.url.rsplit(":", 1)[1]
    network = FakeNetwork(public_serves=False)  # the public address is not this machine
    client = httpx.AsyncClient(
        transport=transport(allow_private=False, resolve=rebinding, network=network)
    )
    async with client:
        first = await get_text(client, f"http://localhost:{port}/secret")
        second = await get_text(client, f"http://localhost:{port}/secret")
    assert isinstance(first, Failure) and first.tag == "unreachable"
    assert isinstance(second, Failure) and second.tag == "refused_address"
    assert "127.0.0.1, a loopback address" in second.detail
    assert lookups == ["localhost", "localhost"]  # one lookup per request: ours
    assert network.connected == [PUBLIC]  # never 127.0.0.1, which "localhost" is
    assert source_server.requests_to("/secret") == 0


async def test_the_host_name_is_kept_for_the_host_header(source_server: SourceServer) -> None:
    source_server.set("/x", Response(body=b"<p>1</p>"))
    port = source_server.url.rsplit(":", 1)[1]

    async def public(host: str, port: int) -> Sequence[str]:
        return [PUBLIC]

    network = FakeNetwork(public_serves=True)
    client = httpx.AsyncClient(
        transport=transport(allow_private=False, resolve=public, network=network)
    )
    async with client:
        got = await get_text(client, f"http://example.org:{port}/x")
    assert isinstance(got, Body)
    assert network.connected == [PUBLIC]
    assert source_server.requests[0][1]["Host"] == f"example.org:{port}"


class InFlight(httpx.AsyncBaseTransport):
    """Counts requests in flight (until their body is read) per host and in all."""

    def __init__(self) -> None:
        self._inner = httpx.AsyncHTTPTransport()
        self.now = 0
        self.peak = 0
        self.by_host: dict[str, int] = defaultdict(int)
        self.peak_by_host: dict[str, int] = defaultdict(int)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        host = request.url.host
        self.now += 1
        self.by_host[host] += 1
        self.peak = max(self.peak, self.now)
        self.peak_by_host[host] = max(self.peak_by_host[host], self.by_host[host])
        try:
            response = await self._inner.handle_async_request(request)
            body = b"".join([chunk async for chunk in response.stream])  # type: ignore[union-attr]
        finally:
            self.now -= 1
            self.by_host[host] -= 1
        return httpx.Response(response.status_code, headers=response.headers, content=body)

    async def aclose(self) -> None:
        await self._inner.aclose()


async def fetch_many(client: httpx.AsyncClient, urls: list[str]) -> list[Body | Failure]:
    return list(await asyncio.gather(*(get_text(client, url) for url in urls)))


async def test_one_request_at_a_time_per_host(source_server: SourceServer) -> None:
    source_server.set("/slow", Response(body=b"ok", delay=0.15))
    port = source_server.url.rsplit(":", 1)[1]
    counter = InFlight()
    urls = [f"http://{host}:{port}/slow" for host in ("127.0.0.1", "localhost") for _ in range(3)]
    async with httpx.AsyncClient(transport=transport(counter, concurrency=4)) as client:
        results = await fetch_many(client, urls)
    assert all(isinstance(r, Body) for r in results)
    assert dict(counter.peak_by_host) == {"127.0.0.1": 1, "localhost": 1}
    assert counter.peak == 2  # the two hosts were served side by side


async def test_concurrency_is_bounded(source_server: SourceServer) -> None:
    source_server.set("/slow", Response(body=b"ok", delay=0.1))
    port = source_server.url.rsplit(":", 1)[1]
    counter = InFlight()
    urls = [f"http://127.0.0.1:{port}/slow", f"http://localhost:{port}/slow"] * 2
    async with httpx.AsyncClient(transport=transport(counter, concurrency=1)) as client:
        results = await fetch_many(client, urls)
    assert all(isinstance(r, Body) for r in results)
    assert counter.peak == 1


async def test_a_slow_answer_hits_the_deadline(source_server: SourceServer) -> None:
    source_server.set("/hang", Response(body=b"late", delay=2.0))
    client = httpx.AsyncClient(transport=transport(deadline=0.3), timeout=30.0)
    async with client:
        got = await get_text(client, f"{source_server.url}/hang")
    assert isinstance(got, Failure)
    assert got.tag == "timeout"


@pytest.fixture
async def dripping_server() -> AsyncIterator[str]:
    """Answers at once, then sends its body one byte every 0.1 s for 3 s (each read is quick)."""

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.readuntil(b"\r\n\r\n")
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 30\r\n\r\n")
        try:
            for _ in range(30):
                writer.write(b"1")
                await writer.drain()
                await asyncio.sleep(0.1)
        except ConnectionError:
            pass
        finally:
            writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.close()
        await server.wait_closed()


async def test_a_dripping_body_hits_the_deadline(dripping_server: str) -> None:
    client = httpx.AsyncClient(transport=transport(deadline=0.5), timeout=1.0)
    loop = asyncio.get_running_loop()
    started = loop.time()
    async with client:
        got = await get_text(client, f"{dripping_server}/drip")
        # The slot was given back: the same host answers the next request.
        again = await get_text(client, f"{dripping_server}/drip")
    assert isinstance(got, Failure)
    assert got.tag == "timeout"
    assert isinstance(again, Failure)
    assert loop.time() - started < 2.5  # two cut-off requests, not two 3-second bodies
