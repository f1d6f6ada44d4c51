"""Render the app icon (resources/icons/goldseam.svg) into every size the installers need.

    python packaging/make_icons.py [--out build/icons]

Writes build outputs only (nothing here is committed):

* ``png/goldseam-<N>.png`` for N in 16 … 1024;
* ``hicolor/<N>x<N>/apps/<APP_ID>.png`` and ``hicolor/scalable/apps/<APP_ID>.svg`` (Linux);
* ``goldseam.ico``: a multi-size Windows icon (16 … 256), written here without extra packages;
* ``goldseam.iconset/``: the PNG set that macOS ``iconutil -c icns`` turns into ``goldseam.icns``
  (``packaging/macos/build.sh`` does that; iconutil exists only on macOS).

The app itself needs none of these at run time: it loads the SVG through Qt's svg icon engine.
Rendering uses QtSvg offscreen, so it runs headless on every OS.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "resources" / "icons" / "goldseam.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512, 1024)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
HICOLOR_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
# iconutil's file names: the base size and its @2x variant.
ICONSET = {
    "icon_16x16.png": 16,
    "icon_16x16@2x.png": 32,
    "icon_32x32.png": 32,
    "icon_32x32@2x.png": 64,
    "icon_128x128.png": 128,
    "icon_128x128@2x.png": 256,
    "icon_256x256.png": 256,
    "icon_256x256@2x.png": 512,
    "icon_512x512.png": 512,
    "icon_512x512@2x.png": 1024,
}


def app_id() -> str:
    text = (ROOT / "src" / "goldseam" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^APP_ID\s*=\s*"([^"]+)"', text, re.MULTILINE)
    if not match:
        raise SystemExit("APP_ID not found in src/goldseam/__init__.py")
    return match.group(1)


def render(svg: Path, sizes: tuple[int, ...]) -> dict[int, tuple[bytes, bytes]]:
    """Return {size: (png_bytes, bgra_pixels)} rendered from the SVG."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"cannot render {svg}")
    out: dict[int, tuple[bytes, bytes]] = {}
    for size in sizes:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(0)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        renderer.render(painter, QRectF(0, 0, size, size))
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        if not image.save(buffer, "PNG"):
            raise SystemExit(f"PNG encoding failed at {size}px")
        buffer.close()
        # Format_ARGB32 is stored as 0xAARRGGBB words: B, G, R, A bytes on little-endian hosts.
        straight = image.convertToFormat(QImage.Format.Format_ARGB32)
        pixels = bytes(straight.constBits())[: size * size * 4]
        if sys.byteorder != "little":
            pixels = b"".join(pixels[i : i + 4][::-1] for i in range(0, len(pixels), 4))
        out[size] = (bytes(data.data()), pixels)
    del app
    return out


def _dib(size: int, bgra: bytes) -> bytes:
    """A 32-bit BMP (DIB) icon image: header, bottom-up BGRA rows, then the 1-bit AND mask."""
    header = struct.pack("<IiiHHIIiiII", 40, size, size * 2, 1, 32, 0, 0, 0, 0, 0, 0)
    row = size * 4
    rows = b"".join(bgra[y * row : (y + 1) * row] for y in range(size - 1, -1, -1))
    mask_row = ((size + 31) // 32) * 4
    return header + rows + bytes(mask_row * size)  # all zero: the alpha channel decides


def write_ico(path: Path, images: dict[int, tuple[bytes, bytes]]) -> None:
    """ICO container: BMP entries up to 64 px for old readers, PNG entries above (Vista and later)."""
    entries = []
    for size in ICO_SIZES:
        png, bgra = images[size]
        entries.append((size, png if size > 64 else _dib(size, bgra)))
    blob = struct.pack("<HHH", 0, 1, len(entries))
    offset = 6 + 16 * len(entries)
    body = b""
    for size, data in entries:
        dim = 0 if size >= 256 else size  # 0 means 256
        blob += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
        body += data
    path.write_bytes(blob + body)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--out", type=Path, default=ROOT / "build" / "icons", help="output folder (default build/icons)"
    )
    args = parser.parse_args(argv)
    out: Path = args.out.resolve()
    if out.exists():
        shutil.rmtree(out)
    identifier = app_id()
    images = render(SOURCE, PNG_SIZES)

    (out / "png").mkdir(parents=True)
    for size, (png, _bgra) in images.items():
        (out / "png" / f"goldseam-{size}.png").write_bytes(png)

    for size in HICOLOR_SIZES:
        folder = out / "hicolor" / f"{size}x{size}" / "apps"
        folder.mkdir(parents=True)
        (folder / f"{identifier}.png").write_bytes(images[size][0])
    scalable = out / "hicolor" / "scalable" / "apps"
    scalable.mkdir(parents=True)
    shutil.copyfile(SOURCE, scalable / f"{identifier}.svg")

    iconset = out / "goldseam.iconset"
    iconset.mkdir()
    for name, size in ICONSET.items():
        (iconset / name).write_bytes(images[size][0])

    write_ico(out / "goldseam.ico", images)
    print(f"icons written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
