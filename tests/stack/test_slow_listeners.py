"""Issue 21: a slow listener must not tie an application worker to an audio file.

Audio used to be streamed by the Python worker itself (Django's FileResponse, or a generator of
64 KB chunks): a worker thread stayed with the listener until the last byte had left, and a
1.2 MB recording held only because it fits in the kernel's socket buffers. Here a 30 MB
recording is asked for by more slow listeners than the server has Python threads, each
reading a few bytes and then nothing: a page must still be answered.

granian is run with one worker of one Python thread (make run's command, smaller), so the
number of listeners that used to take the site down is known: one. In production one sync
gunicorn worker sits behind Varnish: Varnish passes the audio (private) and fetches it from
the backend at the backend's speed into transient storage, whatever the listener's, so the
worker is free as soon as it has written the answer.
"""

from __future__ import annotations

import json
import select
import socket
from pathlib import Path

import pytest

from .conftest import Stack
from .servers import LOOPBACK, PYTHON, request

SUBSCRIBER = "abonne@manchette.test"
RECORDING_BYTES = 30 * 1024 * 1024
LISTENERS = 3  # more than the server's Python threads (1)

GUNICORN = [str(PYTHON), "-m", "gunicorn", "manchette.wsgi", "--bind", f"{LOOPBACK}:{{port}}",
            "--workers", "1", "--log-level", "warning"]
GRANIAN = [str(Path(PYTHON).parent / "granian"), "--interface", "wsgi", "--host", LOOPBACK,
           "--port", "{port}", "--workers", "1", "--blocking-threads", "1", "--log-level", "warning",
           "manchette.wsgi:application"]

# Run in the stack's database: a long recording for a live article, and a session of the
# subscriber's (demo account) with the link signed for them.
_SET_UP = """
import json, os
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.sessions.backends.db import SessionStore
from manchette.articles.models import ArticlePage
from manchette.audio import services
from manchette.audio.models import ArticleAudio
user = get_user_model().objects.get(email=%(email)r)
article = ArticlePage.objects.live().first()
os.makedirs(settings.AUDIO_ROOT, exist_ok=True)
with open(os.path.join(settings.AUDIO_ROOT, "long.mp3"), "wb") as file:
    file.write(os.urandom(%(size)d))
audio, _ = ArticleAudio.objects.update_or_create(article=article, defaults=dict(
    status=ArticleAudio.Status.READY, text_hash="a" * 64, file_name="long.mp3", byte_size=%(size)d))
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
print(json.dumps({"url": services.listening_url(audio, user), "session": session.session_key,
                  "cookie": settings.SESSION_COOKIE_NAME}))
"""


def _slow_listener(port: int, path: str, cookie: str) -> socket.socket:
    """A connection that asks for the whole recording (no Range) and then reads nothing."""
    listener = socket.create_connection((LOOPBACK, port), timeout=30)
    # A small receive window, so the server's writes block soon rather than after megabytes.
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    listener.sendall(f"GET {path} HTTP/1.1\r\nHost: {LOOPBACK}:{port}\r\nCookie: {cookie}\r\n\r\n".encode())
    return listener


@pytest.mark.parametrize("front", ["granian", "varnish"])
def test_slow_listeners_leave_the_site_answering(make_stack, tmp_path: Path, front: str) -> None:
    audio_root = tmp_path / "audio"
    command = GRANIAN if front == "granian" else GUNICORN
    stack: Stack = make_stack(varnish=front == "varnish", app_command=command,
                              env={"AUDIO_ROOT": str(audio_root)})
    made = json.loads(stack.manage("shell", "-c", _SET_UP % {"email": SUBSCRIBER, "size": RECORDING_BYTES})
                      .strip().splitlines()[-1])
    cookie = f"{made['cookie']}={made['session']}"
    port = stack.site_port
    listeners = [_slow_listener(port, made["url"], cookie) for _ in range(LISTENERS)]
    try:
        # One at least is being answered (the recording is theirs): the server has the requests.
        answered, _, _ = select.select(listeners, [], [], 30)
        assert answered and answered[0].recv(1024).startswith(b"HTTP/1.1 200")
        # Generous: the old code never answers while the listeners hold on.
        page = request(f"{stack.url}/robots.txt", timeout=20)
        assert page.status == 200
    finally:
        for listener in listeners:
            listener.close()
