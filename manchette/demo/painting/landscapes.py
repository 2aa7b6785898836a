"""Scenes outdoors: mountains, sea, fields and forest."""

import random

from PIL import Image, ImageDraw

from .brushes import (
    Mask,
    clouds,
    conifer,
    fill_below,
    gradient,
    haze,
    jitter,
    leafy,
    mix,
    paint_sky,
    pick_sky,
    rgba,
    ridge,
    ridge_y,
    shaded,
    sun,
)


def mountains(img: Image.Image, rng: random.Random) -> None:
    w, h = img.size
    sky = pick_sky(rng, ("day", "morning", "dusk", "sunset", "night", "day"))
    horizon = h * rng.uniform(0.52, 0.62)
    paint_sky(img, sky, horizon)
    sun(img, rng, sky, rng.uniform(0.15, 0.85) * w, rng.uniform(0.12, 0.3) * h, h * 0.05)
    clouds(img, rng, sky, h * 0.08, h * 0.35, rng.randint(2, 4))
    draw = ImageDraw.Draw(img, "RGBA")
    rock = jitter(rng, rng.choice(((70, 84, 120), (86, 74, 110), (60, 96, 108), (96, 92, 104))), 10)
    meadow = jitter(rng, rng.choice(((54, 92, 58), (70, 96, 48), (40, 74, 64))), 10)
    if sky.night:
        rock, meadow = shaded(rock, 0.55), shaded(meadow, 0.5)
    layers = [
        (horizon, h * 0.36, 0.58),
        (horizon + h * 0.09, h * 0.24, 0.55),
        (horizon + h * 0.19, h * 0.16, 0.5),
        (horizon + h * 0.3, h * 0.1, 0.45),
    ]
    for i, (base, amp, rough) in enumerate(layers):
        t = i / (len(layers) - 1)
        colour = mix(mix(rock, meadow, t * t), sky.horizon, 0.62 * (1 - t))
        pts = ridge(rng, w, base, amp, rough, levels=8)
        if i == 0:
            snow = mix((246, 246, 250), sky.horizon, 0.35)
            fill_below(draw, pts, h, snow)
            line = base - amp * rng.uniform(0.5, 0.65)
            jag = ridge(rng, w, 0, 1.0, 0.75, levels=8)
            rock_pts = [
                (x, y + max(0.0, line - y) * (0.35 - 0.5 * jy))
                for (x, y), (_, jy) in zip(pts, jag, strict=True)
            ]
            fill_below(draw, rock_pts, h, colour)
        else:
            fill_below(draw, pts, h, colour)
        if i == len(layers) - 1:
            tree = shaded(colour, 0.7)
            x = rng.uniform(0, 40)
            while x < w:
                size = rng.uniform(0.07, 0.17) * h
                conifer(draw, rng, x, ridge_y(pts, x) + size * 0.25, size, jitter(rng, tree, 8))
                x += rng.uniform(0.4, 2.5) * size * 0.5
        haze(img, base - amp * 0.5, base + h * 0.04, sky.horizon, 0.3 * (1 - t))


def sea(img: Image.Image, rng: random.Random) -> None:
    w, h = img.size
    sky = pick_sky(rng, ("day", "morning", "sunset", "dusk", "night", "overcast"))
    horizon = h * rng.uniform(0.5, 0.6)
    paint_sky(img, sky, horizon)
    sx, sy = rng.uniform(0.2, 0.8) * w, horizon - rng.uniform(0.07, 0.3) * h
    sun(img, rng, sky, sx, sy, h * 0.05)
    clouds(img, rng, sky, h * 0.05, horizon - h * 0.12, rng.randint(2, 4))
    draw = ImageDraw.Draw(img, "RGBA")
    deep = jitter(rng, (26, 70, 110) if not sky.night else (10, 20, 42), 10)
    surface = mix(sky.horizon, deep, 0.45)
    img.paste(gradient((w, int(h - horizon) + 1), [(0, surface), (1, deep)]), (0, int(horizon)))
    if rng.random() < 0.75:
        left = rng.random() < 0.5
        span = rng.uniform(0.25, 0.45) * w
        pts = ridge(rng, span, horizon + 2, h * rng.uniform(0.05, 0.12), 0.5, levels=6)
        if left:
            pts = [(x, y) for x, y in pts]
            pts = [(x, y + (h * 0.1) * (x / span) ** 2) for x, y in pts]
        else:
            pts = [(w - span + x, y + (h * 0.1) * (1 - x / span) ** 2) for x, y in pts]
        land = mix(shaded(deep, 0.7), sky.horizon, 0.5)
        pts = [(x, min(y, horizon + 2)) for x, y in pts]
        draw.polygon([*pts, (pts[-1][0], horizon + 2), (pts[0][0], horizon + 2)], fill=land)
        if rng.random() < 0.6:
            lx = pts[len(pts) // 3][0] if left else pts[2 * len(pts) // 3][0]
            ly = ridge_y([(x - pts[0][0], y) for x, y in pts], lx - pts[0][0])
            draw.rectangle((lx - 5, ly - h * 0.07, lx + 5, ly + 2), fill=(236, 232, 224))
            draw.rectangle((lx - 5, ly - h * 0.05, lx + 5, ly - h * 0.04), fill=(180, 50, 50))
            draw.polygon(
                [(lx - 7, ly - h * 0.07), (lx + 7, ly - h * 0.07), (lx, ly - h * 0.085)],
                fill=(180, 50, 50),
            )
    glitter = mix(sky.light, (255, 255, 255), 0.3)
    y = horizon + 2
    while y < h:
        t = (y - horizon) / (h - horizon)
        for _ in range(3):
            half = (0.02 + 0.12 * t) * w * rng.uniform(0.2, 1.0)
            xx = sx + rng.gauss(0, 0.04 + 0.1 * t) * w
            draw.line(
                (xx - half * 0.5, y, xx + half * 0.5, y),
                fill=rgba(glitter, rng.randint(60, 170)),
                width=max(1, int(1 + t * 4)),
            )
        y += 2 + t * 14
    crest, trough = mix(surface, (255, 255, 255), 0.35), shaded(deep, 0.75)
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
            fill=rgba(colour, rng.randint(70, 150)),
            width=wd,
        )
    if rng.random() < 0.7:
        bx, by = rng.uniform(0.15, 0.85) * w, horizon + rng.uniform(0.04, 0.12) * h
        s = h * rng.uniform(0.06, 0.1)
        hull = (40, 44, 56) if not sky.night else (20, 22, 30)
        sail = mix((248, 244, 232), sky.horizon, 0.2) if not sky.night else (120, 126, 150)
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
            fill=shaded(sail, 0.9),
        )
        draw.line((bx, by - s * 1.35, bx, by), fill=hull, width=3)
    if rng.random() < 0.5:
        sand = jitter(rng, (226, 204, 160) if not sky.night else (90, 84, 80), 10)
        pts = ridge(rng, w, h * 0.93, h * 0.09, 0.5, levels=6)
        draw.polygon([*pts, (w, h), (0, h)], fill=sand)
        draw.line(pts, fill=(255, 255, 255, 150), width=6)
        draw.line([(x, y + 14) for x, y in pts], fill=(255, 255, 255, 70), width=4)


def field(img: Image.Image, rng: random.Random) -> None:
    w, h = img.size
    sky = pick_sky(rng, ("day", "morning", "sunset", "day", "overcast", "dusk"))
    horizon = h * rng.uniform(0.48, 0.58)
    paint_sky(img, sky, horizon)
    sun(img, rng, sky, rng.uniform(0.1, 0.9) * w, rng.uniform(0.1, 0.3) * h, h * 0.05)
    clouds(img, rng, sky, h * 0.06, horizon - h * 0.15, rng.randint(3, 6))
    draw = ImageDraw.Draw(img, "RGBA")
    hill = jitter(rng, (90, 120, 90), 10)
    for k in range(2):
        pts = ridge(rng, w, horizon + 2, h * (0.09 - k * 0.04), 0.5, levels=6)
        fill_below(draw, pts, h, mix(hill, sky.horizon, 0.6 - k * 0.25))
    trees = mix((50, 80, 50), sky.horizon, 0.3)
    x = rng.uniform(0, 30)
    while x < w:
        if rng.random() < 0.5:
            leafy(draw, rng, x, horizon + 3, h * rng.uniform(0.03, 0.06), jitter(rng, trees, 6))
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
    haze(img, horizon - h * 0.04, horizon + h * 0.1, sky.horizon, 0.35)
    draw = ImageDraw.Draw(img, "RGBA")
    if crop == "sunflower":
        for _ in range(700):
            t = rng.random() ** 1.2
            yy = horizon + 6 + t * (h - horizon)
            xx = rng.uniform(-0.1, 1.1) * w
            r = 2 + t * 26
            draw.ellipse((xx - r, yy - r, xx + r, yy + r), fill=jitter(rng, (246, 196, 40), 14))
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
        leafy(
            draw,
            rng,
            tx,
            horizon + h * 0.03,
            h * rng.uniform(0.22, 0.32),
            jitter(rng, (60, 96, 52), 8),
        )


def forest(img: Image.Image, rng: random.Random) -> None:
    w, h = img.size
    sky = pick_sky(rng, ("morning", "day", "overcast", "dusk", "morning"))
    paint_sky(img, sky, h * 0.55)
    sun(img, rng, sky, rng.uniform(0.2, 0.8) * w, rng.uniform(0.1, 0.25) * h, h * 0.05)
    draw = ImageDraw.Draw(img, "RGBA")
    mist = mix(sky.horizon, (255, 255, 255), 0.25)
    green = jitter(rng, rng.choice(((34, 70, 50), (40, 80, 40), (30, 60, 60), (52, 72, 38))), 8)
    autumn = rng.random() < 0.35
    layers = 5
    for i in range(layers):
        t = i / (layers - 1)
        base = h * (0.5 + 0.11 * i)
        colour = mix(shaded(green, 1.2 - 0.5 * t), mist, 0.7 * (1 - t) ** 1.3)
        pts = ridge(rng, w, base, h * 0.02, 0.5, levels=5)
        fill_below(draw, pts, h, colour)
        x = rng.uniform(-20, 20)
        while x < w + 40:
            size = h * rng.uniform(0.22, 0.36) * (0.6 + 0.9 * t)
            yb = ridge_y(pts, min(w - 1, max(0, x))) + size * 0.03
            tone = jitter(rng, colour, 6)
            if rng.random() < (0.55 if autumn else 0.25):
                if autumn:
                    tone = mix(
                        jitter(rng, rng.choice(((200, 110, 40), (180, 60, 40), (220, 170, 60))), 12),
                        mist,
                        0.6 * (1 - t),
                    )
                leafy(draw, rng, x, yb, size * 0.8, tone)
            else:
                conifer(draw, rng, x, yb, size, tone)
            x += size * rng.uniform(0.15, 0.35)
        haze(img, base - h * 0.14, base + h * 0.04, mist, 0.4 * (1 - t))
        draw = ImageDraw.Draw(img, "RGBA")
    rays = Mask(img.size)
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
    rays.apply(img, mix(sky.light, (255, 255, 255), 0.3), blur=20)
