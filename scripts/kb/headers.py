"""The `_headers` file that static hosts such as Netlify and Cloudflare Pages read: a strict
Content-Security-Policy that allows only this site's own files, with the hashes of the theme's
few inline scripts computed from the built pages."""
from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>(.*?)</script>", re.S)
POLICY = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval' {hashes}; "
          "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
          "frame-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")
OTHER_HEADERS = {
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
}


def inline_script_hashes(site: Path) -> list[str]:
    hashes = set()
    for page in site.rglob("*.html"):
        for body in INLINE_SCRIPT.findall(page.read_text(encoding="utf-8", errors="replace")):
            digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
            hashes.add(f"'sha256-{digest}'")
    return sorted(hashes)


def content_security_policy(site: Path) -> str:
    return POLICY.format(hashes=" ".join(inline_script_hashes(site)))


def write_headers(site: Path) -> Path:
    lines = ["/*", f"  Content-Security-Policy: {content_security_policy(site)}"]
    lines += [f"  {name}: {value}" for name, value in OTHER_HEADERS.items()]
    path = site / "_headers"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
