"""The ZIM file for Kiwix: every page of the offline copy, with metadata and a full-text index."""
from __future__ import annotations

import mimetypes
import re
from pathlib import Path

TITLE = "Migration Governance Knowledge Base"
DESCRIPTION = "Training and advocacy resources on migration governance for civil society in Zimbabwe"
CREATOR = "Migration Governance Knowledge Base contributors"
H1 = re.compile(r"<title>(.*?)</title>", re.S)


def write_zim(offline: Path, target: Path, version: str, date: str, site_url: str, icon: bytes,
              skip: re.Pattern) -> None:
    from libzim.writer import Creator, Hint, Item, StringProvider, FileProvider

    class Page(Item):
        def __init__(self, path: str, file: Path):
            super().__init__()
            self.path, self.file = path, file

        def get_path(self):
            return self.path

        def get_title(self):
            if self.path.endswith(".html"):
                match = H1.search(self.file.read_text(encoding="utf-8", errors="replace"))
                return re.sub(r"\s+", " ", match.group(1)).split(" - ")[0].strip() if match else self.path
            return ""

        def get_mimetype(self):
            return mimetypes.guess_type(self.file.name)[0] or "application/octet-stream"

        def get_contentprovider(self):
            return FileProvider(str(self.file))

        def get_hints(self):
            return {Hint.FRONT_ARTICLE: self.path.endswith(".html")}

    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)
    # One worker keeps the order of clusters stable. The archive still differs between builds in
    # its random UUID, which python-libzim gives no way to set: the tests compare contents instead.
    with Creator(str(target)).config_indexing(True, "eng").config_nbworkers(1) as creator:
        creator.set_mainpath("index.html")
        for file in sorted(p for p in offline.rglob("*") if p.is_file()):
            rel = file.relative_to(offline).as_posix()
            if not skip.search(rel):
                creator.add_item(Page(rel, file))
        for name, value in {"Title": TITLE, "Description": DESCRIPTION, "Language": "eng", "Creator": CREATOR,
                            "Publisher": CREATOR, "Date": date, "Name": "migration-governance-kb_en",
                            "Tags": "migration;Zimbabwe;civil society;training;advocacy",
                            "Source": site_url, "Flavour": version,
                            "LongDescription": f"{DESCRIPTION}. Version {version}. Licence CC BY 4.0. Current copy: {site_url}"}.items():
            creator.add_metadata(name, value)
        creator.add_illustration(48, icon)
