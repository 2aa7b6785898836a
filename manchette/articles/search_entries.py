"""The search index's entries for many new pages at once, as the search backend writes them.

On PostgreSQL, modelsearch's `add_bulk` builds three text-search vectors per object as Django
expressions (one `to_tsvector` call per field, each compiled to SQL and its text quoted on the
client), reading every field once for each of the five columns it fills: a quarter of a bulk
import's time. `index_new` reads each field once and sends the texts as one JSON document;
the server computes the same vectors (the same `to_tsvector` configuration, weights and order
of concatenation), so the rows are the ones `add_bulk` writes
(tests/articles/test_imports_search_entries.py compares them). Other backends (SQLite's) get
`add_bulk` itself.
"""

import json
from collections import defaultdict
from collections.abc import Sequence

from django.contrib.contenttypes.models import ContentType
from django.db import connections, router
from modelsearch.backends.database.postgres.postgres import IndexEntry, ObjectIndexer, PostgresSearchBackend
from modelsearch.index import AutocompleteField, Indexed, SearchField
from wagtail.search.backends import get_search_backends

# (text, weight) pairs, in the order the backend concatenates them.
Texts = list[tuple[str, str]]
WEIGHTS = frozenset("ABCD")


def index_new(model: type[Indexed], objects: Sequence[Indexed]) -> None:
    """Adds (or replaces) the index entries of `objects`, all of `model`, in every search
    backend that follows changes."""
    if not objects:
        return
    for backend in get_search_backends(with_auto_update=True):
        if isinstance(backend, PostgresSearchBackend):
            _postgres_entries(backend, model, objects)
        else:
            backend.add_bulk(model, objects)


def _postgres_entries(
    backend: PostgresSearchBackend, model: type[Indexed], objects: Sequence[Indexed]
) -> None:
    """One INSERT … ON CONFLICT per shape of texts (one for a model without related fields),
    then the title norms, as modelsearch's PostgresIndex.add_items does."""
    search_fields = model.get_search_fields()
    if not search_fields:
        return
    shapes: dict[tuple[tuple[str, ...], ...], list[dict[str, str]]] = defaultdict(list)
    for obj in objects:
        title, autocomplete, body = _texts(ObjectIndexer(obj, backend), obj, search_fields)
        shape = tuple(tuple(weight for _text, weight in texts) for texts in (title, autocomplete, body))
        row = {"id": str(obj.pk)}
        for prefix, texts in zip("tab", (title, autocomplete, body), strict=True):
            row.update({f"{prefix}{position}": text for position, (text, _weight) in enumerate(texts)})
        row["title_text"] = " ".join(text for text, _weight in title if text)
        row["body_text"] = " ".join(text for text, _weight in body if text)
        shapes[shape].append(row)
    index = backend.get_index_for_model(model)
    connection = connections[router.db_for_write(IndexEntry)]
    content_type = ContentType.objects.get_for_model(model).pk
    with connection.cursor() as cursor:
        for shape, rows in shapes.items():
            cursor.execute(
                _statement(shape, configured=backend.config is not None),
                {
                    "content_type": content_type,
                    "config": backend.config,
                    "autocomplete_config": backend.autocomplete_config,
                    "rows": json.dumps(rows),
                },
            )
    index._refresh_title_norms()


def _texts(indexer: ObjectIndexer, obj: Indexed, search_fields: list) -> tuple[Texts, Texts, Texts]:
    """The title's, autocomplete's and body's texts with their weights, each field read once,
    stripped as the backend strips them (an empty text adds nothing to a vector)."""
    title: Texts = []
    autocomplete: Texts = []
    body: Texts = []
    for field in search_fields:
        for current, weight, value in indexer.prepare_field(obj, field):
            text = value.strip()
            if isinstance(current, AutocompleteField):
                autocomplete.append((text, weight))
            elif isinstance(current, SearchField):
                (title if current.field_name == "title" else body).append((text, weight))
    return title, autocomplete, body


def _statement(shape: tuple[tuple[str, ...], ...], configured: bool) -> str:
    """The INSERT for rows of one shape: each column's vector is its texts' to_tsvector,
    weighted and concatenated in order, as the backend's SearchVector expressions are (without
    a configuration when the backend names none: the server's default one)."""
    columns = ["id text", "title_text text", "body_text text"]
    vectors = []
    for prefix, weights, config in zip(
        "tab", shape, ("config", "autocomplete_config", "config"), strict=True
    ):
        parts = []
        for position, weight in enumerate(weights):
            if weight not in WEIGHTS:
                raise ValueError(f"unknown search weight {weight!r}")
            columns.append(f"{prefix}{position} text")
            named = f"%({config})s::regconfig, " if configured or config == "autocomplete_config" else ""
            parts.append(f"setweight(to_tsvector({named}COALESCE(r.{prefix}{position}, '')), '{weight}')")
        vectors.append(" || ".join(parts) if parts else "to_tsvector('')")
    table = IndexEntry._meta.db_table
    return f"""
        INSERT INTO {table} (content_type_id, object_id, title, autocomplete, body, title_norm,
                             title_text, body_text)
        SELECT %(content_type)s, r.id, {vectors[0]}, {vectors[1]}, {vectors[2]}, 1.0, r.title_text,
               r.body_text
        FROM json_to_recordset(%(rows)s::json) AS r({", ".join(columns)})
        ON CONFLICT (content_type_id, object_id)
        DO UPDATE SET title = EXCLUDED.title, title_norm = 1.0, autocomplete = EXCLUDED.autocomplete,
                      body = EXCLUDED.body, title_text = EXCLUDED.title_text,
                      body_text = EXCLUDED.body_text
    """  # noqa: S608 - the table from the model, the weights checked; every value is a parameter
