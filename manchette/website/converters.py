"""The `id` path converter: a row's id in a URL, range-checked before any view sees it.

Django's `int` converter takes any number of digits: `/commentaires/article/99999999999999999999999/`
reached the view, and the database driver failed on a number no integer column can hold (a
500 for anyone). `id` matches only what an id column can hold (1 to 2**63 - 1, PostgreSQL's
bigint and SQLite's INTEGER), so anything else is no URL of the site: a 404.
"""

from django.urls import register_converter

LARGEST_ID = 2**63 - 1


class IdConverter:
    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if not 1 <= number <= LARGEST_ID:
            raise ValueError(f"{value} is not an id")  # the pattern does not match: 404
        return number

    def to_url(self, value: int) -> str:
        return str(value)


def register() -> None:
    """Makes `<id:name>` known to every urls.py (called once, when the site app is ready)."""
    register_converter(IdConverter, "id")
