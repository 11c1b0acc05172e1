"""tests/fakes/source_server.py in a process of its own, so the bot's CPU is measured alone.

python -m bench.source_process N   serves the Kakao profile of _xdhKKT and _bench0.._bench{N-1},
prints its URL on the first line, and stops when its stdin closes.
"""

from __future__ import annotations

import sys

from tests.fakes.source_server import SourceServer


def channel(index: int) -> str:
    return f"_bench{index}"


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    with SourceServer() as server:
        server.set_kakao_count("_xdhKKT", 206_912)
        for i in range(count):
            server.set_kakao_count(channel(i), 100_000 + i)
        print(server.url, flush=True)
        sys.stdin.read()


if __name__ == "__main__":
    main()
