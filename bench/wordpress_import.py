"""A WordPress export's import: posts a second, peak memory, and the cost of pictures.

    .venv/bin/python bench/wordpress_import.py [--posts 10000] [--megabytes 100] \
        [--pictures 300] [--postgres postgres://user:pass@127.0.0.1:5432/dbname] [--only ROW ...]

Each row runs `import_wordpress` in a child process on a throwaway database (migrated first,
not timed) and prints, side by side: posts imported, wall seconds, posts a second, the child's
CPU seconds (and posts per CPU second: the machine is shared, wall times stretch with its
load) and its peak resident memory (ru_maxrss of that child alone).

- `text-sqlite`, `text-postgres`: --posts generated text-only posts (classic bodies of five
  paragraphs and a subheading, a category among 12, two tags among 40, an author among 6, one
  post in five with two comments), on SQLite and on PostgreSQL (--postgres names a server and a
  role with CREATEDB; the database named there is dropped and made again).
- `memory-100mb`: an export of about --megabytes made of the test fixture's posts repeated with
  new ids and padded bodies (captions, galleries, Gutenberg blocks, comments), imported without
  --uploads (SQLite).
- `pictures`: --pictures posts, each with a featured image and a body picture whose files
  (JPEG, 1600×1066) are in a generated uploads folder passed as --uploads (SQLite).
"""

import argparse
import html
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "wordpress" / "fixtures" / "gazette-wxr12.xml"
SITE = "https://bench.test"
HEAD = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Bench</title><link>{SITE}</link><wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>{SITE}</wp:base_site_url><wp:base_blog_url>{SITE}</wp:base_blog_url>
"""
WORDS = [
    *("le", "port", "la", "marée", "les", "chalutiers", "rentrent", "au", "matin", "conseil"),
    *("municipal", "vote", "budget", "quai", "pêcheurs", "criée", "école", "travaux", "habitants"),
    *("saison", "tempête", "digue", "phare", "festival", "marché"),
]


def sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def text_only_export(target: Path, posts: int, pictures: bool = False) -> None:
    """Posts as a small newsroom's archive has them; with `pictures`, each has a featured image
    and a body picture (attachments listed first, as WordPress writes them)."""
    rng = random.Random(23)
    authors = [f"auteur{n}" for n in range(6)]
    categories = [f"rubrique-{n}" for n in range(12)]
    tags = [f"mot-{n}" for n in range(40)]
    with target.open("w", encoding="utf-8") as out:
        out.write(HEAD)
        for login in authors:
            out.write(
                f"<wp:author><wp:author_login><![CDATA[{login}]]></wp:author_login>"
                f"<wp:author_display_name><![CDATA[{login.title()} Le Goff]]></wp:author_display_name>"
                "</wp:author>\n"
            )
        for slug in categories:
            out.write(
                f"<wp:category><wp:category_nicename>{slug}</wp:category_nicename>"
                f"<wp:cat_name><![CDATA[{slug.replace('-', ' ').title()}]]></wp:cat_name></wp:category>\n"
            )
        for slug in tags:
            out.write(
                f"<wp:tag><wp:tag_slug>{slug}</wp:tag_slug><wp:tag_name><![CDATA[{slug}]]></wp:tag_name></wp:tag>\n"
            )
        if pictures:
            for number in range(1, posts + 1):
                for kind in ("une", "corps"):
                    url = f"{SITE}/wp-content/uploads/2024/05/{kind}-{number}.jpg"
                    out.write(
                        f"<item><title>Photo {kind} {number}</title><link>{SITE}/?attachment_id=</link>"
                        f"<wp:post_id>{attachment_id(number, kind)}</wp:post_id>"
                        f"<wp:post_parent>{number}</wp:post_parent><wp:post_type>attachment</wp:post_type>"
                        f"<wp:status>inherit</wp:status><wp:attachment_url>{url}</wp:attachment_url>"
                        f"<excerpt:encoded><![CDATA[Le port au matin © Jeanne Martin]]></excerpt:encoded>"
                        "</item>\n"
                    )
        for number in range(1, posts + 1):
            day, month = 1 + number % 28, 1 + number % 12
            paragraphs = [sentence(rng, 25) + " " + sentence(rng, 20) for _ in range(5)]
            body = "\n\n".join(paragraphs[:2]) + f"\n\n<h2>{sentence(rng, 5)}</h2>\n\n"
            body += (
                "\n\n".join(paragraphs[2:]) + f'\n\nVoir <a href="{SITE}/2023/01/01/post-1/">la veille</a>.'
            )
            meta = ""
            if pictures:
                picture = f"{SITE}/wp-content/uploads/2024/05/corps-{number}.jpg"
                body_picture = attachment_id(number, "corps")
                body += (
                    f'\n\n[caption id="attachment_{body_picture}"]<img src="{picture}" '
                    f'class="wp-image-{body_picture}" alt="Le quai"> Le quai © Port[/caption]'
                )
                meta = (
                    "<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key>"
                    f"<wp:meta_value>{attachment_id(number, 'une')}</wp:meta_value></wp:postmeta>"
                )
            comments = ""
            if number % 5 == 0:
                comments = "".join(
                    f"<wp:comment><wp:comment_id>{number * 10 + c}</wp:comment_id>"
                    f"<wp:comment_author><![CDATA[Lecteur {c}]]></wp:comment_author>"
                    f"<wp:comment_date_gmt>2023-{month:02d}-{day:02d} 10:0{c}:00</wp:comment_date_gmt>"
                    f"<wp:comment_content><![CDATA[{sentence(rng, 12)}]]></wp:comment_content>"
                    f"<wp:comment_approved>1</wp:comment_approved><wp:comment_parent>0</wp:comment_parent>"
                    "</wp:comment>"
                    for c in (1, 2)
                )
            slug = f"post-{number}"
            picked = rng.sample(tags, 2)
            out.write(
                f"<item><title>{html.escape(sentence(rng, 7))}</title>"
                f"<link>{SITE}/2023/{month:02d}/{day:02d}/{slug}/</link>"
                f"<dc:creator><![CDATA[{rng.choice(authors)}]]></dc:creator>"
                f"<content:encoded><![CDATA[{body}]]></content:encoded>"
                f"<excerpt:encoded><![CDATA[{sentence(rng, 18)}]]></excerpt:encoded>"
                f"<wp:post_id>{number}</wp:post_id>"
                f"<wp:post_date><![CDATA[2023-{month:02d}-{day:02d} 09:00:00]]></wp:post_date>"
                f"<wp:post_date_gmt><![CDATA[2023-{month:02d}-{day:02d} 08:00:00]]></wp:post_date_gmt>"
                f"<wp:post_name><![CDATA[{slug}]]></wp:post_name><wp:status>publish</wp:status>"
                f"<wp:post_type>post</wp:post_type>"
                f'<category domain="category" nicename="{rng.choice(categories)}"><![CDATA[x]]></category>'
                + "".join(
                    f'<category domain="post_tag" nicename="{t}"><![CDATA[{t}]]></category>' for t in picked
                )
                + meta
                + comments
                + "</item>\n"
            )
        out.write("</channel></rss>\n")


def attachment_id(number: int, kind: str) -> int:
    return 1_000_000 + number * 2 + (kind == "corps")


def make_uploads(folder: Path, posts: int) -> None:
    from PIL import Image

    target = folder / "2024" / "05"
    target.mkdir(parents=True)
    for number in range(1, posts + 1):
        for kind in ("une", "corps"):
            shade = (number * 7 % 255, 90, 160 if kind == "une" else 60)
            Image.new("RGB", (1600, 1066), shade).save(target / f"{kind}-{number}.jpg", "JPEG", quality=85)


def fixture_export(target: Path, megabytes: int) -> int:
    """The fixture's posts repeated with new ids and padded bodies, up to `megabytes`."""
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


def fresh_postgres(url: str) -> None:
    """Drops and makes again the database `url` names (through the server's `postgres` one)."""
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


def run_import(label: str, export: Path, posts: int, database: str, folder: Path, *extra: str) -> dict:
    env = {**os.environ, "DATABASE_URL": database, "MEDIA_ROOT": str(folder / "media")}
    env.pop("MANCHETTE_IMMEDIATE_TASKS", None)
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True)
    command = [*manage, "import_wordpress", str(export), "--report", str(folder / f"{label}.json"), *extra]
    started = time.monotonic()
    child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(child.pid, 0)
    elapsed = time.monotonic() - started
    if status:
        raise SystemExit(f"{label}: import_wordpress failed ({status})")
    row = {
        "row": label,
        "posts": posts,
        "seconds": elapsed,
        "per_second": posts / elapsed,
        "cpu": usage.ru_utime + usage.ru_stime,
        "peak_mb": usage.ru_maxrss / 1024,
        "export_mb": export.stat().st_size / 1024 / 1024,
    }
    print(line(row), flush=True)  # as it comes: the table at the end puts the rows side by side
    return row


def line(row: dict) -> str:
    return (
        f"{row['row']:<14}{row['export_mb']:>10.1f}{row['posts']:>8}{row['seconds']:>9.1f}"
        f"{row['per_second']:>9.1f}{row['posts'] / row['cpu']:>13.1f}{row['cpu']:>8.1f}{row['peak_mb']:>9.0f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=10000)
    parser.add_argument("--megabytes", type=int, default=100)
    parser.add_argument("--pictures", type=int, default=300)
    parser.add_argument("--postgres", default=os.environ.get("BENCH_POSTGRES_URL", ""))
    parser.add_argument(
        "--only", nargs="*", default=[], help="text-sqlite text-postgres memory-100mb pictures"
    )
    args = parser.parse_args()
    wanted = set(args.only) or {"text-sqlite", "text-postgres", "memory-100mb", "pictures"}
    rows = []
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        if {"text-sqlite", "text-postgres"} & wanted:
            text = folder / "text.xml"
            text_only_export(text, args.posts)
            if "text-sqlite" in wanted:
                rows.append(
                    run_import("text-sqlite", text, args.posts, f"sqlite:///{folder}/text.sqlite3", folder)
                )
            if "text-postgres" in wanted:
                if not args.postgres:
                    print("text-postgres: skipped (no --postgres)")
                else:
                    fresh_postgres(args.postgres)
                    rows.append(run_import("text-postgres", text, args.posts, args.postgres, folder))
        if "memory-100mb" in wanted:
            big = folder / "big.xml"
            count = fixture_export(big, args.megabytes)
            rows.append(run_import("memory-100mb", big, count, f"sqlite:///{folder}/big.sqlite3", folder))
            big.unlink()
        if "pictures" in wanted:
            export, uploads = folder / "pictures.xml", folder / "uploads"
            text_only_export(export, args.pictures, pictures=True)
            make_uploads(uploads, args.pictures)
            rows.append(
                run_import(
                    "pictures",
                    export,
                    args.pictures,
                    f"sqlite:///{folder}/pictures.sqlite3",
                    folder,
                    "--uploads",
                    str(uploads),
                )
            )
    print(
        f"\n{'row':<14}{'export MB':>10}{'posts':>8}{'wall s':>9}{'posts/s':>9}{'posts/CPU s':>13}"
        f"{'CPU s':>8}{'peak MB':>9}"
    )
    for row in rows:
        print(line(row))


if __name__ == "__main__":
    main()
