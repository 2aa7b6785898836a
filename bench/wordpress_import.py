"""Peak memory of a WordPress import: a large export generated from the test fixture's posts.

    .venv/bin/python bench/wordpress_import.py [--megabytes 100] [--import]

Writes a WXR of about --megabytes (the fixture's two posts repeated with new ids, each with a
padded classic body) in a temporary folder, then runs `import_wordpress --dry-run` on it in a
child process (or the real import with --import, on a throwaway SQLite database) and prints
the child's peak resident memory (ru_maxrss) and the time it took.
"""

import argparse
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "wordpress" / "fixtures" / "gazette-wxr12.xml"


def generate(target: Path, megabytes: int) -> int:
    text = FIXTURE.read_text(encoding="utf-8")
    head, rest = text.split("<item>", 1)
    items = "<item>" + rest.rsplit("</channel>", 1)[0]
    posts = [item for item in re.findall(r"<item>.*?</item>", items, re.S) if "[CDATA[post]]" in item]
    filler = "<p>" + "La marée monte sur le port et les chalutiers rentrent. " * 40 + "</p>\n"
    written, count = 0, 0
    with target.open("w", encoding="utf-8") as out:
        out.write(head)
        while written < megabytes * 1024 * 1024:
            for post in posts:
                count += 1
                body = post.replace("<wp:post_id>", f"<wp:post_id>9{count:07d}", 1)
                body = body.replace("<wp:post_name><![CDATA[", f"<wp:post_name><![CDATA[n{count}-", 1)
                opening = "<content:encoded><![CDATA["
                body = body.replace(opening, opening + filler * 3, 1)
                body = body.replace("<wp:comment_id>", f"<wp:comment_id>{count}0", -1)
                out.write(body)
                written += len(body.encode())
        out.write("</channel></rss>\n")
    return count


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--megabytes", type=int, default=100)
    parser.add_argument("--import", dest="real", action="store_true", help="import (SQLite in the temp dir)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        export = Path(folder) / "export.xml"
        posts = generate(export, args.megabytes)
        size = export.stat().st_size / 1024 / 1024
        database = f"sqlite:///{folder}/db.sqlite3"
        env = {**os.environ, "DATABASE_URL": database, "MEDIA_ROOT": f"{folder}/media"}
        command = [sys.executable, str(ROOT / "manage.py"), "import_wordpress", str(export)]
        # The dry run reads the mapping table too (what an earlier import brought).
        subprocess.run([sys.executable, str(ROOT / "manage.py"), "migrate", "-v0"], env=env, check=True)
        if not args.real:
            command.append("--dry-run")
        started = time.monotonic()
        subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        elapsed = time.monotonic() - started
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        mode = "import" if args.real else "dry run"
        print(f"{mode}: {size:.0f} MB export, {posts} posts, {elapsed:.1f} s, peak RSS {peak:.0f} MB")


if __name__ == "__main__":
    main()
