"""Files: photos and documents the bot uploads or resends by file id, and downloading them."""

from __future__ import annotations

import dataclasses
import time
from urllib.parse import unquote

from bot.demo.bot_api.errors import (
    ApiError,
    HTTPAnswer,
    error_body,
    json_reply,
)
from bot.demo.bot_api.state import (
    NOT_MODIFIED_TEXT,
    ApiState,
    JSONDict,
    Photo,
    SentMessage,
    inline_markup,
)
from bot.demo.bot_api.wire import UploadedFile, image_size


class Files(ApiState):
    """sendPhoto, sendDocument, editMessageMedia, getFile and the file download route."""

    def _send_photo(self, method: str, params: JSONDict) -> JSONDict:
        chat = self._target_chat(method, params)
        caption, plain = self._text_of(params, "caption", 1024, "message caption is too long")
        photo_param = params.get("photo")
        if isinstance(photo_param, str) and photo_param.startswith("attach://"):
            photo_param = params.get(photo_param[len("attach://") :])
        data: bytes | None = None
        if isinstance(photo_param, UploadedFile):
            if not photo_param.data:
                raise ApiError(400, "Bad Request: file must be non-empty")
            data = photo_param.data
            photo = self._store_photo(data, image_size(data))
            file_id = photo.sizes[-1]["file_id"]
        elif isinstance(photo_param, str) and photo_param:
            with self._lock:
                known = self._photos.get(photo_param)
            if known is not None:
                photo, file_id = known, photo_param
            elif photo_param.startswith(("http://", "https://")):
                photo = self._store_photo(None, (800, 600))
                file_id = photo.sizes[-1]["file_id"]
            else:
                raise ApiError(400, "Bad Request: wrong file identifier/HTTP URL specified")
        else:
            raise ApiError(400, "Bad Request: there is no photo in the request")
        self._check_rate(chat, params)
        extra: JSONDict = {"photo": [dict(s) for s in photo.sizes]}
        if caption:
            extra["caption"] = plain
        extra.update(inline_markup(params))
        message = self._bot_message(chat, extra)
        self._record(
            SentMessage.of(
                message, method, params, caption, plain, kept=data, file_id=file_id, upload=data
            )
        )
        return message

    def _send_document(self, method: str, params: JSONDict) -> JSONDict:
        """An uploaded file (recorded in `photo`, its bytes; `params["document"]` its part), or
        by its size and SHA-256 alone when `keep_documents` is off."""
        chat = self._target_chat(method, params)
        caption, plain = self._text_of(params, "caption", 1024, "message caption is too long")
        document = params.get("document")
        field = "document"
        if isinstance(document, str) and document.startswith("attach://"):
            field = document[len("attach://") :]
            document = params.get(field)
        if not isinstance(document, UploadedFile):
            raise ApiError(400, "Bad Request: there is no document in the request")
        if not document.data:
            raise ApiError(400, "Bad Request: file must be non-empty")
        self._check_rate(chat, params)
        with self._lock:
            n = self._next_file
            self._next_file += 1
        extra: JSONDict = {
            "document": {
                "file_id": f"BQACAgIAAxkDAAIB{n:08d}FakeDocFileId",
                "file_unique_id": f"AgAD{n:08d}",
                "file_name": document.filename or "file",
                "mime_type": document.content_type,
                "file_size": len(document.data),
            }
        }
        if caption:
            extra["caption"] = plain
        message = self._bot_message(chat, extra)
        kept = document.data if self.keep_documents else None
        if kept is None:  # `params` is also the entry in `calls`: the bytes go from both
            params[field] = dataclasses.replace(document, data=b"")
        self._record(
            SentMessage.of(message, method, params, caption, plain, kept=kept, upload=document.data)
        )
        return message

    def _store_photo(self, data: bytes | None, size: tuple[int, int]) -> Photo:
        """Make Telegram-like PhotoSizes (thumbnails + original); any of their ids resends."""
        width, height = size
        longest = max(width, height, 1)
        targets = [t for t in (90, 320, 800) if t < longest] + [min(longest, 2560)]
        with self._lock:
            sizes: list[JSONDict] = []
            for target in targets:
                n = self._next_file
                self._next_file += 1
                scale = target / longest
                sizes.append(
                    {
                        "file_id": f"AgACAgIAAxkDAAIB{n:08d}FakePhotoFileId",
                        "file_unique_id": f"AQAD{n:08d}",
                        "width": max(1, round(width * scale)),
                        "height": max(1, round(height * scale)),
                        "file_size": len(data) if data and target == targets[-1] else 1000 * n,
                    }
                )
            photo = Photo(sizes=sizes, data=data, file_path=f"photos/file_{self._next_file}.jpg")
            for s in sizes:
                self._photos[s["file_id"]] = photo
            if data is not None:
                self._files_by_path[photo.file_path] = data
        return photo

    def _edit_message_media(self, method: str, params: JSONDict) -> JSONDict:
        """editMessageMedia with an InputMediaPhoto: by file_id, URL or upload (attach://)."""
        chat = self._target_chat(method, params)
        media = params.get("media")
        if not isinstance(media, dict) or media.get("type") != "photo":
            raise ApiError(400, "Bad Request: can't parse InputMedia: media type invalid")
        caption, plain = self._text_of(media, "caption", 1024, "message caption is too long")
        ref = media.get("media")
        if isinstance(ref, str) and ref.startswith("attach://"):
            ref = params.get(ref[len("attach://") :])
        uploaded: bytes | None = None
        if isinstance(ref, UploadedFile):
            if not ref.data:
                raise ApiError(400, "Bad Request: file must be non-empty")
            uploaded = ref.data
            photo = self._store_photo(ref.data, image_size(ref.data))
            file_id = photo.sizes[-1]["file_id"]
        elif isinstance(ref, str) and ref:
            with self._lock:
                known = self._photos.get(ref)
            if known is None:
                raise ApiError(400, "Bad Request: wrong file identifier/HTTP URL specified")
            photo, file_id = known, ref
        else:
            raise ApiError(400, "Bad Request: there is no media in the request")
        with self._lock:
            message = self._messages.get((chat["id"], int(params.get("message_id") or 0)))
            if message is None:
                raise ApiError(400, "Bad Request: message to edit not found")
            markup = inline_markup(params)
            same_photo = any(s["file_id"] == file_id for s in message.get("photo", []))
            if (
                same_photo
                and message.get("caption", "") == plain
                and message.get("reply_markup") == markup.get("reply_markup")
            ):
                raise ApiError(400, NOT_MODIFIED_TEXT)
            message.pop("text", None)
            message.pop("reply_markup", None)
            message.pop("caption", None)
            message["photo"] = [dict(s) for s in photo.sizes]
            if caption:
                message["caption"] = plain
            message.update(markup)
            message["edit_date"] = int(time.time())
            edited = dict(message)
        self._show(
            SentMessage.of(
                edited,
                method,
                params,
                caption,
                plain,
                kept=photo.data,
                file_id=file_id,
                upload=uploaded,
            )
        )
        return edited

    def _get_file(self, method: str, params: JSONDict) -> JSONDict:
        file_id = str(params.get("file_id") or "")
        with self._lock:
            photo = self._photos.get(file_id)
        if photo is None or photo.data is None:
            raise ApiError(400, "Bad Request: invalid file_id")
        size = next(s for s in photo.sizes if s["file_id"] == file_id)
        return {
            "file_id": file_id,
            "file_unique_id": size["file_unique_id"],
            "file_size": len(photo.data),
            "file_path": photo.file_path,
        }

    def _serve_file(self, rest: str) -> HTTPAnswer:
        token, _, file_path = rest.partition("/")
        if unquote(token) != self.token:
            return json_reply(401, error_body(401, "Unauthorized"))
        with self._lock:
            data = self._files_by_path.get(unquote(file_path))
        if data is None:
            return json_reply(404, error_body(404, "Not Found"))
        return 200, "application/octet-stream", data
