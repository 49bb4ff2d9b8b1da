"""Build the bad-input corpus: every kind of broken, hostile or odd file an archive holds.

    python corpus/scripts/make_bad.py [--out corpus/build/bad]

Each file is made here, from nothing but this script (deterministic: fixed seeds, fixed
metadata), and ``EXPECTED`` says what ``vacancy ingest`` must make of it: the error code and the
start of the one-line reason, or a record (with the warning it must carry). The catalogue is in
corpus/README.md; tests/test_bad_inputs.py runs the whole folder through one batch.
"""
from __future__ import annotations

import argparse
import io
import os
import random
import shutil
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
OUT = REPO / "corpus" / "build" / "bad"
ODD_NAME = "Offre d’emploi – été 2026 (copie).pdf"  # spaces, accents, quote, dash, parentheses
SLASHED_NAME = "avis ..\\..\\été.pdf"  # a Windows path in a name: never a way out of the output folder

# file -> (error code, start of the message) | ("record", warning code or "")
EXPECTED = {
    "zero-bytes.pdf": ("empty_input", "empty file (0 bytes): the download or copy did not complete; fetch it again"),
    "truncated.pdf": ("damaged_input", "truncated PDF (it has no end): download or export it again"),
    "no-pages.pdf": ("empty_input", "PDF has no pages: check the export that produced it"),
    "encrypted-user-password.pdf": ("encrypted_pdf",
                                    "encrypted PDF: decrypt it first, e.g. qpdf --decrypt in.pdf out.pdf"),
    "encrypted-owner-password.pdf": ("record", ""),
    "three-hundred-pages.pdf": ("unsupported_input",
                                "300 pages is more than the limit of 100: split the file or raise --max-pages"),
    "bomb-20000x20000.png": ("unsupported_input", "page 1 has 20000x20000 pixels, more than the limit of "
                                                  "120,000,000: downscale it to 300 dpi or raise --max-pixels"),
    "one-pixel.png": ("unsupported_input", "page 1 is 1x1 pixels: too small to hold a notice; scan it at 300 dpi"),
    "word-document.pdf": ("unsupported_input", "unsupported input: a ZIP container (DOCX/ODT/XLSX?)"),
    "web-page.pdf": ("unsupported_input", "unsupported input: an HTML page"),
    "random-bytes.pdf": ("unsupported_input", "unsupported input: not a PDF or an image"),
    "german-notice.pdf": ("record", "other_language"),
    "hostile-notice.pdf": ("record", ""),
    ODD_NAME: ("record", ""),
    SLASHED_NAME: ("record", ""),
    "loop.pdf": ("read_error", "symbolic link loop: point the link at a real file or remove it"),
}

GERMAN = """Stellenausschreibung
Referenznummer: DE-2026-118
Sachbearbeiterin / Sachbearbeiter für Personalverwaltung
Bewerbungsfrist: 15. März 2026
Aufgaben
Sie betreuen die Personalakten der Beschäftigten und bearbeiten die Anträge auf Urlaub und Fortbildung.
Sie beraten die Führungskräfte in allen Fragen des Tarifrechts und wirken bei der Personalplanung mit.
Anforderungen
Abgeschlossenes Studium der Verwaltungswissenschaften oder eine vergleichbare Ausbildung.
Mehrjährige Berufserfahrung in der Personalverwaltung und sehr gute Kenntnisse der deutschen Sprache.
Wir bieten
Eine unbefristete Stelle in Vollzeit mit flexiblen Arbeitszeiten und einem Arbeitsplatz in Bonn."""

HOSTILE = """Vacancy notice / Avis de vacance
Reference: HX-2026-01
Job title: Web Editor <script>alert('title')</script>
Closing date: 3 March 2026
Duties
- Publish pages; never run <img src=x onerror=alert(1)> or onload=alert(2) in a page.
- Check every link, e.g. javascript:alert(document.cookie) and https://example.org/jobs.
Requirements
- A degree in communication <iframe src="javascript:alert(3)"></iframe>.
Titre du poste : Rédacteur web <script>alert('titre')</script>
Date de clôture : 3 mars 2026
Tâches
- Publier les pages ; ne jamais exécuter onload=alert(4) dans une page.
- Vérifier chaque lien, p. ex. javascript:alert(5) et https://example.org/emplois.
Exigences
- Un diplôme en communication."""

NOTICE = """Vacancy notice
Reference: OD-2026-07
Job title: Records Assistant
Closing date: 30 April 2026
Duties
- Keep the archive of personnel files in order.
- Answer requests for copies of documents.
Titre du poste : Assistant(e) aux archives
Date de clôture : 30 avril 2026
Tâches
- Tenir en ordre les dossiers du personnel.
- Répondre aux demandes de copies de documents."""


def _pdf(text: str, pages: int = 1, encrypt=None) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1, encrypt=encrypt)
    c.setTitle("vacancy bad-input corpus")
    for n in range(pages):
        y = 800
        c.setFont("Helvetica", 10)
        for line in text.splitlines():
            c.drawString(56, y, line)
            y -= 14
        if pages > 1:
            c.drawString(56, 40, f"Page {n + 1} of {pages}")
        c.showPage()
    c.save()
    return buf.getvalue()


def _encrypted(user: str, owner: str) -> bytes:
    from reportlab.lib import pdfencrypt

    return _pdf(NOTICE, encrypt=pdfencrypt.StandardEncryption(user, ownerPassword=owner, canPrint=1))


def _no_pages() -> bytes:
    """A well-formed PDF (catalog, page tree, cross-reference table) whose page tree is empty."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (n, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Root 1 0 R /Size %d >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _png(width: int, height: int) -> bytes:
    """A grey PNG of any size, written by hand: a 20,000 x 20,000 page costs a few hundred KB, not 400 MB."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    row = b"\x00" + b"\xff" * width
    comp = zlib.compressobj(9)
    body = b"".join(comp.compress(row) for _ in range(height)) + comp.flush()
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b"")


def _docx() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                                          'package/2006/content-types"/>')
        z.writestr("word/document.xml", "<w:document><w:body><w:p><w:r><w:t>Vacancy</w:t></w:r></w:p></w:body>"
                                        "</w:document>")
    return buf.getvalue()


def build(out: Path) -> list[Path]:
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    full = _pdf(NOTICE)
    files = {
        "zero-bytes.pdf": b"",
        "truncated.pdf": full[: len(full) // 3],
        "no-pages.pdf": _no_pages(),
        "encrypted-user-password.pdf": _encrypted("open sesame", "owner"),
        "encrypted-owner-password.pdf": _encrypted("", "owner only"),
        "three-hundred-pages.pdf": _pdf(NOTICE, pages=300),
        "bomb-20000x20000.png": _png(20000, 20000),
        "one-pixel.png": _png(1, 1),
        "word-document.pdf": _docx(),
        "web-page.pdf": b"<!DOCTYPE html>\n<html><head><title>Vacancy</title></head><body><h1>Vacancy</h1></body></html>\n",
        "random-bytes.pdf": random.Random(6).randbytes(4096),
        "german-notice.pdf": _pdf(GERMAN),
        "hostile-notice.pdf": _pdf(HOSTILE),
        ODD_NAME: _pdf(NOTICE),
        SLASHED_NAME: _pdf(NOTICE.replace("OD-2026-07", "OD-2026-08")),
    }
    written = []
    for name, data in files.items():
        (out / name).write_bytes(data)
        written.append(out / name)
    loop = out / "loop.pdf"
    os.symlink("loop.pdf", loop)  # a link to itself
    os.symlink("..", out / "parent")  # a folder link back up: a walk must not go round it forever
    written.append(loop)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    for path in build(args.out):
        size = path.lstat().st_size
        print(f"{path.name:40s} {size:>10,d} bytes  -> {EXPECTED[path.name][0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
