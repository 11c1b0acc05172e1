"""README.md and README.ko.md are kept in step: the same settings, the same commands."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
READMES = ("README.md", "README.ko.md")


def setting_names() -> set[str]:
    lines = (ROOT / ".env.example").read_text(encoding="utf-8").splitlines()
    return {m.group(1) for line in lines if (m := re.match(r"([A-Z][A-Z0-9_]+)=", line))}


def named_settings(body: str) -> set[str]:
    return set(re.findall(r"\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b", body))


def commands(body: str) -> set[str]:
    # `/now`, `/chart 7d`, `/track ...`: a slash not inside a path or a URL, a name not followed
    # by more path (`/app/data`, `/var/lib/channel-counter`).
    return set(re.findall(r"(?<![\w/.:-])/([a-z][a-z_]*)(?![\w/.-])", body))


def read(name: str) -> str:
    return (ROOT / name).read_text(encoding="utf-8")


def test_both_readmes_name_every_setting_of_env_example() -> None:
    names = setting_names()
    assert "TELEGRAM_BOT_TOKEN" in names and len(names) >= 17
    for readme in READMES:
        body = read(readme)
        missing = {n for n in names if f"`{n}`" not in body}
        assert not missing, f"{readme} does not name {sorted(missing)}"
    assert named_settings(read("README.md")) == named_settings(read("README.ko.md"))


def test_both_readmes_name_the_same_commands() -> None:
    english, korean = (commands(read(name)) for name in READMES)
    assert {"now", "chart", "subscribe", "track", "whoami", "status"} <= english
    assert english == korean


def test_each_readme_links_the_other_at_the_top() -> None:
    assert "한국어: [README.ko.md](README.ko.md)" in read("README.md").splitlines()[:4]
    assert "English: [README.md](README.md)" in read("README.ko.md").splitlines()[:4]
