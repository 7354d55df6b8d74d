"""What a first visit downloads: the CSS and JS a page links, as whitenoise serves them."""

from __future__ import annotations

import re
import urllib.request
from dataclasses import asdict, dataclass
from html.parser import HTMLParser
from urllib.parse import urljoin

HASHED = re.compile(r"\.[0-9a-f]{12}\.(css|js)$")
ONE_YEAR = 365 * 24 * 3600


class _Assets(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "link" and (a.get("rel") or "").lower() == "stylesheet" and a.get("href"):
            self.urls.append(a["href"])
        elif tag == "script" and a.get("src"):
            self.urls.append(a["src"])


def asset_urls(html: str) -> list[str]:
    parser = _Assets()
    parser.feed(html)
    return parser.urls


@dataclass
class Asset:
    path: str
    hashed: bool
    bytes: int
    gzip_bytes: int | None
    brotli_bytes: int | None
    cache_control: str
    far_future: bool

    @property
    def first_visit_bytes(self) -> int:
        """What a browser that accepts brotli (all current ones do) downloads."""
        return self.brotli_bytes or self.gzip_bytes or self.bytes


def _get(url: str, encoding: str) -> tuple[int, str, str, int]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding})  # noqa: S310
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        size = len(response.read())
        headers = response.headers
        return response.status, headers.get("Content-Encoding", ""), headers.get("Cache-Control", ""), size


def check_asset(base_url: str, path: str) -> Asset:
    url = urljoin(base_url + "/", path)
    status, _, cache_control, plain = _get(url, "identity")
    if status != 200:
        raise RuntimeError(f"{path} answered {status}")
    sizes = {}
    for name, encoding in (("gzip", "gzip"), ("br", "br")):
        _, served_as, _, size = _get(url, encoding)
        sizes[name] = size if served_as == encoding else None
    max_age = re.search(r"max-age=(\d+)", cache_control)
    return Asset(
        path=path,
        hashed=bool(HASHED.search(path)),
        bytes=plain,
        gzip_bytes=sizes["gzip"],
        brotli_bytes=sizes["br"],
        cache_control=cache_control,
        far_future=bool(max_age and int(max_age.group(1)) >= ONE_YEAR and "immutable" in cache_control),
    )


def check_pages(base_url: str, pages: dict[str, str]) -> dict:
    """Assets of each page (by name -> HTML), and the CSS+JS a first visit to them all downloads."""
    per_page = {name: asset_urls(html) for name, html in pages.items()}
    unique = list(dict.fromkeys(url for urls in per_page.values() for url in urls))
    assets = {url: check_asset(base_url, url) for url in unique}
    return {
        "assets": [{**asdict(a), "first_visit_bytes": a.first_visit_bytes} for a in assets.values()],
        "first_visit_bytes": {name: sum(assets[u].first_visit_bytes for u in urls) for name, urls in per_page.items()},
        "first_visit_all_pages_bytes": sum(a.first_visit_bytes for a in assets.values()),
        "all_hashed": all(a.hashed for a in assets.values()),
        "all_gzip_and_brotli": all(a.gzip_bytes and a.brotli_bytes for a in assets.values()),
        "all_far_future": all(a.far_future for a in assets.values()),
    }
