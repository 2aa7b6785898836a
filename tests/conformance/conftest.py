"""Conformance tests read real files kept beside the repository, in ../shared (never copied into
it). They are not part of `make test`, which needs nothing but the clone: `make conformance`
runs them (CI does, after `make test`), and there a missing folder fails the test."""

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2].parent / "shared"


def shared_folder(relative: str, marker: str) -> Path:
    """../shared/<relative>, which must hold `marker`; the test fails if it does not."""
    folder = SHARED / relative
    if (folder / marker).exists():
        return folder
    pytest.fail(f"{folder} is missing: ../shared/{relative} beside the repository, with {marker}")
