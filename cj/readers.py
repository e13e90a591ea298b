"""Readers: bytes of an .xlsx, .csv, .tsv or .txt file -> raw tables, each with its header and Excel rows.

Everything here is about getting cells out safely; what the cells mean is decided in ``intake``.
A file that cannot be read raises ``CjReadError`` with one sentence; nothing else escapes.
"""
from __future__ import annotations

import io
import zipfile
import zlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import python_calamine as calamine

from cj.cells import Coded, code_column
from cj.config import DEFAULTS, Limits
from cj.headers import find_header_row
from cj.issues import CjReadError
from cj.sniff import SAMPLE_BYTES, Encoding, decode_text, detect_kind, single_byte_codec, sniff_delimiter

EXCEL_EXTS = {"xlsx", "xlsm"}
TEXT_EXTS = {"csv", "tsv", "txt", "tab"}


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


@dataclass
class RawTable:
    """One sheet or text file: header names, coded cell values, and the Excel row number of each data row.

    Blank rows are already dropped (and counted in ``blank_rows``).
    """

    file: str
    sheet: str
    headers: list[str]
    columns: dict[str, Coded]
    rows: np.ndarray
    header_row: int
    title_rows: int = 0
    blank_rows: int = 0
    ragged: list[tuple[int, int, int]] = field(default_factory=list)  # (row, n values, n columns)

    def __len__(self) -> int:
        return len(self.rows)

    def column(self, header: str) -> Coded:
        return self.columns[header]

    def series(self, header: str) -> pd.Series:
        """Raw values of one column (for small tables such as the touchpoints list)."""
        return pd.Series(self.columns[header].raw(), dtype=object)


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
        return ReadResult([read_text(name, source.data, limits, source.path, head=head)], [], [])
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


def table_from_rows(name: str, sheet: str, rows: list[list], first_row: int, limits: Limits,
                    ragged: list[tuple[int, int, int]] | None = None) -> RawTable:
    """A RawTable from a list of equal-length rows whose first one is Excel row ``first_row``."""
    h = find_header_row(rows, limits.header_scan_rows)
    header = _clean_header(name, sheet, rows[h])
    body = rows[h + 1:]
    if len(body) > limits.max_rows:
        raise CjReadError("too_many_rows", name, sheet, n=len(body), limit=limits.max_rows)
    cells = np.empty((len(body), len(header)), dtype=object)
    if body:
        cells[:] = body
    del rows[h + 1:]
    coded = {col: code_column(np.ascontiguousarray(cells[:, j])) for j, col in enumerate(header)}
    del cells
    excel_rows = np.arange(first_row + h + 1, first_row + h + 1 + len(body))
    return _finish_coded(name, sheet, header, coded, excel_rows, first_row + h, h, limits, ragged or [])


def _finish(name: str, sheet: str, frame: pd.DataFrame, excel_rows: np.ndarray, header_row: int,
            title_rows: int, limits: Limits, ragged: list[tuple[int, int, int]]) -> RawTable:
    if len(frame) > limits.max_rows:
        raise CjReadError("too_many_rows", name, sheet, n=len(frame), limit=limits.max_rows)
    header = [str(h) for h in frame.columns]
    columns = [frame.iloc[:, i] for i in range(len(header))]
    if len(frame) >= 50_000:  # factorising Arrow strings and numbers releases the GIL: two columns at a time
        with ThreadPoolExecutor(2) as pool:
            coded = dict(zip(header, pool.map(code_column, columns)))
    else:
        coded = {h: code_column(c) for h, c in zip(header, columns)}
    del columns
    del frame
    return _finish_coded(name, sheet, header, coded, excel_rows, header_row, title_rows, limits, ragged)


def _finish_coded(name: str, sheet: str, header: list[str], coded: dict[str, Coded], excel_rows: np.ndarray,
                  header_row: int, title_rows: int, limits: Limits, ragged: list[tuple[int, int, int]]) -> RawTable:
    """Refuse over-long cells, drop blank rows (counted), set aside ragged rows (reported by the intake)."""
    _guard_cells(name, sheet, coded, excel_rows, limits)
    blank = np.ones(len(excel_rows), bool)
    for column in coded.values():
        blank &= ~column.filled
        if not blank.any():  # a column filled on every row: no row is blank, the others need no look
            break
    keep = ~blank
    if ragged:
        keep &= ~np.isin(excel_rows, [r for r, _, _ in ragged])
    if not keep.all():
        coded = {h: c.take(keep) for h, c in coded.items()}
    return RawTable(name, sheet, header, coded, excel_rows[keep], header_row, title_rows, int(blank.sum()), ragged)


def _clean_header(name: str, sheet: str, cells: list) -> list[str]:
    header = [str(c).strip() if c is not None and str(c).strip() else f"({i + 1})" for i, c in enumerate(cells)]
    seen: dict[str, int] = {}
    for h in header:
        seen[h.casefold()] = seen.get(h.casefold(), 0) + 1
    dupes = [h for h in header if seen[h.casefold()] > 1]
    if dupes:
        raise CjReadError("duplicate_headers", name, sheet, header=dupes[0], n=seen[dupes[0].casefold()])
    return header


def _guard_cells(name: str, sheet: str, coded: dict[str, Coded], excel_rows: np.ndarray, limits: Limits) -> None:
    for header, column in coded.items():
        if column.kind != "O":
            continue
        lengths = np.array([len(u) if isinstance(u, str) else 0 for u in column.uniques] + [0])
        if lengths.max() > limits.max_cell_chars:
            at = int(np.flatnonzero(column.codes == int(lengths.argmax()))[0])
            raise CjReadError("cell_too_long", name, sheet, int(excel_rows[at]), header,
                              n=int(lengths.max()), limit=limits.max_cell_chars)


def read_text(name: str, data: bytes | None, limits: Limits = DEFAULTS, path: Path | None = None,
              codec: str | None = None, head: bytes | None = None) -> RawTable:
    """A delimited text file: encoding, delimiter, title rows and decimal commas found from its start.

    Pandas' C parser infers numbers; decimal commas stay text and are read as numbers by ``scales``;
    columns whose sample holds zero-padded codes ('007') are kept as text. UTF-8 is assumed when the start
    decodes as UTF-8 and checked by the parser itself; a file that turns out not to be is read again as cp1252.
    ``data`` is None for a file on disk: a UTF-8 one is sniffed from its start (``head``, when already read)
    and parsed from its path; any other is read whole.
    """
    if data is None:
        encoding = decode_text(name, head if head is not None else Source(name, None, path).head(SAMPLE_BYTES), codec)
        if encoding.codec != "utf-8":
            data = path.read_bytes()
    if data is not None:
        encoding = decode_text(name, data, codec)
    delim = sniff_delimiter(encoding.sample)
    records = _parse_sample(encoding.sample, delim, limits.header_scan_rows + PADDED_SAMPLE + 2,
                                       whole=len(encoding.data) < SAMPLE_BYTES)
    if not records:
        raise CjReadError("empty_file", name)
    h = find_header_row(records, limits.header_scan_rows)
    skip = h  # records above the header: pandas skips records, not lines (a quoted title may hold line breaks)
    padded = _zero_padded_columns(records[h + 1:], len(records[h]))
    if _first_row_longer(records, h):  # pandas would drop its extra values with a mere warning
        data = path.read_bytes() if data is None else data
        return _read_text_slowly(name, decode_text(name, data, encoding.codec), delim, limits)
    options = dict(sep=delim, skiprows=skip, header=0, encoding="utf-8", keep_default_na=False, na_values=[""],
                   skip_blank_lines=False, engine="c", quotechar='"', index_col=False)
    # Excel's "CSV (Macintosh)" ends lines with bare carriage returns, and pandas then counts blank lines apart
    # from the csv module: such a file is read with its line ends made line feeds
    mac = "\r" in encoding.sample and "\n" not in encoding.sample
    if mac and data is None:
        data = path.read_bytes()
        encoding = decode_text(name, data, encoding.codec)
    direct = path is not None and encoding.codec == "utf-8" and not mac  # pandas maps a path in memory: faster
    if direct:
        options["memory_map"] = True
    body = None if direct else encoding.utf8_body()
    if mac:
        body = body.replace(b"\r", b"\n")

    def opened() -> Path | io.BytesIO:
        return path if direct else io.BytesIO(body)

    try:
        frame = pd.read_csv(opened(), dtype={i: str for i in padded} or None, **options)
        as_text = [i for i, c in enumerate(frame.columns) if _typed_from_words(frame[c])]
        if as_text:  # TRUE/FALSE or Infinity were typed as words: keep them as written
            words = pd.read_csv(opened(), usecols=as_text, dtype=str, **options)
            for i in as_text:
                frame[frame.columns[i]] = words[words.columns[as_text.index(i)]].to_numpy()
    except UnicodeDecodeError:
        data = path.read_bytes() if data is None else data
        if encoding.codec == "utf-8" and codec is None:  # the start was UTF-8, the rest is not
            return read_text(name, data, limits, None, single_byte_codec(data))
        return _read_text_slowly(name, decode_text(name, data, encoding.codec), delim, limits)
    except (pd.errors.ParserError, ValueError, pd.errors.EmptyDataError):
        data = path.read_bytes() if data is None else data
        return _read_text_slowly(name, decode_text(name, data, encoding.codec), delim, limits)
    header = _clean_header(name, "", [str(c) if not str(c).startswith("Unnamed: ") else "" for c in frame.columns])
    header_line = skip + 1
    excel_rows = np.arange(header_line + 1, header_line + 1 + len(frame))
    if frame.empty:
        raise CjReadError("header_only", name)
    frame.columns = header
    return _finish(name, "", frame, excel_rows, header_line, h, limits, [])


def _typed_from_words(column: pd.Series) -> bool:
    """True when the parser turned words into values: TRUE/FALSE into booleans, 'inf'/'Infinity' into ±∞
    (no survey answer is infinite, so a person wrote the word)."""
    if column.dtype == bool:
        return True
    if column.dtype.kind == "f":
        return bool(np.isinf(column.to_numpy()).any())
    return column.dtype == object and pd.api.types.infer_dtype(column, skipna=True) == "boolean"


def _first_row_longer(records: list[list[str]], h: int) -> bool:
    """The first row below the header holds values beyond the header's width. Pandas' parser raises on such a
    row anywhere else (and the rows are then read one by one, the ragged ones reported), but on the first one
    it drops the extra values with only a warning."""
    if len(records) <= h + 1:
        return False
    first, width = records[h + 1], len(records[h])
    return len(first) > width and any(v.strip() for v in first[width:])


PADDED_SAMPLE = 200  # rows below the header looked at for zero-padded codes


def _zero_padded_columns(sample: list[list[str]], width: int) -> list[int]:
    """Columns whose sample values look like zero-padded codes, which must not become numbers."""
    sample = sample[:PADDED_SAMPLE]
    return [i for i in range(width)
            if any(len(r) > i and len(r[i]) > 1 and r[i][0] == "0" and r[i].strip().isdigit() for r in sample)]


def _parse_sample(sample: str, delim: str, limit: int, whole: bool = False) -> list[list[str]]:
    """The first ``limit`` records of the sample; the last one, possibly cut by the sample's end, is left out
    unless the sample is the ``whole`` file. Bare carriage returns end lines, as in pandas' parser."""
    import csv

    reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delim)
    records = []
    try:
        for record in reader:
            records.append(record)
            if len(records) > limit:
                break
    except csv.Error:
        pass
    if len(records) > limit:  # stopped before the sample's end: the records kept are whole
        return records[:limit]
    if whole:
        return records
    return records[:-1] if len(records) > 1 else records


def _read_text_slowly(name: str, encoding: Encoding, delim: str, limits: Limits) -> RawTable:
    """Ragged files: parse with the csv module, report rows with more values than the header."""
    import csv

    text = encoding.full_text()
    rows: list[list[str]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
    try:
        for record in reader:
            rows.append(record)
            if len(rows) > limits.max_rows + limits.header_scan_rows:
                raise CjReadError("too_many_rows", name, n=len(rows), limit=limits.max_rows)
    except csv.Error as err:
        if "field larger than field limit" in str(err):  # the csv module's own cap, above max_cell_chars
            raise CjReadError("cell_too_long", name, "", reader.line_num, n=f"{csv.field_size_limit():,}+",
                              limit=limits.max_cell_chars) from err
        raise CjReadError("bad_text", name) from err
    h = find_header_row(rows, limits.header_scan_rows)
    width = len(rows[h])
    ragged = [(h + 2 + i, len(r), width) for i, r in enumerate(rows[h + 1:])
              if len(r) > width and any(v.strip() for v in r[width:])]
    padded = rows[:h + 1] + [(r + [""] * (width - len(r)))[:width] for r in rows[h + 1:]]
    table = table_from_rows(name, "", padded, 1, limits, ragged)
    if not len(table) and not ragged:
        raise CjReadError("header_only", name)
    return table
