"""A local stand-in for an agency's HTTP API (AP's cursor-paged feed, its renditions and
pictures), served on a free port by the `http_server` fixture."""

import json
from http.server import BaseHTTPRequestHandler


class Redirect(str):
    """A page answered by a redirect to this address."""


class StandIn(BaseHTTPRequestHandler):
    """AP-like feed pages: each gives items and the address of the next page; other files
    (renditions, pictures) are served as the bytes given."""

    pages: dict[str, dict | bytes | Redirect] = {}
    requested: list[str] = []

    def do_GET(self) -> None:
        self.requested.append(self.path)
        page = self.pages.get(self.path)
        if isinstance(page, Redirect):
            self.send_response(302)
            self.send_header("Location", page)
            self.end_headers()
            return
        body = (
            page if isinstance(page, bytes) else json.dumps(page).encode() if page is not None else b"absent"
        )
        self.send_response(200 if page is not None else 404)
        self.send_header(
            "Content-Type", "application/octet-stream" if isinstance(page, bytes) else "application/json"
        )
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass
