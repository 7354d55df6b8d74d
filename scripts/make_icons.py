"""Draw the PNG icons (favicon, apple-touch-icon, the web manifest's) from img/favicon.svg.

Run again after changing the brand mark: `.venv/bin/python scripts/make_icons.py`.
Uses the Chromium the browser tests use (CHROMIUM_PATH, default /usr/bin/chromium)."""

from __future__ import annotations

import base64
import os
from pathlib import Path

from playwright.sync_api import sync_playwright

IMG = Path(__file__).resolve().parent.parent / "pmplanner" / "static" / "img"
# name: (size in pixels, padding around the mark as a share of the size)
ICONS = {
    "favicon-32.png": (32, 0),
    "apple-touch-icon.png": (180, 0.12),  # iOS rounds the corners itself: the mark sits on a full square
    "icon-192.png": (192, 0),
    "icon-512.png": (512, 0),
    "icon-maskable-512.png": (512, 0.2),  # Android crops maskable icons to a circle: keep the mark inside it
}
BACKGROUND = "#4f46e5"


def main() -> None:
    svg = (IMG / "favicon.svg").read_bytes()
    source = "data:image/svg+xml;base64," + base64.b64encode(svg).decode()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
        page = browser.new_page()
        for name, (size, padding) in ICONS.items():
            inset = round(size * padding)
            fill = f"background:{BACKGROUND};" if padding else ""
            page.set_viewport_size({"width": size, "height": size})
            page.set_content(
                f'<body style="margin:0;{fill}"><img src="{source}" '
                f'style="display:block;margin:{inset}px;width:{size - 2 * inset}px;height:{size - 2 * inset}px"></body>'
            )
            page.screenshot(path=IMG / name, omit_background=not padding)
            print(f"{name}: {size}x{size}, {(IMG / name).stat().st_size} bytes")
        browser.close()


if __name__ == "__main__":
    main()
