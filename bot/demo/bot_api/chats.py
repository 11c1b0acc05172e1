"""Chats and their members: counts, roles, getChat, and the bot's own profile and menu."""

from __future__ import annotations

import json
import re

from bot.demo.bot_api.errors import ApiError
from bot.demo.bot_api.state import ApiState, JSONDict

_COMMAND_RE = re.compile(r"[a-z0-9_]{1,32}")


class Chats(ApiState):
    """getMe, getChat, getChatMember(Count) and the command menu by scope."""

    def _ok_true(self, method: str, params: JSONDict) -> bool:
        return True

    def _get_me(self, method: str, params: JSONDict) -> JSONDict:
        return {
            **self.bot_user,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": self.supports_inline_queries,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    def _get_chat_member_count(self, method: str, params: JSONDict) -> int:
        raw = params.get("chat_id")
        if isinstance(raw, int) and not isinstance(raw, bool):
            self._target_chat(method, params)  # migrated/forgotten faults apply
        count = self.chat_member_counts.get(str(raw))
        if count is None:
            raise ApiError(400, "Bad Request: chat not found")
        return count

    def _get_chat_member(self, method: str, params: JSONDict) -> JSONDict:
        """A ChatMember as Telegram documents it: "member" unless set in `chat_roles`."""
        chat = self._target_chat(method, params)
        user_id = params.get("user_id")
        if not isinstance(user_id, int):
            raise ApiError(400, "Bad Request: invalid user_id specified")
        status = self.chat_roles.get((chat["id"], user_id), "member")
        user = dict(self.bot_user) if user_id == self.bot_id else self._user(user_id, None, "Test")
        member: JSONDict = {"status": status, "user": user}
        if status == "creator":
            member["is_anonymous"] = False
        elif status == "administrator":
            member.update(
                dict.fromkeys(
                    (
                        "can_be_edited",
                        "is_anonymous",
                        "can_manage_chat",
                        "can_delete_messages",
                        "can_manage_video_chats",
                        "can_restrict_members",
                        "can_promote_members",
                        "can_change_info",
                        "can_invite_users",
                        "can_post_stories",
                        "can_edit_stories",
                        "can_delete_stories",
                    ),
                    False,
                )
            )
            member["can_manage_chat"] = True
            if chat["type"] == "channel":  # a channel's admins may post unless told otherwise
                member.update(can_post_messages=True, can_edit_messages=True)
            member.update(self.chat_rights.get((chat["id"], user_id), {}))
        return member

    def add_chat(
        self, chat_id: int, chat_type: str, title: str, username: str | None = None
    ) -> JSONDict:
        """A group or channel the bot is in; with a username, getChat("@name") finds it."""
        chat: JSONDict = {"id": chat_id, "type": chat_type, "title": title}
        if username:
            chat["username"] = username
        with self._lock:
            self.chats[chat_id] = chat
        return dict(chat)

    def set_role(self, chat_id: int, user_id: int, status: str, **rights: bool) -> None:
        """What getChatMember says of a user (or the bot) in a chat: "creator",
        "administrator", "member", "left"...; `rights` for an administrator."""
        with self._lock:
            self.chat_roles[(chat_id, user_id)] = status
            self.chat_rights[(chat_id, user_id)] = dict(rights)

    def _get_chat(self, method: str, params: JSONDict) -> JSONDict:
        raw = params.get("chat_id")
        if isinstance(raw, str) and raw.startswith("@") and raw in self.chat_member_counts:
            chat: JSONDict = {
                "id": -1000000000000 - (sum(map(ord, raw)) % 10**9),
                "type": "channel",
                "title": raw[1:],
                "username": raw[1:],
            }
        else:
            chat = self._target_chat(method, params)
        return {
            **chat,
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": {
                "unlimited_gifts": False,
                "limited_gifts": False,
                "unique_gifts": False,
                "premium_subscription": False,
                "gifts_from_channels": False,
            },
        }

    @staticmethod
    def _scope_key(params: JSONDict) -> tuple[str, str]:
        scope = params.get("scope") or {"type": "default"}
        return json.dumps(scope, sort_keys=True), str(params.get("language_code") or "")

    def _set_my_commands(self, method: str, params: JSONDict) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list):
            raise ApiError(400, 'Bad Request: parameter "commands" can\'t be parsed as JSON')
        if len(commands) > 100:
            raise ApiError(400, "Bad Request: BOT_COMMANDS_TOO_MUCH")
        for cmd in commands:
            if not isinstance(cmd, dict) or not _COMMAND_RE.fullmatch(str(cmd.get("command"))):
                raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
            description = str(cmd.get("description") or "")
            if not 1 <= len(description) <= 256:
                raise ApiError(400, "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID")
        cleaned = [{"command": c["command"], "description": c["description"]} for c in commands]
        with self._lock:
            self.commands_by_scope[self._scope_key(params)] = cleaned
            self.my_commands = cleaned
        return True

    def _get_my_commands(self, method: str, params: JSONDict) -> list[JSONDict]:
        with self._lock:
            return [dict(c) for c in self.commands_by_scope.get(self._scope_key(params), [])]

    def _delete_my_commands(self, method: str, params: JSONDict) -> bool:
        with self._lock:
            self.commands_by_scope.pop(self._scope_key(params), None)
        return True
