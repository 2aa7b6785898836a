"""Readers over HTTP, through Varnish or straight to an application server, every answer
recorded with the stack's time (the 5xx invariant reads them)."""

from __future__ import annotations

import re
import time
from urllib.parse import urlencode

from tests.stack.servers import Response, request
from tests.stack.test_several_servers import Reader

from .ledger import HttpRecord, Ledger


def fetch(ledger: Ledger, url: str, **kwargs) -> Response:
    """One request, recorded; a refused connection counts as a 599 (no answer at all)."""
    try:
        response = request(url, **kwargs)
    except OSError:
        ledger.http.append(HttpRecord(time.time(), url, 599))
        raise
    ledger.http.append(HttpRecord(time.time(), url, response.status))
    return response


def reason(response: Response) -> str:
    """What a refusing page says (its first non-empty alert or notice), for the harness's errors."""
    said = [
        re.sub(r"<[^>]+>|\s+", " ", found).strip()
        for found in re.findall(r'role="(?:alert|status)"[^>]*>(.*?)</(?:p|div)>', response.text, re.S)
    ]
    return f"{response.status}: {next((text for text in said if text), response.text[:200])}"


class WeekReader(Reader):
    """test_several_servers.Reader whose every answer goes into the ledger."""

    def __init__(self, ledger: Ledger, site: str, email: str = "") -> None:
        super().__init__(host=site.removeprefix("http://"))
        self.ledger = ledger
        self.site = site
        self.email = email

    def get(self, url: str) -> Response:
        response = fetch(self.ledger, url, cookies=self.cookies, headers=self.headers)
        self.cookies.update(response.cookies())
        return response

    def post_from(self, page: str, action: str, fields: dict[str, str]) -> Response:
        """Submits a form of `page` to `action`, with the page's CSRF token."""
        shown = self.get(page)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', shown.text)
        if token is None and "<form" not in shown.text:
            raise RuntimeError(f"no form on {page} ({shown.status})")
        # A form without a token (the newsletter confirmation: exempt, its link is the proof).
        csrf = {"csrfmiddlewaretoken": token.group(1)} if token else {}
        response = fetch(
            self.ledger,
            action,
            method="POST",
            cookies=self.cookies,
            body=urlencode({**csrf, **fields}),
            headers={
                **self.headers,
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": self.site,
                "Referer": page,
            },
        )
        self.cookies.update(response.cookies())
        return response

    def post(self, url: str, fields: dict[str, str]) -> Response:
        return self.post_from(url, url, fields)
