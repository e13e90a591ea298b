"""A file to read: its bytes (an upload) or a path read only as far as a reader needs."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Source:
    """A file: its bytes (an upload), or a path whose bytes are read only as far as a reader needs them (a
    UTF-8 text file is sniffed from its start and parsed by pandas from disk, never held twice)."""

    name: str
    data: bytes | None = field(default=None, repr=False)
    path: Path | None = None

    def head(self, n: int) -> bytes:
        if self.data is not None:
            return self.data[:n]
        with open(self.path, "rb") as handle:
            return handle.read(n)

    def size(self) -> int:
        return len(self.data) if self.data is not None else self.path.stat().st_size

    def content(self) -> bytes:
        return self.data if self.data is not None else self.path.read_bytes()
