"""The faces every chart is drawn in: NanumGothic for Hangul (registered by path from
koreanize-matplotlib, without importing it), DejaVu Sans for anything it lacks."""

from __future__ import annotations

import importlib.util
import logging
from pathlib import Path

from matplotlib.font_manager import FontProperties, fontManager

log = logging.getLogger(__name__)

_KOREAN_FAMILY = "NanumGothic"
# Hangul comes from NanumGothic; anything it lacks falls back glyph-by-glyph to DejaVu Sans,
# which matplotlib always ships.
FONT_FAMILIES: tuple[str, ...] = (_KOREAN_FAMILY, "DejaVu Sans")


def korean_font_file() -> Path | None:
    """NanumGothic (regular) from koreanize-matplotlib, also served to the status page."""
    spec = importlib.util.find_spec("koreanize_matplotlib")
    locations = spec.submodule_search_locations if spec is not None else None
    if not locations:
        return None
    path = Path(next(iter(locations))) / "fonts" / "NanumGothic.ttf"
    return path if path.is_file() else None


def _register_korean_fonts() -> bool:
    """Register koreanize-matplotlib's NanumGothic files by path, without importing it.

    Importing ``koreanize_matplotlib`` (which ``importlib.resources.files`` would do) runs its
    ``koreanize()``: that rewrites the global ``rcParams`` and warns about distutils.
    ``find_spec`` only locates the package directory.
    """
    spec = importlib.util.find_spec("koreanize_matplotlib")
    locations = spec.submodule_search_locations if spec is not None else None
    if not locations:
        log.warning("koreanize-matplotlib not found; Korean text on charts will not render")
        return False
    fonts_dir = Path(next(iter(locations))) / "fonts"
    registered = False
    # Regular (400) for body text; ExtraBold is the file that declares weight 700 ("bold"), so
    # the bold title matches exactly in both NanumGothic and DejaVu Sans and findfont does not
    # log a "Failed to find font weight" warning.
    for name in ("NanumGothic.ttf", "NanumGothicExtraBold.ttf"):
        path = fonts_dir / name
        if path.is_file():
            fontManager.addfont(str(path))
            registered = True
        else:
            log.warning("font file missing: %s", path)
    return registered


KOREAN_FONT_AVAILABLE = _register_korean_fonts()


def font(size: float, *, weight: str = "normal") -> FontProperties:
    return FontProperties(family=list(FONT_FAMILIES), size=size, weight=weight)
