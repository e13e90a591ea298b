"""Readers: bytes of an .xlsx, .csv, .tsv or .txt file -> raw tables, each with its header and Excel rows.

The file's kind is checked here and workbooks are read here (archives guarded first); delimited text is read in
``textfile``, and both build their tables with ``rawtable``. Everything here is about getting cells out safely;
what the cells mean is decided in ``intake``.
A file that cannot be read raises ``CjReadError`` with one sentence; nothing else escapes.
"""
from __future__ import annotations

import io
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

import python_calamine as calamine

from cj.config import DEFAULTS, Limits
from cj.issues import CjReadError
from cj.rawtable import RawTable, table_from_rows
from cj.sniff import SAMPLE_BYTES, detect_kind
from cj.source import Source
from cj.textfile import read_text

EXCEL_EXTS = {"xlsx", "xlsm"}
TEXT_EXTS = {"csv", "tsv", "txt", "tab"}


@dataclass
class ReadResult:
    tables: list[RawTable]
    hidden_sheets: list[tuple[str, str]]
    empty_sheets: list[tuple[str, str]]


def as_source(item: str | Path | Source) -> Source:
    """A path becomes a Source read lazily; a missing path is a read error."""
    if isinstance(item, Source):
        return item
    path = Path(item)
    if not path.is_file():
        raise CjReadError("not_found", path.name)
    return Source(path.name, None, path)


def read_source(source: Source, limits: Limits = DEFAULTS) -> ReadResult:
    """All tables of one file. Refuses empty, oversized, mislabelled, hostile or damaged files."""
    name = source.name
    ext = Path(name).suffix.lower().lstrip(".")
    head = source.head(SAMPLE_BYTES)
    size_mb = source.size() / 2**20
    if size_mb > limits.max_upload_mb:
        raise CjReadError("too_large", name, size=round(size_mb, 1), limit=limits.max_upload_mb)
    if not head[:65_536].strip() and not source.content().strip():
        raise CjReadError("empty_file", name)
    kind = detect_kind(head)
    if ext in EXCEL_EXTS or (ext == "xls" and kind == "zip"):
        return _read_excel(name, source.content(), kind, ext, limits)
    if ext == "xls":
        raise CjReadError("legacy_xls" if kind == "ole" else "wrong_format", name, ext=ext, actual=_describe(kind))
    if ext in TEXT_EXTS:
        if kind != "text":
            raise CjReadError("binary" if kind == "binary" else "wrong_format", name, ext=ext, actual=_describe(kind))
        return ReadResult([read_text(source, limits, head=head)], [], [])
    raise CjReadError("unsupported", name, ext=ext or "?")


_KINDS = {
    "zip": ("an Excel workbook or zip archive", "un libro de Excel o un archivo zip"),
    "ole": ("an old Excel (.xls) or password-protected workbook", "un libro de Excel antiguo (.xls) o protegido"),
    "pdf": ("a PDF document", "un documento PDF"), "image": ("an image", "una imagen"),
    "text": ("plain text", "texto plano"), "archive": ("a compressed archive", "un archivo comprimido"),
    "binary": ("binary data", "datos binarios"),
}


def _describe(kind: str) -> dict[str, str]:
    en, es = _KINDS.get(kind, _KINDS["binary"])
    return {"en": en, "es": es}


def _read_excel(name: str, data: bytes, kind: str, ext: str, limits: Limits) -> ReadResult:
    if kind == "ole":
        raise CjReadError("encrypted" if _is_encrypted_ooxml(data) else "legacy_xls", name)
    if kind != "zip":
        raise CjReadError("binary" if kind == "binary" else "wrong_format", name, ext=ext, actual=_describe(kind))
    guard_archive(name, data, limits)
    return read_workbook(name, data, limits)


def _is_encrypted_ooxml(data: bytes) -> bool:
    """Password-protected .xlsx files are OLE containers holding an 'EncryptedPackage' stream."""
    return "EncryptedPackage".encode("utf-16-le") in data[:1_000_000] or b"EncryptedPackage" in data[:1_000_000]


def guard_archive(name: str, data: bytes, limits: Limits) -> None:
    """Refuse zip bombs and XML entity declarations before any parser sees the workbook."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            if len(infos) > limits.max_archive_members:
                raise CjReadError("too_many_parts", name, n=len(infos), limit=limits.max_archive_members)
            total = sum(i.file_size for i in infos) / 2**20
            if total > limits.max_uncompressed_mb:
                raise CjReadError("zip_bomb", name, size=round(total), limit=limits.max_uncompressed_mb)
            for info in infos:
                _guard_member(name, archive, info, limits)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError, RuntimeError,
            KeyError) as err:
        raise CjReadError("corrupt_xlsx", name) from err


def _guard_member(name: str, archive: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits) -> None:
    ratio = info.file_size / max(info.compress_size, 1)
    if info.file_size > 2**20 and ratio > limits.max_compression_ratio:
        raise CjReadError("zip_ratio", name, part=info.filename, ratio=round(ratio), limit=limits.max_compression_ratio)
    if info.filename.endswith((".xml", ".rels", ".vml")):
        with archive.open(info) as member:
            head = member.read(65_536)
        if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
            raise CjReadError("xml_entities", name)


def read_workbook(name: str, data: bytes, limits: Limits = DEFAULTS) -> ReadResult:
    """Visible worksheets of an .xlsx through calamine; hidden and empty sheets are listed, not read."""
    try:
        book = calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        result = ReadResult([], [], [])
        for meta in book.sheets_metadata:
            if meta.visible != calamine.SheetVisibleEnum.Visible or meta.typ != calamine.SheetTypeEnum.WorkSheet:
                result.hidden_sheets.append((name, meta.name))
                continue
            table = _sheet_table(name, book.get_sheet_by_name(meta.name), limits)
            (result.tables.append(table) if table is not None else result.empty_sheets.append((name, meta.name)))
        return result
    except calamine.PasswordError as err:
        raise CjReadError("encrypted", name) from err
    except CjReadError:
        raise
    except BaseException as err:  # noqa: BLE001 — the Rust reader may panic (a BaseException) on damaged files
        if isinstance(err, (KeyboardInterrupt, SystemExit, MemoryError)):
            raise
        raise CjReadError("corrupt_xlsx", name) from err


def _sheet_table(name: str, sheet: calamine.CalamineSheet, limits: Limits) -> RawTable | None:
    if sheet.height > limits.max_rows + limits.header_scan_rows:
        raise CjReadError("too_many_rows", name, sheet.name, n=sheet.height, limit=limits.max_rows)
    if sheet.width > limits.max_columns:
        raise CjReadError("too_many_columns", name, sheet.name, n=sheet.width, limit=limits.max_columns)
    rows = sheet.to_python(skip_empty_area=True)
    if not rows or sheet.start is None:
        return None
    return table_from_rows(name, sheet.name, rows, sheet.start[0] + 1, limits)


