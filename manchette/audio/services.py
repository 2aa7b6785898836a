"""Audio versions: what is said, making the file, and who gets it.

The spoken text is assembled from the published article, normalised (french_text), hashed
with the engine's fingerprint; a file is made only when that hash changes. Each section
(the opening, then one per subheading) is synthesised apart, so that the chapters' start
times are counted on the samples actually produced, pauses included, not guessed.
"""

import hashlib
import html
import json
import logging
import posixpath
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.core import signing
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from manchette.subscriptions import entitlements

from . import engines
from .french_text import normalise
from .models import ArticleAudio
from .storage import audio_storage

if TYPE_CHECKING:  # generate() imports it when it runs, as before
    from manchette.articles.models import ArticlePage

logger = logging.getLogger(__name__)

PAUSE_BEFORE_SUBHEADING = 0.8  # seconds of silence
_URL_SALT = "manchette.audio.listen"


# True inside no_audio_on_publish(): publications queue no audio job.
_held_on_publish: ContextVar[bool] = ContextVar("audio_held_on_publish", default=False)


@contextmanager
def no_audio_on_publish() -> Iterator[None]:
    """Articles published inside it get no audio job: a bulk import (a WordPress archive) would
    queue one per article, hours of speech nobody asked for yet. The newsroom has them made when
    it wants with `manage.py generate_audio` (resumable, skips what is up to date)."""
    token = _held_on_publish.set(True)
    try:
        yield
    finally:
        _held_on_publish.reset(token)


def speaks_on_publish() -> bool:
    return settings.AUDIO_ON_PUBLISH and not _held_on_publish.get()


@dataclass(frozen=True)
class Section:
    title: str  # the subheading; empty for the opening (headline, standfirst, byline)
    text: str  # normalised: the words the engine says


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if not text or text[-1] in ".!?…:" else f"{text}."


def spoken_sections(article: "ArticlePage") -> list[Section]:
    """Headline, standfirst, byline, then the body; captions, pictures and "À lire aussi" are not read."""
    names = [author.name for author in article.authors]
    byline = " et ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)
    opening = [article.title, article.standfirst]
    if byline:
        agency = f", avec {article.agency.name}" if article.agency else ""
        opening.append(f"Un article de {byline}{agency}")
    sections: list[tuple[str, list[str]]] = [("", opening)]
    for block in article.body:
        if block.block_type == "subheading":
            sections.append((block.value, [block.value]))
        elif block.block_type == "paragraph":
            sections[-1][1].append(html.unescape(strip_tags(block.value.source)))
        elif block.block_type == "quote":
            text, attribution = block.value["text"], block.value["attribution"]
            sections[-1][1].append(f"{attribution} : {text}" if attribution else text)
    return [
        Section(title, normalise(" ".join(_sentence(part) for part in parts if part.strip())))
        for title, parts in sections
    ]


def text_hash(sections: list[Section], engine: engines.Engine) -> str:
    said = [engine.fingerprint, engines.ENCODING, [[section.title, section.text] for section in sections]]
    return hashlib.sha256(json.dumps(said, ensure_ascii=False).encode()).hexdigest()


def render(sections: list[Section], engine: engines.Engine) -> tuple[engines.Speech, list[dict]]:
    """The whole article's samples, with a pause before each subheading, and the chapters' start times."""
    parts: list[bytes] = []
    chapters: list[dict] = []
    rate = 0
    frames = 0
    for section in sections:
        speech = engine.synthesize(section.text)
        if rate and speech.rate != rate:
            raise engines.EngineError("le moteur a changé de fréquence d'échantillonnage en cours d'article.")
        rate = speech.rate
        if section.title:
            pause = engines.silence(PAUSE_BEFORE_SUBHEADING, rate)
            parts.append(pause)
            frames += len(pause) // 2
            chapters.append({"title": section.title, "start": round(frames / rate, 2)})
        parts.append(speech.samples)
        frames += speech.frames
    return engines.Speech(b"".join(parts), rate), chapters


@dataclass(frozen=True)
class Generation:
    audio: ArticleAudio | None  # None: the article is not live (nothing to say to readers)
    made: bool  # False: the current file already says the current text


def generate(article_id: int, *, force: bool = False, engine: engines.Engine | None = None) -> Generation:
    """Makes the article's audio unless the current file already says its text. Idempotent.

    A failure is recorded on the article's audio (status, reason, attempts), never raised:
    the caller decides whether to try again.
    """
    from manchette.articles.models import ArticlePage

    article = ArticlePage.objects.live().filter(pk=article_id).first()
    if article is None:
        return Generation(None, False)
    engine = engine or engines.configured_engine()
    sections = spoken_sections(article)
    digest = text_hash(sections, engine)
    audio, _created = ArticleAudio.objects.get_or_create(article=article)
    storage = audio_storage()
    up_to_date = audio.status == ArticleAudio.Status.READY and audio.text_hash == digest
    if up_to_date and not force and audio.file_name and storage.exists(audio.file_name):
        return Generation(audio, False)
    ArticleAudio.objects.filter(pk=audio.pk).update(
        status=ArticleAudio.Status.PENDING, attempts=F("attempts") + 1, updated_at=timezone.now()
    )
    try:
        speech, chapters = render(sections, engine)
        encoded = engines.encode(speech)
    except engines.EngineError as error:
        logger.warning("Audio of article %s failed: %s", article_id, error)
        ArticleAudio.objects.filter(pk=audio.pk).update(
            status=ArticleAudio.Status.FAILED, error=str(error)[:2000], updated_at=timezone.now()
        )
        audio.refresh_from_db()
        return Generation(audio, False)
    # A new name for each text: a reader's browser never gets an old file under a new name.
    name = f"articles/{article.pk}/{digest[:20]}.{engines.ENCODING['extension']}"
    name = storage.save(name, ContentFile(encoded))
    with transaction.atomic():
        current = ArticleAudio.objects.select_for_update().filter(pk=audio.pk).first()
        if current is None:  # the article was deleted meanwhile
            storage.delete(name)
            return Generation(None, False)
        current.status = ArticleAudio.Status.READY
        current.text_hash, current.file_name = digest, name
        current.duration, current.byte_size = round(speech.seconds, 2), len(encoded)
        current.chapters, current.engine = chapters, engine.fingerprint
        current.error, current.attempts, current.generated_at = "", 0, timezone.now()
        current.save()
        transaction.on_commit(lambda: delete_stale_files(article.pk))
    return Generation(current, True)


def delete_stale_files(article_id: int) -> list[str]:
    """Deletes the article's audio files other than the current one (earlier texts, interrupted runs)."""
    storage = audio_storage()
    folder = f"articles/{article_id}"
    current = ArticleAudio.objects.filter(article_id=article_id).values_list("file_name", flat=True).first()
    try:
        _folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return []
    stale = [posixpath.join(folder, name) for name in files if posixpath.join(folder, name) != current]
    for name in stale:
        storage.delete(name)
    return stale


def mark_pending(article_ids: list[int]) -> None:
    """Shown in the newsroom at once, before the worker gets to it."""
    ArticleAudio.objects.filter(article_id__in=article_ids).exclude(status=ArticleAudio.Status.PENDING).update(
        status=ArticleAudio.Status.PENDING, updated_at=timezone.now()
    )


# --------------------------------------------------------------------------- listening


def playable_audio(article: "ArticlePage") -> ArticleAudio | None:
    return ArticleAudio.objects.filter(article=article).exclude(file_name="").first()


def listening_url(audio: ArticleAudio, user: User) -> str:
    """Signed for this reader and this version, valid `AUDIO_URL_MAX_AGE` seconds."""
    token = signing.dumps([audio.pk, user.pk, audio.text_hash[:12]], salt=_URL_SALT)
    return reverse("audio:listen", args=[token])


class ListeningRefused(Exception):
    def __init__(self, message: str, status: int = 403) -> None:
        super().__init__(message)
        self.message, self.status = message, status


def audio_to_serve(token: str, user: User | AnonymousUser) -> ArticleAudio:
    """The audio a listening link gives this reader, or ListeningRefused saying why not."""
    try:
        audio_id, user_id, version = signing.loads(token, salt=_URL_SALT, max_age=settings.AUDIO_URL_MAX_AGE)
    except signing.SignatureExpired:
        raise ListeningRefused(_("Ce lien d'écoute a expiré : rechargez la page de l'article.")) from None
    except (signing.BadSignature, ValueError, TypeError):
        raise ListeningRefused(_("Ce lien d'écoute n'est pas valable.")) from None
    if not user.is_authenticated or user.pk != user_id:
        raise ListeningRefused(_("Connectez-vous avec votre compte abonné pour écouter cet article."))
    audio = (
        ArticleAudio.objects.select_related("article")
        .filter(pk=audio_id, article__live=True)
        .exclude(file_name="")
        .first()
    )
    if audio is None or audio.text_hash[:12] != version:
        raise ListeningRefused(_("Cette version audio n'existe plus : rechargez la page de l'article."), 404)
    if not entitlements.may_listen(user, audio.article):
        raise ListeningRefused(_("L'écoute des articles est réservée aux abonnés."))
    return audio

