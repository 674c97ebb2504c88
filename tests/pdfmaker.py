"""A tiny PDF writer for test fixtures: pages of positioned Helvetica lines, document info, an image.

The tests make their PDFs with it at run time (invented text, byte-identical every run), so no
PDF file is downloaded or committed, and every layout the reader must handle is written out here.
"""
from __future__ import annotations

from dataclasses import dataclass, field

WIDTH, HEIGHT = 612, 792  # US Letter, in points
LEADING, LEFT = 15, 72


@dataclass
class Page:
    """One page: text lines as (x, y, font size, text, bold), and whether it is a scanned image."""

    lines: list[tuple[float, float, float, str, bool]] = field(default_factory=list)
    image: bool = False

    def text(self, x: float, y: float, size: float, line: str, bold: bool = False) -> "Page":
        """Put one line of text with its baseline at (x, y)."""
        self.lines.append((x, y, size, line, bold))
        return self


def laid_out(blocks: list[list[str]], header: str = "", footer: str = "", title: str = "", dated: str = "",
             top: float = 700, x: float = LEFT) -> Page:
    """A page with a running header and footer, an optional big title, and paragraphs of lines
    (each paragraph's first line indented, a blank line between paragraphs); `dated` goes under the title."""
    page = Page()
    if header:
        page.text(x, HEIGHT - 40, 9, header)
    if footer:
        page.text(WIDTH / 2 - 10, 36, 9, footer)
    y = top
    if title:
        page.text(x, y, 20, title, bold=True)
        y -= 40
    if dated:
        page.text(x, y, 10, dated)
        y -= 30
    for block in blocks:
        for number, line in enumerate(block):
            page.text(x + (18 if number == 0 else 0), y, 11, line)
            y -= LEADING
        y -= LEADING
    return page


def make_pdf(pages: list[Page], info: dict[str, str] | None = None) -> bytes:
    """The PDF file: one content stream per page, Helvetica (regular and bold), an Info dictionary."""
    objects: list[bytes] = [b"", b""]  # 1: catalog, 2: page tree, filled in below
    fonts = [_add(objects, f"<< /Type /Font /Subtype /Type1 /BaseFont /{name} /Encoding /WinAnsiEncoding >>"
                  .encode()) for name in ("Helvetica", "Helvetica-Bold")]
    image = _add(objects, _image_object())
    kids = []
    for page in pages:
        stream = _content(page)
        content = _add(objects, b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        kids.append(_add(objects, (f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {WIDTH} {HEIGHT}] "
                                   f"/Resources << /Font << /F1 {fonts[0]} 0 R /F2 {fonts[1]} 0 R >> "
                                   f"/XObject << /Im1 {image} 0 R >> >> /Contents {content} 0 R >>").encode()))
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>".encode()
    info_ref = _add(objects, b"<< " + b" ".join(b"/%s %s" % (k.encode(), _string(v)) for k, v in
                                                 (info or {}).items()) + b" >>")
    return _file(objects, info_ref)


def _add(objects: list[bytes], body: bytes) -> int:
    objects.append(body)
    return len(objects)


def _content(page: Page) -> bytes:
    parts = [b"q %d 0 0 %d 60 80 cm /Im1 Do Q" % (WIDTH - 120, HEIGHT - 160)] if page.image else []
    for x, y, size, text, bold in page.lines:
        parts.append(b"BT /F%d %g Tf %g %g Td %s Tj ET" % (2 if bold else 1, size, x, y, _string(text)))
    return b"\n".join(parts)


def _string(text: str) -> bytes:
    raw = text.encode("cp1252")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _image_object() -> bytes:
    """A 16x16 grey-scale picture: what a scanner puts on a page instead of text."""
    pixels = bytes((x * 16 + y) % 256 for y in range(16) for x in range(16))
    return (b"<< /Type /XObject /Subtype /Image /Width 16 /Height 16 /ColorSpace /DeviceGray "
            b"/BitsPerComponent 8 /Length %d >>\nstream\n" % len(pixels) + pixels + b"\nendstream")


def _file(objects: list[bytes], info_ref: int) -> bytes:
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, info_ref, xref)
    return bytes(out)
