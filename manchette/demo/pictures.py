"""Procedural illustrations for the demo content, painted with Pillow only.

Every picture is a small painterly scene drawn from a motif name and a seed: the
same pair always gives the same image, and nothing is downloaded."""

import random
from collections.abc import Callable

from PIL import Image, ImageFilter

from .painting.crowds import market, stadium, stage
from .painting.landscapes import field, forest, mountains, sea
from .painting.town import city, factory, parliament

MOTIFS: tuple[str, ...] = (
    "mountains",
    "city",
    "sea",
    "parliament",
    "market",
    "field",
    "factory",
    "stage",
    "stadium",
    "forest",
)


# What the newsroom reads in the image library: "Démo : montagnes 1".
MOTIF_TITLES: dict[str, str] = {
    "mountains": "montagnes",
    "city": "ville",
    "sea": "mer",
    "parliament": "parlement",
    "market": "marché",
    "field": "champs",
    "factory": "usine",
    "stage": "scène",
    "stadium": "stade",
    "forest": "forêt",
}


__PAINTERS: dict[str, Callable[[Image.Image, random.Random], None]] = {
    "mountains": mountains,
    "city": city,
    "sea": sea,
    "parliament": parliament,
    "market": market,
    "field": field,
    "factory": factory,
    "stage": stage,
    "stadium": stadium,
    "forest": forest,
}


def _finish(img: Image.Image, rng: random.Random) -> Image.Image:
    """Soften edges, add a paper-like mottling and a light vignette."""
    w, h = img.size
    img = img.filter(ImageFilter.GaussianBlur(0.8))
    gw, gh = max(2, w // 10), max(2, h // 10)
    grain = Image.frombytes("L", (gw, gh), bytes(rng.randrange(96, 160) for _ in range(gw * gh)))
    grain = grain.resize((w, h), Image.Resampling.BICUBIC)
    img = Image.blend(img, Image.merge("RGB", (grain, grain, grain)), 0.05)
    vw, vh = 64, 36
    vignette = Image.new("L", (vw, vh))
    vignette.putdata(
        [
            min(
                255,
                round(max(0.0, ((x - vw / 2) / (vw / 2)) ** 2 + ((y - vh / 2) / (vh / 2)) ** 2 - 0.55) * 90),
            )
            for y in range(vh)
            for x in range(vw)
        ]
    )
    img.paste((0, 0, 0), (0, 0, w, h), vignette.resize((w, h), Image.Resampling.BICUBIC))
    return img


def make_picture(motif: str, seed: int, width: int = 1600, height: int = 900) -> Image.Image:
    """Paint the demo picture for a motif (see MOTIFS); the same (motif, seed) gives the same image."""
    try:
        painter = __PAINTERS[motif]
    except KeyError:
        raise ValueError(f"Unknown picture motif: {motif!r}") from None
    rng = random.Random(f"{motif}:{seed}")
    img = Image.new("RGB", (width, height))
    painter(img, rng)
    return _finish(img, rng)
