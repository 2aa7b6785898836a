"""scripts/check-imports, which make lint runs, on small trees written here: it must fail on
an import circle, on website importing an app, and on an ARCHITECTURE.md table that no
longer says which app imports which; and pass on a tree that keeps the rules."""

import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "check-imports"

TABLE = """# Architecture

| App | Imports from |
| --- | --- |
| `website` | — |
| `articles` | `website` |
| `comments` | `articles`, `website` |
"""


def _tree(root: Path, files: dict[str, str], table: str = TABLE) -> Path:
    for name, text in {"manchette/__init__.py": "", **files}.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    (root / "ARCHITECTURE.md").write_text(table)
    return root


def _check(root: Path) -> tuple[int, str]:
    done = subprocess.run(  # noqa: S603 - this interpreter and our own script, no shell
        [sys.executable, str(SCRIPT)], cwd=root, capture_output=True, text=True, check=False
    )
    return done.returncode, done.stderr


GOOD = {
    "manchette/website/__init__.py": "",
    "manchette/website/caching.py": "X = 1\n",
    "manchette/articles/__init__.py": "",
    "manchette/articles/models.py": "from manchette.website.caching import X\n",
    "manchette/comments/__init__.py": "",
    "manchette/comments/views.py": (
        "from manchette.articles import models\nfrom manchette.website import caching\n"
    ),
}


def test_a_tree_that_keeps_the_rules_passes(tmp_path: Path) -> None:
    assert _check(_tree(tmp_path, GOOD)) == (0, "")


def test_a_circle_even_through_a_function_level_import_fails(tmp_path: Path) -> None:
    files = {
        **GOOD,
        "manchette/articles/models.py": "from manchette.website.caching import X\n\n"
        "def f():\n    from manchette.articles import services\n",
        "manchette/articles/services.py": "from manchette.articles import models\n",
    }
    code, errors = _check(_tree(tmp_path, files))
    assert code == 1
    assert "import circle: manchette.articles.models -> manchette.articles.services" in errors


def test_an_import_only_for_annotations_is_no_circle(tmp_path: Path) -> None:
    files = {
        **GOOD,
        "manchette/articles/models.py": "from typing import TYPE_CHECKING\n"
        "from manchette.website.caching import X\n"
        "if TYPE_CHECKING:\n    from manchette.articles import services\n",
        "manchette/articles/services.py": "from manchette.articles import models\n",
    }
    assert _check(_tree(tmp_path, files)) == (0, "")


def test_website_importing_an_app_fails(tmp_path: Path) -> None:
    files = {**GOOD, "manchette/website/caching.py": "from manchette.articles import models\nX = 1\n"}
    code, errors = _check(_tree(tmp_path, files))
    assert code == 1
    assert "website imports no other app" in errors


WRONG_ROWS = ["| `comments` | `articles` |", "| `comments` | `articles`, `audio`, `website` |"]


@pytest.mark.parametrize("row", WRONG_ROWS)
def test_a_table_that_no_longer_says_what_the_code_imports_fails(tmp_path: Path, row: str) -> None:
    table = TABLE.replace("| `comments` | `articles`, `website` |", row)
    code, errors = _check(_tree(tmp_path, GOOD, table))
    assert code == 1
    assert "ARCHITECTURE.md says comments imports" in errors
    assert "it imports articles, website" in errors
