"""What a file is before it is parsed: its kind by magic bytes, its text encoding, delimiter and decimal mark."""
from __future__ import annotations

import codecs
import csv
import io
from collections import Counter
from dataclasses import dataclass, field

from cj.issues import CjReadError

SAMPLE_BYTES = 256 * 1024
DELIMITERS = (",", ";", "\t", "|")
_MAGIC = (
    (b"PK\x03\x04", "zip"), (b"PK\x05\x06", "zip"), (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),
    (b"%PDF", "pdf"), (b"\x89PNG", "image"), (b"GIF8", "image"), (b"\xff\xd8\xff", "image"),
    (b"\x1f\x8b", "archive"), (b"7z\xbc\xaf", "archive"), (b"Rar!", "archive"), (b"BZh", "archive"),
)
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13)) + b"\x7f"


def detect_kind(data: bytes) -> str:
    """'zip', 'ole', 'pdf', 'image', 'archive', 'text' or 'binary', from the first bytes."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if data.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")) or _utf16_without_bom(data[:4096]):
        return "text"
    head = data[:SAMPLE_BYTES]
    if b"\x00" in head:
        return "binary"
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return "binary" if controls > max(2, len(head) // 100) else "text"


def _utf16_without_bom(head: bytes) -> str:
    if len(head) < 4:
        return ""
    even = head[0::2].count(0) / (len(head) / 2)
    odd = head[1::2].count(0) / (len(head) / 2)
    if odd > 0.3 and even < 0.05:
        return "utf-16-le"
    if even > 0.3 and odd < 0.05:
        return "utf-16-be"
    return ""


@dataclass
class Encoding:
    """The codec a text file is in, and its decoded start for sniffing."""

    codec: str
    sample: str
    data: bytes = field(repr=False)
    name: str = ""

    def full_text(self) -> str:
        """The whole file decoded; bytes that do not decode mean it is not text after all."""
        try:
            return self.data.decode(self.codec)
        except UnicodeDecodeError as err:
            if self.codec == "utf-8":  # only the start was checked: the rest is in a single-byte code page
                self.codec = single_byte_codec(self.data)
                return self.data.decode(self.codec)
            raise CjReadError("binary", self.name) from err

    def utf8_body(self) -> bytes:
        """The whole file as UTF-8 without BOM (re-encoded when it is in another encoding)."""
        if self.codec == "utf-8":
            return self.data
        if self.codec == "utf-8-sig":
            return self.data[3:]
        return self.full_text().lstrip("\ufeff").encode("utf-8")


def decode_text(name: str, data: bytes, codec: str | None = None) -> Encoding:
    """UTF-8 with or without BOM, UTF-16 (Excel 'Unicode text'), else cp1252, else latin-1.

    Without a BOM, UTF-8 is chosen when the first 256 KB decode as UTF-8; the reader checks the rest while it
    parses and calls again with ``codec`` from ``single_byte_codec`` if a later byte is not UTF-8.
    """
    head = data[:SAMPLE_BYTES]
    codec = codec or _guess_codec(data, head)
    sample = head.decode(codec, errors="ignore")
    if codec.startswith("utf-16") and not sample.strip("\ufeff \r\n\t"):
        raise CjReadError("empty_file", name)
    return Encoding(codec, sample.lstrip("\ufeff"), data, name)


def _guess_codec(data: bytes, head: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    return _utf16_without_bom(data[:4096]) or ("utf-8" if _utf8_start(head) else single_byte_codec(data))


def _utf8_start(head: bytes) -> bool:
    """The bytes decode as UTF-8, allowing a character cut at the end of the sample."""
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        return True
    except UnicodeDecodeError:
        return False


def single_byte_codec(data: bytes) -> str:
    """cp1252 when every byte is defined there (Excel's 'CSV' on Windows), else latin-1 (which takes all)."""
    try:
        data.decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError:
        return "latin-1"


def _field_counts(sample: str, delim: str, max_lines: int = 60) -> list[int]:
    reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delim)
    counts = []
    try:
        for record in reader:
            if record and any(v.strip() for v in record):
                counts.append(len(record))
            if len(counts) >= max_lines:
                break
    except csv.Error:
        pass
    return counts


def sniff_delimiter(sample: str) -> str:
    """The delimiter among , ; tab | that splits most lines into the same number (>1) of fields.

    >>> sniff_delimiter("Encuesta 2026\\nid;nota;comentario\\n1;4,5;bien, gracias\\n2;3;mal\\n")
    ';'
    """
    best, best_key = ",", (0.0, 0)
    for delim in DELIMITERS:
        counts = _field_counts(sample, delim)
        if not counts:
            continue
        mode, freq = Counter(counts).most_common(1)[0]
        key = (freq / len(counts) if mode > 1 else 0.0, mode)
        if key > best_key:
            best, best_key = delim, key
    return best
