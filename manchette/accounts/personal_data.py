"""What each app holds about a reader: found through the apps' own `privacy` modules.

An app that keeps anything naming a reader has a `privacy.py` with:

- `export(reader) -> dict`: the keys it adds to the reader's data export;
- `forget(reader) -> None`: removes or anonymises what it holds, run inside the account
  deletion's transaction (no mail, no payment provider: nothing that cannot be rolled back);
- optionally `prepare_forgetting(reader) -> None`: what must happen outside a transaction
  before (a payment provider asked to stop billing); raising stops the deletion.

Accounts knows no other app's tables: it finds these modules in INSTALLED_APPS, so a new
app joins the export and the deletion by writing its own (tests/accounts/test_every_app.py
checks that every app with a table naming a reader has one).
"""

import functools
from dataclasses import dataclass
from datetime import datetime
from importlib import import_module
from types import ModuleType

from django.apps import apps
from django.contrib.auth.models import User
from django.utils.module_loading import module_has_submodule

MODULE = "privacy"


@dataclass(frozen=True)
class Reader:
    """The account, and the addresses it has proven are its own (as typed, not normalised)."""

    user: User
    addresses: frozenset[str]


@functools.cache
def privacy_modules() -> tuple[ModuleType, ...]:
    """Every installed app's privacy module, in INSTALLED_APPS order."""
    return tuple(
        import_module(f"{config.name}.{MODULE}")
        for config in apps.get_app_configs()
        if module_has_submodule(config.module, MODULE)
    )


def iso(moment: datetime | None) -> str | None:
    """A date of the export, as ISO 8601 (None stays null)."""
    return moment.isoformat() if moment else None
