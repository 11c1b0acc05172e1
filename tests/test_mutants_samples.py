"""Rules of samples pinned exactly where mutation testing found them loose."""

from __future__ import annotations
