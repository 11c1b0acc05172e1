"""parse_mode validation (ported in spirit from tdlib's MessageEntity.cpp): Telegram refuses
malformed HTML/MarkdownV2 with 400 "can't parse entities", and so does the fake."""

from __future__ import annotations

import re
from typing import Any

from bot.demo.bot_api.errors import ApiError

_HTML_TAGS = frozenset(
    {
        "a",
        "b",
        "strong",
        "i",
        "em",
        "s",
        "strike",
        "del",
        "u",
        "ins",
        "tg-spoiler",
        "tg-emoji",
        "span",
        "pre",
        "code",
        "blockquote",
    }
)


_HTML_ENTITY_RE = re.compile(r"&(#[0-9]{1,7}|#x[0-9a-fA-F]{1,6}|lt|gt|amp|quot);")


_HTML_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}


def _byte_offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-8"))


def _entity_error(detail: str) -> ApiError:
    return ApiError(400, f"Bad Request: can't parse entities: {detail}")


def _parse_html(text: str) -> str:
    """Why: Telegram rejects any '<' that is not a supported tag; bots often forget escaping."""
    out: list[str] = []
    stack: list[str] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "&":
            m = _HTML_ENTITY_RE.match(text, i)
            if m:
                ref = m.group(1)
                if ref.startswith("#x"):
                    out.append(chr(int(ref[2:], 16)))
                elif ref.startswith("#"):
                    out.append(chr(int(ref[1:])))
                else:
                    out.append(_HTML_NAMED[ref])
                i = m.end()
                continue
        if c != "<":
            out.append(c)
            i += 1
            continue
        begin = i
        i += 1
        if i < n and text[i] != "/":
            j = i
            while j < n and not text[j].isspace() and text[j] != ">":
                j += 1
            if j >= n:
                raise _entity_error(
                    f"Unclosed start tag at byte offset {_byte_offset(text, begin)}"
                )
            tag = text[i:j].lower()
            if tag not in _HTML_TAGS:
                raise _entity_error(
                    f'Unsupported start tag "{tag}" at byte offset {_byte_offset(text, begin)}'
                )
            k, quote = j, ""
            while k < n and (quote or text[k] != ">"):
                if text[k] in "\"'" and (not quote or quote == text[k]):
                    quote = "" if quote else text[k]
                k += 1
            if k >= n:
                raise _entity_error(
                    f"Unclosed start tag at byte offset {_byte_offset(text, begin)}"
                )
            attrs = text[j:k]
            if tag == "span" and not re.search(r"class\s*=\s*[\"']?tg-spoiler", attrs):
                raise _entity_error('Tag "span" must have class "tg-spoiler"')
            stack.append(tag)
            i = k + 1
        else:
            j = i + 1
            while j < n and text[j] != ">":
                j += 1
            if j >= n:
                raise _entity_error(f"Unclosed end tag at byte offset {_byte_offset(text, begin)}")
            tag = text[i + 1 : j].strip().lower()
            if not stack:
                raise _entity_error(
                    f"Unexpected end tag at byte offset {_byte_offset(text, begin)}"
                )
            if tag and tag != stack[-1]:
                raise _entity_error(
                    f"Unmatched end tag at byte offset {_byte_offset(text, begin)}, "
                    f'expected "</{stack[-1]}>", found "</{tag}>"'
                )
            stack.pop()
            i = j + 1
    if stack:
        raise _entity_error(f'Can\'t find end tag corresponding to start tag "{stack[-1]}"')
    return "".join(out)


_MDV2_RESERVED = "_*[]()~`>#+-=|{}.!"


_MDV2_NAMES = {
    "*": "Bold",
    "_": "Italic",
    "__": "Underline",
    "~": "Strikethrough",
    "||": "Spoiler",
    "`": "Code",
    "```": "Pre",
    "[": "TextUrl",
    "![": "CustomEmoji",
}


def _parse_markdown_v2(text: str) -> str:
    """Why: MarkdownV2 rejects unescaped '.', '-', '!' ... - the classic production 400."""
    out: list[str] = []
    stack: list[tuple[str, int]] = []  # (markup, byte offset)
    i, n = 0, len(text)
    at_line_start = True
    while i < n:
        c = text[i]
        if c == "\\" and i + 1 < n and ord(text[i + 1]) <= 126:
            out.append(text[i + 1])
            i += 2
            at_line_start = False
            continue
        in_code = bool(stack) and stack[-1][0] in ("`", "```")
        reserved = "`" if in_code else _MDV2_RESERVED
        if c not in reserved:
            out.append(c)
            at_line_start = c == "\n"
            i += 1
            continue
        top = stack[-1][0] if stack else ""
        closes = (
            (top == "*" and c == "*")
            or (top == "_" and c == "_" and text[i + 1 : i + 2] != "_")
            or (top == "__" and text.startswith("__", i))
            or (top == "~" and c == "~")
            or (top == "||" and text.startswith("||", i))
            or (top == "`" and c == "`")
            or (top == "```" and text.startswith("```", i))
            or (top in ("[", "![") and c == "]")
        )
        offset = _byte_offset(text, i)
        if closes:
            stack.pop()
            i += len(top) if top in ("__", "||", "```") else 1
            if top in ("[", "![") and text[i : i + 1] == "(":
                j = i + 1
                while j < n and text[j] != ")":
                    j += 2 if text[j] == "\\" else 1
                if j >= n:
                    raise _entity_error(f"Can't find end of a URL at byte offset {offset}")
                i = j + 1
            at_line_start = False
            continue
        if c == "_":
            markup = "__" if text.startswith("__", i) else "_"
        elif c in "*~[":
            markup = c
        elif c == "|" and text.startswith("||", i):
            markup = "||"
        elif c == "`":
            markup = "```" if text.startswith("```", i) else "`"
        elif c == "!" and text.startswith("![", i):
            markup = "!["
        elif c == ">" and at_line_start:
            i += 1  # blockquote marker: no closing needed
            at_line_start = False
            continue
        else:
            raise _entity_error(
                f"Character '{c}' is reserved and must be escaped with the preceding '\\'"
            )
        stack.append((markup, offset))
        i += len(markup)
        if markup == "```":  # optional language up to the first newline
            nl = text.find("\n", i)
            if nl != -1 and not text[i:nl].strip().count(" "):
                i = nl + 1
        at_line_start = False
    if stack:
        markup, offset = stack[-1]
        raise _entity_error(
            f"Can't find end of {_MDV2_NAMES[markup]} entity at byte offset {offset}"
        )
    return "".join(out)


def _parse_markdown(text: str) -> str:
    """Legacy Markdown: unclosed '_', '*', '`' or '[' (e.g. a bare user_name) is a 400."""
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "\\" and i + 1 < n and text[i + 1] in "_*`[":
            out.append(text[i + 1])
            i += 2
            continue
        if c not in "_*`[":
            out.append(c)
            i += 1
            continue
        closer = "```" if text.startswith("```", i) else ("]" if c == "[" else c)
        start = i + len(closer) if closer == "```" else i + 1
        end = text.find(closer, start)
        if end == -1:
            raise _entity_error(
                f"Can't find end of the entity starting at byte offset {_byte_offset(text, i)}"
            )
        out.append(text[start:end])
        i = end + len(closer)
        if c == "[" and text[i : i + 1] == "(":
            close = text.find(")", i)
            i = n if close == -1 else close + 1
    return "".join(out)


def plain_text(text: str, parse_mode: Any) -> str:
    mode = str(parse_mode).lower() if parse_mode else ""
    if not mode:
        return text
    if mode == "html":
        return _parse_html(text)
    if mode == "markdownv2":
        return _parse_markdown_v2(text)
    if mode == "markdown":
        return _parse_markdown(text)
    raise ApiError(400, f"Bad Request: unsupported parse_mode {parse_mode}")
