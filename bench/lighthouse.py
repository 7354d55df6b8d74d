"""`make lighthouse`: Lighthouse's four scores on the pages people land on.

Runs Lighthouse 12 (npm, installed by `make lighthouse` into .lighthouse/) in
headless Chromium against the production-mode demo site (bench/demo_site.py):
home, a track page, an assessment result, the signed-in plan's overview and a
section page, and the home page and plan in Chinese, with
Lighthouse's default mobile emulation and simulated slow 4G. Each page is
measured LIGHTHOUSE_RUNS times (default 3) and the median of each score is
kept, as Lighthouse's own docs advise for variable machines. Prints the table,
writes bench/results-lighthouse.json, and fails when a score is under 95.

Environment: LIGHTHOUSE_RUNS, LIGHTHOUSE_TARGET (default 95), CHROME_PATH
(default /usr/bin/chromium), LIGHTHOUSE_PAGES (comma-separated names, to run a few).
"""

from __future__ import annotations

import datetime
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.demo_site import DemoSite, demo_site  # noqa: E402

LIGHTHOUSE = ROOT / ".lighthouse" / "node_modules" / ".bin" / "lighthouse"
RESULTS = ROOT / "bench" / "results-lighthouse.json"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking"


def pages(site: DemoSite) -> dict[str, tuple[str, bool]]:
    """name: (path, signed in)"""
    return {
        "home": ("/", False),
        "track": (site.track_path, False),
        "assessment result": (site.result_path, True),
        "plan": ("/plan/", True),
        "plan section (courses)": ("/plan/courses/", True),
        "home, in Chinese": ("/zh-hans/", False),
        "plan, in Chinese": ("/zh-hans/plan/", True),
    }


def run_once(url: str, cookie: str | None) -> dict[str, int]:
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        command = [
            str(LIGHTHOUSE),
            url,
            "--output=json",
            f"--output-path={report}",
            "--quiet",
            f"--chrome-flags={CHROME_FLAGS}",
            f"--only-categories={','.join(CATEGORIES)}",
        ]
        if cookie:
            command.append("--extra-headers=" + json.dumps({"Cookie": cookie}))
        env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300, check=False)  # noqa: S603
        if done.returncode != 0 or not report.exists():
            raise RuntimeError(f"lighthouse failed on {url}: {done.stderr.strip()[-600:]}")
        data = json.loads(report.read_text())
    if data.get("runtimeError"):
        raise RuntimeError(f"lighthouse failed on {url}: {data['runtimeError']}")
    scores = {name: data["categories"][name]["score"] for name in CATEGORIES}
    if None in scores.values():
        raise RuntimeError(f"lighthouse gave no score on {url}: {scores}")
    below = [
        f"{audit['id']} ({audit.get('score')})"
        for audit in data["audits"].values()
        if audit.get("score") is not None and audit["score"] < 0.9 and audit.get("scoreDisplayMode") == "binary"
    ]
    if below:
        print(f"    failed audits: {', '.join(below)}", flush=True)
    return {name: round(score * 100) for name, score in scores.items()}


def measure(url: str, cookie: str | None, runs: int) -> dict[str, int]:
    results = []
    for attempt in range(runs + 3):  # NO_NAVSTART and friends on a busy machine: try again
        if len(results) == runs:
            break
        try:
            results.append(run_once(url, cookie))
            print(f"    run {len(results)}: {results[-1]}", flush=True)
        except RuntimeError as error:
            print(f"    attempt {attempt + 1} failed, retrying: {error}", flush=True)
    if not results:
        raise RuntimeError(f"lighthouse never finished on {url}")
    return {name: round(statistics.median(r[name] for r in results)) for name in CATEGORIES}


def main() -> int:
    if not LIGHTHOUSE.exists():
        print("Lighthouse is not installed: run `make lighthouse`, which installs it into .lighthouse/.")
        return 2
    runs = int(os.environ.get("LIGHTHOUSE_RUNS", "3"))
    target = int(os.environ.get("LIGHTHOUSE_TARGET", "95"))
    only = {n.strip() for n in os.environ.get("LIGHTHOUSE_PAGES", "").split(",") if n.strip()}
    table: dict[str, dict[str, int]] = {}
    with demo_site() as site:
        for name, (path, signed_in) in pages(site).items():
            if only and name not in only:
                continue
            print(f"{name}: {path}", flush=True)
            cookie = f"sessionid={site.session_key}" if signed_in else None
            table[name] = measure(site.url + path, cookie, runs)
    date = datetime.date.today().isoformat()
    RESULTS.write_text(json.dumps({"date": date, "runs": runs, "scores": table}, indent=2) + "\n")
    print(f"\nLighthouse 12, mobile emulation, median of {runs} run(s), {date}:\n")
    print("| page | performance | accessibility | best practices | SEO |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, scores in table.items():
        print(f"| {name} | " + " | ".join(str(scores[c]) for c in CATEGORIES) + " |")
    low = [f"{name} {c} {s}" for name, scores in table.items() for c, s in scores.items() if s < target]
    if low:
        print(f"\nUnder {target}: {', '.join(low)}")
        return 1
    print(f"\nEvery score is {target} or more.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
