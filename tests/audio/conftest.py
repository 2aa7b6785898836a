"""Audio tests synthesise for real (espeak-ng, lame) short articles, and decode with ffprobe/ffmpeg."""

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from django.test import Client

from manchette.articles.models import ArticlePage
from manchette.subscriptions.models import Plan
from tests.conftest import Newsroom, paragraph
from tests.subscriptions.conftest import subscribe

for program in ("espeak-ng", "lame", "ffprobe"):
    if shutil.which(program) is None:
        raise RuntimeError(f"{program} is missing: run scripts/install-test-deps")


@pytest.fixture(autouse=True)
def _audio_folder(settings, tmp_path: Path) -> None:
    """Each test's audio files in a folder of its own: article ids repeat across rolled-back tests."""
    settings.AUDIO_ROOT = str(tmp_path / "audio")


def probe_seconds(path: Path) -> float:
    """The duration a decoder reads in the file (ffprobe, not our own figures)."""
    command = ["ffprobe", "-v", "error", "-show_entries", "format=duration:stream=codec_name", "-of", "json"]
    done = subprocess.run([*command, str(path)], capture_output=True, check=True, text=True)  # noqa: S603
    found = json.loads(done.stdout)
    assert found["streams"][0]["codec_name"] == "mp3"
    return float(found["format"]["duration"])


def decode(path: Path, rate: int = 8000) -> bytes:
    """The file decoded by ffmpeg: mono 16-bit samples at `rate`."""
    command = ["ffmpeg", "-v", "error", "-i", str(path), "-f", "s16le", "-ac", "1", "-ar", str(rate), "-"]
    return subprocess.run(command, capture_output=True, check=True).stdout  # noqa: S603


def short_article(newsroom: Newsroom, **fields) -> ArticlePage:
    """A few seconds of speech: the opening, two subheadings, a caption and a link not to be read."""
    section = newsroom.section("Société", slug=f"societe-{newsroom.author().pk}")
    linked = newsroom.article(section, title="Un autre article")
    body = fields.pop(
        "body",
        [
            paragraph("Le conseil a voté le 13/09/2023."),
            ("image", newsroom.image()),
            ("subheading", "Les causes"),
            paragraph("Une hausse de 12 %."),
            ("related", linked),
            ("subheading", "La suite"),
            ("quote", {"text": "Nous verrons.", "attribution": "Le maire"}),
        ],
    )
    return newsroom.article(
        section,
        title=fields.pop("title", "Le budget est voté"),
        standfirst=fields.pop("standfirst", "Un vote serré."),
        authors=[newsroom.author(name="Léa Lambert")],
        body=body,
        **fields,
    )


@pytest.fixture
def subscriber(make_user):
    plan = Plan.objects.create(slug="annuel", name="Annuel", price_cents=9900, period=Plan.Period.YEAR)
    reader = make_user()
    subscribe(reader, plan)
    return reader


@pytest.fixture
def logged_in() -> Callable[[object], Client]:
    def login(user) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return login
