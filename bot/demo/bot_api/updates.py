"""Updates: what users do becomes updates, delivered by long polling or to a webhook."""

from __future__ import annotations

import re
import time

from bot.demo.bot_api.errors import ApiError, DropConnectionError
from bot.demo.bot_api.state import ApiState, JSONDict

# Who Telegram says sent a group's anonymous admin's message (with the group as sender_chat).
ANONYMOUS_ADMIN: JSONDict = {
    "id": 1087968824,
    "is_bot": True,
    "first_name": "Group",
    "username": "GroupAnonymousBot",
}


class Updates(ApiState):
    """Driving the bot like users do; getUpdates, setWebhook and their rules."""

    def send_command(
        self,
        text: str,
        *,
        chat_id: int = 1001,
        user_id: int = 1001,
        chat_type: str = "private",
        language_code: str | None = "en",
        first_name: str = "Test",
        username: str | None = "tester",
        edited: bool = False,
        chat_title: str | None = None,
        anonymous: bool = False,
    ) -> int:
        """Enqueue a text message as a user would type it; returns its update_id."""
        return self.send_raw_update(
            self.command_update(
                text,
                chat_id=chat_id,
                user_id=user_id,
                chat_type=chat_type,
                language_code=language_code,
                first_name=first_name,
                username=username,
                edited=edited,
                chat_title=chat_title,
                anonymous=anonymous,
            )
        )

    def command_update(
        self,
        text: str,
        *,
        chat_id: int = 1001,
        user_id: int = 1001,
        chat_type: str = "private",
        language_code: str | None = "en",
        first_name: str = "Test",
        username: str | None = "tester",
        edited: bool = False,
        chat_title: str | None = None,
        anonymous: bool = False,
    ) -> JSONDict:
        """The update a user's text message makes (without an update_id), not enqueued: what
        Telegram would POST to a webhook. In a channel (chat_type "channel") a channel post,
        from the channel itself; `anonymous`: a group's anonymous admin, posting as the group
        (Telegram's GroupAnonymousBot as the sender, the group as sender_chat)."""
        now = int(time.time())
        if chat_type == "private":
            chat: JSONDict = {"id": chat_id, "type": "private", "first_name": first_name}
            if username:
                chat["username"] = username
        else:
            chat = {"id": chat_id, "type": chat_type, "title": chat_title or f"Test {chat_type}"}
            with self._lock:
                known = self.chats.get(chat_id)
            if chat_title is None and known is not None and known["type"] == chat_type:
                chat = dict(known)  # a chat set up with add_chat keeps its name
        user: JSONDict = {"id": user_id, "is_bot": False, "first_name": first_name}
        if username:
            user["username"] = username
        if language_code:
            user["language_code"] = language_code
        with self._lock:
            self.chats[chat_id] = chat
            message: JSONDict = {
                "message_id": self._new_message_id(),
                "date": now,
                "chat": dict(chat),
                "text": text,
            }
        if chat_type == "channel":
            message["sender_chat"] = dict(chat)
            key = "edited_channel_post" if edited else "channel_post"
        elif anonymous:
            message["from"] = dict(ANONYMOUS_ADMIN)
            message["sender_chat"] = dict(chat)
            key = "edited_message" if edited else "message"
        else:
            message["from"] = user
            key = "edited_message" if edited else "message"
        if edited:
            message["edit_date"] = now
        if text.startswith("/"):
            command = re.split(r"\s", text, maxsplit=1)[0]
            length = len(command.encode("utf-16-le")) // 2  # Telegram counts UTF-16 units
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
        return {key: message}

    def pending_updates(self) -> int:
        """Updates the bot has not confirmed yet (confirmed = asked for a later offset)."""
        with self._lock:
            return len(self._updates)

    def _get_updates(self, method: str, params: JSONDict) -> list[JSONDict]:
        """Long poll: confirm below ``offset``, then wait up to ``timeout`` for news."""
        self.polled.set()
        offset = int(params.get("offset") or 0)
        limit = min(max(int(params.get("limit") or 100), 1), 100)
        timeout = max(float(params.get("timeout") or 0), 0.0)
        deadline = time.monotonic() + timeout
        with self._cond:
            if self.webhook is not None:
                raise ApiError(
                    409,
                    "Conflict: can't use getUpdates method while webhook is active; "
                    "use deleteWebhook to delete the webhook first",
                )
            if offset > 0:
                self._updates = [u for u in self._updates if u["update_id"] >= offset]
            elif offset < 0:
                self._updates = self._updates[offset:]
            while True:
                if self._unreachable:
                    raise DropConnectionError
                if self._updates or self._stopping:
                    return list(self._updates[:limit])
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return []
                self._cond.wait(remaining)

    def _set_webhook(self, method: str, params: JSONDict) -> bool:
        url = params.get("url")
        if not isinstance(url, str) or not url.startswith("https://"):
            raise ApiError(400, "Bad Request: bad webhook: An HTTPS URL must be provided")
        secret = params.get("secret_token")
        if secret is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", str(secret)):
            raise ApiError(400, "Bad Request: secret token contains unallowed characters")
        with self._lock:
            self.webhook = dict(params)
        return True

    def _delete_webhook(self, method: str, params: JSONDict) -> bool:
        with self._lock:
            self.webhook = None
            if params.get("drop_pending_updates") is True:
                self._updates.clear()
        return True

    def _get_webhook_info(self, method: str, params: JSONDict) -> JSONDict:
        with self._lock:
            pending = len(self._updates)
            url = self.webhook["url"] if self.webhook else ""
        return {"url": url, "has_custom_certificate": False, "pending_update_count": pending}
