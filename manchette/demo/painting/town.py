"""Scenes in town: streets, the parliament and a factory."""

import math
import random

from PIL import Image, ImageDraw, ImageFilter

from .brushes import (
    CLOTHES,
    SKINS,
    Color,
    Mask,
    band,
    clouds,
    fill_below,
    glow,
    gradient,
    jitter,
    mix,
    paint_sky,
    person,
    pick_sky,
    rgba,
    ridge,
    shaded,
    sun,
)


def building_windows(
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
                colour = jitter(rng, (255, 208, 120), 14)
            else:
                colour = jitter(rng, glass, 8)
            draw.rectangle((wx, wy, wx + ww, wy + wh), fill=colour)
            draw.line((wx - 2, wy + wh + 1, wx + ww + 2, wy + wh + 1), fill=frame, width=2)


def city(img: Image.Image, rng: random.Random) -> None:
    w, h = img.size
    sky = pick_sky(rng, ("dusk", "night", "sunset", "day", "morning", "night"))
    ground = h * rng.uniform(0.74, 0.78)
    paint_sky(img, sky, ground - h * 0.2)
    sun(img, rng, sky, rng.uniform(0.1, 0.9) * w, rng.uniform(0.1, 0.3) * h, h * 0.045)
    clouds(img, rng, sky, h * 0.05, h * 0.3, rng.randint(1, 3))
    draw = ImageDraw.Draw(img, "RGBA")
    dark = sky.night or (sky.horizon[0] > 225 and sky.horizon[2] < 125)
    far = mix(mix(sky.top, (40, 44, 60), 0.5), sky.horizon, 0.45)
    x = -rng.uniform(0, 40)
    while x < w:
        bw, bh = rng.uniform(40, 120), rng.uniform(0.16, 0.42) * h
        draw.rectangle((x, ground - bh, x + bw, ground), fill=far)
        if rng.random() < 0.15:
            draw.line((x + bw / 2, ground - bh, x + bw / 2, ground - bh - h * 0.06), fill=far, width=3)
        x += bw
    band(img, ground - h * 0.42, ground, sky.horizon, 0.0, 0.35)
    facades = ((226, 214, 190), (214, 196, 168), (196, 170, 150), (232, 222, 204), (180, 150, 128))
    light = 0.45 if sky.night else (0.3 if dark else 0.0)
    shade = 0.42 if sky.night else (0.78 if dark else 1.0)
    x = -rng.uniform(0, 60)
    while x < w:
        bw, bh = rng.uniform(110, 230), rng.uniform(0.2, 0.48) * h
        facade = shaded(jitter(rng, rng.choice(facades), 10), shade)
        top = ground - bh
        draw.rectangle((x, top, x + bw, ground), fill=facade)
        draw.rectangle((x, top, x + bw * 0.1, ground), fill=shaded(facade, 0.9))
        glass = shaded((96, 110, 130), shade) if not dark else (34, 38, 54)
        roof_h = 0.0
        if rng.random() < 0.6:
            roof_h = h * rng.uniform(0.05, 0.08)
            roof = shaded((96, 106, 124), shade)
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
                fill=shaded(facade, 0.8),
            )
        draw.line((x, top + 3, x + bw, top + 3), fill=shaded(facade, 0.8), width=5)
        building_windows(
            draw,
            rng,
            (x + 6, top + 14, x + bw - 6, ground - h * 0.08),
            light,
            glass,
            shaded(facade, 0.75),
        )
        shop = shaded(jitter(rng, rng.choice(((120, 40, 44), (40, 70, 80), (70, 60, 50))), 10), shade)
        draw.rectangle((x + 6, ground - h * 0.065, x + bw - 6, ground), fill=shop)
        draw.rectangle(
            (x + 14, ground - h * 0.05, x + bw - 14, ground),
            fill=(255, 214, 150) if light else shaded(glass, 1.2),
        )
        x += bw + rng.uniform(0, 6)
    river = rng.random() < 0.5
    if river:
        span = int(h - ground)
        reflection = img.crop((0, int(ground) - span, w, int(ground))).transpose(
            Image.Transpose.FLIP_TOP_BOTTOM
        )
        water = mix(sky.top, (20, 40, 60), 0.4)
        reflection = Image.blend(reflection, Image.new("RGB", reflection.size, water), 0.45)
        reflection = reflection.filter(ImageFilter.GaussianBlur(3))
        img.paste(reflection, (0, int(ground)))
        draw.rectangle((0, ground - 4, w, ground + 6), fill=shaded((150, 140, 124), shade))
        for _ in range(260):
            yy = ground + 10 + (h - ground) * rng.random() ** 1.3
            xx, ll = rng.uniform(0, w), rng.uniform(10, 70)
            draw.line(
                (xx, yy, xx + ll, yy),
                fill=rgba(mix(sky.horizon, (255, 255, 255), 0.3), rng.randint(40, 110)),
                width=2,
            )
    else:
        kerb = ground + h * 0.06
        img.paste(
            gradient(
                (w, int(h - ground)),
                [(0, shaded((96, 96, 102), shade)), (1, shaded((60, 60, 66), shade))],
            ),
            (0, int(ground)),
        )
        draw.rectangle((0, ground, w, kerb), fill=shaded((160, 152, 140), shade))
        draw.rectangle((0, kerb, w, kerb + 5), fill=shaded((200, 196, 186), shade))
        lane = kerb + (h - kerb) * 0.55
        for dx in range(int(rng.uniform(-80, 0)), w, 160):
            draw.rectangle((dx, lane - 3, dx + 80, lane + 3), fill=shaded((226, 222, 210), shade))
        for lx in range(int(rng.uniform(60, 200)), w, int(rng.uniform(300, 420))):
            draw.line((lx, kerb, lx, ground - h * 0.16), fill=(30, 32, 38), width=5)
            draw.ellipse(
                (lx - 10, ground - h * 0.17 - 10, lx + 10, ground - h * 0.17 + 10),
                fill=(255, 226, 160) if light else (210, 210, 200),
            )
            if light:
                glow(img, lx, ground - h * 0.17, h * 0.12, (255, 214, 140), 0.45)
        for _ in range(rng.randint(3, 7)):
            px, ph = rng.uniform(0, w), rng.uniform(0.11, 0.14) * h
            person(
                draw,
                px,
                ground + h * 0.04,
                ph,
                shaded(rng.choice(CLOTHES), shade),
                shaded(rng.choice(SKINS), shade),
            )


def parliament(img: Image.Image, rng: random.Random) -> None:
    w, h = img.size
    floor_y = h * rng.uniform(0.33, 0.38)
    wood = jitter(rng, (118, 76, 46), 12)
    wall = jitter(rng, rng.choice(((214, 196, 160), (196, 174, 142), (226, 214, 192), (168, 124, 88))), 8)
    img.paste(gradient((w, h), [(0, shaded(wall, 0.55)), (floor_y / h, wall), (1, shaded(wall, 0.8))]))
    draw = ImageDraw.Draw(img, "RGBA")
    cx = w / 2 + rng.uniform(-0.04, 0.04) * w
    step = w / rng.choice((10, 12, 14))
    x = cx % step - step
    while x < w + step:
        draw.rectangle((x - step * 0.09, 0, x + step * 0.09, floor_y), fill=shaded(wall, 1.08))
        draw.rectangle(
            (x - step * 0.13, floor_y * 0.12, x + step * 0.13, floor_y * 0.16),
            fill=shaded(wall, 1.12),
        )
        draw.rectangle((x + step * 0.04, 0, x + step * 0.09, floor_y), fill=shaded(wall, 0.9))
        x += step
    tapestry = jitter(rng, rng.choice(((150, 40, 46), (40, 60, 110), (60, 90, 70))), 10)
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
    glow(img, cx, 0, w * 0.45, (255, 244, 214), 0.35)
    draw.rectangle((0, floor_y - h * 0.03, w, floor_y + 2), fill=shaded(wood, 0.8))
    carpet = jitter(rng, (150, 46, 50), 8)
    img.paste(gradient((w, int(h - floor_y)), [(0, shaded(carpet, 0.8)), (1, carpet)]), (0, int(floor_y)))
    draw = ImageDraw.Draw(img, "RGBA")
    desk_w, desk_h = w * 0.2, h * 0.09
    draw.rectangle(
        (cx - desk_w / 2, floor_y - desk_h - h * 0.02, cx + desk_w / 2, floor_y + h * 0.01),
        fill=shaded(wood, 0.9),
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
        person(
            draw,
            px,
            floor_y - desk_h * 0.25,
            h * 0.09,
            rng.choice(CLOTHES[:3]),
            rng.choice(SKINS),
        )
    draw.rectangle((cx - desk_w / 2, floor_y - desk_h * 0.7, cx + desk_w / 2, floor_y + h * 0.01), fill=wood)
    ty = floor_y + h * 0.07
    tribune = shaded(wood, 1.1)
    draw.polygon(
        [
            (cx - w * 0.05, ty - h * 0.06),
            (cx + w * 0.05, ty - h * 0.06),
            (cx + w * 0.06, ty + h * 0.06),
            (cx - w * 0.06, ty + h * 0.06),
        ],
        fill=tribune,
    )
    person(draw, cx, ty - h * 0.02, h * 0.1, (40, 40, 50), rng.choice(SKINS))
    draw.rectangle(
        (cx - w * 0.055, ty - h * 0.035, cx + w * 0.055, ty - h * 0.02), fill=shaded(tribune, 1.15)
    )
    seat = jitter(rng, (178, 44, 48), 8)
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
            fill=shaded(wood, 0.75 + r * 0.03),
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
                body = rng.choice(CLOTHES)
                draw.rounded_rectangle(
                    (sx - size * 0.7, sy - size * 1.2, sx + size * 0.7, sy + size * 0.2),
                    radius=size * 0.35,
                    fill=body,
                )
                hr = size * 0.42
                draw.ellipse(
                    (sx - hr, sy - size * 1.2 - hr * 1.8, sx + hr, sy - size * 1.2 + hr * 0.2),
                    fill=rng.choice(SKINS),
                )
        desk_col = shaded(wood, 0.85 + r * 0.02)
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
    band(img, h * 0.75, h, (30, 16, 16), 0.0, 0.35)


def factory(img: Image.Image, rng: random.Random) -> None:
    w, h = img.size
    sky = pick_sky(rng, ("overcast", "dusk", "morning", "day", "sunset", "night"))
    ground = h * rng.uniform(0.78, 0.82)
    paint_sky(img, sky, ground - h * 0.1)
    sun(img, rng, sky, rng.uniform(0.1, 0.9) * w, rng.uniform(0.12, 0.32) * h, h * 0.045)
    clouds(img, rng, sky, h * 0.05, h * 0.3, rng.randint(1, 3))
    draw = ImageDraw.Draw(img, "RGBA")
    shade = 0.5 if sky.night else 1.0
    pts = ridge(rng, w, ground - h * 0.06, h * 0.1, 0.5, levels=6)
    fill_below(draw, pts, h, mix((80, 96, 100), sky.horizon, 0.6))
    tops: list[tuple[float, float, float]] = []
    for _ in range(rng.randint(2, 4)):
        cx = rng.uniform(0.1, 0.9) * w
        ch = rng.uniform(0.35, 0.62) * h
        cw = rng.uniform(22, 40)
        top = ground - ch
        brick = shaded(jitter(rng, (150, 84, 66), 10), shade)
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
            fill=shaded(brick, 0.85),
        )
        if rng.random() < 0.6:
            for k in range(2):
                by = top + ch * (0.05 + k * 0.1)
                draw.rectangle(
                    (cx - cw * 0.64, by, cx + cw * 0.64, by + ch * 0.05),
                    fill=shaded((236, 230, 222), shade),
                )
        draw.rectangle((cx - cw * 0.7, top - 6, cx + cw * 0.7, top + 4), fill=shaded(brick, 0.7))
        tops.append((cx, top, cw))
    smoke = Mask(img.size)
    wind = rng.choice((-1, 1)) * rng.uniform(0.6, 1.2)
    for cx, top, cw in tops:
        x, y, r = cx, top - 10, cw * 0.7
        for k in range(26):
            smoke.ellipse(x + rng.uniform(-0.2, 0.2) * r, y, r, r * 0.8, max(60, 240 - k * 7))
            x += wind * r * 0.55
            y -= r * 0.22
            r *= 1.07
    smoke.apply(img, mix((236, 234, 230), sky.horizon, 0.25) if not sky.night else (96, 98, 110), blur=10)
    draw = ImageDraw.Draw(img, "RGBA")
    for _ in range(rng.randint(1, 3)):
        tx, tr = rng.uniform(0.05, 0.95) * w, rng.uniform(40, 80)
        th = rng.uniform(0.12, 0.2) * h
        metal = shaded((190, 196, 200), shade)
        draw.rectangle((tx - tr, ground - th, tx + tr, ground), fill=metal)
        draw.rectangle((tx + tr * 0.3, ground - th, tx + tr, ground), fill=shaded(metal, 0.86))
        draw.ellipse(
            (tx - tr, ground - th - tr * 0.3, tx + tr, ground - th + tr * 0.3),
            fill=shaded(metal, 1.08),
        )
    x = -rng.uniform(0, 80)
    wall_colours = ((170, 100, 80), (150, 156, 160), (120, 130, 140), (186, 120, 92))
    lit = sky.night or sky.horizon[0] > 230
    while x < w:
        sw_ = rng.uniform(260, 460)
        wh = rng.uniform(0.1, 0.18) * h
        wall = shaded(jitter(rng, rng.choice(wall_colours), 8), shade)
        top = ground - wh
        draw.rectangle((x, top, x + sw_, ground), fill=wall)
        teeth = rng.randint(3, 6)
        tw = sw_ / teeth
        th = h * rng.uniform(0.04, 0.06)
        for k in range(teeth):
            bx = x + k * tw
            draw.polygon([(bx, top), (bx + tw, top), (bx + tw, top - th)], fill=shaded(wall, 0.78))
            draw.polygon(
                [(bx + tw - 7, top - th + 4), (bx + tw, top - th), (bx + tw, top)],
                fill=(200, 214, 224) if not lit else (255, 210, 130),
            )
        for wx in range(int(x + 20), int(x + sw_ - 40), 44):
            colour = (255, 206, 120) if lit and rng.random() < 0.7 else shaded((70, 84, 100), shade)
            draw.rectangle((wx, top + wh * 0.25, wx + 28, top + wh * 0.55), fill=colour)
        if rng.random() < 0.5:
            dx = x + sw_ * rng.uniform(0.2, 0.7)
            draw.rectangle((dx, ground - wh * 0.55, dx + 70, ground), fill=shaded(wall, 0.6))
            for k in range(6):
                draw.line(
                    (
                        dx,
                        ground - wh * 0.55 + k * wh * 0.09,
                        dx + 70,
                        ground - wh * 0.55 + k * wh * 0.09,
                    ),
                    fill=shaded(wall, 0.7),
                    width=2,
                )
        x += sw_ + rng.uniform(20, 120)
    img.paste(
        gradient(
            (w, int(h - ground) + 1),
            [(0, shaded((112, 110, 100), shade)), (1, shaded((70, 74, 64), shade))],
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
