"""Buttons and inline mode: users press and type @bot, the bot answers each query once."""

from __future__ import annotations

import asyncio
import time

from bot.demo.bot_api.errors import ApiError
from bot.demo.bot_api.state import QUERY_TOO_OLD_TEXT, ApiState, JSONDict


class Queries(ApiState):
    """Callback queries and inline queries, asked and answered."""

    def press_button(
        self,
        chat_id: int,
        message_id: int,
        data: str,
        *,
        user_id: int = 1001,
        language_code: str | None = "en",
        first_name: str = "Test",
    ) -> str:
        """A user presses an inline keyboard button (callback_data ``data``) under the bot's
        message; enqueues a ``callback_query`` update and returns the query id. A message the
        fake does not know is sent as an InaccessibleMessage (``date`` 0), as Telegram does."""
        query_id = self._new_query_id()
        with self._lock:
            known = self._messages.get((chat_id, message_id))
            message = (
                dict(known)
                if known is not None
                else {"chat": self._chat_for(chat_id), "message_id": message_id, "date": 0}
            )
            self.callback_answers[query_id] = None
        query: JSONDict = {
            "id": query_id,
            "from": self._user(user_id, language_code, first_name),
            "message": message,
            "chat_instance": f"{abs(chat_id) * 7919}",
            "data": data,
        }
        self.send_raw_update({"callback_query": query})
        return query_id

    def send_inline_query(
        self,
        query: str,
        *,
        user_id: int = 1001,
        language_code: str | None = "en",
        chat_type: str = "private",
    ) -> str:
        """A user types ``@bot query`` in a chat; enqueues an ``inline_query`` update (Telegram
        sends them only when inline mode is on) and returns its id."""
        if not self.supports_inline_queries:
            raise AssertionError("inline mode is off: set supports_inline_queries (/setinline)")
        query_id = self._new_query_id()
        with self._lock:
            self.inline_answers[query_id] = None
        inline: JSONDict = {
            "id": query_id,
            "from": self._user(user_id, language_code, "Test"),
            "query": query,
            "offset": "",
            "chat_type": chat_type,
        }
        self.send_raw_update({"inline_query": inline})
        return query_id

    async def await_answer(
        self,
        answers: dict[str, JSONDict | None],
        query_id: str,
        timeout: float = 10.0,  # noqa: ASYNC109
    ) -> JSONDict:
        """The params of the answer to a callback or inline query, once the bot gave it."""
        deadline = time.monotonic() + timeout
        while True:
            with self._lock:
                answer = answers.get(query_id)
            if answer is not None:
                return answer
            if time.monotonic() >= deadline:
                raise AssertionError(f"query {query_id} not answered in {timeout}s")
            await asyncio.sleep(0.01)

    def _answer_callback_query(self, method: str, params: JSONDict) -> bool:
        query_id = str(params.get("callback_query_id") or "")
        if len(str(params.get("text") or "")) > 200:
            raise ApiError(400, "Bad Request: MESSAGE_TOO_LONG")
        with self._lock:
            if query_id not in self.callback_answers or self.callback_answers[query_id]:
                raise ApiError(400, QUERY_TOO_OLD_TEXT)
            self.callback_answers[query_id] = dict(params)
        return True

    def _answer_inline_query(self, method: str, params: JSONDict) -> bool:
        """Checked as Telegram documents InlineQueryResult: at most 50 results, unique ids of
        1-64 bytes, an article's title and message text, a cached photo's known file id."""
        query_id = str(params.get("inline_query_id") or "")
        results = params.get("results")
        if not isinstance(results, list):
            raise ApiError(400, 'Bad Request: parameter "results" can\'t be parsed as JSON')
        if len(results) > 50:
            raise ApiError(400, "Bad Request: RESULTS_TOO_MUCH")
        ids = [str(r.get("id") or "") for r in results]
        if len(set(ids)) != len(ids) or not all(1 <= len(i.encode()) <= 64 for i in ids):
            raise ApiError(400, "Bad Request: RESULT_ID_INVALID")
        for r in results:
            kind = r.get("type")
            if kind == "article":
                content = r.get("input_message_content") or {}
                if not r.get("title") or not str(content.get("message_text") or "").strip():
                    raise ApiError(400, "Bad Request: MESSAGE_EMPTY")
                self._text_of(content, "message_text", 4096, "MESSAGE_TOO_LONG")
            elif kind == "photo" and "photo_file_id" in r:
                with self._lock:
                    if r["photo_file_id"] not in self._photos:
                        raise ApiError(400, "Bad Request: PHOTO_INVALID")
                self._text_of(r, "caption", 1024, "MEDIA_CAPTION_TOO_LONG")
            else:
                raise ApiError(400, "Bad Request: RESULT_TYPE_INVALID")
        with self._lock:
            if query_id not in self.inline_answers or self.inline_answers[query_id]:
                raise ApiError(400, QUERY_TOO_OLD_TEXT)
            self.inline_answers[query_id] = dict(params)
        return True
