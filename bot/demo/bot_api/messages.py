"""Messages: text the bot sends, edits and deletes, and its chat actions."""

from __future__ import annotations

import time

from bot.demo.bot_api.errors import ApiError
from bot.demo.bot_api.state import NOT_MODIFIED_TEXT, ApiState, JSONDict, SentMessage, inline_markup

_CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)


class Messages(ApiState):
    """sendMessage, editMessageText, deleteMessage, sendChatAction."""

    def _send_message(self, method: str, params: JSONDict) -> JSONDict:
        chat = self._target_chat(method, params)
        text, plain = self._text_of(params, "text", 4096, "message is too long")
        if not plain.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        self._check_rate(chat, params)
        message = self._bot_message(chat, {"text": plain, **inline_markup(params)})
        self._record(SentMessage.of(message, method, params, text, plain))
        return message

    def _edit_message_text(self, method: str, params: JSONDict) -> JSONDict:
        chat = self._target_chat(method, params)
        text, plain = self._text_of(params, "text", 4096, "message is too long")
        if not plain.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        with self._lock:
            message = self._messages.get((chat["id"], int(params.get("message_id") or 0)))
            if message is None:
                raise ApiError(400, "Bad Request: message to edit not found")
            if "text" not in message:
                raise ApiError(400, "Bad Request: there is no text in the message to edit")
            markup = inline_markup(params)
            if message.get("text") == plain and message.get("reply_markup") == markup.get(
                "reply_markup"
            ):
                raise ApiError(400, NOT_MODIFIED_TEXT)
            message["text"] = plain
            message.pop("reply_markup", None)
            message.update(markup)
            message["edit_date"] = int(time.time())
            edited = dict(message)
        self._show(SentMessage.of(edited, method, params, text, plain))
        return edited

    def _delete_message(self, method: str, params: JSONDict) -> bool:
        chat = self._target_chat(method, params)
        with self._lock:
            key = (chat["id"], int(params.get("message_id") or 0))
            if self._messages.pop(key, None) is None:
                raise ApiError(400, "Bad Request: message to delete not found")
        return True

    def _send_chat_action(self, method: str, params: JSONDict) -> bool:
        self._target_chat(method, params)
        if params.get("action") not in _CHAT_ACTIONS:
            raise ApiError(400, "Bad Request: wrong parameter action in request")
        return True
