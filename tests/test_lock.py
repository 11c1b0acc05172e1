"""The lock files pin every dependency of pyproject.toml, with hashes, and agree with each other."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def pins(lock: str) -> dict[str, str]:
    """name -> version of every `name==version \\` line, each followed by its hashes."""
    body = (ROOT / lock).read_text(encoding="utf-8")
    found: dict[str, str] = {}
    for block in re.split(r"\n(?=[A-Za-z0-9])", body):
        head = re.match(r"([A-Za-z0-9_.-]+)==(\S+)", block)
        if head:
            assert "--hash=sha256:" in block, f"{head.group(1)} in {lock} has no hash"
            found[canonical(head.group(1))] = head.group(2)
    return found


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def names(requirements: list[str]) -> set[str]:
    return {canonical(re.match(r"[A-Za-z0-9_.-]+", r).group(0)) for r in requirements}  # type: ignore[union-attr]


def test_every_dependency_is_pinned_with_hashes() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime, dev = pins("requirements.lock"), pins("requirements-dev.lock")
    assert names(project["dependencies"]) <= set(runtime)
    assert names(project["dependencies"] + project["optional-dependencies"]["dev"]) <= set(dev)
    assert {name: dev[name] for name in runtime} == runtime  # the same versions in both


def test_setup_installs_from_the_lock_with_hashes_and_not_editable() -> None:
    setup = (ROOT / "scripts" / "setup.sh").read_text(encoding="utf-8")
    assert "--require-hashes" in setup and "requirements-dev.lock" in setup
    assert " -e " not in setup
