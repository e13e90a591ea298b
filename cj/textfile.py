"""Delimited text (.csv, .tsv, .txt): encoding, delimiter, title rows and decimal commas found from the file's
start, then parsed by pandas' C parser, or row by row when rows are ragged.
"""
from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pandas as pd

from cj.config import DEFAULTS, Limits
from cj.exports import platform_header
from cj.headers import find_header_row
from cj.issues import CjReadError
from cj.rawtable import RawTable, clean_header, finish_frame, table_from_rows
from cj.sniff import SAMPLE_BYTES, Encoding, decode_text, single_byte_codec, sniff_delimiter
from cj.source import Source


def read_text(source: Source, limits: Limits = DEFAULTS, codec: str | None = None,
              head: bytes | None = None) -> RawTable:
    """A delimited text file: encoding, delimiter, title rows and decimal commas found from its start.

    Pandas' C parser infers numbers; decimal commas stay text and are read as numbers by ``scales``;
    columns whose sample holds zero-padded codes ('007') are kept as text. UTF-8 is assumed when the start
    decodes as UTF-8 and checked by the parser itself; a file that turns out not to be is read again as cp1252.
    A file on disk in UTF-8 is sniffed from its start (``head``, when already read) and parsed from its path;
    any other is read whole.
    """
    name, data, path = source.name, source.data, source.path

    def whole() -> bytes:  # the file's bytes, read from disk once at most
        nonlocal data
        if data is None:
            data = source.content()
        return data

    if data is None:
        encoding = decode_text(name, head if head is not None else source.head(SAMPLE_BYTES), codec)
        if encoding.codec != "utf-8":
            whole()
    if data is not None:
        encoding = decode_text(name, data, codec)
    delim = sniff_delimiter(encoding.sample)
    records = _parse_sample(encoding.sample, delim, limits.header_scan_rows + PADDED_SAMPLE + 2,
                                       whole=len(encoding.data) < SAMPLE_BYTES)

    def slowly() -> RawTable:  # row by row, from the whole file
        return _read_text_slowly(name, decode_text(name, whole(), encoding.codec), delim, limits)

    if not records:  # nothing but blanks, or a first record the csv module refuses (said row by row)
        if encoding.sample.strip():
            return slowly()
        raise CjReadError("empty_file", name)
    h = find_header_row(records, limits.header_scan_rows)
    padded = _zero_padded_columns(records[h + 1:], len(records[h]))

    if _first_row_longer(records, h) or platform_header(records, h):
        # pandas would drop the first row's extra values with a mere warning; a platform's row under the header
        # (Qualtrics' import ids, SurveyMonkey's labels) is read with the header, row by row (such files are small)
        return slowly()
    # pandas skips the h records above the header, not lines (a quoted title may hold line breaks)
    options = dict(sep=delim, skiprows=h, header=0, encoding="utf-8", keep_default_na=False, na_values=[""],
                   skip_blank_lines=False, engine="c", quotechar='"', index_col=False)
    # Excel's "CSV (Macintosh)" ends lines with bare carriage returns, and pandas then counts blank lines apart
    # from the csv module: such a file is read with its line ends made line feeds
    mac = "\r" in encoding.sample and "\n" not in encoding.sample
    if mac and data is None:
        encoding = decode_text(name, whole(), encoding.codec)
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
        if encoding.codec == "utf-8" and codec is None:  # the start was UTF-8, the rest is not
            return read_text(Source(name, whole()), limits, single_byte_codec(whole()))
        return slowly()
    except (pd.errors.ParserError, ValueError, pd.errors.EmptyDataError):
        return slowly()
    header = clean_header(name, "", [str(c) if not str(c).startswith("Unnamed: ") else "" for c in frame.columns])
    header_line = h + 1
    excel_rows = np.arange(header_line + 1, header_line + 1 + len(frame))
    if frame.empty:
        raise CjReadError("header_only", name)
    frame.columns = header
    return finish_frame(name, "", frame, excel_rows, header_line, h, limits, [])


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
    lines = 0  # physical lines read by the records so far
    try:
        for record in reader:
            rows.append(record)
            lines = reader.line_num
            if len(rows) > limits.max_rows + limits.header_scan_rows:
                raise CjReadError("too_many_rows", name, n=len(rows), limit=limits.max_rows)
    except csv.Error as err:
        if "field larger than field limit" in str(err):  # the csv module's own cap, above max_cell_chars
            at = _long_field(text, lines, delim, csv.field_size_limit())
            header = rows[find_header_row(rows, limits.header_scan_rows)] if rows else []
            if sum(1 for v in header if v.strip()) < 2:  # above the header, whose names are not read yet
                header = []
            raise CjReadError("cell_too_long", name, "", len(rows) + 1, header[at] if at < len(header) else "",
                              n=f"{csv.field_size_limit():,}+", limit=limits.max_cell_chars) from err
        raise CjReadError("bad_text", name) from err
    h = find_header_row(rows, limits.header_scan_rows)
    width = len(rows[h])
    ragged = [(h + 2 + i, len(r), width) for i, r in enumerate(rows[h + 1:])
              if len(r) > width and any(v.strip() for v in r[width:])]
    padded = rows[:h + 1] + [(r + [""] * (width - len(r)))[:width] for r in rows[h + 1:]]
    table = table_from_rows(name, "", padded, 1, limits, ragged, header_at=h)
    if not len(table) and not ragged:
        raise CjReadError("header_only", name)
    return table


def _long_field(text: str, lines: int, delim: str, limit: int) -> int:
    """Which field of the record starting after the first ``lines`` physical lines runs past ``limit``
    characters (read with the csv module's default quoting); the csv module says only that one does."""
    buffer = io.StringIO(text, newline="")
    for _ in range(lines):
        buffer.readline()
    field, length, quoted, i = 0, 0, False, buffer.tell()  # a StringIO's position is its character index
    while i < len(text) and length <= limit:
        ch = text[i]
        if quoted and ch == '"' and text[i + 1:i + 2] == '"':  # a doubled quote inside quotes: one character
            length, i = length + 1, i + 2
            continue
        if quoted:
            quoted, length = ch != '"', length + (ch != '"')
        elif ch == '"' and length == 0:
            quoted = True
        elif ch == delim:
            field, length = field + 1, 0
        elif ch in "\r\n":
            break
        else:
            length += 1
        i += 1
    return field
