"""How deep a page nests, found by one linear scan before any parser sees it.

Lexbor (selectolax) takes time quadratic in nesting depth: 40,000 nested `<div>` cost ~4 s,
100,000 ~55 s. A real page nests tens deep; a page that opens more than `MAX_HTML_DEPTH`
elements without closing them is refused before it is parsed (Reason.TOO_COMPLEX).

Counted: every start tag of an element that needs an end tag. Not counted: void elements
(`<br>`, `<img>`, ...) and those whose end tag may be left out (`<p>`, `<li>`, `<td>`, ...), which a
parser closes by itself; comments and the text of `<script>`, `<style>`, `<textarea>`, `<title>`
are skipped. An end tag closes the innermost open element of its name and everything opened
inside it, as a parser does; an end tag with no open element of its name is ignored, as a parser
ignores it (so `<div></x>` repeated nests deeper and deeper, it does not stay at depth 1). Each
element is opened and closed once, so the scan stays linear whatever the page holds.
"""

from __future__ import annotations

import re
from typing import Final

MAX_HTML_DEPTH: Final = 1_000

_TAG: Final = re.compile(r"<(?:(/?)([A-Za-z][A-Za-z0-9:-]*)|!--)")
_VOID: Final = "area base br col embed hr img input keygen link meta param source track wbr"
_OPTIONAL_END: Final = "p li dt dd tr td th option optgroup thead tbody tfoot colgroup rt rp"
_UNCOUNTED: Final = frozenset(f"{_VOID} {_OPTIONAL_END} caption rb rtc html head body".split())
_RAW_TEXT: Final = frozenset({"script", "style", "textarea", "title", "xmp", "plaintext"})


def html_depth(text: str, limit: int = MAX_HTML_DEPTH) -> int:
    """The deepest run of unclosed counted elements, scanning no further once it passes `limit`."""
    lowered = text.lower()
    deepest = 0
    stack: list[str] = []  # the open counted elements, outermost first
    open_count: dict[str, int] = {}  # how many of each name are on the stack
    pos = 0
    while (m := _TAG.search(lowered, pos)) is not None:
        pos = m.end()
        name = m.group(2)
        if name is None:  # <!-- ... -->
            end = lowered.find("-->", pos)
            if end < 0:
                break
            pos = end + 3
            continue
        if name in _UNCOUNTED:
            continue
        if m.group(1):
            if open_count.get(name, 0) > 0:  # else a stray end tag, ignored by parsers
                while (closed := stack.pop()) != name:
                    open_count[closed] -= 1
                open_count[name] -= 1
            continue
        if name in _RAW_TEXT:
            end = lowered.find(f"</{name}", pos)
            if end < 0:
                break
            pos = end
            continue
        stack.append(name)
        open_count[name] = open_count.get(name, 0) + 1
        if len(stack) > deepest:
            deepest = len(stack)
            if deepest > limit:
                break
    return deepest


def too_deep(text: str, limit: int = MAX_HTML_DEPTH) -> str | None:
    """Why the page is refused before parsing, or None when it may be parsed."""
    if html_depth(text, limit) > limit:
        return f"the page nests more than {limit:,} elements deep"
    return None
