"""Reproducible files: ZIP archives with fixed timestamps, Word worksheets, normalised PDFs,
the manifest and SHA256SUMS."""
from __future__ import annotations

import datetime
import hashlib
import io
import json
import re
import struct
import zipfile
import zlib
from dataclasses import asdict, dataclass
from html.parser import HTMLParser
from pathlib import Path

ZIP_TIME = (2026, 1, 1, 0, 0, 0)  # fixed entry time: two builds of one commit give identical archives


@dataclass
class Artifact:
    path: str  # relative to the downloads folder
    title: str
    kind: str  # facilitator-pdf, handout-pdf, module-pack, guide-pdf, worksheet-pdf, worksheet-docx, offline-zip, toolkit-pdf, zim
    page: str  # the docs/ page it belongs to, or "" for whole-site files
    size: int = 0
    sha256: str = ""


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_zip(target: Path, files: dict[str, bytes]) -> None:
    """A ZIP whose bytes depend only on its contents: sorted names, fixed times and permissions."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            archive.writestr(info, files[name], compresslevel=9)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(buffer.getvalue())


def normalise_zip(data: bytes) -> bytes:
    """Rewrite an archive (such as a .docx) with fixed times, so it is reproducible."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in files:  # keep the order: [Content_Types].xml must come first in Office files
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, files[name])
    return buffer.getvalue()


def normalise_pdf(path: Path, title: str, subject: str, when: datetime.date, keywords: str) -> None:
    """Fixed metadata (title, dates, producer) so that two builds give identical PDFs."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ByteStringObject, ArrayObject, NameObject

    writer = PdfWriter(clone_from=PdfReader(path))
    stamp = f"D:{when:%Y%m%d}000000Z"
    writer.metadata = {"/Title": title, "/Subject": subject, "/Author": "Migration Governance Knowledge Base contributors",
                       "/Keywords": keywords, "/Creator": "Migration Governance Knowledge Base build",
                       "/Producer": "Chromium and pypdf", "/CreationDate": stamp, "/ModDate": stamp}
    digest = hashlib.md5(f"{title}|{subject}|{when}".encode()).digest()
    writer._ID = ArrayObject([ByteStringObject(digest), ByteStringObject(digest)])
    writer._root_object[NameObject("/Lang")] = writer._root_object.get("/Lang", "en")
    _renumber_structure_ids(writer)
    buffer = io.BytesIO()
    writer.write(buffer)
    path.write_bytes(buffer.getvalue())


def _renumber_structure_ids(writer) -> None:
    """Chromium names tagged-PDF structure elements after browser DOM nodes, whose numbers change
    from run to run. Rename them in the structure tree's own order, update the table-header
    references that use them, and rebuild the ID tree, so that identical pages give identical files."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject, TextStringObject

    tree = writer._root_object.get("/StructTreeRoot")
    if tree is None:
        return
    tree = tree.get_object()
    elements, stack = [], [tree.get("/K")]
    while stack:  # depth-first, children in order
        node = stack.pop()
        if isinstance(node, ArrayObject):
            stack.extend(reversed(node))
        elif isinstance(node, IndirectObject):
            element = node.get_object()
            if isinstance(element, DictionaryObject) and "/S" in element:
                elements.append((node, element))
                stack.append(element.get("/K"))
    names = {}
    for ref, element in elements:
        if "/ID" in element:
            names[str(element["/ID"])] = f"node{len(names):08d}"
    for ref, element in elements:
        if "/ID" in element:
            element[NameObject("/ID")] = TextStringObject(names[str(element["/ID"])])
        attributes = element.get("/A")
        for attribute in (attributes if isinstance(attributes, ArrayObject) else [attributes] if attributes else []):
            attribute = attribute.get_object()
            if isinstance(attribute, DictionaryObject) and "/Headers" in attribute:
                attribute[NameObject("/Headers")] = ArrayObject(
                    TextStringObject(names.get(str(h), str(h))) for h in attribute["/Headers"])
    if "/IDTree" in tree:
        pairs = sorted(((str(e["/ID"]), ref) for ref, e in elements if "/ID" in e), key=lambda pair: pair[0])
        flat = ArrayObject()
        for name, ref in pairs:
            flat.extend([TextStringObject(name), ref])
        id_tree = tree["/IDTree"].get_object()
        branches = list(id_tree.get("/Kids", []))
        while branches:  # the old branches stay in the file: empty them, at every depth
            branch = branches.pop().get_object()
            branches.extend(branch.get("/Kids", []))
            branch.clear()
        id_tree.clear()
        id_tree[NameObject("/Names")] = flat


def write_manifest(folder: Path, artifacts: list[Artifact], version: str, build_date: str) -> None:
    """manifest.json (every file with its title, kind, size and SHA-256) and SHA256SUMS."""
    for artifact in artifacts:
        file = folder / artifact.path
        artifact.size, artifact.sha256 = file.stat().st_size, sha256(file)
    entries = [dict(asdict(a), version=version, build_date=build_date) for a in sorted(artifacts, key=lambda a: a.path)]
    manifest = {"title": "Migration Governance Knowledge Base downloads", "version": version,
                "build_date": build_date, "files": entries}
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    sums = "".join(f"{e['sha256']}  {e['path']}\n" for e in entries)
    (folder / "SHA256SUMS").write_text(sums, encoding="utf-8")


def read_manifest(folder: Path) -> dict:
    path = folder / "manifest.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def png_icon(size: int = 48) -> bytes:
    """A small PNG (the site's compass mark on teal), made without an imaging library."""
    rows = []
    centre = (size - 1) / 2
    for y in range(size):
        row = bytearray([0])
        for x in range(size):
            dx, dy = abs(x - centre), abs(y - centre)
            inside = dx / (size * 0.16) + dy / (size * 0.38) <= 1
            row += bytes((255, 255, 255) if inside else (0, 89, 79))
        rows.append(bytes(row))
    raw = zlib.compress(b"".join(rows), 9)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


# --- Word worksheets --------------------------------------------------------------------------

class _DocxBuilder(HTMLParser):
    """Turn a worksheet's article HTML into Word paragraphs, lists and tables with room to write."""

    SKIP = {"script", "style", "nav"}
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self, document):
        super().__init__(convert_charrefs=True)
        self.doc = document
        self.paragraph = None
        self.style_stack: list[str] = []
        self.lists: list[str] = []
        self.table_rows: list[list[str]] | None = None
        self.cell: list[str] | None = None
        self.skip = 0
        self.bold = self.italic = 0

    def _start(self, style: str | None = None):
        self.paragraph = self.doc.add_paragraph(style=style)

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:  # never closed, so never counted
            return self.handle_startendtag(tag, attrs)
        if self.skip:  # inside a left-out block: only keep count of its depth
            self.skip += 1
            return
        if tag in self.SKIP or re.search(r"\bkb-(sources|meta)\b", dict(attrs).get("class") or ""):
            self.skip = 1
            return
        if tag in ("h2", "h3", "h4"):
            self.paragraph = self.doc.add_heading(level=int(tag[1]) - 1)
        elif tag == "p" and self.cell is None:
            self._start()
        elif tag in ("ul", "ol"):
            self.lists.append(tag)
        elif tag == "li":
            self._start("List Bullet" if self.lists and self.lists[-1] == "ul" else "List Number")
        elif tag == "table":
            self.table_rows = []
        elif tag == "tr" and self.table_rows is not None:
            self.table_rows.append([])
        elif tag in ("td", "th") and self.table_rows is not None:
            self.cell = []
        elif tag in ("strong", "b"):
            self.bold += 1
        elif tag in ("em", "i"):
            self.italic += 1

    def handle_startendtag(self, tag, attrs):  # void elements (<br/>, <input/>) never open a block
        if not self.skip and tag == "br" and self.paragraph is not None:
            self.paragraph.add_run().add_break()

    def handle_endtag(self, tag):
        if self.skip:
            self.skip -= 1
            return
        if tag in ("ul", "ol") and self.lists:
            self.lists.pop()
        elif tag in ("td", "th") and self.cell is not None and self.table_rows:
            self.table_rows[-1].append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag == "table" and self.table_rows is not None:
            self._table(self.table_rows)
            self.table_rows = None
        elif tag in ("strong", "b"):
            self.bold -= 1
        elif tag in ("em", "i"):
            self.italic -= 1
        elif tag in ("p", "li", "h2", "h3", "h4"):
            self.paragraph = None

    def handle_data(self, data):
        if self.skip:
            return
        if self.cell is not None:
            self.cell.append(data)
            return
        if not data.strip() and self.paragraph is None:
            return
        if self.paragraph is None:
            self._start()
        run = self.paragraph.add_run(re.sub(r"\s+", " ", data))
        run.bold, run.italic = self.bold > 0 or None, self.italic > 0 or None

    def _table(self, rows: list[list[str]]):
        from docx.shared import Pt
        rows = [r for r in rows if r]
        if not rows:
            return
        width = max(len(r) for r in rows)
        table = self.doc.add_table(rows=len(rows), cols=width)
        table.style = "Table Grid"
        for i, row in enumerate(rows):
            for j in range(width):
                cell = table.cell(i, j)
                cell.text = row[j] if j < len(row) else ""
                if i == 0:
                    for run in cell.paragraphs[0].runs:
                        run.bold = True
                elif not cell.text:  # an empty cell is room to write: make it tall enough
                    cell.paragraphs[0].paragraph_format.space_after = Pt(18)
        self.doc.add_paragraph()


def worksheet_docx(title: str, article_html: str, footer: str, when: datetime.date) -> bytes:
    """An editable Word version of a worksheet, from the same HTML as its page and PDF."""
    import docx
    from docx.shared import Mm, Pt

    document = docx.Document()
    section = document.sections[0]
    section.page_height, section.page_width = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(18))
    document.styles["Normal"].font.size = Pt(11)
    document.add_heading(title, level=0)
    body = re.sub(r"<h1[^>]*>.*?</h1>", "", article_html, flags=re.S)
    _DocxBuilder(document).feed(body)
    section.footer.paragraphs[0].text = footer
    props = document.core_properties
    props.title, props.author, props.comments = title, "Migration Governance Knowledge Base contributors", footer
    moment = datetime.datetime(when.year, when.month, when.day)
    props.created = props.modified = props.last_printed = moment
    props.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    return normalise_zip(buffer.getvalue())
