"""The restore drill, shared by the tests of this folder: a site backed up with `manage.py backup`,
wiped, and restored with `manage.py restore` into a fresh database and folders.

The demo newsroom (articles, pictures, comments, a subscriber) gets an audio version; a real
gunicorn serves the site before the backup, and again on the restored copy, and the pages are
kept for the tests to compare. On SQLite by default; on PostgreSQL when DATABASE_URL points at
it (CI's second pass).
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.stack.servers import StackDatabase, request, run_manage, start_app

# The facts the drill compares, collected on the original site: which pages, whose session.
SET_UP = """
import json
from importlib import import_module
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.db.models import Count, Q
from manchette.articles.models import ArticlePage
from manchette.audio import services as audio

articles = ArticlePage.objects.live().annotate(
    published_comments=Count("comments", filter=Q(comments__status="published"))).order_by("pk")
commented = [article for article in articles if article.published_comments]
premium = articles.filter(premium=True).first()
audio.generate(premium.pk)
subscriber = get_user_model().objects.get(email="abonne@manchette.test")
session = import_module(settings.SESSION_ENGINE).SessionStore()
session[SESSION_KEY] = str(subscriber.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = subscriber.get_session_auth_hash()
session.create()
print(json.dumps({
    "articles": [article.url for article in articles],
    "comment_lists": [f"/commentaires/article/{article.pk}/" for article in commented],
    "premium": premium.url,
    "session": session.session_key,
}))
"""

HOST = "127.0.0.1:8000"  # the same Host header for both servers, so absolute links match
LISTENING_LINK = re.compile(r"/audio/ecouter/[^/\"'\s]+/")
# What differs between two renders of one page by design: the CSRF token (masked afresh each
# time), the listening link (signed, with its time, at the moment of the request) and the
# moment a data export was made.
VOLATILE = [
    (re.compile(r'("exported_at": ")[^"]+'), r"\1…"),
    (re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]+'), r"\1…"),
    (re.compile(r'(name="csrf-token" content=")[^"]+'), r"\1…"),
    (LISTENING_LINK, "/audio/ecouter/…/"),
]


def normalised(text: str) -> str:
    for pattern, replacement in VOLATILE:
        text = pattern.sub(replacement, text)
    return text


@dataclass
class Site:
    database: StackDatabase
    env: dict[str, str]

    @property
    def audio(self) -> Path:
        return self.database.folder / "audio"


def pages(app_url: str, facts: dict, session: str) -> dict[str, tuple[int, str]]:
    """Every page the drill compares, by name: status and normalised body."""
    anonymous = ["/", "/rss.xml", *facts["articles"], *facts["comment_lists"]]
    subscriber = [facts["premium"], "/mon-compte/", "/mon-compte/abonnement/", "/mon-compte/mes-donnees.json"]
    found = {}
    for path in anonymous:
        answer = request(app_url + path, headers={"Host": HOST})
        found[path] = (answer.status, normalised(answer.text))
    for path in subscriber:
        answer = request(app_url + path, headers={"Host": HOST}, cookies={"sessionid": session})
        found[f"abonné {path}"] = (answer.status, normalised(answer.text))
    return found


def checksums(folder: Path) -> dict[str, str]:
    return {str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


@dataclass
class Drill:
    facts: dict
    before: dict[str, tuple[int, str]]
    after: dict[str, tuple[int, str]]
    files_before: dict[str, dict[str, str]]
    files_after: dict[str, dict[str, str]]
    audio_served: bytes
    backup: Path
    restored: Site
    backup_output: str
    restore_output: str


@pytest.fixture(scope="session")
def drill(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Drill]:
    folder = tmp_path_factory.mktemp("drill")
    original_db = StackDatabase.create(folder / "original")
    original = Site(original_db, original_db.env(SITE_URL=f"http://{HOST}"))
    output = run_manage(original.env, "shell", "--no-imports", "-c", SET_UP)
    facts = json.loads(output.strip().splitlines()[-1])

    app = start_app(original.env, folder / "original-app", workers=1)
    try:
        before = pages(app.url, facts, facts["session"])
        # Taken while the site runs, as the nightly timer does.
        backup_output = run_manage(original.env, "backup", str(folder / "backups"))
    finally:
        app.stop()
    files_before = {"media": checksums(original.database.media), "audio": checksums(original.audio)}
    backup = Path(backup_output.strip().splitlines()[-1])

    # The machine is lost: nothing of the original remains but the backup.
    original.database.drop()
    shutil.rmtree(folder / "original")

    restored_db = StackDatabase.empty(folder / "restored")
    restored_db.secret_key = original_db.secret_key  # /etc/manchette/manchette.env, kept apart
    restored = Site(restored_db, restored_db.env(SITE_URL=f"http://{HOST}"))
    restore_output = run_manage(restored.env, "restore", str(backup))
    # The README's next step, a no-op unless the code gained a migration since the backup.
    run_manage(restored.env, "migrate", "--noinput")
    app = start_app(restored.env, folder / "restored-app", workers=1)
    try:
        after = pages(app.url, facts, facts["session"])
        as_subscriber = {"headers": {"Host": HOST}, "cookies": {"sessionid": facts["session"]}}
        link = LISTENING_LINK.search(request(app.url + facts["premium"], **as_subscriber).text)
        audio_served = request(app.url + link.group(0), **as_subscriber).body if link else b""
    finally:
        app.stop()
    files_after = {"media": checksums(restored.database.media), "audio": checksums(restored.audio)}
    yield Drill(facts, before, after, files_before, files_after, audio_served, backup, restored,
                backup_output, restore_output)
    restored_db.drop()
