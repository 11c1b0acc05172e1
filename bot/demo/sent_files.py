"""What the bot sends in the demo, as the terminal shows it: text, and files kept in a folder.

The local Bot API (bot/demo/bot_api) records each send and edit; this watcher turns each one into
a `Sent` for the terminal, writing photos and documents to the demo's folder first (a chart sent
again by its file id is the file written the first time).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bot.demo.bot_api import SentMessage, UploadedFile


@dataclass(frozen=True)
class Sent:
    """What the bot sent to the chat: text, or a file saved at `path` with its caption."""

    method: str
    text: str | None
    path: Path | None = None
    message_id: int = 0
    buttons: tuple[tuple[str, str], ...] = ()  # (label, callback data) under the message


class SentFiles:
    """A watcher of the local Bot API (`api.watchers.append(SentFiles(folder, on_sent))`)."""

    def __init__(self, folder: Path, on_sent: Callable[[Sent], None]) -> None:
        self.folder = folder
        self.on_sent = on_sent
        self._lock = threading.Lock()
        self._next = 1
        self._by_file_id: dict[str, Path] = {}

    def __call__(self, sent: SentMessage) -> None:
        text = sent.plain_text if sent.plain_text is not None else sent.text
        path = self._keep(sent)
        self.on_sent(Sent(sent.method, text, path, sent.message_id, _buttons(sent)))

    def _keep(self, sent: SentMessage) -> Path | None:
        if sent.photo is None:
            with self._lock:
                return self._by_file_id.get(sent.photo_file_id or "")
        with self._lock:
            n = self._next
            self._next += 1
        upload = sent.params.get("document")
        if isinstance(upload, UploadedFile):
            path = self.folder / f"{n}-{Path(upload.filename or 'file').name}"
        elif sent.photo.startswith(b"\x89PNG"):
            path = self.folder / f"chart-{n}.png"
        else:
            path = self.folder / f"file-{n}.bin"
        path.write_bytes(sent.photo)
        if sent.photo_file_id:
            with self._lock:
                self._by_file_id[sent.photo_file_id] = path
        return path


def _buttons(sent: SentMessage) -> tuple[tuple[str, str], ...]:
    """The message's inline buttons that answer a press (not links), row by row."""
    markup = sent.params.get("reply_markup")
    if not isinstance(markup, dict):
        return ()
    return tuple(
        (str(button.get("text", "")), str(button["callback_data"]))
        for row in markup.get("inline_keyboard", [])
        for button in row
        if isinstance(button, dict) and button.get("callback_data") is not None
    )
