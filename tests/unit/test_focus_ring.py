"""The focus ring's colours, read from assets/app.css, against the backgrounds it is drawn on.

WCAG 2.4.7 and 1.4.11 ask for a focus indicator with at least 3:1 contrast against the colours
next to it. The ring sits 2px outside the control, so what is next to it is the background: the
page's white, or the navigation bar's carmine (``--brand``). The browser check
(tests/e2e/test_accessibility.py) reads the computed outline of real focused elements; this test
computes the ratios from the stylesheet itself, so a colour change that breaks them fails here.
"""

from __future__ import annotations

import re
from pathlib import Path

CSS = Path(__file__).resolve().parents[2] / "assets" / "app.css"
WHITE = "#ffffff"


def _luminance(hex_colour: str) -> float:
    """WCAG 2 relative luminance of an sRGB ``#rrggbb`` colour."""
    value = hex_colour.lstrip("#")
    channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _css() -> str:
    return re.sub(r"/\*.*?\*/", "", CSS.read_text(encoding="utf-8"), flags=re.S)


def _variables(css: str) -> dict[str, str]:
    return dict(re.findall(r"(--[\w-]+)\s*:\s*(#[0-9a-fA-F]{6})\s*;", css))


def _rules(css: str) -> list[tuple[list[str], str]]:
    """(selectors, declarations) of every plain rule (no nesting in this stylesheet but @media,
    whose inner rules are read the same way)."""
    return [
        ([s.strip() for s in selectors.split(",")], body)
        for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css)
    ]


def _rule_for(selector: str) -> str:
    bodies = [body for selectors, body in _rules(_css()) if selector in selectors]
    assert bodies, f"no rule for {selector} in {CSS.name}"
    return " ".join(bodies)


def test_contrast_formula_matches_known_values() -> None:
    assert round(contrast("#000000", WHITE), 1) == 21.0
    assert round(contrast("#767676", WHITE), 2) == 4.54  # the classic 4.5:1 grey


def test_every_focusable_kind_gets_the_dark_ring_at_least_3_to_1_against_white() -> None:
    variables = _variables(_css())
    ring = variables["--focus-ring"]
    assert contrast(ring, WHITE) >= 3, (ring, contrast(ring, WHITE))
    for selector in (
        "a:focus-visible",
        "button:focus-visible",
        ".btn:focus-visible",
        ".form-check-input:focus-visible",
        ".navbar-toggler:focus-visible",
        "select:focus-visible",
    ):
        body = _rule_for(selector)
        width = re.search(r"outline:\s*(\d+)px\s+solid\s+var\(--focus-ring\)", body)
        assert width and int(width.group(1)) >= 2, (selector, body)
        # Drawn outside the control, on the background the ratio is computed against.
        assert re.search(r"outline-offset:\s*[1-9]\d*px", body), (selector, body)


def test_the_navigation_bar_ring_is_at_least_3_to_1_against_the_bar_red() -> None:
    variables = _variables(_css())
    brand, ring = variables["--brand"], variables["--focus-ring-on-brand"]
    assert _luminance(brand) < 0.1, "the bar is the dark carmine the ring is measured against"
    assert contrast(ring, brand) >= 3, (ring, brand, contrast(ring, brand))
    # The page's own ring would vanish on the red bar: that is why the bar has its own.
    assert contrast(variables["--focus-ring"], brand) < 3
    for selector in (
        ".site-navbar a:focus-visible",
        ".site-navbar .navbar-toggler:focus-visible",
        ".site-navbar .lang-switch:focus-visible",
    ):
        assert re.search(r"outline-color:\s*var\(--focus-ring-on-brand\)", _rule_for(selector))
    bar = _rule_for(".site-navbar.bg-dark")
    assert "var(--brand)" in bar, bar
