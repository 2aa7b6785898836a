"""Colours, skies and the strokes every scene uses: gradients, ridges, mist, glows, clouds,
trees and people."""

import itertools
import math
import random
from collections.abc import Sequence
from typing import NamedTuple

from PIL import Image, ImageDraw, ImageFilter

Color = tuple[int, int, int]
Point = tuple[float, float]


def mix(a: Color, b: Color, t: float) -> Color:
    t = min(1.0, max(0.0, t))
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )


def shaded(c: Color, factor: float) -> Color:
    return (
        min(255, max(0, round(c[0] * factor))),
        min(255, max(0, round(c[1] * factor))),
        min(255, max(0, round(c[2] * factor))),
    )


def jitter(rng: random.Random, c: Color, amount: int = 16) -> Color:
    return (
        min(255, max(0, c[0] + rng.randint(-amount, amount))),
        min(255, max(0, c[1] + rng.randint(-amount, amount))),
        min(255, max(0, c[2] + rng.randint(-amount, amount))),
    )


def rgba(c: Color, alpha: int) -> tuple[int, int, int, int]:
    return (c[0], c[1], c[2], alpha)


class Sky(NamedTuple):
    top: Color
    horizon: Color
    light: Color
    night: bool


SKIES: dict[str, Sky] = {
    "day": Sky((64, 124, 196), (200, 224, 240), (255, 250, 230), False),
    "morning": Sky((96, 138, 204), (248, 214, 172), (255, 242, 205), False),
    "dusk": Sky((54, 48, 108), (246, 148, 96), (255, 216, 154), False),
    "sunset": Sky((34, 54, 112), (238, 116, 86), (255, 200, 136), False),
    "overcast": Sky((128, 142, 162), (212, 212, 206), (246, 244, 236), False),
    "night": Sky((10, 16, 44), (52, 64, 116), (236, 236, 220), True),
}


def pick_sky(rng: random.Random, names: Sequence[str]) -> Sky:
    base = SKIES[rng.choice(names)]
    return Sky(jitter(rng, base.top, 12), jitter(rng, base.horizon, 12), base.light, base.night)


def gradient(size: tuple[int, int], stops: Sequence[tuple[float, Color]]) -> Image.Image:
    """A vertical gradient through (position 0..1, colour) stops."""
    w, h = size
    column: list[Color] = []
    for y in range(h):
        t = y / (h - 1) if h > 1 else 0.0
        colour = stops[-1][1]
        for (t0, c0), (t1, c1) in itertools.pairwise(stops):
            if t <= t1:
                colour = mix(c0, c1, (t - t0) / (t1 - t0) if t1 > t0 else 0.0)
                break
        column.append(colour)
    strip = Image.new("RGB", (1, h))
    strip.putdata(column)
    return strip.resize((w, h), Image.Resampling.NEAREST)


def band(img: Image.Image, y0: float, y1: float, color: Color, a0: float, a1: float) -> None:
    """Lay a translucent colour band whose opacity goes from a0 (top) to a1 (bottom)."""
    w, _ = img.size
    top, bottom = int(y0), int(y1)
    if bottom <= top:
        return
    n = bottom - top
    strip = Image.new("L", (1, n))
    strip.putdata([round(255 * (a0 + (a1 - a0) * i / max(1, n - 1))) for i in range(n)])
    img.paste(color, (0, top, w, bottom), strip.resize((w, n), Image.Resampling.NEAREST))


def haze(img: Image.Image, y0: float, y1: float, color: Color, peak: float) -> None:
    """Lay a soft horizontal mist band, transparent at both edges and densest in the middle."""
    w, _ = img.size
    top, bottom = int(y0), int(y1)
    if bottom <= top:
        return
    n = bottom - top
    strip = Image.new("L", (1, n))
    strip.putdata([round(255 * peak * math.sin(math.pi * i / max(1, n - 1))) for i in range(n)])
    img.paste(color, (0, top, w, bottom), strip.resize((w, n), Image.Resampling.NEAREST))


class Mask:
    """A soft, low-resolution mask used for glows, clouds, smoke and light beams."""

    def __init__(self, size: tuple[int, int], scale: int = 4) -> None:
        self.size = size
        self.scale = scale
        self.image = Image.new("L", (size[0] // scale + 1, size[1] // scale + 1), 0)
        self.draw = ImageDraw.Draw(self.image)

    def ellipse(self, cx: float, cy: float, rx: float, ry: float, value: int) -> None:
        s = self.scale
        self.draw.ellipse(((cx - rx) / s, (cy - ry) / s, (cx + rx) / s, (cy + ry) / s), fill=value)

    def polygon(self, points: Sequence[Point], value: int) -> None:
        s = self.scale
        self.draw.polygon([(x / s, y / s) for x, y in points], fill=value)

    def apply(self, img: Image.Image, color: Color, blur: float) -> None:
        mask = self.image.filter(ImageFilter.GaussianBlur(blur / self.scale))
        mask = mask.resize(self.size, Image.Resampling.BILINEAR)
        img.paste(color, (0, 0, *self.size), mask)


def ridge(
    rng: random.Random, width: float, base: float, amp: float, rough: float = 0.55, levels: int = 7
) -> list[Point]:
    """A midpoint-displacement skyline: y goes from base (lowest) to base - amp (peak)."""
    n = 2**levels
    heights = [0.0] * (n + 1)
    heights[0], heights[n] = rng.uniform(-1, 1), rng.uniform(-1, 1)
    step, scale = n, 1.0
    while step > 1:
        half = step // 2
        for i in range(half, n, step):
            heights[i] = (heights[i - half] + heights[i + half]) / 2 + rng.uniform(-scale, scale)
        step, scale = half, scale * rough
    lo, hi = min(heights), max(heights)
    span = (hi - lo) or 1.0
    return [(i * width / n, base - (v - lo) / span * amp) for i, v in enumerate(heights)]


def ridge_y(points: Sequence[Point], x: float) -> float:
    step = points[1][0] - points[0][0]
    i = min(len(points) - 2, max(0, int(x / step)))
    (x0, y0), (_, y1) = points[i], points[i + 1]
    return y0 + (y1 - y0) * (x - x0) / step


def fill_below(draw: ImageDraw.ImageDraw, points: Sequence[Point], bottom: float, color: Color) -> None:
    draw.polygon([*points, (points[-1][0], bottom), (points[0][0], bottom)], fill=color)


def paint_sky(img: Image.Image, sky: Sky, horizon: float) -> None:
    w, h = img.size
    t = min(0.98, max(0.02, horizon / h))
    img.paste(gradient((w, h), [(0.0, sky.top), (t, sky.horizon), (1.0, mix(sky.horizon, sky.top, 0.35))]))


def stars(draw: ImageDraw.ImageDraw, rng: random.Random, w: int, bottom: float) -> None:
    for _ in range(160):
        x, y = rng.uniform(0, w), bottom * (rng.random() ** 1.6)
        v = rng.randint(120, 255)
        r = rng.choice((0.8, 1.0, 1.0, 1.6))
        draw.ellipse((x - r, y - r, x + r, y + r), fill=(v, v, min(255, v + 10), 255))


def sun(img: Image.Image, rng: random.Random, sky: Sky, x: float, y: float, r: float) -> None:
    draw = ImageDraw.Draw(img, "RGBA")
    if sky.night:
        stars(draw, rng, img.size[0], img.size[1] * 0.55)
        glow(img, x, y, r * 4, sky.light, 0.22)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=sky.light)
        for _ in range(5):
            cx, cy = x + rng.uniform(-0.5, 0.5) * r, y + rng.uniform(-0.5, 0.5) * r
            cr = r * rng.uniform(0.1, 0.22)
            draw.ellipse((cx - cr, cy - cr, cx + cr, cy + cr), fill=(180, 180, 170, 70))
    else:
        glow(img, x, y, r * 7, sky.light, 0.45)
        glow(img, x, y, r * 2.6, sky.light, 0.75)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=sky.light)


def glow(img: Image.Image, x: float, y: float, radius: float, color: Color, strength: float) -> None:
    mask = Mask(img.size)
    mask.ellipse(x, y, radius * 0.55, radius * 0.55, round(255 * strength))
    mask.apply(img, color, blur=radius * 0.45)


def clouds(img: Image.Image, rng: random.Random, sky: Sky, y_min: float, y_max: float, count: int) -> None:
    w, _ = img.size
    puffs: list[tuple[float, float, float, float, int]] = []
    for _ in range(count):
        cx, cy = rng.uniform(-0.1, 1.1) * w, rng.uniform(y_min, y_max)
        cw = rng.uniform(0.12, 0.32) * w
        for _ in range(rng.randint(5, 9)):
            rx = rng.uniform(0.12, 0.26) * cw
            puffs.append(
                (
                    cx + rng.uniform(-0.5, 0.5) * cw,
                    cy + rng.uniform(-0.12, 0.06) * cw * 0.4,
                    rx,
                    rx * rng.uniform(0.4, 0.65),
                    rng.randint(150, 215),
                )
            )
    shadow, light = Mask(img.size), Mask(img.size)
    for cx, cy, rx, ry, v in puffs:
        shadow.ellipse(cx, cy + ry * 0.35, rx, ry, v)
        light.ellipse(cx, cy - ry * 0.1, rx * 0.92, ry * 0.85, v)
    if sky.night:
        light.image = light.image.point(lambda v: v // 3)
        light.apply(img, mix(sky.horizon, (200, 200, 210), 0.3), blur=14)
    else:
        shadow.apply(img, mix(sky.horizon, sky.top, 0.55), blur=10)
        light.apply(img, mix(sky.light, sky.horizon, 0.25), blur=12)


def conifer(
    draw: ImageDraw.ImageDraw,
    rng: random.Random,
    x: float,
    base: float,
    height: float,
    color: Color,
) -> None:
    trunk = height * 0.1
    bark = mix(shaded(color, 0.8), (90, 60, 40), 0.5)
    draw.rectangle((x - height * 0.015, base - trunk - 2, x + height * 0.015, base), fill=bark)
    tiers = rng.randint(3, 5)
    body = height - trunk
    half = height * rng.uniform(0.15, 0.21)
    lit = shaded(color, 1.16)
    for k in range(tiers):
        yb = base - trunk - body * k / (tiers + 0.3)
        yt = max(base - height, yb - body * 0.5)
        hw = half * (1 - k / (tiers + 0.8))
        notch = body * 0.05
        draw.polygon([(x - hw, yb), (x, yb - notch), (x + hw, yb), (x, yt)], fill=color)
        draw.polygon([(x, yb - notch), (x + hw, yb), (x, yt)], fill=lit)


def leafy(
    draw: ImageDraw.ImageDraw,
    rng: random.Random,
    x: float,
    base: float,
    height: float,
    color: Color,
) -> None:
    cy, r = base - height * 0.62, height * 0.34
    tw = height * 0.035
    draw.polygon(
        [(x - tw * 1.6, base), (x - tw * 0.6, cy), (x + tw * 0.6, cy), (x + tw * 1.6, base)],
        fill=mix(color, (60, 40, 30), 0.6),
    )
    for k in range(11):
        ex, ey = x + rng.uniform(-0.62, 0.62) * r, cy + rng.uniform(-0.55, 0.35) * r
        rr = r * rng.uniform(0.42, 0.66)
        tone = shaded(color, rng.uniform(0.82, 1.0) if k < 7 else rng.uniform(1.08, 1.22))
        if k >= 7:
            ex, ey, rr = ex + r * 0.2, ey - r * 0.25, rr * 0.7
        draw.ellipse((ex - rr, ey - rr * 0.9, ex + rr, ey + rr * 0.9), fill=tone)


def person(
    draw: ImageDraw.ImageDraw, x: float, base: float, height: float, body: Color, head: Color
) -> None:
    hr = height * 0.075
    top = base - height
    sw = height * 0.27
    legs = shaded(body, 0.7)
    draw.rounded_rectangle(
        (x - sw * 0.36, base - height * 0.5, x - sw * 0.04, base), radius=sw * 0.1, fill=legs
    )
    draw.rounded_rectangle(
        (x + sw * 0.04, base - height * 0.5, x + sw * 0.36, base), radius=sw * 0.1, fill=legs
    )
    draw.rounded_rectangle(
        (x - sw / 2, top + hr * 2.2, x + sw / 2, base - height * 0.42), radius=sw * 0.3, fill=body
    )
    draw.ellipse((x - hr, top, x + hr, top + hr * 2.2), fill=head)


SKINS: tuple[Color, ...] = (
    (236, 200, 170),
    (206, 160, 120),
    (150, 100, 70),
    (96, 64, 46),
    (226, 184, 150),
)


CLOTHES: tuple[Color, ...] = (
    (46, 58, 90),
    (120, 40, 44),
    (60, 90, 70),
    (200, 160, 80),
    (90, 90, 96),
    (170, 90, 60),
    (40, 40, 46),
    (110, 130, 160),
)
