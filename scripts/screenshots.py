"""`make screenshots`: the gallery in docs/screenshots/, light and dark, desktop and phone.

Runs the production-mode demo site (bench/demo_site.py: gunicorn, DEBUG off, a
throw-away database with the career content and Maya, who has a result and a
plan), opens each page in Chromium with Playwright at 1280 x 800 and at 390 x
844 (a phone), with the device asking for light and then dark, and saves what
is on screen. PNGs are squeezed with pngquant when it is installed (as root it
is installed with apt-get), so the gallery stays small.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.demo_site import DemoSite, demo_site  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
DEVICES = {
    "desktop": {"viewport": {"width": 1280, "height": 800}, "device_scale_factor": 1},
    "phone": {
        "viewport": {"width": 390, "height": 844},
        "device_scale_factor": 2,
        "is_mobile": True,
        "has_touch": True,
    },
}
THEMES = ("light", "dark")


def assessment_step(page: Page, site: DemoSite) -> None:
    page.goto(site.url + "/assessment/")
    page.get_by_role("button", name="Start the assessment").click()
    page.get_by_role("radio").nth(3).check()


# name: (how to get there, signed in)
PAGES = {
    "home": (lambda page, site: page.goto(site.url + "/"), False),
    "track": (lambda page, site: page.goto(site.url + site.track_path), False),
    "assessment": (assessment_step, False),
    "result": (lambda page, site: page.goto(site.url + site.result_path), True),
    "plan": (lambda page, site: page.goto(site.url + "/plan/"), True),
    "plan-courses": (lambda page, site: page.goto(site.url + "/plan/courses/"), True),
    "home-zh": (lambda page, site: page.goto(site.url + "/zh-hans/"), False),
    "plan-zh": (lambda page, site: page.goto(site.url + "/zh-hans/plan/"), True),
    "sign-up": (lambda page, site: page.goto(site.url + "/accounts/signup/"), False),
    "account": (lambda page, site: page.goto(site.url + "/account/"), True),
}


def pngquant() -> str | None:
    if not shutil.which("pngquant") and os.geteuid() == 0 and shutil.which("apt-get"):
        subprocess.run(["apt-get", "install", "-y", "-qq", "pngquant"], check=False, capture_output=True)  # noqa: S607
    return shutil.which("pngquant")


def squeeze(tool: str | None, path: Path) -> None:
    if tool:
        subprocess.run(  # noqa: S603
            [tool, "--force", "--skip-if-larger", "--strip", "--quality=70-90", "--output", str(path), str(path)],
            check=False,
        )


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.png"):
        old.unlink()
    tool = pngquant()
    if not tool:
        print("pngquant not found: the screenshots are saved without squeezing (apt-get install pngquant).")
    chromium = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    with demo_site() as site, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        for device, options in DEVICES.items():
            for theme in THEMES:
                for signed_in in (False, True):
                    context = browser.new_context(**options, color_scheme=theme)
                    if signed_in:
                        context.add_cookies([{"name": "sessionid", "value": site.session_key, "url": site.url}])
                    page = context.new_page()
                    for name, (visit, needs_session) in PAGES.items():
                        if needs_session != signed_in:
                            continue
                        visit(page, site)
                        page.wait_for_load_state("networkidle")
                        path = OUT / f"{name}-{theme}-{device}.png"
                        page.screenshot(path=path, animations="disabled", caret="hide")
                        squeeze(tool, path)
                    context.close()
        browser.close()
    files = sorted(OUT.glob("*.png"))
    total = sum(f.stat().st_size for f in files)
    print(f"{len(files)} screenshots in {OUT.relative_to(ROOT)}, {total / 1024 / 1024:.1f} MB in all.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
