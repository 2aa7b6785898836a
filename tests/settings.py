"""The test suite's settings (pytest's DJANGO_SETTINGS_MODULE): the site's own, with tasks run
as they are queued, so a plain `pytest` runs what `make test` runs. Tests about the queue
itself take the database backend back (tests/tasks_in_database.py). Servers the tests start
in other processes run on manchette.settings (tests/stack/servers.py sets it)."""

from manchette.environment import env_bool
from manchette.settings import *  # noqa: F403

TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
# Tasks run inline would hold up the publishing request: audio is made by `generate_audio`.
AUDIO_ON_PUBLISH = env_bool("AUDIO_ON_PUBLISH", default=False)
# Each audience view folded by its own request, as tasks run inline: a test reads its count at
# once (manchette.settings makes it so only under MANCHETTE_IMMEDIATE_TASKS, which make test does
# not set). The stack tests' servers run on manchette.settings, with the buffer.
AUDIENCE_BUFFER_SECONDS = 0
