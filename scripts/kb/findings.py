"""One shape for every problem a checker reports, and one way to print them."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Finding:
    """A single problem: where it is, what kind it is, and what is wrong."""

    path: str
    line: int
    label: str
    detail: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: [{self.label}] {self.detail}"


def report(findings: list[Finding], remedies: dict[str, str]) -> str:
    """Format findings one per line, then one remedy line per label seen."""
    lines = [str(f) for f in sorted(findings)]
    labels = sorted({f.label for f in findings})
    if labels:
        lines.append("")
        lines.append("How to fix:")
        lines.extend(f"  [{label}] {remedies.get(label, 'see CONTRIBUTING.md')}" for label in labels)
    return "\n".join(lines)
