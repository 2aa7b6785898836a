"""Issue 21, Deployment: the shipped files work together, and HSTS preload is the operator's choice.

- The systemd units make only ReadWritePaths writable (ProtectSystem=strict): the media and
  the audio folders that deploy/manchette.env.example sets must both be among them, or audio
  cannot be made under the units as shipped (AUDIO_ROOT used to be unset, its default beside
  MEDIA_ROOT, outside every writable path).
- HSTS preload, which browsers ship and a newsroom cannot quickly undo, is off unless
  SECURE_HSTS_PRELOAD asks for it; `check --deploy` stays clean either way.
"""

import json
from pathlib import Path, PurePosixPath

import pytest

from tests.accounts.test_security import manage

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
# The units that run the application (and so write media and audio).
UNITS = ["manchette-web.service", "manchette-worker@.service", "manchette-scheduler.service"]


def _assignments(text: str) -> dict[str, list[str]]:
    values: dict[str, list[str]] = {}
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith(("#", ";", "[")) and "=" in line:
            name, _, value = line.partition("=")
            values.setdefault(name.strip(), []).append(value.strip())
    return values


def _within(path: str, folders: list[str]) -> bool:
    return any(PurePosixPath(path).is_relative_to(PurePosixPath(folder.lstrip("-"))) for folder in folders)


@pytest.mark.parametrize("unit", UNITS)
def test_the_units_make_the_media_and_audio_folders_of_the_example_writable(unit: str) -> None:
    assigned = _assignments((DEPLOY / "manchette.env.example").read_text())
    example = {name: values[-1] for name, values in assigned.items()}
    assert example.get("AUDIO_ROOT"), "the environment example must say where audio goes"
    assert not _within(example["AUDIO_ROOT"], [example["MEDIA_ROOT"]]), "audio is never under MEDIA_ROOT"
    settings = _assignments((DEPLOY / "systemd" / unit).read_text())
    assert settings.get("EnvironmentFile") == ["/etc/manchette/manchette.env"]
    writable = [folder for value in settings.get("ReadWritePaths", []) for folder in value.split()]
    for name in ("MEDIA_ROOT", "AUDIO_ROOT"):
        assert _within(example[name], writable), f"{unit}: {name}={example[name]} not in {writable}"


_SHOW = "import json; from django.conf import settings; print(json.dumps(settings.SECURE_HSTS_PRELOAD))"


@pytest.mark.parametrize(("asked", "preload"), [({}, False), ({"SECURE_HSTS_PRELOAD": "1"}, True)])
def test_hsts_preload_only_when_asked_and_the_deploy_check_stays_clean(
    tmp_path: Path, asked: dict[str, str], preload: bool
) -> None:
    shown = manage(tmp_path, "shell", "--no-imports", "-c", _SHOW, **asked)
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout.strip().splitlines()[-1]) is preload
    check = manage(tmp_path, "check", "--deploy", "--fail-level", "WARNING", **asked)
    assert check.returncode == 0, check.stdout + check.stderr
