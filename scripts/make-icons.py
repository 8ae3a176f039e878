#!/usr/bin/env python3
"""Draw the toolbar icon (scripts/icon.svg, same shapes) into public/icon/<size>.png.
Pure Python (zlib) so it runs anywhere: 4x4 supersampling for smooth edges."""
import math, struct, zlib, pathlib

BLUE = (0x29, 0x62, 0xff)
WHITE = (255, 255, 255)

def inside_rrect(x, y, x0, y0, w, h, r):
    if not (x0 <= x <= x0 + w and y0 <= y <= y0 + h):
        return False
    cx = min(max(x, x0 + r), x0 + w - r)
    cy = min(max(y, y0 + r), y0 + h - r)
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r

def seg_dist(px, py, ax, ay, bx, by):
    dx, dy = bx - ax, by - ay
    t = max(0, min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))

def sample(x, y):
    """Colour (r, g, b, a) at a point of the 128x128 design."""
    if not inside_rrect(x, y, 4, 4, 120, 120, 28):
        return (0, 0, 0, 0)
    white = (
        inside_rrect(x, y, 26, 70, 12, 28, 3) or inside_rrect(x, y, 44, 56, 12, 42, 3)
        or abs(math.hypot(x - 76, y - 56) - 24) <= 5
        or seg_dist(x, y, 93, 73, 108, 88) <= 6
    )
    return (*(WHITE if white else BLUE), 255)

def render(size, ss=4):
    rows = []
    for j in range(size):
        row = bytearray([0])
        for i in range(size):
            acc = [0, 0, 0, 0]
            for sj in range(ss):
                for si in range(ss):
                    x = (i + (si + 0.5) / ss) * 128 / size
                    y = (j + (sj + 0.5) / ss) * 128 / size
                    r, g, b, a = sample(x, y)
                    acc[0] += r * a; acc[1] += g * a; acc[2] += b * a; acc[3] += a
            n = ss * ss
            a = acc[3] / n
            if acc[3]:
                row += bytes([round(acc[0] / acc[3]), round(acc[1] / acc[3]), round(acc[2] / acc[3]), round(a)])
            else:
                row += bytes([0, 0, 0, 0])
        rows.append(bytes(row))
    raw = b''.join(rows)
    def chunk(tag, data):
        return struct.pack('>I', len(data)) + tag + data + struct.pack('>I', zlib.crc32(tag + data) & 0xffffffff)
    return (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', size, size, 8, 6, 0, 0, 0))
            + chunk(b'IDAT', zlib.compress(raw, 9)) + chunk(b'IEND', b''))

out = pathlib.Path(__file__).resolve().parent.parent / 'public' / 'icon'
out.mkdir(parents=True, exist_ok=True)
for size in (16, 32, 48, 96, 128):
    (out / f'{size}.png').write_bytes(render(size))
print('icons written to', out)
