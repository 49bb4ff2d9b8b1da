"""Page-image clean-up before OCR.

Uneven light (a phone photo, a scanner lid left open, a yellowed page) leaves a
background that is light in one corner and grey in another; tesseract's global
threshold then drops whole regions of text. Dividing the page by an estimate of
its background makes the paper uniformly white again and leaves the ink as it
was. The estimate is the page's local maximum (the paper, not the ink) over a
window several lines tall, computed on a small copy of the page: a few tens of
milliseconds for an A4 page at 300 dpi.
"""
from __future__ import annotations

import numpy as np
from PIL import Image, ImageFilter

SHRINK = 8          # the background is estimated on a copy this many times smaller
WINDOW = 5          # local-maximum window on the small copy (5 x 8 = 40 px: wider than a letter)
UNEVEN = 18.0       # grey levels of background spread above which the page is flattened


def flatten_background(image: Image.Image) -> Image.Image:
    """Return the page with its background made uniformly white (grey images only).

    A page whose background is already even is returned unchanged, so clean scans
    and rendered PDFs go to tesseract exactly as they were.
    """
    if image.mode != "L":
        image = image.convert("L")
    w, h = image.size
    if w < SHRINK * WINDOW * 2 or h < SHRINK * WINDOW * 2:
        return image
    small = image.resize((w // SHRINK, h // SHRINK), Image.Resampling.BILINEAR)
    background = small.filter(ImageFilter.MaxFilter(WINDOW)).filter(ImageFilter.GaussianBlur(WINDOW - 1))
    levels = np.asarray(background, dtype=np.float32)
    if float(np.percentile(levels, 95) - np.percentile(levels, 5)) < UNEVEN and float(levels.mean()) > 200:
        return image
    full = np.asarray(background.resize((w, h), Image.Resampling.BILINEAR))
    page = np.asarray(image)
    out = np.empty_like(page)
    for top in range(0, h, 256):  # in bands: a few MB of floats at a time, not the whole page
        band = page[top:top + 256].astype(np.float32) / np.maximum(full[top:top + 256].astype(np.float32), 1.0)
        out[top:top + 256] = np.clip(band * 255.0, 0, 255).astype(np.uint8)
    return Image.fromarray(out, "L")


# --- skew -------------------------------------------------------------------------------

MAX_SKEW = 4.0      # degrees searched either way
MIN_SKEW = 0.3      # below this the page is left as it is


def _profile_score(small: Image.Image, angle: float) -> float:
    rotated = small.rotate(angle, resample=Image.Resampling.NEAREST, fillcolor=0)
    rows = np.asarray(rotated, dtype=np.float32).sum(axis=1)
    return float(np.square(np.diff(rows)).sum())


def estimate_skew(image: Image.Image) -> float:
    """Skew angle (degrees, counter-clockwise positive as ``Image.rotate`` takes it) that levels the text lines.

    Projection profile: the rotation whose row sums of ink are the most peaked
    (text lines lying flat) wins; searched coarse then fine on an inverted copy
    ~700 px wide.
    """
    grey = image.convert("L")
    scale = min(1.0, 700 / grey.width)
    small = grey.resize((max(1, int(grey.width * scale)), max(1, int(grey.height * scale))),
                        Image.Resampling.BOX)
    small = small.point(lambda v: 255 if v < 160 else 0)  # ink as 255 on black
    coarse = max((k * 0.5 for k in range(int(-MAX_SKEW * 2), int(MAX_SKEW * 2) + 1)),
                 key=lambda a: _profile_score(small, a))
    fine = max((coarse + k * 0.1 for k in range(-4, 5)), key=lambda a: _profile_score(small, a))
    fine = round(fine, 2)
    return fine if abs(fine) >= MIN_SKEW else 0.0


def deskew(image: Image.Image) -> tuple[Image.Image, float]:
    """(levelled page, angle applied); boxes found on it map back with :func:`unrotate`."""
    angle = estimate_skew(image)
    if not angle:
        return image, 0.0
    return image.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255), angle


def unrotate(x: float, y: float, angle: float, width: float, height: float) -> tuple[float, float]:
    """A point of the levelled page back on the original page (same units as width/height)."""
    if not angle:
        return x, y
    cx, cy = width / 2, height / 2
    a = np.radians(angle)
    dx, dy = x - cx, y - cy
    # Image.rotate(angle) turns the content counter-clockwise on screen (y down); undo it
    return float(cx + dx * np.cos(a) + dy * np.sin(a)), float(cy - dx * np.sin(a) + dy * np.cos(a))


# --- ruling lines -----------------------------------------------------------------------

CHUNK = 128  # rows (or columns) searched for rules at a time


def _runs(dark: np.ndarray, length: int, axis: int) -> np.ndarray:
    """Pixels that belong to a straight run of at least ``length`` dark pixels along ``axis``."""
    d = np.moveaxis(dark, axis, -1).astype(np.int32)
    n = d.shape[-1]
    if length > n:
        return np.zeros_like(dark)
    c = np.concatenate([np.zeros(d.shape[:-1] + (1,), np.int32), np.cumsum(d, axis=-1)], axis=-1)
    full = (c[..., length:] - c[..., :-length]) == length  # window starting at i is all dark
    starts = np.concatenate([np.zeros(full.shape[:-1] + (1,), np.int32), np.cumsum(full, axis=-1)], axis=-1)
    idx = np.arange(n)
    lo = np.clip(idx - length + 1, 0, full.shape[-1])
    hi = np.clip(idx + 1, 0, full.shape[-1])
    covered = (starts[..., hi] - starts[..., lo]) > 0
    return np.moveaxis(covered, -1, axis)


def remove_rules(image: Image.Image) -> Image.Image:
    """Paint out table borders and rules: tesseract drops the words of a cell it sees boxed in."""
    page = np.asarray(image.convert("L"))
    dark = page < 140
    h, w = dark.shape
    lh, lv = max(40, w // 8), max(40, h // 30)
    rules = np.zeros_like(dark)
    rows = np.nonzero(dark.sum(axis=1) >= lh)[0]  # only rows and columns with enough ink can hold a rule
    for part in np.array_split(rows, -(-rows.size // CHUNK)) if rows.size else []:  # in slices: memory stays low
        rules[part, :] |= _runs(dark[part, :], lh, axis=1)
    cols = np.nonzero(dark.sum(axis=0) >= lv)[0]
    for part in np.array_split(cols, -(-cols.size // CHUNK)) if cols.size else []:
        rules[:, part] |= _runs(dark[:, part], lv, axis=0)
    if not rules.any():
        return image
    grown = rules.copy()
    grown[1:, :] |= rules[:-1, :]
    grown[:-1, :] |= rules[1:, :]
    grown[:, 1:] |= rules[:, :-1]
    grown[:, :-1] |= rules[:, 1:]
    out = page.copy()
    out[grown] = 255
    return Image.fromarray(out, "L")


def prepare(image: Image.Image) -> tuple[Image.Image, float]:
    """Everything done to a page before OCR: even background, level lines, no rules. Returns (image, angle)."""
    page, angle = deskew(flatten_background(image))
    return remove_rules(page), angle
