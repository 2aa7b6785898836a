"""Audio versions: how fast espeak-ng and lame speak the demo articles, and publish-to-ready time.

    .venv/bin/python bench/audio_generation.py [--publishes 3]

Works on a copy of the database `make setup` creates (var/manchette.sqlite3, migrated
here), with the audio files in a temporary folder: the developer's data is left alone.

1. Every live demo article: the spoken text assembled and normalised, synthesised by the
   configured engine (espeak-ng unless AUDIO_PIPER_VOICE is set), then encoded by lame,
   in process, nothing stored. CPU seconds are those of the child processes (the engine
   and the encoder) plus this process's own: the real-time factor is seconds of audio per
   second of CPU, for synthesis and for encoding apart, then for the whole pipeline.
   Target: the pipeline faster than 50x real time with espeak-ng.
2. Output bytes per minute of audio (MP3, constant 32 kbit/s: 240,000 expected).
3. Publish to ready through the worker: a `db_worker` (its default one-second poll)
   runs; an article is published with a changed standfirst, and the time until its new
   audio is ready is measured, `--publishes` times.
"""

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def measure_pipeline() -> None:
    from manchette.articles.models import ArticlePage
    from manchette.audio import engines, services

    engine = engines.configured_engine()
    articles = list(ArticlePage.objects.live().order_by("pk"))
    audio_seconds = synthesis_cpu = encoding_cpu = 0.0
    encoded_bytes = 0
    wall = time.perf_counter()
    for article in articles:
        sections = services.spoken_sections(article)
        start = cpu_seconds()
        speech, _chapters = services.render(sections, engine)
        middle = cpu_seconds()
        encoded = engines.encode(speech)
        synthesis_cpu += middle - start
        encoding_cpu += cpu_seconds() - middle
        audio_seconds += speech.seconds
        encoded_bytes += len(encoded)
    wall = time.perf_counter() - wall
    print(f"engine {engine.fingerprint}, {len(articles)} articles, {audio_seconds:.0f} s of audio")
    print(f"  synthesis   {synthesis_cpu:7.2f} s CPU  {audio_seconds / synthesis_cpu:7.1f}x real time")
    print(f"  encoding    {encoding_cpu:7.2f} s CPU  {audio_seconds / encoding_cpu:7.1f}x real time")
    total = synthesis_cpu + encoding_cpu
    print(f"  pipeline    {total:7.2f} s CPU  {audio_seconds / total:7.1f}x real time (target > 50x)")
    print(f"  wall clock  {wall:7.2f} s      {audio_seconds / wall:7.1f}x real time")
    print(f"  output      {encoded_bytes / (audio_seconds / 60):,.0f} bytes per minute of audio")


def measure_publish_to_ready(publishes: int) -> None:
    from manchette.articles.models import ArticlePage
    from manchette.audio.models import ArticleAudio

    command = ["manage.py", "db_worker", "--queue-name", "default", "--no-reload", "--no-startup-delay"]
    worker = subprocess.Popen(
        [sys.executable, *command],
        cwd=ROOT,
        env=os.environ.copy(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    timings = []
    try:
        for article in ArticlePage.objects.live().order_by("pk")[:publishes]:
            before = ArticleAudio.objects.filter(article=article).values_list("text_hash", flat=True).first()
            article.standfirst = f"{article.standfirst} (mesure {time.time():.0f})"
            start = time.perf_counter()
            article.save_revision().publish()
            while True:
                audio = ArticleAudio.objects.filter(article=article).first()
                if audio and audio.status == ArticleAudio.Status.READY and audio.text_hash != before:
                    break
                if time.perf_counter() - start > 120:
                    raise SystemExit(f"no audio after 120 s for article {article.pk}: is the worker running?")
                time.sleep(0.02)
            timings.append(time.perf_counter() - start)
            title = article.title[:45]
            print(f"  {title:<45} {audio.duration:4.0f} s of audio, ready in {timings[-1]:5.2f} s")
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    median = statistics.median(timings)
    print(f"publish to ready through the worker: median {median:.2f} s over {len(timings)} publications")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--publishes", type=int, default=3)
    args = parser.parse_args()
    source = ROOT / "var" / "manchette.sqlite3"
    if not source.exists():
        raise SystemExit("var/manchette.sqlite3 is missing: run `make setup` first")
    with tempfile.TemporaryDirectory(prefix="manchette-audio-bench-") as folder:
        copy = Path(folder) / "bench.sqlite3"
        shutil.copy(source, copy)
        os.environ.update(
            {
                "DJANGO_SETTINGS_MODULE": "manchette.settings",
                "DATABASE_URL": f"sqlite:///{copy}",
                "AUDIO_ROOT": str(Path(folder) / "audio"),
                "AUDIO_ON_PUBLISH": "1",
                "MANCHETTE_IMMEDIATE_TASKS": "",
            }
        )
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        print(f"load average {os.getloadavg()[0]:.1f} {os.getloadavg()[1]:.1f} {os.getloadavg()[2]:.1f}")
        measure_pipeline()
        measure_publish_to_ready(args.publishes)


if __name__ == "__main__":
    main()
