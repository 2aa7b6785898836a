"""Scenes with crowds: the market, a stage, and a stadium (sometimes with a concert on its pitch)."""

import math
import random

from PIL import Image, ImageDraw

from .brushes import (
    CLOTHES,
    SKINS,
    Mask,
    band,
    glow,
    gradient,
    jitter,
    mix,
    paint_sky,
    person,
    pick_sky,
    rgba,
    shaded,
    stars,
)


def market(img: Image.Image, rng: random.Random) -> None:
    w, h = img.size
    sky = pick_sky(rng, ("day", "morning", "day", "overcast"))
    paint_sky(img, sky, h * 0.5)
    draw = ImageDraw.Draw(img, "RGBA")
    facades = ((232, 206, 160), (214, 150, 120), (236, 222, 196), (190, 200, 180), (226, 180, 130))
    x = -rng.uniform(0, 80)
    while x < w:
        bw = rng.uniform(180, 300)
        top = h * rng.uniform(0.04, 0.16)
        colour = jitter(rng, rng.choice(facades), 10)
        draw.rectangle((x, top, x + bw, h * 0.7), fill=colour)
        draw.polygon(
            [
                (x - 6, top),
                (x + bw + 6, top),
                (x + bw - 20, top - h * 0.04),
                (x + 20, top - h * 0.04),
            ],
            fill=jitter(rng, (170, 90, 70), 10),
        )
        shutter = jitter(
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
        gradient((w, int(h - ground)), [(0, (170, 160, 146)), (1, (120, 112, 104))]),
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
        colour = jitter(rng, awnings[rng.randrange(len(awnings))], 8)
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
        draw.rectangle((x0 + 10, ya - 6, x1 - 10, ya + 4), fill=shaded(colour, 0.7))
        table_top = h * 0.6
        if rng.random() < 0.85:
            vx = x0 + (x1 - x0) * rng.uniform(0.25, 0.75)
            person(draw, vx, h * 0.74, h * 0.3, rng.choice(CLOTHES), rng.choice(SKINS))
        crates = rng.randint(3, 5)
        cw = (x1 - x0 - 30) / crates
        for c in range(crates):
            cx0 = x0 + 15 + c * cw + 4
            cx1 = cx0 + cw - 8
            fruit = jitter(rng, produce[rng.randrange(len(produce))], 12)
            fr = rng.uniform(11, 17) * h / 900
            for row in range(4):
                yy = table_top - row * fr * 1.2
                span = (cx1 - cx0) * (1 - row * 0.16)
                mid = (cx0 + cx1) / 2
                xx = mid - span / 2 + fr
                while xx < mid + span / 2 - fr * 0.5:
                    tone = shaded(fruit, rng.uniform(0.82, 1.1))
                    draw.ellipse((xx - fr, yy - fr, xx + fr, yy + fr), fill=tone)
                    draw.ellipse((xx - fr * 0.4, yy - fr * 0.6, xx, yy - fr * 0.2), fill=(255, 255, 255, 70))
                    xx += fr * 1.7
            draw.rectangle(
                (cx0, table_top - fr * 0.3, cx1, table_top + h * 0.05),
                fill=jitter(rng, (170, 126, 80), 10),
            )
            draw.line((cx0, table_top + h * 0.02, cx1, table_top + h * 0.02), fill=(120, 86, 56), width=3)
        cloth = jitter(rng, rng.choice(((236, 232, 220), (60, 80, 120), (150, 50, 50))), 6)
        draw.rectangle((x0, table_top + h * 0.05, x1, h * 0.78), fill=cloth)
        draw.rectangle((x0, table_top + h * 0.05, x1, table_top + h * 0.065), fill=shaded(cloth, 0.85))
    for _ in range(rng.randint(2, 4)):
        ph = h * rng.uniform(0.36, 0.5)
        person(
            draw,
            rng.uniform(0.05, 0.95) * w,
            h + ph * 0.2,
            ph,
            rng.choice(CLOTHES),
            rng.choice(SKINS),
        )


def stage(img: Image.Image, rng: random.Random) -> None:
    w, h = img.size
    hue = rng.choice(((40, 30, 90), (90, 24, 50), (20, 60, 80), (60, 20, 80), (24, 30, 50)))
    back = jitter(rng, hue, 10)
    floor_y = h * rng.uniform(0.64, 0.7)
    img.paste(gradient((w, h), [(0, shaded(back, 0.4)), (floor_y / h, back), (1, (20, 14, 12))]))
    glow(img, w / 2, floor_y - h * 0.2, w * 0.5, mix(back, (255, 200, 160), 0.5), 0.6)
    draw = ImageDraw.Draw(img, "RGBA")
    plank = jitter(rng, (140, 96, 60), 10)
    draw.polygon([(0, floor_y), (w, floor_y), (w, h), (0, h)], fill=plank)
    vx = w / 2
    for k in range(-30, 31):
        draw.line((vx + k * 40, floor_y, vx + k * 140, h), fill=shaded(plank, 0.78), width=2)
    band(img, floor_y, h, (10, 6, 6), 0.15, 0.7)
    beams = Mask(img.size)
    pools = Mask(img.size)
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
        person(draw, fx, floor_y + h * 0.08, ph, shaded(rng.choice(CLOTHES), 0.4), (26, 20, 20))
    velvet = jitter(rng, (150, 24, 34), 10)
    for side in (0, 1):
        cw = w * rng.uniform(0.13, 0.18)
        x0 = 0 if side == 0 else w - cw
        folds = 9
        for k in range(folds):
            fx0 = x0 + cw * k / folds
            fx1 = x0 + cw * (k + 1) / folds
            tone = shaded(velvet, 0.7 + 0.45 * (0.5 + 0.5 * math.sin(k * 1.9)))
            draw.rectangle((fx0, 0, fx1 + 1, h), fill=tone)
        edge = x0 + cw if side == 0 else x0
        draw.line((edge, 0, edge, h), fill=shaded(velvet, 0.5), width=6)
    val_h = h * 0.12
    for k in range(40):
        x0 = w * k / 40
        tone = shaded(velvet, 0.75 + 0.35 * (0.5 + 0.5 * math.sin(k * 1.3)))
        draw.rectangle((x0, 0, x0 + w / 40 + 1, val_h), fill=tone)
        draw.pieslice((x0, val_h - w / 80, x0 + w / 40, val_h + w / 80), 0, 180, fill=tone)
    draw.line((0, val_h * 0.15, w, val_h * 0.15), fill=(214, 176, 96), width=5)
    for k in range(int(w / 46) + 2):
        x = k * 46 + rng.uniform(-8, 8)
        y = h - rng.uniform(0.02, 0.07) * h
        r = rng.uniform(20, 28)
        draw.ellipse((x - r * 1.9, y, x + r * 1.9, y + r * 3), fill=(12, 10, 12))
        draw.ellipse((x - r, y - r * 1.6, x + r, y + r * 0.6), fill=(16, 12, 14))


def pitch_concert(img: Image.Image, rng: random.Random, top: float) -> None:
    """A stage at the far end of the pitch, light beams and a crowd standing on the grass."""
    w, h = img.size
    cx, sw, sh = w / 2, w * 0.4, h * 0.22
    floor = top + h * 0.14
    colour = rng.choice(((255, 90, 200), (90, 200, 255), (170, 120, 255), (255, 180, 70)))
    beams = Mask(img.size)
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
            fill=mix(colour, (255, 255, 255), 0.35),
        )
        person(draw, sx, floor - sh * 0.35, sh * 0.5, (30, 24, 40), (40, 30, 40))
    draw.rectangle((cx - sw / 2, floor - sh, cx + sw / 2, floor), fill=(16, 16, 22))
    draw.rectangle(
        (cx - sw * 0.4, floor - sh * 0.9, cx + sw * 0.4, floor - sh * 0.3),
        fill=mix(colour, (255, 255, 255), 0.2),
    )
    draw.rectangle((cx - sw / 2 - 16, floor - sh - 16, cx + sw / 2 + 16, floor - sh), fill=(50, 50, 58))
    for k in range(9):
        lx = cx - sw / 2 + k * sw / 8
        draw.ellipse((lx - 7, floor - sh - 2, lx + 7, floor - sh + 10), fill=(255, 250, 230))
    draw.rectangle((cx - sw / 2, floor - sh * 0.3, cx + sw / 2, floor), fill=(26, 26, 32))
    for k in range(rng.randint(3, 5)):
        px = cx - sw * 0.3 + k * sw * 0.15 + rng.uniform(-10, 10)
        person(draw, px, floor - sh * 0.3, sh * 0.42, (20, 18, 26), (30, 26, 30))
    rim = rgba(mix(colour, (255, 255, 255), 0.5), 70)
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


def stadium(img: Image.Image, rng: random.Random) -> None:
    w, h = img.size
    concert = rng.random() < 0.35
    names = ("night", "dusk", "night") if concert else ("night", "dusk", "day", "night", "sunset")
    sky = pick_sky(rng, names)
    roof_y = h * rng.uniform(0.12, 0.18)
    pitch_y = h * rng.uniform(0.46, 0.52)
    paint_sky(img, sky, roof_y)
    draw = ImageDraw.Draw(img, "RGBA")
    if sky.night:
        stars(draw, rng, w, roof_y)
    draw.rectangle((0, roof_y, w, pitch_y), fill=(40, 42, 52))
    team = jitter(
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
            colour = team if rng.random() < 0.55 else jitter(rng, rng.choice(CLOTHES + SKINS), 20)
            if sky.night:
                colour = shaded(colour, 0.8)
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
    green = jitter(rng, (60, 140, 60), 8)
    if concert:
        green = shaded(green, 0.55)
    cx = w / 2
    stripes = 16
    for k in range(stripes):
        xf0 = -0.15 * w + 1.3 * w * k / stripes
        xf1 = -0.15 * w + 1.3 * w * (k + 1) / stripes
        xb0, xb1 = cx + (xf0 - cx) * 2.2, cx + (xf1 - cx) * 2.2
        draw.polygon(
            [(xf0, pitch_y), (xf1, pitch_y), (xb1, h), (xb0, h)],
            fill=green if k % 2 == 0 else shaded(green, 1.12),
        )
    if concert:
        pitch_concert(img, rng, pitch_y)
        return
    line = (240, 244, 236)
    ty = pitch_y + h * 0.025
    draw.line((0, ty, w, ty), fill=line, width=4)
    draw.line((cx, ty, cx, h), fill=line, width=5)
    cy = ty + (h - ty) * 0.42
    rx, ry = w * 0.13, (h - ty) * 0.2
    draw.ellipse((cx - rx, cy - ry, cx + rx, cy + ry), outline=line, width=5)
    draw.ellipse((cx - 7, cy - 4, cx + 7, cy + 4), fill=line)
    other = jitter(rng, rng.choice(((250, 250, 250), (30, 30, 40), (250, 140, 30))), 8)
    for k in range(12):
        py = ty + (h - ty) * rng.uniform(0.08, 0.8)
        ph = h * (0.05 + 0.1 * (py - ty) / (h - ty))
        px = rng.uniform(0.05, 0.95) * w
        draw.ellipse((px - ph * 0.3, py - ph * 0.08, px + ph * 0.3, py + ph * 0.08), fill=(0, 0, 0, 60))
        person(draw, px, py, ph, team if k % 2 == 0 else other, rng.choice(SKINS))
    if sky.night or rng.random() < 0.5:
        for fx in (rng.uniform(0.08, 0.22) * w, rng.uniform(0.78, 0.92) * w):
            fy = roof_y - h * 0.06
            draw.line((fx, fy, fx, roof_y), fill=(70, 72, 80), width=6)
            draw.rectangle((fx - 60, fy - 34, fx + 60, fy), fill=(70, 72, 80))
            glow(img, fx, fy - 17, h * 0.35, (255, 250, 230), 0.55)
            draw = ImageDraw.Draw(img, "RGBA")
            for gx in range(-50, 60, 20):
                for gy in (-28, -12):
                    draw.rectangle((fx + gx - 7, fy + gy - 5, fx + gx + 7, fy + gy + 7), fill=(255, 252, 236))
