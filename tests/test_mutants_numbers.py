"""Rules of numbers pinned exactly where mutation testing found them loose."""

from __future__ import annotations
