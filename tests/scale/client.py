"""A small HTTP client for the two-server test: one visitor, its cookies, its address.

A `Visitor` sends each request to whichever server it is given (as a load
balancer would), with its own cookies and an X-Forwarded-For address (the
servers trust one proxy), and never follows redirects, so every answer is
seen as the server sent it. Cookies are kept by name only: both servers are
one site.
"""

from __future__ import annotations

import http.client
import re
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

TIMEOUT = 30
_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"|"X-CSRFToken": "([^"]+)"')


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    text: str

    @property
    def location(self) -> str:
        return self.headers.get("Location", "")


@dataclass
class Visitor:
    address: str  # the client address the proxy reports
    cookies: dict[str, str] = field(default_factory=dict)
    token: str | None = None  # a CSRF token for the current csrftoken cookie

    def request(
        self,
        server: str,
        method: str,
        path: str,
        data: dict | None = None,
        *,
        host: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> Response:
        url = urlsplit(server)
        conn = http.client.HTTPConnection(url.hostname, url.port, timeout=TIMEOUT)
        sent = {"X-Forwarded-For": self.address, **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        if host:
            sent["Host"] = host
        body = None
        if data is not None:
            body = urlencode(data)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            conn.request(method, path, body=body, headers=sent)
            answer = conn.getresponse()
            response = Response(answer.status, answer.headers, answer.read().decode("utf-8", "replace"))
        finally:
            conn.close()
        self._keep_cookies(response.headers.get_all("Set-Cookie") or [])
        return response

    def get(self, server: str, path: str, **kwargs) -> Response:
        return self.request(server, "GET", path, **kwargs)

    def post(self, server: str, path: str, data: dict | None = None, **kwargs) -> Response:
        """A form POST with the CSRF token, read from a page of the site when there is none yet."""
        if self.token is None:
            self.token = self.csrf_token(server)
        return self.request(server, "POST", path, {**(data or {}), "csrfmiddlewaretoken": self.token}, **kwargs)

    def csrf_token(self, server: str) -> str:
        # The login page when signed out, any page's hx-headers when signed in.
        for path in ("/accounts/login/", "/"):
            page = self.get(server, path)
            found = _CSRF.search(page.text)
            if found:
                return found.group(1) or found.group(2)
        raise AssertionError(f"no CSRF token on {server} (HTTP {page.status})")

    def _keep_cookies(self, set_cookie_headers: list[str]) -> None:
        for header in set_cookie_headers:
            for name, morsel in SimpleCookie(header).items():
                if name == "csrftoken":
                    self.token = None  # rotated (on login), so the old token no longer matches
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
