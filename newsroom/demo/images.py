"""Illustrations for demo stories, drawn with Pillow (no stock photos, nothing fetched)."""

import io
import random

from PIL import Image, ImageDraw, ImageFilter

SIZE = (1440, 810)
PALETTES = {
    "rice": ((120, 190, 235), (214, 236, 200), (86, 160, 60)),
    "coffee": ((240, 200, 150), (120, 80, 50), (60, 110, 50)),
    "mountain": ((150, 190, 230), (90, 120, 150), (40, 90, 70)),
    "river": ((180, 215, 240), (70, 140, 190), (60, 120, 80)),
    "city": ((250, 190, 140), (90, 90, 110), (60, 60, 70)),
    "festival": ((60, 30, 80), (220, 80, 60), (250, 200, 80)),
    "football": ((140, 200, 240), (60, 150, 70), (250, 250, 250)),
    "school": ((170, 210, 240), (240, 220, 170), (200, 70, 60)),
    "road": ((200, 220, 240), (110, 110, 110), (230, 200, 60)),
    "forest": ((190, 220, 200), (40, 110, 60), (20, 70, 40)),
}


def draw(motif: str, seed: int) -> bytes:
    """A 1440×810 JPEG evoking `motif` (sky, hills, a few shapes), deterministic per seed."""
    rng = random.Random(seed)
    sky, middle, accent = PALETTES.get(motif, PALETTES["mountain"])
    img = Image.new("RGB", SIZE, sky)
    d = ImageDraw.Draw(img)
    w, h = SIZE
    for y in range(h // 2):
        t = y / (h / 2)
        d.line([(0, y), (w, y)], fill=tuple(int(c * (1 - 0.25 * t) + 255 * 0.25 * t) for c in sky))
    d.ellipse([w * 0.75, h * 0.08, w * 0.75 + 110, h * 0.08 + 110], fill=(255, 236, 170))
    for layer in range(3):
        base = h * (0.45 + 0.12 * layer)
        points = [(0, h)]
        for x in range(0, w + 160, 160):
            points.append((x, base - rng.randint(0, 120 - 30 * layer)))
        points.append((w, h))
        shade = tuple(max(0, c - 25 * layer) for c in middle)
        d.polygon(points, fill=shade)
    for _ in range(14):
        x, y = rng.randint(0, w), rng.randint(int(h * 0.6), h)
        r = rng.randint(12, 48)
        d.ellipse([x - r, y - r, x + r, y + r], fill=accent)
    img = img.filter(ImageFilter.SMOOTH)
    buffer = io.BytesIO()
    img.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()
