"""The wire's tests read the agency and IPTC samples from ../shared/wire/samples at run time
(never copied into the repository: see SOURCES.txt there)."""

from pathlib import Path

import pytest

from manchette.wire.models import Feed

SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "wire" / "samples"


@pytest.fixture(scope="session")
def samples() -> Path:
    if not (SAMPLES / "SOURCES.txt").is_file():
        pytest.skip(f"the wire samples are not at {SAMPLES} (../shared/wire/samples beside the repository)")
    return SAMPLES


@pytest.fixture
def make_feed(newsroom):
    def make(format: str = "newsmlg2", transport: str = "manual", short_name: str = "AFP", **fields) -> Feed:
        agency = newsroom.agency(name=f"Agence {short_name}", short_name=short_name)
        return Feed.objects.create(
            name=f"Fil {short_name} {format}", agency=agency, format=format, transport=transport, **fields
        )

    return make
