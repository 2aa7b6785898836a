"""The week's last act: `manage.py backup DEST` on the running stack, `manage.py restore SRC`
into a fresh database and folders, an application server started on the restored copy, and
the same pages compared (titles and bodies of articles, their comment lists, the subscribers'
subscription pages), normalised as the restore drill of the tests does."""

from __future__ import annotations

import difflib
from pathlib import Path

from tests.backups.conftest import normalised
from tests.stack.servers import StackDatabase, request, run_manage, start_app

from .invariants import Result
from .ledger import Ledger
from .stack import WeekStack, has_command

ARTICLES = 5  # live articles compared, with their comment lists
INVARIANT = "backup and restore: the restored site serves the same pages"


def run(stack: WeekStack, ledger: Ledger, sessions: list[str]) -> Result:
    """`sessions`: session cookies of subscribed readers, whose subscription pages are compared."""
    result = Result(INVARIANT, 0)
    if not (has_command("backup") and has_command("restore")):
        result.skipped = "manage.py backup/restore do not exist yet"
        return result
    paths = _compared_paths(sessions)
    original = stack.apps[0].url
    host = stack.url.removeprefix("http://")
    before = _pages(original, host, paths)
    output = stack.manage("backup", str(stack.folder / "backups"))
    backup = Path(output.strip().splitlines()[-1])

    restored_db = StackDatabase.empty(stack.folder / "restored")
    restored_db.secret_key = stack.database.secret_key  # kept apart from the backup, as in production
    env = restored_db.env(
        SITE_URL=stack.env["SITE_URL"],
        TRUSTED_PROXY_COUNT="1",
        AUDIO_ROOT=str(restored_db.folder / "audio"),
        STRIPE_API_BASE=stack.env.get("STRIPE_API_BASE", ""),
        STRIPE_SECRET_KEY=stack.env.get("STRIPE_SECRET_KEY", ""),
        STRIPE_WEBHOOK_SECRET=stack.env.get("STRIPE_WEBHOOK_SECRET", ""),
    )
    try:
        run_manage(env, "restore", str(backup))
        app = start_app(env, stack.folder / "restored-app", workers=1)
        try:
            after = _pages(app.url, host, paths)
        finally:
            app.stop()
    finally:
        restored_db.drop()
    result.checked = len(paths)
    for name, (status, body) in before.items():
        if status != 200:
            result.failures.append(f"{name} answered {status} on the original site")
            continue
        if after[name] != (status, body):
            first = next(
                (
                    line
                    for line in difflib.unified_diff(body.splitlines(), after[name][1].splitlines(), n=0)
                    if line.startswith(("-", "+")) and not line.startswith(("---", "+++"))
                ),
                "",
            )
            result.failures.append(f"{name}: {status} → {after[name][0]} {first[:160]}")
    return result


def _compared_paths(sessions: list[str]) -> list[tuple[str, str]]:
    """(path, session or "") of every page compared."""
    from .newsroom import live_articles
    from .scenario import public_path

    articles = sorted(live_articles())[:ARTICLES]
    paths = [("/", ""), ("/rss.xml", "")]
    for article_id, url_path, _premium in articles:
        paths += [(public_path(url_path), ""), (f"/commentaires/article/{article_id}/", "")]
    paths += [("/mon-compte/abonnement/", session) for session in sessions]
    return paths


def _pages(base: str, host: str, paths: list[tuple[str, str]]) -> dict[str, tuple[int, str]]:
    found = {}
    for number, (path, session) in enumerate(paths):
        cookies = {"sessionid": session} if session else {}
        answer = request(base + path, headers={"Host": host}, cookies=cookies)
        name = f"{path} (subscriber {number})" if session else path
        found[name] = (answer.status, normalised(answer.text))
    return found
