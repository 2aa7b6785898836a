"""Conformance tests read real files kept beside the repository, in ../shared (never copied into
it). CI runs them: there (`CI` or `MANCHETTE_CONFORMANCE` set, as .ci/run does) a missing folder
fails the test; elsewhere, a clone without ../shared, it is skipped with the reason."""

import os
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2].parent / "shared"


def shared_folder(relative: str, marker: str) -> Path:
    """../shared/<relative>, which must hold `marker`; fails under CI, skips elsewhere, if it does not."""
    folder = SHARED / relative
    if (folder / marker).exists():
        return folder
    reason = f"{folder} is missing (../shared/{relative} beside the repository, with {marker})"
    if os.environ.get("CI") or os.environ.get("MANCHETTE_CONFORMANCE"):
        pytest.fail(f"conformance samples required here (CI or MANCHETTE_CONFORMANCE is set): {reason}")
    pytest.skip(f"conformance samples not available: {reason}")
