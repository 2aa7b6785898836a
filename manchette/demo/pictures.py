"""Procedural illustrations for the demo content, painted with Pillow only.

Every picture is a small painterly scene drawn from a motif name and a seed: the
same pair always gives the same image, and nothing is downloaded.
"""

import itertools
import math
import random
from collections.abc import Callable, Sequence
from typing import NamedTuple

from PIL import Image, ImageDraw, ImageFilter

Color = tuple[int, int, int]
Point = tuple[float, float]

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


# --------------------------------------------------------------------------- colours


def _mix(a: Color, b: Color, t: float) -> Color:
    t = min(1.0, max(0.0, t))
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )


def _shade(c: Color, factor: float) -> Color:
    return (
        min(255, max(0, round(c[0] * factor))),
        min(255, max(0, round(c[1] * factor))),
        min(255, max(0, round(c[2] * factor))),
    )


def _jitter(rng: random.Random, c: Color, amount: int = 16) -> Color:
    return (
        min(255, max(0, c[0] + rng.randint(-amount, amount))),
        min(255, max(0, c[1] + rng.randint(-amount, amount))),
        min(255, max(0, c[2] + rng.randint(-amount, amount))),
    )


def _rgba(c: Color, alpha: int) -> tuple[int, int, int, int]:
    return (c[0], c[1], c[2], alpha)


class _Sky(NamedTuple):
    top: Color
    horizon: Color
    light: Color
    night: bool


_SKIES: dict[str, _Sky] = {
    "day": _Sky((64, 124, 196), (200, 224, 240), (255, 250, 230), False),
    "morning": _Sky((96, 138, 204), (248, 214, 172), (255, 242, 205), False),
    "dusk": _Sky((54, 48, 108), (246, 148, 96), (255, 216, 154), False),
    "sunset": _Sky((34, 54, 112), (238, 116, 86), (255, 200, 136), False),
    "overcast": _Sky((128, 142, 162), (212, 212, 206), (246, 244, 236), False),
    "night": _Sky((10, 16, 44), (52, 64, 116), (236, 236, 220), True),
}


def _pick_sky(rng: random.Random, names: Sequence[str]) -> _Sky:
    base = _SKIES[rng.choice(names)]
    return _Sky(_jitter(rng, base.top, 12), _jitter(rng, base.horizon, 12), base.light, base.night)


# --------------------------------------------------------------------------- helpers


def _gradient(size: tuple[int, int], stops: Sequence[tuple[float, Color]]) -> Image.Image:
    """A vertical gradient through (position 0..1, colour) stops."""
    w, h = size
    column: list[Color] = []
    for y in range(h):
        t = y / (h - 1) if h > 1 else 0.0
        colour = stops[-1][1]
        for (t0, c0), (t1, c1) in itertools.pairwise(stops):
            if t <= t1:
                colour = _mix(c0, c1, (t - t0) / (t1 - t0) if t1 > t0 else 0.0)
                break
        column.append(colour)
    strip = Image.new("RGB", (1, h))
    strip.putdata(column)
    return strip.resize((w, h), Image.Resampling.NEAREST)


def _band(img: Image.Image, y0: float, y1: float, color: Color, a0: float, a1: float) -> None:
    """Lay a translucent colour band whose opacity goes from a0 (top) to a1 (bottom)."""
    w, _ = img.size
    top, bottom = int(y0), int(y1)
    if bottom <= top:
        return
    n = bottom - top
    strip = Image.new("L", (1, n))
    strip.putdata([round(255 * (a0 + (a1 - a0) * i / max(1, n - 1))) for i in range(n)])
    img.paste(color, (0, top, w, bottom), strip.resize((w, n), Image.Resampling.NEAREST))


def _haze(img: Image.Image, y0: float, y1: float, color: Color, peak: float) -> None:
    """Lay a soft horizontal mist band, transparent at both edges and densest in the middle."""
    w, _ = img.size
    top, bottom = int(y0), int(y1)
    if bottom <= top:
        return
    n = bottom - top
    strip = Image.new("L", (1, n))
    strip.putdata([round(255 * peak * math.sin(math.pi * i / max(1, n - 1))) for i in range(n)])
    img.paste(color, (0, top, w, bottom), strip.resize((w, n), Image.Resampling.NEAREST))


class _Mask:
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


def _ridge(
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


def _ridge_y(points: Sequence[Point], x: float) -> float:
    step = points[1][0] - points[0][0]
    i = min(len(points) - 2, max(0, int(x / step)))
    (x0, y0), (_, y1) = points[i], points[i + 1]
    return y0 + (y1 - y0) * (x - x0) / step


def _fill_below(draw: ImageDraw.ImageDraw, points: Sequence[Point], bottom: float, color: Color) -> None:
    draw.polygon([*points, (points[-1][0], bottom), (points[0][0], bottom)], fill=color)


def _paint_sky(img: Image.Image, sky: _Sky, horizon: float) -> None:
    w, h = img.size
    t = min(0.98, max(0.02, horizon / h))
    img.paste(_gradient((w, h), [(0.0, sky.top), (t, sky.horizon), (1.0, _mix(sky.horizon, sky.top, 0.35))]))


def _stars(draw: ImageDraw.ImageDraw, rng: random.Random, w: int, bottom: float) -> None:
    for _ in range(160):
        x, y = rng.uniform(0, w), bottom * (rng.random() ** 1.6)
        v = rng.randint(120, 255)
        r = rng.choice((0.8, 1.0, 1.0, 1.6))
        draw.ellipse((x - r, y - r, x + r, y + r), fill=(v, v, min(255, v + 10), 255))


def _sun(img: Image.Image, rng: random.Random, sky: _Sky, x: float, y: float, r: float) -> None:
    draw = ImageDraw.Draw(img, "RGBA")
    if sky.night:
        _stars(draw, rng, img.size[0], img.size[1] * 0.55)
        _glow(img, x, y, r * 4, sky.light, 0.22)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=sky.light)
        for _ in range(5):
            cx, cy = x + rng.uniform(-0.5, 0.5) * r, y + rng.uniform(-0.5, 0.5) * r
            cr = r * rng.uniform(0.1, 0.22)
            draw.ellipse((cx - cr, cy - cr, cx + cr, cy + cr), fill=(180, 180, 170, 70))
    else:
        _glow(img, x, y, r * 7, sky.light, 0.45)
        _glow(img, x, y, r * 2.6, sky.light, 0.75)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=sky.light)


def _glow(img: Image.Image, x: float, y: float, radius: float, color: Color, strength: float) -> None:
    mask = _Mask(img.size)
    mask.ellipse(x, y, radius * 0.55, radius * 0.55, round(255 * strength))
    mask.apply(img, color, blur=radius * 0.45)


def _clouds(img: Image.Image, rng: random.Random, sky: _Sky, y_min: float, y_max: float, count: int) -> None:
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
    shadow, light = _Mask(img.size), _Mask(img.size)
    for cx, cy, rx, ry, v in puffs:
        shadow.ellipse(cx, cy + ry * 0.35, rx, ry, v)
        light.ellipse(cx, cy - ry * 0.1, rx * 0.92, ry * 0.85, v)
    if sky.night:
        light.image = light.image.point(lambda v: v // 3)
        light.apply(img, _mix(sky.horizon, (200, 200, 210), 0.3), blur=14)
    else:
        shadow.apply(img, _mix(sky.horizon, sky.top, 0.55), blur=10)
        light.apply(img, _mix(sky.light, sky.horizon, 0.25), blur=12)


def _conifer(
    draw: ImageDraw.ImageDraw,
    rng: random.Random,
    x: float,
    base: float,
    height: float,
    color: Color,
) -> None:
    trunk = height * 0.1
    bark = _mix(_shade(color, 0.8), (90, 60, 40), 0.5)
    draw.rectangle((x - height * 0.015, base - trunk - 2, x + height * 0.015, base), fill=bark)
    tiers = rng.randint(3, 5)
    body = height - trunk
    half = height * rng.uniform(0.15, 0.21)
    lit = _shade(color, 1.16)
    for k in range(tiers):
        yb = base - trunk - body * k / (tiers + 0.3)
        yt = max(base - height, yb - body * 0.5)
        hw = half * (1 - k / (tiers + 0.8))
        notch = body * 0.05
        draw.polygon([(x - hw, yb), (x, yb - notch), (x + hw, yb), (x, yt)], fill=color)
        draw.polygon([(x, yb - notch), (x + hw, yb), (x, yt)], fill=lit)


def _leafy(
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
        fill=_mix(color, (60, 40, 30), 0.6),
    )
    for k in range(11):
        ex, ey = x + rng.uniform(-0.62, 0.62) * r, cy + rng.uniform(-0.55, 0.35) * r
        rr = r * rng.uniform(0.42, 0.66)
        tone = _shade(color, rng.uniform(0.82, 1.0) if k < 7 else rng.uniform(1.08, 1.22))
        if k >= 7:
            ex, ey, rr = ex + r * 0.2, ey - r * 0.25, rr * 0.7
        draw.ellipse((ex - rr, ey - rr * 0.9, ex + rr, ey + rr * 0.9), fill=tone)


def _person(
    draw: ImageDraw.ImageDraw, x: float, base: float, height: float, body: Color, head: Color
) -> None:
    hr = height * 0.075
    top = base - height
    sw = height * 0.27
    legs = _shade(body, 0.7)
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


_SKINS: tuple[Color, ...] = (
    (236, 200, 170),
    (206, 160, 120),
    (150, 100, 70),
    (96, 64, 46),
    (226, 184, 150),
)
_CLOTHES: tuple[Color, ...] = (
    (46, 58, 90),
    (120, 40, 44),
    (60, 90, 70),
    (200, 160, 80),
    (90, 90, 96),
    (170, 90, 60),
    (40, 40, 46),
    (110, 130, 160),
)


# --------------------------------------------------------------------------- scenes


def _mountains(img: Image.Image, rng: random.Random) -> None:
    w, h = img.size
    sky = _pick_sky(rng, ("day", "morning", "dusk", "sunset", "night", "day"))
    horizon = h * rng.uniform(0.52, 0.62)
    _paint_sky(img, sky, horizon)
    _sun(img, rng, sky, rng.uniform(0.15, 0.85) * w, rng.uniform(0.12, 0.3) * h, h * 0.05)
    _clouds(img, rng, sky, h * 0.08, h * 0.35, rng.randint(2, 4))
    draw = ImageDraw.Draw(img, "RGBA")
    rock = _jitter(rng, rng.choice(((70, 84, 120), (86, 74, 110), (60, 96, 108), (96, 92, 104))), 10)
    meadow = _jitter(rng, rng.choice(((54, 92, 58), (70, 96, 48), (40, 74, 64))), 10)
    if sky.night:
        rock, meadow = _shade(rock, 0.55), _shade(meadow, 0.5)
    layers = [
        (horizon, h * 0.36, 0.58),
        (horizon + h * 0.09, h * 0.24, 0.55),
        (horizon + h * 0.19, h * 0.16, 0.5),
        (horizon + h * 0.3, h * 0.1, 0.45),
    ]
    for i, (base, amp, rough) in enumerate(layers):
        t = i / (len(layers) - 1)
        colour = _mix(_mix(rock, meadow, t * t), sky.horizon, 0.62 * (1 - t))
        pts = _ridge(rng, w, base, amp, rough, levels=8)
        if i == 0:
            snow = _mix((246, 246, 250), sky.horizon, 0.35)
            _fill_below(draw, pts, h, snow)
            line = base - amp * rng.uniform(0.5, 0.65)
            jag = _ridge(rng, w, 0, 1.0, 0.75, levels=8)
            rock_pts = [
                (x, y + max(0.0, line - y) * (0.35 - 0.5 * jy))
                for (x, y), (_, jy) in zip(pts, jag, strict=True)
            ]
            _fill_below(draw, rock_pts, h, colour)
        else:
            _fill_below(draw, pts, h, colour)
        if i == len(layers) - 1:
            tree = _shade(colour, 0.7)
            x = rng.uniform(0, 40)
            while x < w:
                size = rng.uniform(0.07, 0.17) * h
                _conifer(draw, rng, x, _ridge_y(pts, x) + size * 0.25, size, _jitter(rng, tree, 8))
                x += rng.uniform(0.4, 2.5) * size * 0.5
        _haze(img, base - amp * 0.5, base + h * 0.04, sky.horizon, 0.3 * (1 - t))


def _building_windows(
    draw: ImageDraw.ImageDraw,
    rng: random.Random,
    box: tuple[float, float, float, float],
    lit_ratio: float,
    glass: Color,
    frame: Color,
) -> None:
    x0, y0, x1, y1 = box
    cols = max(1, int((x1 - x0) / rng.choice((26, 30, 36))))
    rows = max(1, int((y1 - y0) / rng.choice((34, 40, 46))))
    cw, rh = (x1 - x0) / cols, (y1 - y0) / rows
    ww, wh = cw * rng.uniform(0.42, 0.58), rh * rng.uniform(0.5, 0.64)
    for r in range(rows):
        for c in range(cols):
            wx, wy = x0 + c * cw + (cw - ww) / 2, y0 + r * rh + (rh - wh) / 2
            if rng.random() < lit_ratio:
                colour = _jitter(rng, (255, 208, 120), 14)
            else:
                colour = _jitter(rng, glass, 8)
            draw.rectangle((wx, wy, wx + ww, wy + wh), fill=colour)
            draw.line((wx - 2, wy + wh + 1, wx + ww + 2, wy + wh + 1), fill=frame, width=2)


def _city(img: Image.Image, rng: random.Random) -> None:
    w, h = img.size
    sky = _pick_sky(rng, ("dusk", "night", "sunset", "day", "morning", "night"))
    ground = h * rng.uniform(0.74, 0.78)
    _paint_sky(img, sky, ground - h * 0.2)
    _sun(img, rng, sky, rng.uniform(0.1, 0.9) * w, rng.uniform(0.1, 0.3) * h, h * 0.045)
    _clouds(img, rng, sky, h * 0.05, h * 0.3, rng.randint(1, 3))
    draw = ImageDraw.Draw(img, "RGBA")
    dark = sky.night or (sky.horizon[0] > 225 and sky.horizon[2] < 125)
    far = _mix(_mix(sky.top, (40, 44, 60), 0.5), sky.horizon, 0.45)
    x = -rng.uniform(0, 40)
    while x < w:
        bw, bh = rng.uniform(40, 120), rng.uniform(0.16, 0.42) * h
        draw.rectangle((x, ground - bh, x + bw, ground), fill=far)
        if rng.random() < 0.15:
            draw.line((x + bw / 2, ground - bh, x + bw / 2, ground - bh - h * 0.06), fill=far, width=3)
        x += bw
    _band(img, ground - h * 0.42, ground, sky.horizon, 0.0, 0.35)
    facades = ((226, 214, 190), (214, 196, 168), (196, 170, 150), (232, 222, 204), (180, 150, 128))
    light = 0.45 if sky.night else (0.3 if dark else 0.0)
    shade = 0.42 if sky.night else (0.78 if dark else 1.0)
    x = -rng.uniform(0, 60)
    while x < w:
        bw, bh = rng.uniform(110, 230), rng.uniform(0.2, 0.48) * h
        facade = _shade(_jitter(rng, rng.choice(facades), 10), shade)
        top = ground - bh
        draw.rectangle((x, top, x + bw, ground), fill=facade)
        draw.rectangle((x, top, x + bw * 0.1, ground), fill=_shade(facade, 0.9))
        glass = _shade((96, 110, 130), shade) if not dark else (34, 38, 54)
        roof_h = 0.0
        if rng.random() < 0.6:
            roof_h = h * rng.uniform(0.05, 0.08)
            roof = _shade((96, 106, 124), shade)
            draw.polygon(
                [
                    (x - 4, top),
                    (x + bw + 4, top),
                    (x + bw - 10, top - roof_h),
                    (x + 10, top - roof_h),
                ],
                fill=roof,
            )
            for dx in range(int(x + 24), int(x + bw - 24), 48):
                draw.rectangle(
                    (dx, top - roof_h * 0.75, dx + 14, top - roof_h * 0.15),
                    fill=(255, 208, 120) if rng.random() < light else glass,
                )
            draw.rectangle(
                (x + bw * 0.7, top - roof_h - h * 0.03, x + bw * 0.78, top - roof_h),
                fill=_shade(facade, 0.8),
            )
        draw.line((x, top + 3, x + bw, top + 3), fill=_shade(facade, 0.8), width=5)
        _building_windows(
            draw,
            rng,
            (x + 6, top + 14, x + bw - 6, ground - h * 0.08),
            light,
            glass,
            _shade(facade, 0.75),
        )
        shop = _shade(_jitter(rng, rng.choice(((120, 40, 44), (40, 70, 80), (70, 60, 50))), 10), shade)
        draw.rectangle((x + 6, ground - h * 0.065, x + bw - 6, ground), fill=shop)
        draw.rectangle(
            (x + 14, ground - h * 0.05, x + bw - 14, ground),
            fill=(255, 214, 150) if light else _shade(glass, 1.2),
        )
        x += bw + rng.uniform(0, 6)
    river = rng.random() < 0.5
    if river:
        span = int(h - ground)
        reflection = img.crop((0, int(ground) - span, w, int(ground))).transpose(
            Image.Transpose.FLIP_TOP_BOTTOM
        )
        water = _mix(sky.top, (20, 40, 60), 0.4)
        reflection = Image.blend(reflection, Image.new("RGB", reflection.size, water), 0.45)
        reflection = reflection.filter(ImageFilter.GaussianBlur(3))
        img.paste(reflection, (0, int(ground)))
        draw.rectangle((0, ground - 4, w, ground + 6), fill=_shade((150, 140, 124), shade))
        for _ in range(260):
            yy = ground + 10 + (h - ground) * rng.random() ** 1.3
            xx, ll = rng.uniform(0, w), rng.uniform(10, 70)
            draw.line(
                (xx, yy, xx + ll, yy),
                fill=_rgba(_mix(sky.horizon, (255, 255, 255), 0.3), rng.randint(40, 110)),
                width=2,
            )
    else:
        kerb = ground + h * 0.06
        img.paste(
            _gradient(
                (w, int(h - ground)),
                [(0, _shade((96, 96, 102), shade)), (1, _shade((60, 60, 66), shade))],
            ),
            (0, int(ground)),
        )
        draw.rectangle((0, ground, w, kerb), fill=_shade((160, 152, 140), shade))
        draw.rectangle((0, kerb, w, kerb + 5), fill=_shade((200, 196, 186), shade))
        lane = kerb + (h - kerb) * 0.55
        for dx in range(int(rng.uniform(-80, 0)), w, 160):
            draw.rectangle((dx, lane - 3, dx + 80, lane + 3), fill=_shade((226, 222, 210), shade))
        for lx in range(int(rng.uniform(60, 200)), w, int(rng.uniform(300, 420))):
            draw.line((lx, kerb, lx, ground - h * 0.16), fill=(30, 32, 38), width=5)
            draw.ellipse(
                (lx - 10, ground - h * 0.17 - 10, lx + 10, ground - h * 0.17 + 10),
                fill=(255, 226, 160) if light else (210, 210, 200),
            )
            if light:
                _glow(img, lx, ground - h * 0.17, h * 0.12, (255, 214, 140), 0.45)
        for _ in range(rng.randint(3, 7)):
            px, ph = rng.uniform(0, w), rng.uniform(0.11, 0.14) * h
            _person(
                draw,
                px,
                ground + h * 0.04,
                ph,
                _shade(rng.choice(_CLOTHES), shade),
                _shade(rng.choice(_SKINS), shade),
            )


def _sea(img: Image.Image, rng: random.Random) -> None:
    w, h = img.size
    sky = _pick_sky(rng, ("day", "morning", "sunset", "dusk", "night", "overcast"))
    horizon = h * rng.uniform(0.5, 0.6)
    _paint_sky(img, sky, horizon)
    sx, sy = rng.uniform(0.2, 0.8) * w, horizon - rng.uniform(0.07, 0.3) * h
    _sun(img, rng, sky, sx, sy, h * 0.05)
    _clouds(img, rng, sky, h * 0.05, horizon - h * 0.12, rng.randint(2, 4))
    draw = ImageDraw.Draw(img, "RGBA")
    deep = _jitter(rng, (26, 70, 110) if not sky.night else (10, 20, 42), 10)
    surface = _mix(sky.horizon, deep, 0.45)
    img.paste(_gradient((w, int(h - horizon) + 1), [(0, surface), (1, deep)]), (0, int(horizon)))
    if rng.random() < 0.75:
        left = rng.random() < 0.5
        span = rng.uniform(0.25, 0.45) * w
        pts = _ridge(rng, span, horizon + 2, h * rng.uniform(0.05, 0.12), 0.5, levels=6)
        if left:
            pts = [(x, y) for x, y in pts]
            pts = [(x, y + (h * 0.1) * (x / span) ** 2) for x, y in pts]
        else:
            pts = [(w - span + x, y + (h * 0.1) * (1 - x / span) ** 2) for x, y in pts]
        land = _mix(_shade(deep, 0.7), sky.horizon, 0.5)
        pts = [(x, min(y, horizon + 2)) for x, y in pts]
        draw.polygon([*pts, (pts[-1][0], horizon + 2), (pts[0][0], horizon + 2)], fill=land)
        if rng.random() < 0.6:
            lx = pts[len(pts) // 3][0] if left else pts[2 * len(pts) // 3][0]
            ly = _ridge_y([(x - pts[0][0], y) for x, y in pts], lx - pts[0][0])
            draw.rectangle((lx - 5, ly - h * 0.07, lx + 5, ly + 2), fill=(236, 232, 224))
            draw.rectangle((lx - 5, ly - h * 0.05, lx + 5, ly - h * 0.04), fill=(180, 50, 50))
            draw.polygon(
                [(lx - 7, ly - h * 0.07), (lx + 7, ly - h * 0.07), (lx, ly - h * 0.085)],
                fill=(180, 50, 50),
            )
    glitter = _mix(sky.light, (255, 255, 255), 0.3)
    y = horizon + 2
    while y < h:
        t = (y - horizon) / (h - horizon)
        for _ in range(3):
            half = (0.02 + 0.12 * t) * w * rng.uniform(0.2, 1.0)
            xx = sx + rng.gauss(0, 0.04 + 0.1 * t) * w
            draw.line(
                (xx - half * 0.5, y, xx + half * 0.5, y),
                fill=_rgba(glitter, rng.randint(60, 170)),
                width=max(1, int(1 + t * 4)),
            )
        y += 2 + t * 14
    crest, trough = _mix(surface, (255, 255, 255), 0.35), _shade(deep, 0.75)
    for _ in range(520):
        t = rng.random() ** 1.4
        yy = horizon + 4 + t * (h - horizon)
        ll = (0.01 + 0.09 * t) * w * rng.uniform(0.5, 1.4)
        xx = rng.uniform(-0.05, 1.0) * w
        wd = max(1, int(1 + t * 6))
        colour = crest if rng.random() < 0.5 else trough
        draw.arc(
            (xx, yy - wd * 2, xx + ll, yy + wd * 2),
            200,
            340,
            fill=_rgba(colour, rng.randint(70, 150)),
            width=wd,
        )
    if rng.random() < 0.7:
        bx, by = rng.uniform(0.15, 0.85) * w, horizon + rng.uniform(0.04, 0.12) * h
        s = h * rng.uniform(0.06, 0.1)
        hull = (40, 44, 56) if not sky.night else (20, 22, 30)
        sail = _mix((248, 244, 232), sky.horizon, 0.2) if not sky.night else (120, 126, 150)
        draw.polygon(
            [
                (bx - s * 0.6, by),
                (bx + s * 0.6, by),
                (bx + s * 0.45, by + s * 0.16),
                (bx - s * 0.45, by + s * 0.16),
            ],
            fill=hull,
        )
        draw.polygon([(bx, by - s * 1.3), (bx, by - s * 0.05), (bx + s * 0.55, by - s * 0.05)], fill=sail)
        draw.polygon(
            [(bx - 3, by - s * 1.1), (bx - 3, by - s * 0.05), (bx - s * 0.4, by - s * 0.05)],
            fill=_shade(sail, 0.9),
        )
        draw.line((bx, by - s * 1.35, bx, by), fill=hull, width=3)
    if rng.random() < 0.5:
        sand = _jitter(rng, (226, 204, 160) if not sky.night else (90, 84, 80), 10)
        pts = _ridge(rng, w, h * 0.93, h * 0.09, 0.5, levels=6)
        draw.polygon([*pts, (w, h), (0, h)], fill=sand)
        draw.line(pts, fill=(255, 255, 255, 150), width=6)
        draw.line([(x, y + 14) for x, y in pts], fill=(255, 255, 255, 70), width=4)


def _parliament(img: Image.Image, rng: random.Random) -> None:
    w, h = img.size
    floor_y = h * rng.uniform(0.33, 0.38)
    wood = _jitter(rng, (118, 76, 46), 12)
    wall = _jitter(rng, rng.choice(((214, 196, 160), (196, 174, 142), (226, 214, 192), (168, 124, 88))), 8)
    img.paste(_gradient((w, h), [(0, _shade(wall, 0.55)), (floor_y / h, wall), (1, _shade(wall, 0.8))]))
    draw = ImageDraw.Draw(img, "RGBA")
    cx = w / 2 + rng.uniform(-0.04, 0.04) * w
    step = w / rng.choice((10, 12, 14))
    x = cx % step - step
    while x < w + step:
        draw.rectangle((x - step * 0.09, 0, x + step * 0.09, floor_y), fill=_shade(wall, 1.08))
        draw.rectangle(
            (x - step * 0.13, floor_y * 0.12, x + step * 0.13, floor_y * 0.16),
            fill=_shade(wall, 1.12),
        )
        draw.rectangle((x + step * 0.04, 0, x + step * 0.09, floor_y), fill=_shade(wall, 0.9))
        x += step
    tapestry = _jitter(rng, rng.choice(((150, 40, 46), (40, 60, 110), (60, 90, 70))), 10)
    tw = w * 0.16
    draw.rectangle((cx - tw / 2, floor_y * 0.18, cx + tw / 2, floor_y - h * 0.03), fill=tapestry)
    draw.rectangle(
        (cx - tw / 2 + 10, floor_y * 0.18 + 10, cx + tw / 2 - 10, floor_y - h * 0.03 - 10),
        outline=(214, 176, 96),
        width=3,
    )
    draw.ellipse(
        (cx - tw * 0.14, floor_y * 0.42, cx + tw * 0.14, floor_y * 0.42 + tw * 0.28),
        outline=(214, 176, 96),
        width=4,
    )
    _glow(img, cx, 0, w * 0.45, (255, 244, 214), 0.35)
    draw.rectangle((0, floor_y - h * 0.03, w, floor_y + 2), fill=_shade(wood, 0.8))
    carpet = _jitter(rng, (150, 46, 50), 8)
    img.paste(_gradient((w, int(h - floor_y)), [(0, _shade(carpet, 0.8)), (1, carpet)]), (0, int(floor_y)))
    draw = ImageDraw.Draw(img, "RGBA")
    desk_w, desk_h = w * 0.2, h * 0.09
    draw.rectangle(
        (cx - desk_w / 2, floor_y - desk_h - h * 0.02, cx + desk_w / 2, floor_y + h * 0.01),
        fill=_shade(wood, 0.9),
    )
    draw.line(
        (
            cx - desk_w / 2,
            floor_y - desk_h - h * 0.02,
            cx + desk_w / 2,
            floor_y - desk_h - h * 0.02,
        ),
        fill=(214, 176, 96),
        width=4,
    )
    for k in range(3):
        px = cx + (k - 1) * desk_w * 0.3
        _person(
            draw,
            px,
            floor_y - desk_h * 0.25,
            h * 0.09,
            rng.choice(_CLOTHES[:3]),
            rng.choice(_SKINS),
        )
    draw.rectangle((cx - desk_w / 2, floor_y - desk_h * 0.7, cx + desk_w / 2, floor_y + h * 0.01), fill=wood)
    ty = floor_y + h * 0.07
    tribune = _shade(wood, 1.1)
    draw.polygon(
        [
            (cx - w * 0.05, ty - h * 0.06),
            (cx + w * 0.05, ty - h * 0.06),
            (cx + w * 0.06, ty + h * 0.06),
            (cx - w * 0.06, ty + h * 0.06),
        ],
        fill=tribune,
    )
    _person(draw, cx, ty - h * 0.02, h * 0.1, (40, 40, 50), rng.choice(_SKINS))
    draw.rectangle(
        (cx - w * 0.055, ty - h * 0.035, cx + w * 0.055, ty - h * 0.02), fill=_shade(tribune, 1.15)
    )
    seat = _jitter(rng, (178, 44, 48), 8)
    rows = 11
    for r in range(rows):
        rx = w * 0.14 + r * w * 0.058
        ry = rx * 0.5
        oy = floor_y + h * 0.05 + r * h * 0.012
        size = 7 + r * 1.6
        draw.arc(
            (cx - rx - size, oy - ry, cx + rx + size, oy + ry + size * 1.2),
            0,
            180,
            fill=_shade(wood, 0.75 + r * 0.03),
            width=int(size * 1.4),
        )
        count = int(math.pi * rx / (size * 2.6))
        for k in range(count + 1):
            ang = math.pi * (0.04 + 0.92 * k / count)
            deg = math.degrees(ang)
            if any(abs(deg - a) < 2.6 for a in (40, 70, 110, 140)):
                continue
            sx, sy = cx + rx * math.cos(ang), oy + ry * math.sin(ang)
            if not (-40 < sx < w + 40 and sy < h + 40):
                continue
            draw.rounded_rectangle(
                (sx - size * 0.8, sy - size * 1.6, sx + size * 0.8, sy),
                radius=size * 0.4,
                fill=seat,
            )
            if rng.random() < 0.72:
                body = rng.choice(_CLOTHES)
                draw.rounded_rectangle(
                    (sx - size * 0.7, sy - size * 1.2, sx + size * 0.7, sy + size * 0.2),
                    radius=size * 0.35,
                    fill=body,
                )
                hr = size * 0.42
                draw.ellipse(
                    (sx - hr, sy - size * 1.2 - hr * 1.8, sx + hr, sy - size * 1.2 + hr * 0.2),
                    fill=rng.choice(_SKINS),
                )
        desk_col = _shade(wood, 0.85 + r * 0.02)
        draw.arc(
            (
                cx - rx - size * 0.2,
                oy - ry + size * 0.8,
                cx + rx + size * 0.2,
                oy + ry + size * 1.4,
            ),
            2,
            178,
            fill=desk_col,
            width=max(3, int(size * 0.55)),
        )
    _band(img, h * 0.75, h, (30, 16, 16), 0.0, 0.35)


def _market(img: Image.Image, rng: random.Random) -> None:
    w, h = img.size
    sky = _pick_sky(rng, ("day", "morning", "day", "overcast"))
    _paint_sky(img, sky, h * 0.5)
    draw = ImageDraw.Draw(img, "RGBA")
    facades = ((232, 206, 160), (214, 150, 120), (236, 222, 196), (190, 200, 180), (226, 180, 130))
    x = -rng.uniform(0, 80)
    while x < w:
        bw = rng.uniform(180, 300)
        top = h * rng.uniform(0.04, 0.16)
        colour = _jitter(rng, rng.choice(facades), 10)
        draw.rectangle((x, top, x + bw, h * 0.7), fill=colour)
        draw.polygon(
            [
                (x - 6, top),
                (x + bw + 6, top),
                (x + bw - 20, top - h * 0.04),
                (x + 20, top - h * 0.04),
            ],
            fill=_jitter(rng, (170, 90, 70), 10),
        )
        shutter = _jitter(
            rng, rng.choice(((70, 110, 120), (110, 130, 90), (150, 70, 60), (90, 100, 140))), 10
        )
        for wy in (top + h * 0.05, top + h * 0.16):
            for wx in range(int(x + 30), int(x + bw - 50), 80):
                draw.rectangle((wx, wy, wx + 34, wy + h * 0.08), fill=(60, 64, 76))
                draw.rectangle((wx - 14, wy, wx - 2, wy + h * 0.08), fill=shutter)
                draw.rectangle((wx + 36, wy, wx + 48, wy + h * 0.08), fill=shutter)
        x += bw
    ground = h * 0.62
    img.paste(
        _gradient((w, int(h - ground)), [(0, (170, 160, 146)), (1, (120, 112, 104))]),
        (0, int(ground)),
    )
    draw = ImageDraw.Draw(img, "RGBA")
    for _ in range(500):
        t = rng.random()
        yy, xx = ground + t * (h - ground), rng.uniform(0, w)
        s = 6 + t * 18
        draw.ellipse((xx, yy, xx + s * 1.6, yy + s * 0.6), outline=(90, 84, 78, 60), width=1)
    n = rng.choice((3, 4))
    sw = w / n
    awnings = ((196, 52, 52), (40, 110, 90), (230, 150, 40), (46, 84, 150), (150, 60, 110))
    produce = (
        (240, 140, 30),
        (210, 40, 40),
        (120, 180, 60),
        (240, 210, 60),
        (110, 50, 110),
        (70, 140, 60),
        (220, 90, 60),
    )
    for i in range(n):
        x0, x1 = i * sw + 14, (i + 1) * sw - 14
        ya = h * rng.uniform(0.26, 0.32)
        yb = ya + h * 0.1
        colour = _jitter(rng, awnings[rng.randrange(len(awnings))], 8)
        draw.rectangle((x0, yb, x1, h * 0.62), fill=(40, 36, 36, 120))
        for px in (x0 + 6, x1 - 6):
            draw.line((px, yb, px, h * 0.8), fill=(60, 60, 64), width=6)
        stripes = 12
        for k in range(stripes):
            ta, tb = k / stripes, (k + 1) / stripes
            top_l, top_r = x0 + 10 + (x1 - x0 - 20) * ta, x0 + 10 + (x1 - x0 - 20) * tb
            bot_l, bot_r = x0 - 16 + (x1 - x0 + 32) * ta, x0 - 16 + (x1 - x0 + 32) * tb
            fill = colour if k % 2 == 0 else (246, 240, 226)
            draw.polygon([(top_l, ya), (top_r, ya), (bot_r, yb), (bot_l, yb)], fill=fill)
            r = (bot_r - bot_l) / 2
            draw.pieslice((bot_l, yb - r, bot_r, yb + r), 0, 180, fill=fill)
        draw.rectangle((x0 + 10, ya - 6, x1 - 10, ya + 4), fill=_shade(colour, 0.7))
        table_top = h * 0.6
        if rng.random() < 0.85:
            vx = x0 + (x1 - x0) * rng.uniform(0.25, 0.75)
            _person(draw, vx, h * 0.74, h * 0.3, rng.choice(_CLOTHES), rng.choice(_SKINS))
        crates = rng.randint(3, 5)
        cw = (x1 - x0 - 30) / crates
        for c in range(crates):
            cx0 = x0 + 15 + c * cw + 4
            cx1 = cx0 + cw - 8
            fruit = _jitter(rng, produce[rng.randrange(len(produce))], 12)
            fr = rng.uniform(11, 17) * h / 900
            for row in range(4):
                yy = table_top - row * fr * 1.2
                span = (cx1 - cx0) * (1 - row * 0.16)
                mid = (cx0 + cx1) / 2
                xx = mid - span / 2 + fr
                while xx < mid + span / 2 - fr * 0.5:
                    tone = _shade(fruit, rng.uniform(0.82, 1.1))
                    draw.ellipse((xx - fr, yy - fr, xx + fr, yy + fr), fill=tone)
                    draw.ellipse((xx - fr * 0.4, yy - fr * 0.6, xx, yy - fr * 0.2), fill=(255, 255, 255, 70))
                    xx += fr * 1.7
            draw.rectangle(
                (cx0, table_top - fr * 0.3, cx1, table_top + h * 0.05),
                fill=_jitter(rng, (170, 126, 80), 10),
            )
            draw.line((cx0, table_top + h * 0.02, cx1, table_top + h * 0.02), fill=(120, 86, 56), width=3)
        cloth = _jitter(rng, rng.choice(((236, 232, 220), (60, 80, 120), (150, 50, 50))), 6)
        draw.rectangle((x0, table_top + h * 0.05, x1, h * 0.78), fill=cloth)
        draw.rectangle((x0, table_top + h * 0.05, x1, table_top + h * 0.065), fill=_shade(cloth, 0.85))
    for _ in range(rng.randint(2, 4)):
        ph = h * rng.uniform(0.36, 0.5)
        _person(
            draw,
            rng.uniform(0.05, 0.95) * w,
            h + ph * 0.2,
            ph,
            rng.choice(_CLOTHES),
            rng.choice(_SKINS),
        )


def _field(img: Image.Image, rng: random.Random) -> None:
    w, h = img.size
    sky = _pick_sky(rng, ("day", "morning", "sunset", "day", "overcast", "dusk"))
    horizon = h * rng.uniform(0.48, 0.58)
    _paint_sky(img, sky, horizon)
    _sun(img, rng, sky, rng.uniform(0.1, 0.9) * w, rng.uniform(0.1, 0.3) * h, h * 0.05)
    _clouds(img, rng, sky, h * 0.06, horizon - h * 0.15, rng.randint(3, 6))
    draw = ImageDraw.Draw(img, "RGBA")
    hill = _jitter(rng, (90, 120, 90), 10)
    for k in range(2):
        pts = _ridge(rng, w, horizon + 2, h * (0.09 - k * 0.04), 0.5, levels=6)
        _fill_below(draw, pts, h, _mix(hill, sky.horizon, 0.6 - k * 0.25))
    trees = _mix((50, 80, 50), sky.horizon, 0.3)
    x = rng.uniform(0, 30)
    while x < w:
        if rng.random() < 0.5:
            _leafy(draw, rng, x, horizon + 3, h * rng.uniform(0.03, 0.06), _jitter(rng, trees, 6))
        x += rng.uniform(10, 60)
    crop = rng.choice(("wheat", "lavender", "green", "sunflower"))
    a, b = {
        "wheat": ((224, 184, 90), (206, 160, 72)),
        "lavender": ((124, 96, 170), (96, 110, 70)),
        "green": ((110, 160, 70), (86, 136, 58)),
        "sunflower": ((70, 110, 50), (56, 90, 44)),
    }[crop]
    vx = rng.uniform(0.3, 0.7) * w
    rows = int(w / 9) + 2
    for i in range(-rows, rows):
        xf0, xf1 = vx + i * 9, vx + (i + 1) * 9
        xb0, xb1 = vx + i * 70, vx + (i + 1) * 70
        draw.polygon(
            [(xf0, horizon + 4), (xf1, horizon + 4), (xb1, h), (xb0, h)],
            fill=a if i % 2 == 0 else b,
        )
    _haze(img, horizon - h * 0.04, horizon + h * 0.1, sky.horizon, 0.35)
    draw = ImageDraw.Draw(img, "RGBA")
    if crop == "sunflower":
        for _ in range(700):
            t = rng.random() ** 1.2
            yy = horizon + 6 + t * (h - horizon)
            xx = rng.uniform(-0.1, 1.1) * w
            r = 2 + t * 26
            draw.ellipse((xx - r, yy - r, xx + r, yy + r), fill=_jitter(rng, (246, 196, 40), 14))
            draw.ellipse((xx - r * 0.45, yy - r * 0.45, xx + r * 0.45, yy + r * 0.45), fill=(96, 60, 30))
    elif crop == "wheat":
        for t in sorted(rng.uniform(0.08, 0.85) for _ in range(rng.randint(4, 9))):
            yy = horizon + t * (h - horizon)
            xx = rng.uniform(0.05, 0.9) * w
            r = 6 + t * 60
            body, face = (170, 122, 58), (236, 202, 128)
            draw.ellipse((xx - r * 0.6, yy - r * 0.35, xx + r * 3.2, yy + r * 0.3), fill=(60, 40, 10, 70))
            draw.rounded_rectangle((xx, yy - 2 * r, xx + r * 2.6, yy), radius=r * 0.4, fill=body)
            draw.line(
                (xx + r * 0.5, yy - 1.6 * r, xx + r * 2.5, yy - 1.6 * r),
                fill=(204, 160, 86),
                width=max(1, int(r * 0.2)),
            )
            draw.ellipse((xx - r * 0.55, yy - 2 * r, xx + r * 0.55, yy), fill=face)
            for scale in (0.7, 0.45, 0.2):
                draw.ellipse(
                    (xx - r * 0.55 * scale, yy - r - r * scale, xx + r * 0.55 * scale, yy - r + r * scale),
                    outline=(176, 132, 66),
                    width=max(1, int(r * 0.06)),
                )
    if rng.random() < 0.7:
        tx = rng.choice((rng.uniform(0.08, 0.28), rng.uniform(0.72, 0.92))) * w
        _leafy(
            draw,
            rng,
            tx,
            horizon + h * 0.03,
            h * rng.uniform(0.22, 0.32),
            _jitter(rng, (60, 96, 52), 8),
        )


def _factory(img: Image.Image, rng: random.Random) -> None:
    w, h = img.size
    sky = _pick_sky(rng, ("overcast", "dusk", "morning", "day", "sunset", "night"))
    ground = h * rng.uniform(0.78, 0.82)
    _paint_sky(img, sky, ground - h * 0.1)
    _sun(img, rng, sky, rng.uniform(0.1, 0.9) * w, rng.uniform(0.12, 0.32) * h, h * 0.045)
    _clouds(img, rng, sky, h * 0.05, h * 0.3, rng.randint(1, 3))
    draw = ImageDraw.Draw(img, "RGBA")
    shade = 0.5 if sky.night else 1.0
    pts = _ridge(rng, w, ground - h * 0.06, h * 0.1, 0.5, levels=6)
    _fill_below(draw, pts, h, _mix((80, 96, 100), sky.horizon, 0.6))
    tops: list[tuple[float, float, float]] = []
    for _ in range(rng.randint(2, 4)):
        cx = rng.uniform(0.1, 0.9) * w
        ch = rng.uniform(0.35, 0.62) * h
        cw = rng.uniform(22, 40)
        top = ground - ch
        brick = _shade(_jitter(rng, (150, 84, 66), 10), shade)
        draw.polygon(
            [(cx - cw, ground), (cx + cw, ground), (cx + cw * 0.6, top), (cx - cw * 0.6, top)],
            fill=brick,
        )
        draw.polygon(
            [
                (cx + cw * 0.15, ground),
                (cx + cw, ground),
                (cx + cw * 0.6, top),
                (cx + cw * 0.1, top),
            ],
            fill=_shade(brick, 0.85),
        )
        if rng.random() < 0.6:
            for k in range(2):
                by = top + ch * (0.05 + k * 0.1)
                draw.rectangle(
                    (cx - cw * 0.64, by, cx + cw * 0.64, by + ch * 0.05),
                    fill=_shade((236, 230, 222), shade),
                )
        draw.rectangle((cx - cw * 0.7, top - 6, cx + cw * 0.7, top + 4), fill=_shade(brick, 0.7))
        tops.append((cx, top, cw))
    smoke = _Mask(img.size)
    wind = rng.choice((-1, 1)) * rng.uniform(0.6, 1.2)
    for cx, top, cw in tops:
        x, y, r = cx, top - 10, cw * 0.7
        for k in range(26):
            smoke.ellipse(x + rng.uniform(-0.2, 0.2) * r, y, r, r * 0.8, max(60, 240 - k * 7))
            x += wind * r * 0.55
            y -= r * 0.22
            r *= 1.07
    smoke.apply(img, _mix((236, 234, 230), sky.horizon, 0.25) if not sky.night else (96, 98, 110), blur=10)
    draw = ImageDraw.Draw(img, "RGBA")
    for _ in range(rng.randint(1, 3)):
        tx, tr = rng.uniform(0.05, 0.95) * w, rng.uniform(40, 80)
        th = rng.uniform(0.12, 0.2) * h
        metal = _shade((190, 196, 200), shade)
        draw.rectangle((tx - tr, ground - th, tx + tr, ground), fill=metal)
        draw.rectangle((tx + tr * 0.3, ground - th, tx + tr, ground), fill=_shade(metal, 0.86))
        draw.ellipse(
            (tx - tr, ground - th - tr * 0.3, tx + tr, ground - th + tr * 0.3),
            fill=_shade(metal, 1.08),
        )
    x = -rng.uniform(0, 80)
    wall_colours = ((170, 100, 80), (150, 156, 160), (120, 130, 140), (186, 120, 92))
    lit = sky.night or sky.horizon[0] > 230
    while x < w:
        sw_ = rng.uniform(260, 460)
        wh = rng.uniform(0.1, 0.18) * h
        wall = _shade(_jitter(rng, rng.choice(wall_colours), 8), shade)
        top = ground - wh
        draw.rectangle((x, top, x + sw_, ground), fill=wall)
        teeth = rng.randint(3, 6)
        tw = sw_ / teeth
        th = h * rng.uniform(0.04, 0.06)
        for k in range(teeth):
            bx = x + k * tw
            draw.polygon([(bx, top), (bx + tw, top), (bx + tw, top - th)], fill=_shade(wall, 0.78))
            draw.polygon(
                [(bx + tw - 7, top - th + 4), (bx + tw, top - th), (bx + tw, top)],
                fill=(200, 214, 224) if not lit else (255, 210, 130),
            )
        for wx in range(int(x + 20), int(x + sw_ - 40), 44):
            colour = (255, 206, 120) if lit and rng.random() < 0.7 else _shade((70, 84, 100), shade)
            draw.rectangle((wx, top + wh * 0.25, wx + 28, top + wh * 0.55), fill=colour)
        if rng.random() < 0.5:
            dx = x + sw_ * rng.uniform(0.2, 0.7)
            draw.rectangle((dx, ground - wh * 0.55, dx + 70, ground), fill=_shade(wall, 0.6))
            for k in range(6):
                draw.line(
                    (
                        dx,
                        ground - wh * 0.55 + k * wh * 0.09,
                        dx + 70,
                        ground - wh * 0.55 + k * wh * 0.09,
                    ),
                    fill=_shade(wall, 0.7),
                    width=2,
                )
        x += sw_ + rng.uniform(20, 120)
    img.paste(
        _gradient(
            (w, int(h - ground) + 1),
            [(0, _shade((112, 110, 100), shade)), (1, _shade((70, 74, 64), shade))],
        ),
        (0, int(ground)),
    )
    draw = ImageDraw.Draw(img, "RGBA")
    fy = h * 0.97
    for fx in range(0, w + 60, 60):
        draw.line((fx, fy - h * 0.1, fx, fy + h * 0.02), fill=(44, 46, 50), width=4)
    for k in range(3):
        draw.line(
            (0, fy - h * 0.09 + k * h * 0.035, w, fy - h * 0.09 + k * h * 0.035),
            fill=(44, 46, 50, 200),
            width=2,
        )


def _stage(img: Image.Image, rng: random.Random) -> None:
    w, h = img.size
    hue = rng.choice(((40, 30, 90), (90, 24, 50), (20, 60, 80), (60, 20, 80), (24, 30, 50)))
    back = _jitter(rng, hue, 10)
    floor_y = h * rng.uniform(0.64, 0.7)
    img.paste(_gradient((w, h), [(0, _shade(back, 0.4)), (floor_y / h, back), (1, (20, 14, 12))]))
    _glow(img, w / 2, floor_y - h * 0.2, w * 0.5, _mix(back, (255, 200, 160), 0.5), 0.6)
    draw = ImageDraw.Draw(img, "RGBA")
    plank = _jitter(rng, (140, 96, 60), 10)
    draw.polygon([(0, floor_y), (w, floor_y), (w, h), (0, h)], fill=plank)
    vx = w / 2
    for k in range(-30, 31):
        draw.line((vx + k * 40, floor_y, vx + k * 140, h), fill=_shade(plank, 0.78), width=2)
    _band(img, floor_y, h, (10, 6, 6), 0.15, 0.7)
    beams = _Mask(img.size)
    pools = _Mask(img.size)
    spots: list[float] = []
    light = rng.choice(((255, 236, 190), (220, 230, 255), (255, 210, 170)))
    for _ in range(rng.randint(2, 4)):
        top_x = rng.uniform(0.1, 0.9) * w
        fx = rng.uniform(0.25, 0.75) * w
        fy = floor_y + rng.uniform(0.05, 0.15) * h
        rx = rng.uniform(0.07, 0.12) * w
        beams.polygon([(top_x - 10, -10), (top_x + 10, -10), (fx + rx, fy), (fx - rx, fy)], 70)
        pools.ellipse(fx, fy, rx, rx * 0.28, 120)
        spots.append(fx)
    beams.apply(img, light, blur=30)
    pools.apply(img, light, blur=24)
    draw = ImageDraw.Draw(img, "RGBA")
    for fx in spots[: rng.randint(1, len(spots))]:
        ph = h * rng.uniform(0.3, 0.4)
        _person(draw, fx, floor_y + h * 0.08, ph, _shade(rng.choice(_CLOTHES), 0.4), (26, 20, 20))
    velvet = _jitter(rng, (150, 24, 34), 10)
    for side in (0, 1):
        cw = w * rng.uniform(0.13, 0.18)
        x0 = 0 if side == 0 else w - cw
        folds = 9
        for k in range(folds):
            fx0 = x0 + cw * k / folds
            fx1 = x0 + cw * (k + 1) / folds
            tone = _shade(velvet, 0.7 + 0.45 * (0.5 + 0.5 * math.sin(k * 1.9)))
            draw.rectangle((fx0, 0, fx1 + 1, h), fill=tone)
        edge = x0 + cw if side == 0 else x0
        draw.line((edge, 0, edge, h), fill=_shade(velvet, 0.5), width=6)
    val_h = h * 0.12
    for k in range(40):
        x0 = w * k / 40
        tone = _shade(velvet, 0.75 + 0.35 * (0.5 + 0.5 * math.sin(k * 1.3)))
        draw.rectangle((x0, 0, x0 + w / 40 + 1, val_h), fill=tone)
        draw.pieslice((x0, val_h - w / 80, x0 + w / 40, val_h + w / 80), 0, 180, fill=tone)
    draw.line((0, val_h * 0.15, w, val_h * 0.15), fill=(214, 176, 96), width=5)
    for k in range(int(w / 46) + 2):
        x = k * 46 + rng.uniform(-8, 8)
        y = h - rng.uniform(0.02, 0.07) * h
        r = rng.uniform(20, 28)
        draw.ellipse((x - r * 1.9, y, x + r * 1.9, y + r * 3), fill=(12, 10, 12))
        draw.ellipse((x - r, y - r * 1.6, x + r, y + r * 0.6), fill=(16, 12, 14))


def _concert(img: Image.Image, rng: random.Random, top: float) -> None:
    """A stage at the far end of the pitch, light beams and a crowd standing on the grass."""
    w, h = img.size
    cx, sw, sh = w / 2, w * 0.4, h * 0.22
    floor = top + h * 0.14
    colour = rng.choice(((255, 90, 200), (90, 200, 255), (170, 120, 255), (255, 180, 70)))
    beams = _Mask(img.size)
    for k in range(7):
        x0 = cx - sw * 0.45 + k * sw * 0.9 / 6
        x1 = x0 + rng.uniform(-0.45, 0.45) * w
        beams.polygon([(x0 - 4, floor - sh), (x0 + 4, floor - sh), (x1 + 70, -20), (x1 - 70, -20)], 120)
    beams.apply(img, colour, blur=14)
    draw = ImageDraw.Draw(img, "RGBA")
    for side in (-1, 1):
        tx = cx + side * sw / 2
        draw.rectangle((tx - 12, floor - sh - h * 0.05, tx + 12, floor), fill=(44, 44, 52))
        sx = cx + side * (sw / 2 + w * 0.1)
        draw.rectangle((sx - w * 0.06, floor - sh * 0.95, sx + w * 0.06, floor - sh * 0.3), fill=(20, 20, 26))
        draw.rectangle(
            (sx - w * 0.055, floor - sh * 0.9, sx + w * 0.055, floor - sh * 0.35),
            fill=_mix(colour, (255, 255, 255), 0.35),
        )
        _person(draw, sx, floor - sh * 0.35, sh * 0.5, (30, 24, 40), (40, 30, 40))
    draw.rectangle((cx - sw / 2, floor - sh, cx + sw / 2, floor), fill=(16, 16, 22))
    draw.rectangle(
        (cx - sw * 0.4, floor - sh * 0.9, cx + sw * 0.4, floor - sh * 0.3),
        fill=_mix(colour, (255, 255, 255), 0.2),
    )
    draw.rectangle((cx - sw / 2 - 16, floor - sh - 16, cx + sw / 2 + 16, floor - sh), fill=(50, 50, 58))
    for k in range(9):
        lx = cx - sw / 2 + k * sw / 8
        draw.ellipse((lx - 7, floor - sh - 2, lx + 7, floor - sh + 10), fill=(255, 250, 230))
    draw.rectangle((cx - sw / 2, floor - sh * 0.3, cx + sw / 2, floor), fill=(26, 26, 32))
    for k in range(rng.randint(3, 5)):
        px = cx - sw * 0.3 + k * sw * 0.15 + rng.uniform(-10, 10)
        _person(draw, px, floor - sh * 0.3, sh * 0.42, (20, 18, 26), (30, 26, 30))
    rim = _rgba(_mix(colour, (255, 255, 255), 0.5), 70)
    y = floor + 4
    while y < h + 30:
        t = (y - floor) / (h - floor)
        r = 3 + t * 24
        x = rng.uniform(-r, r)
        while x < w + r:
            v = rng.randint(10, 36)
            body = (v, v, v + 8)
            rr = r * rng.uniform(0.8, 1.15)
            yy = y + rng.uniform(-0.45, 0.45) * r
            draw.ellipse((x - rr * 1.8, yy + rr * 0.7, x + rr * 1.8, yy + rr * 3.4), fill=body)
            draw.ellipse((x - rr, yy - rr, x + rr, yy + rr * 1.15), fill=body)
            if rng.random() < 0.45:
                draw.arc(
                    (x - rr, yy - rr, x + rr, yy + rr * 1.15),
                    215,
                    325,
                    fill=rim,
                    width=max(1, int(rr * 0.2)),
                )
            if rng.random() < 0.05:
                hx = x + rng.choice((-1, 1)) * rr * 1.2
                draw.line(
                    (hx, yy + rr, hx + rng.uniform(-rr, rr), yy - rr * 2.2),
                    fill=body,
                    width=max(2, int(rr * 0.5)),
                )
            if rng.random() < 0.012:
                draw.ellipse((x - 3, yy - rr * 2 - 3, x + 3, yy - rr * 2 + 3), fill=(255, 255, 240))
            x += r * rng.uniform(1.5, 2.4)
        y += r * 0.8


def _stadium(img: Image.Image, rng: random.Random) -> None:
    w, h = img.size
    concert = rng.random() < 0.35
    names = ("night", "dusk", "night") if concert else ("night", "dusk", "day", "night", "sunset")
    sky = _pick_sky(rng, names)
    roof_y = h * rng.uniform(0.12, 0.18)
    pitch_y = h * rng.uniform(0.46, 0.52)
    _paint_sky(img, sky, roof_y)
    draw = ImageDraw.Draw(img, "RGBA")
    if sky.night:
        _stars(draw, rng, w, roof_y)
    draw.rectangle((0, roof_y, w, pitch_y), fill=(40, 42, 52))
    team = _jitter(
        rng,
        rng.choice(((200, 40, 50), (40, 80, 170), (240, 200, 40), (40, 140, 80), (230, 230, 236))),
        10,
    )
    step_y, step_x = 9 * h / 900, 7 * w / 1600
    y = roof_y + h * 0.05
    tier_break = roof_y + (pitch_y - roof_y) * rng.uniform(0.4, 0.55)
    while y < pitch_y - h * 0.05:
        if abs(y - tier_break) < step_y * 1.5:
            y += step_y
            continue
        x = rng.uniform(0, step_x)
        while x < w:
            colour = team if rng.random() < 0.55 else _jitter(rng, rng.choice(_CLOTHES + _SKINS), 20)
            if sky.night:
                colour = _shade(colour, 0.8)
            draw.rectangle((x, y, x + step_x * 0.7, y + step_y * 0.75), fill=colour)
            x += step_x * rng.uniform(0.9, 1.3)
        y += step_y
    draw.rectangle((0, tier_break - step_y, w, tier_break + step_y), fill=(30, 30, 36))
    boards = (
        (30, 90, 170),
        (200, 40, 40),
        (240, 240, 240),
        (250, 200, 40),
        (30, 30, 30),
        (40, 150, 90),
    )
    x = 0.0
    while x < w:
        bw = rng.uniform(120, 260)
        draw.rectangle((x, pitch_y - h * 0.05, x + bw, pitch_y), fill=rng.choice(boards))
        draw.rectangle(
            (x + bw * 0.2, pitch_y - h * 0.033, x + bw * 0.8, pitch_y - h * 0.017),
            fill=(255, 255, 255, 120),
        )
        x += bw
    draw.rectangle((0, roof_y - h * 0.02, w, roof_y + h * 0.05), fill=(60, 62, 70))
    for k in range(0, w, 60):
        draw.line((k, roof_y - h * 0.02, k + 30, roof_y + h * 0.05), fill=(80, 82, 92), width=3)
    green = _jitter(rng, (60, 140, 60), 8)
    if concert:
        green = _shade(green, 0.55)
    cx = w / 2
    stripes = 16
    for k in range(stripes):
        xf0 = -0.15 * w + 1.3 * w * k / stripes
        xf1 = -0.15 * w + 1.3 * w * (k + 1) / stripes
        xb0, xb1 = cx + (xf0 - cx) * 2.2, cx + (xf1 - cx) * 2.2
        draw.polygon(
            [(xf0, pitch_y), (xf1, pitch_y), (xb1, h), (xb0, h)],
            fill=green if k % 2 == 0 else _shade(green, 1.12),
        )
    if concert:
        _concert(img, rng, pitch_y)
        return
    line = (240, 244, 236)
    ty = pitch_y + h * 0.025
    draw.line((0, ty, w, ty), fill=line, width=4)
    draw.line((cx, ty, cx, h), fill=line, width=5)
    cy = ty + (h - ty) * 0.42
    rx, ry = w * 0.13, (h - ty) * 0.2
    draw.ellipse((cx - rx, cy - ry, cx + rx, cy + ry), outline=line, width=5)
    draw.ellipse((cx - 7, cy - 4, cx + 7, cy + 4), fill=line)
    other = _jitter(rng, rng.choice(((250, 250, 250), (30, 30, 40), (250, 140, 30))), 8)
    for k in range(12):
        py = ty + (h - ty) * rng.uniform(0.08, 0.8)
        ph = h * (0.05 + 0.1 * (py - ty) / (h - ty))
        px = rng.uniform(0.05, 0.95) * w
        draw.ellipse((px - ph * 0.3, py - ph * 0.08, px + ph * 0.3, py + ph * 0.08), fill=(0, 0, 0, 60))
        _person(draw, px, py, ph, team if k % 2 == 0 else other, rng.choice(_SKINS))
    if sky.night or rng.random() < 0.5:
        for fx in (rng.uniform(0.08, 0.22) * w, rng.uniform(0.78, 0.92) * w):
            fy = roof_y - h * 0.06
            draw.line((fx, fy, fx, roof_y), fill=(70, 72, 80), width=6)
            draw.rectangle((fx - 60, fy - 34, fx + 60, fy), fill=(70, 72, 80))
            _glow(img, fx, fy - 17, h * 0.35, (255, 250, 230), 0.55)
            draw = ImageDraw.Draw(img, "RGBA")
            for gx in range(-50, 60, 20):
                for gy in (-28, -12):
                    draw.rectangle((fx + gx - 7, fy + gy - 5, fx + gx + 7, fy + gy + 7), fill=(255, 252, 236))


def _forest(img: Image.Image, rng: random.Random) -> None:
    w, h = img.size
    sky = _pick_sky(rng, ("morning", "day", "overcast", "dusk", "morning"))
    _paint_sky(img, sky, h * 0.55)
    _sun(img, rng, sky, rng.uniform(0.2, 0.8) * w, rng.uniform(0.1, 0.25) * h, h * 0.05)
    draw = ImageDraw.Draw(img, "RGBA")
    mist = _mix(sky.horizon, (255, 255, 255), 0.25)
    green = _jitter(rng, rng.choice(((34, 70, 50), (40, 80, 40), (30, 60, 60), (52, 72, 38))), 8)
    autumn = rng.random() < 0.35
    layers = 5
    for i in range(layers):
        t = i / (layers - 1)
        base = h * (0.5 + 0.11 * i)
        colour = _mix(_shade(green, 1.2 - 0.5 * t), mist, 0.7 * (1 - t) ** 1.3)
        pts = _ridge(rng, w, base, h * 0.02, 0.5, levels=5)
        _fill_below(draw, pts, h, colour)
        x = rng.uniform(-20, 20)
        while x < w + 40:
            size = h * rng.uniform(0.22, 0.36) * (0.6 + 0.9 * t)
            yb = _ridge_y(pts, min(w - 1, max(0, x))) + size * 0.03
            tone = _jitter(rng, colour, 6)
            if rng.random() < (0.55 if autumn else 0.25):
                if autumn:
                    tone = _mix(
                        _jitter(rng, rng.choice(((200, 110, 40), (180, 60, 40), (220, 170, 60))), 12),
                        mist,
                        0.6 * (1 - t),
                    )
                _leafy(draw, rng, x, yb, size * 0.8, tone)
            else:
                _conifer(draw, rng, x, yb, size, tone)
            x += size * rng.uniform(0.15, 0.35)
        _haze(img, base - h * 0.14, base + h * 0.04, mist, 0.4 * (1 - t))
        draw = ImageDraw.Draw(img, "RGBA")
    rays = _Mask(img.size)
    origin = rng.uniform(0.2, 0.8) * w
    for _ in range(rng.randint(4, 7)):
        spread = rng.uniform(-0.6, 0.6) * w
        width = rng.uniform(20, 60)
        rays.polygon(
            [
                (origin, 0),
                (origin + width * 0.3, 0),
                (origin + spread + width, h),
                (origin + spread, h),
            ],
            rng.randint(40, 90),
        )
    rays.apply(img, _mix(sky.light, (255, 255, 255), 0.3), blur=20)


_PAINTERS: dict[str, Callable[[Image.Image, random.Random], None]] = {
    "mountains": _mountains,
    "city": _city,
    "sea": _sea,
    "parliament": _parliament,
    "market": _market,
    "field": _field,
    "factory": _factory,
    "stage": _stage,
    "stadium": _stadium,
    "forest": _forest,
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
        painter = _PAINTERS[motif]
    except KeyError:
        raise ValueError(f"Unknown picture motif: {motif!r}") from None
    rng = random.Random(f"{motif}:{seed}")
    img = Image.new("RGB", (width, height))
    painter(img, rng)
    return _finish(img, rng)
