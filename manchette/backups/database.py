"""The database's part of a backup: PostgreSQL's own pg_dump and pg_restore, SQLite's online backup.

Both take a consistent snapshot while the site keeps writing: pg_dump reads one transaction's
view of the data, and SQLite's backup API copies the pages in one step under a read lock that,
in WAL mode, never blocks the writers. The PostgreSQL password goes to the client programs in
their environment (PGPASSWORD), never on a command line that `ps` shows to every user.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING, cast

from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils.translation import gettext as _

from .errors import BackupError

if TYPE_CHECKING:
    from django.db.backends.postgresql.base import DatabaseWrapper as PostgreSQLWrapper

POSTGRESQL = "postgresql"
SQLITE = "sqlite"
DUMP_NAMES = {POSTGRESQL: "database.dump", SQLITE: "database.sqlite3"}
# Where Debian installs each PostgreSQL version's client programs side by side.
POSTGRES_BINARIES = Path("/usr/lib/postgresql")
# Libpq's environment variables for the connection options Django may carry in OPTIONS.
LIBPQ_OPTIONS = {"sslmode": "PGSSLMODE", "sslrootcert": "PGSSLROOTCERT", "sslcert": "PGSSLCERT",
                 "sslkey": "PGSSLKEY", "passfile": "PGPASSFILE", "service": "PGSERVICE"}
CLIENT_ERROR_LINES = 5


def engine() -> str:
    """The engine of the site's database, as the manifest names it."""
    if connection.vendor == "postgresql":
        return POSTGRESQL
    if connection.vendor == "sqlite":
        return SQLITE
    raise BackupError(_("Base de données %(vendor)s : seules PostgreSQL et SQLite sont prises en charge.")
                      % {"vendor": connection.vendor})


def dump(folder: Path) -> Path:
    """Writes a consistent copy of the site's database into `folder` and returns its path."""
    target = folder / DUMP_NAMES[engine()]
    if engine() == POSTGRESQL:
        _run_client("pg_dump", ["--format=custom", "--file", str(target)])
    else:
        source = Path(connection.settings_dict["NAME"])
        if not source.is_file():
            raise BackupError(_("La base SQLite %(path)s n'existe pas.") % {"path": source})
        with closing(sqlite3.connect(source, timeout=60)) as live, closing(sqlite3.connect(target)) as copy:
            live.backup(copy)  # all pages in one step: one consistent snapshot
    return target


def check_dump(path: Path, dump_engine: str) -> None:
    """Reads the dump through its own engine, so a damaged one is refused before anything changes."""
    if dump_engine == POSTGRESQL:
        _run_client("pg_restore", ["--list", str(path)], failure=_("La copie PostgreSQL est illisible"))
        return
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)) as copy:
            verdict = copy.execute("PRAGMA integrity_check").fetchone()[0]
    except sqlite3.DatabaseError as error:
        verdict = str(error)
    if verdict != "ok":
        raise BackupError(_("La copie SQLite %(path)s est illisible : %(error)s.")
                          % {"path": path, "error": verdict})


def is_empty() -> bool:
    """True when the site's database holds no table yet (a fresh database, before migrate)."""
    if engine() == SQLITE and not Path(connection.settings_dict["NAME"]).exists():
        return True  # nothing to open yet: connecting would fail when its folder is missing too
    return not connection.introspection.table_names(include_views=True)


def restore(path: Path, replace: bool = False) -> None:
    """Puts the dump at `path` into the site's database: an empty one, or any once `replace` empties it."""
    if replace and engine() == POSTGRESQL:
        _drop_everything()  # SQLite's backup API replaces the whole file by itself
    connection.close()
    if engine() == POSTGRESQL:
        # One transaction: a restore that fails halfway leaves the database as empty as it was.
        # --no-owner and --no-privileges: the roles of the machine that took it may not exist here.
        _run_client("pg_restore", ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
                                   "--dbname", connection.settings_dict["NAME"], str(path)],
                    failure=_("La restauration PostgreSQL a échoué"))
    else:
        target = Path(connection.settings_dict["NAME"])
        target.parent.mkdir(parents=True, exist_ok=True)
        with (closing(sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)) as copy,
              closing(sqlite3.connect(target, timeout=60)) as live):
            copy.backup(live)  # replaces the whole content of the target


def migration_state() -> dict[str, str]:
    """The latest migration applied in each app, as the database records them."""
    latest: dict[str, str] = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        latest[app] = name
    return latest


def unknown_migrations(state: dict[str, str]) -> list[str]:
    """Migrations in `state` that this code does not have: the backup comes from a newer version."""
    known = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    return [f"{app}.{name}" for app, name in sorted(state.items()) if (app, name) not in known]


def pending_migrations() -> list[str]:
    """Migrations of this code that the restored database has not had yet."""
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    return [f"{app}.{name}" for app, name in loader.graph.leaf_nodes()
            if (app, name) not in loader.applied_migrations]


def _drop_everything() -> None:
    """Empties the site's schema (for --force): its views, tables and sequences, and what depends on them.

    Views first, then tables (which take their own sequences with them), then the sequences left.
    """
    kinds = {"v": "VIEW", "m": "MATERIALIZED VIEW", "f": "FOREIGN TABLE", "r": "TABLE", "p": "TABLE",
             "S": "SEQUENCE"}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relkind, quote_ident(n.nspname) || '.' || quote_ident(c.relname) FROM pg_class c"
            " JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE n.nspname = current_schema() AND c.relkind = ANY(%s)",
            [list(kinds)],
        )
        relations = sorted(cursor.fetchall(), key=lambda relation: list(kinds).index(relation[0]))
        for kind, name in relations:
            cursor.execute(f"DROP {kinds[kind]} IF EXISTS {name} CASCADE")  # names quoted by quote_ident


def _postgres_environment() -> dict[str, str]:
    settings = connection.settings_dict
    env = {key: value for key, value in os.environ.items() if not key.startswith("PG")}
    for variable, key in (("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER"),
                          ("PGPASSWORD", "PASSWORD"), ("PGDATABASE", "NAME")):
        if settings.get(key):
            env[variable] = str(settings[key])
    for option, variable in LIBPQ_OPTIONS.items():
        if settings.get("OPTIONS", {}).get(option):
            env[variable] = str(settings["OPTIONS"][option])
    return env


def _run_client(program: str, arguments: list[str], failure: str = "") -> None:
    command = [_client(program), *arguments]
    done = subprocess.run(command, env=_postgres_environment(), capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        error = "\n".join(done.stderr.strip().splitlines()[-CLIENT_ERROR_LINES:])
        raise BackupError(_("%(failure)s (%(program)s) : %(error)s")
                          % {"failure": failure or _("La copie de la base a échoué"), "program": program,
                             "error": error})


def _client(program: str) -> str:
    """The PostgreSQL client program at least as new as the server: an older pg_dump refuses it."""
    server = cast("PostgreSQLWrapper", connection).pg_version // 10000  # run on PostgreSQL only
    candidates = [POSTGRES_BINARIES / str(server) / "bin" / program]
    if on_path := shutil.which(program):
        candidates.append(Path(on_path))
    candidates += sorted(POSTGRES_BINARIES.glob(f"*/bin/{program}"), reverse=True)
    for candidate in candidates:
        if candidate.is_file() and _major_version(candidate) >= server:
            return str(candidate)
    raise BackupError(_("Aucun %(program)s de version %(version)s ou plus récente : installez le paquet"
                        " postgresql-client-%(version)s.") % {"program": program, "version": server})


def _major_version(program: Path) -> int:
    done = subprocess.run([str(program), "--version"], capture_output=True, text=True, check=False)  # noqa: S603
    found = re.search(r"\)\s+(\d+)", done.stdout)
    return int(found.group(1)) if found else 0
