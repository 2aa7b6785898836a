"""Text-to-speech engines and the encoder: external programs, run offline.

espeak-ng (Debian package, French voice) is the default. Piper speaks far more naturally
but needs a voice file (an .onnx model with its .onnx.json): it is used only when the
operator configures one (`AUDIO_PIPER_VOICE`); nothing is downloaded at run time.

Encoding: MP3, mono, constant 32 kbit/s (`lame`). Every browser plays MP3 in `<audio>`,
Safari on older iPhones included, whereas Opus in Ogg or WebM is missing from Safari
before iOS 17. Constant bit rate makes seeking exact (a chapter jump lands on its
subheading: byte offset = time × rate), where a variable-rate MP3 seeks through a coarse
table of contents. 32 kbit/s is 240 KB a minute, enough for a synthetic voice, and lame
encodes a few hundred times faster than real time, where opusenc was about 60 times.
"""

import subprocess
import tempfile
import wave
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from django.conf import settings

ENCODING = {"content_type": "audio/mpeg", "extension": "mp3", "bitrate_kbps": 32}


class EngineError(Exception):
    """Synthesis or encoding failed; the message says why, for the newsroom."""


@dataclass(frozen=True)
class Speech:
    """Mono 16-bit little-endian samples."""

    samples: bytes
    rate: int

    @property
    def frames(self) -> int:
        return len(self.samples) // 2

    @property
    def seconds(self) -> float:
        return self.frames / self.rate


def silence(seconds: float, rate: int) -> bytes:
    return b"\x00\x00" * round(seconds * rate)


class Engine(Protocol):
    fingerprint: str  # part of the text hash: another engine or voice makes a new file

    def synthesize(self, text: str) -> Speech: ...


def _run(command: list[str], data: bytes, timeout: float) -> bytes:
    """The program's standard output, given `data` on its standard input."""
    try:
        # Fixed programs and options, no shell; the article's text goes through standard input.
        completed = subprocess.run(command, input=data, capture_output=True, timeout=timeout)  # noqa: S603
    except FileNotFoundError as error:
        raise EngineError(f"{command[0]} est introuvable sur ce serveur : installez-le.") from error
    except subprocess.TimeoutExpired as error:
        raise EngineError(f"{command[0]} n'a pas fini en {timeout:.0f} s.") from error
    if completed.returncode != 0:
        message = completed.stderr.decode(errors="replace").strip()[-500:]
        raise EngineError(f"{command[0]} a échoué (code {completed.returncode}) : {message}")
    return completed.stdout


def _read_wav(path: Path) -> Speech:
    try:
        with wave.open(str(path), "rb") as wav:
            if wav.getnchannels() != 1 or wav.getsampwidth() != 2:
                raise EngineError("le moteur a produit un son qui n'est pas mono 16 bits.")
            return Speech(wav.readframes(wav.getnframes()), wav.getframerate())
    except (wave.Error, EOFError) as error:
        raise EngineError(f"le moteur a produit un fichier WAV illisible : {error}") from error


def _synthesize_to_wav(command: list[str], text: str) -> Speech:
    with tempfile.TemporaryDirectory(prefix="manchette-audio-") as folder:
        path = Path(folder) / "speech.wav"
        _run([part.replace("{output}", str(path)) for part in command], text.encode(), timeout=300)
        return _read_wav(path)


class EspeakEngine:
    def __init__(self, voice: str = "fr-fr", words_per_minute: int = 165) -> None:
        self.voice, self.words_per_minute = voice, words_per_minute
        self.fingerprint = f"espeak-ng/{voice}/{words_per_minute}"

    def synthesize(self, text: str) -> Speech:
        # The text goes through standard input: never on the command line, where a leading
        # dash would read as an option.
        command = ["espeak-ng", "-v", self.voice, "-s", str(self.words_per_minute), "-w", "{output}"]
        return _synthesize_to_wav(command, text)


class PiperEngine:
    def __init__(self, voice: Path, command: str = "piper") -> None:
        self.voice, self.command = voice, command
        self.fingerprint = f"piper/{voice.name}"

    def synthesize(self, text: str) -> Speech:
        if not self.voice.is_file():
            raise EngineError(f"la voix Piper {self.voice} est introuvable.")
        command = [self.command, "--model", str(self.voice), "--output_file", "{output}"]
        return _synthesize_to_wav(command, text)


def configured_engine() -> Engine:
    """Piper when the operator gave a voice file, espeak-ng otherwise."""
    if settings.AUDIO_PIPER_VOICE:
        return PiperEngine(Path(settings.AUDIO_PIPER_VOICE), settings.AUDIO_PIPER_COMMAND)
    return EspeakEngine(settings.AUDIO_ESPEAK_VOICE)


def encode(speech: Speech) -> bytes:
    """MP3 bytes for the samples (see the module's docstring for the choice)."""
    command = [
        "lame", "--silent", "-r", "-s", f"{speech.rate / 1000:g}", "--bitwidth", "16", "--signed",
        "--little-endian", "-m", "m", "--cbr", "-b", str(ENCODING["bitrate_kbps"]), "-", "-",
    ]  # fmt: skip
    encoded = _run(command, speech.samples, timeout=600)
    if not encoded:
        raise EngineError("lame n'a rien produit.")
    return encoded
