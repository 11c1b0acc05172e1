"""The fake Bot API (bot/demo/bot_api/) in a process of its own, for the load benches: the bot
talks to it over loopback HTTP as it would to Telegram, and neither its parsing of multi-MB
multipart uploads (pure Python, holding the GIL) nor what it keeps is counted as the bot's.

python -m bench.bot_api_process   prints the fake's URL on its first line, then answers one JSON
line per JSON line on its stdin ({"op": "sent"}, {"op": "clear"}, {"op": "limits", ...},
{"op": "latency", ...}); it stops when its stdin closes. Documents are kept as size + SHA-256.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import subprocess
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

from bench.harness import TOKEN
from bot.demo.bot_api import FakeTelegramAPI, SentMessage


@dataclass(frozen=True, slots=True)
class Received:
    """One message the fake recorded, without its bytes (an upload: its size and SHA-256)."""

    method: str
    chat_id: int
    message_id: int
    text: str | None
    file_id: str | None
    size: int | None  # None: no upload (a text, or a photo sent again by its file_id)
    sha256: str | None


def _received(sent: SentMessage) -> dict[str, Any]:
    return {
        "method": sent.method,
        "chat_id": sent.chat_id,
        "message_id": sent.message_id,
        "text": sent.text,
        "file_id": sent.photo_file_id,
        "size": sent.size,
        "sha256": sent.sha256,
    }


def _answer(api: FakeTelegramAPI, command: dict[str, Any]) -> object:
    op = command["op"]
    if op == "sent":
        return [_received(m) for m in list(api.sent)]
    if op == "clear":
        api.clear()
        return "ok"
    if op == "limits":
        api.set_rate_limits(
            global_per_second=command.get("global_per_second"),
            per_chat_per_minute=command.get("per_chat_per_minute"),
        )
        return "ok"
    if op == "latency":
        api.set_latency(float(command["seconds"]))
        return "ok"
    raise ValueError(f"unknown op {op!r}")


def main() -> None:
    api = FakeTelegramAPI(TOKEN)
    api.keep_documents = False
    with api:
        print(api.root_url, flush=True)
        for line in sys.stdin:
            print(json.dumps(_answer(api, json.loads(line))), flush=True)


class BotApiProcess:
    """The bench's side: the fake's URL, and what it received asked over a pipe."""

    def __init__(self, process: asyncio.subprocess.Process, root_url: str) -> None:
        self.root_url = root_url
        self._process = process
        self._lock = asyncio.Lock()

    async def _ask(self, **command: object) -> Any:
        stdin, stdout = self._process.stdin, self._process.stdout
        assert stdin is not None and stdout is not None
        async with self._lock:
            stdin.write(json.dumps(command).encode() + b"\n")
            await stdin.drain()
            return json.loads(await stdout.readline())

    async def sent(self) -> list[Received]:
        return [Received(**m) for m in await self._ask(op="sent")]

    async def messages_to(self, chat_id: int) -> list[Received]:
        return [m for m in await self.sent() if m.chat_id == chat_id]

    async def clear(self) -> None:
        await self._ask(op="clear")

    async def set_rate_limits(
        self, *, global_per_second: float | None, per_chat_per_minute: int | None
    ) -> None:
        await self._ask(
            op="limits",
            global_per_second=global_per_second,
            per_chat_per_minute=per_chat_per_minute,
        )

    async def set_latency(self, seconds: float) -> None:
        await self._ask(op="latency", seconds=seconds)


@contextlib.asynccontextmanager
async def bot_api_process() -> AsyncIterator[BotApiProcess]:
    """The fake Bot API started in its own process, stopped (stdin closed) afterwards."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bench.bot_api_process",
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        limit=1 << 26,  # one answer is one line: every message of a scenario
    )
    assert process.stdout is not None and process.stdin is not None
    try:
        root_url = (await process.stdout.readline()).decode().strip()
        if not root_url:
            raise RuntimeError("the fake Bot API process did not start")
        yield BotApiProcess(process, root_url)
    finally:
        process.stdin.close()
        try:
            await asyncio.wait_for(process.wait(), 10)
        except TimeoutError:
            process.kill()
            await process.wait()


if __name__ == "__main__":
    main()
