"""Builders of broken and hostile files, made by code in memory (nothing hostile is checked in)."""
from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path

import openpyxl

from tests.builders import write_xlsx

ROWS = [["ID", "Punto de contacto", "Puntuación"], [1, "Web", 4], [2, "Blog", 5]]


def workbook_bytes(rows=ROWS, tmp: Path | None = None) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Respuestas"
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def rezip(data: bytes, replace: dict[str, bytes], level: int = 6) -> bytes:
    """The same workbook with some parts replaced or added (deflated at ``level``)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as target:
        for info in source.infolist():
            target.writestr(info.filename, replace.get(info.filename, source.read(info.filename)))
        for name, part in replace.items():
            if name not in source.namelist():
                target.writestr(name, part)
    return out.getvalue()


def zip_bomb(expanded_mb: int) -> bytes:
    """A valid workbook whose sheet XML expands to ``expanded_mb`` MB of whitespace (a few MB compressed)."""
    base = workbook_bytes()
    sheet = zipfile.ZipFile(io.BytesIO(base)).read("xl/worksheets/sheet1.xml")
    head, tail = sheet.split(b"<sheetData>", 1)
    chunk = b" " * (1 << 20)
    out = io.BytesIO()
    source = zipfile.ZipFile(io.BytesIO(base))
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for info in source.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                target.writestr(info.filename, source.read(info.filename))
        with target.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            member.write(head + b"<sheetData>")
            for _ in range(expanded_mb):
                member.write(chunk)
            member.write(tail)
    return out.getvalue()


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol9 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">]>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>&lol9;</t></si></sst>"""

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE sst [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>&xxe;</t></si></sst>"""


def with_shared_strings(xml: bytes) -> bytes:
    """A workbook carrying ``xml`` as its shared-strings part."""
    return rezip(workbook_bytes(), {"xl/sharedStrings.xml": xml})


def with_entity_in_sheet() -> bytes:
    """A workbook whose sheet XML declares an entity and uses it in a cell."""
    base = workbook_bytes()
    sheet = zipfile.ZipFile(io.BytesIO(base)).read("xl/worksheets/sheet1.xml")
    declaration = b'<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    if sheet.startswith(b"<?xml"):
        end = sheet.index(b"?>") + 2
        sheet = sheet[:end] + declaration + sheet[end:]
    else:
        sheet = declaration + sheet
    return rezip(base, {"xl/worksheets/sheet1.xml": sheet})


def encrypted_workbook() -> bytes:
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    OOXMLFile(io.BytesIO(workbook_bytes())).encrypt("secreto", out)
    return out.getvalue()


def legacy_xls() -> bytes:
    import xlwt

    book = xlwt.Workbook()
    sheet = book.add_sheet("Respuestas")
    for r, row in enumerate(ROWS):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def garbage(n: int = 50_000) -> bytes:
    return random.Random(0).randbytes(n)


def pdf() -> bytes:
    return b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def png() -> bytes:
    return b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(17)


def header_only_workbook(tmp: Path) -> bytes:
    return write_xlsx(tmp / "h.xlsx", {"Respuestas": [ROWS[0]]}).read_bytes()


def huge_cell_workbook(chars: int = 1_000_000) -> bytes:
    """A workbook with a cell far beyond Excel's 32,767-character limit (openpyxl would truncate it)."""
    base = workbook_bytes()
    sheet = (b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
             b'spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c>'
             b'<c r="B1" t="inlineStr"><is><t>comment</t></is></c></row><row r="2"><c r="A2"><v>1</v></c>'
             b'<c r="B2" t="inlineStr"><is><t>' + b"x" * chars + b"</t></is></c></row></sheetData></worksheet>")
    return rezip(base, {"xl/worksheets/sheet1.xml": sheet})
