"""Wagtail's reference index ("Usage" in the admin) must know every model the newsroom edits
from the moment a process starts, not only once the admin's hooks are loaded.

Wagtail registers a viewset's model with the index when the admin's viewsets are populated,
which happens on the first admin page or page render in that process. Saves made before (by a
task worker, the demo loader, a management command) went unindexed, and loading the demo
twice in a fresh process added rows the first load had missed.
"""

import json
import subprocess
import sys
from pathlib import Path

SCRIPT = """
import json
import django
django.setup()
from wagtail.admin.viewsets import viewsets
from wagtail.models.reference_index import ReferenceIndex

def indexed():
    return sorted(model._meta.label for model in ReferenceIndex.indexed_models)

at_start = indexed()
viewsets.populate()
print(json.dumps({"at_start": at_start, "with_admin": indexed()}))
"""


def test_models_edited_in_the_admin_are_indexed_from_the_start() -> None:
    root = Path(__file__).resolve().parent.parent
    env = {"DJANGO_SETTINGS_MODULE": "tests.settings", "PATH": "/usr/bin:/bin"}
    found = json.loads(
        subprocess.run(  # noqa: S603 - this interpreter and our own script, no shell
            [sys.executable, "-c", SCRIPT], cwd=root, env=env, check=True, capture_output=True, text=True
        ).stdout
    )
    added_by_admin = sorted(set(found["with_admin"]) - set(found["at_start"]))
    assert added_by_admin == []
    assert "newsletters.Newsletter" in found["at_start"]
