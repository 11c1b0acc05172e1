"""The load for bench/load_export.py, in a process of its own (its CPU is not the bot's loop):

    python -m bench.load_client get URL CLIENTS SECONDS     closed-loop GETs (SECONDS 0: once each)
    python -m bench.load_client idle URL CONNECTIONS SECONDS open sockets that send nothing

Each client binds its own loopback address (127.0.0.2, .3, ...): clients, not one client.
Prints one JSON line: statuses, bytes, latencies, or how the idle connections ended.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from collections import Counter
from urllib.parse import urlsplit

import aiohttp


def _address(i: int) -> str:
    return f"127.0.{2 + i // 250}.{2 + i % 250}"


async def get(url: str, clients: int, seconds: float) -> dict[str, object]:
    statuses: Counter[str] = Counter()
    times: list[float] = []
    size = [0]
    started = time.perf_counter()
    deadline = started + seconds

    async def client(i: int) -> None:
        connector = aiohttp.TCPConnector(limit=1, local_addr=(_address(i), 0))
        timeout = aiohttp.ClientTimeout(total=300)
        async with aiohttp.ClientSession(connector=connector, timeout=timeout) as http:
            while True:
                t = time.perf_counter()
                try:
                    async with http.get(url) as r:
                        async for chunk in r.content.iter_chunked(1 << 16):
                            size[0] += len(chunk)
                        statuses[str(r.status)] += 1
                except (aiohttp.ClientError, TimeoutError) as exc:
                    statuses[type(exc).__name__] += 1
                times.append(time.perf_counter() - t)
                if time.perf_counter() >= deadline:
                    return

    await asyncio.gather(*(client(i) for i in range(clients)))
    return {
        "statuses": dict(statuses),
        "bytes": size[0],
        "times": times,
        "wall": time.perf_counter() - started,
    }


async def idle(url: str, connections: int, seconds: float) -> dict[str, object]:
    parts = urlsplit(url)
    ends: Counter[str] = Counter()
    closed_after: list[float] = []
    started = time.perf_counter()

    async def one(i: int) -> None:
        try:
            reader, writer = await asyncio.open_connection(
                parts.hostname, parts.port, local_addr=(_address(i % 1000), 0)
            )
        except OSError as exc:
            ends[f"refused ({type(exc).__name__})"] += 1
            return
        try:
            first = await asyncio.wait_for(reader.read(64), seconds)
            ends["told 503" if b" 503 " in first else "closed by the bot"] += 1
            closed_after.append(time.perf_counter() - started)
        except TimeoutError:
            ends["still open"] += 1
        except OSError:
            ends["reset"] += 1
        finally:
            writer.close()

    await asyncio.gather(*(one(i) for i in range(connections)))
    return {"ends": dict(ends), "closed_after": sorted(closed_after)}


def main() -> None:
    mode, url, count, seconds = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
    work = get if mode == "get" else idle
    print(json.dumps(asyncio.run(work(url, count, seconds))))


if __name__ == "__main__":
    main()
