"""Bad and hostile input: one clear sentence (CLI: exit 2, one line), bounded time and memory, nothing else escapes."""
from __future__ import annotations

import resource
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cj import CjReadError, Source, load_journey
from cj.config import DEFAULTS
from tests import hostile
from tests.builders import csv_bytes

ROOT = Path(__file__).resolve().parents[1]


def refused(name: str, data: bytes, **kwargs) -> CjReadError:
    with pytest.raises(CjReadError) as err:
        load_journey([Source(name, data)], **kwargs)
    message_es = err.value.message("es")
    assert message_es and message_es != err.value.message("en")
    return err.value


def cli(path: Path, memory_gb: float | None = None) -> subprocess.CompletedProcess:
    def limit() -> None:
        if memory_gb:
            size = int(memory_gb * 2**30)
            resource.setrlimit(resource.RLIMIT_AS, (size, size))

    return subprocess.run([sys.executable, "-m", "cj", "validate", str(path)], cwd=ROOT, capture_output=True,
                          text=True, timeout=60, preexec_fn=limit)


CASES = [
    ("empty.csv", lambda tmp: b"", "empty_file", "empty.csv: the file is empty."),
    ("empty.xlsx", lambda tmp: b"", "empty_file", "empty.xlsx: the file is empty."),
    ("blank.csv", lambda tmp: b"  \r\n \n", "empty_file", "blank.csv: the file is empty."),
    ("header.csv", lambda tmp: b"id;touchpoint;score\r\n", "header_only",
     "header.csv: the file has a header row but no data rows."),
    ("header.xlsx", hostile.header_only_workbook, "header_only",
     "header.xlsx: the file has a header row but no data rows."),
    ("book.csv", lambda tmp: hostile.workbook_bytes(), "wrong_format",
     "book.csv: the name says .csv but the content is an Excel workbook or zip archive; save it again as .csv "
     "or rename it."),
    ("table.xlsx", lambda tmp: b"id,score\n1,4\n", "wrong_format",
     "table.xlsx: the name says .xlsx but the content is plain text; save it again as .xlsx or rename it."),
    ("doc.csv", lambda tmp: hostile.pdf(), "wrong_format",
     "doc.csv: the name says .csv but the content is a PDF document; save it again as .csv or rename it."),
    ("image.xlsx", lambda tmp: hostile.png(), "wrong_format",
     "image.xlsx: the name says .xlsx but the content is an image; save it again as .xlsx or rename it."),
    ("truncated.xlsx", lambda tmp: hostile.workbook_bytes()[: len(hostile.workbook_bytes()) // 2], "corrupt_xlsx",
     "truncated.xlsx: the workbook is damaged or truncated and cannot be opened."),
    ("corrupt.xlsx",
     lambda tmp: hostile.rezip(hostile.workbook_bytes(), {"xl/worksheets/sheet1.xml": b"<worksheet><sheetData><row><c"}),
     "corrupt_xlsx", "corrupt.xlsx: the workbook is damaged or truncated and cannot be opened."),
    ("secret.xlsx", lambda tmp: hostile.encrypted_workbook(), "encrypted",
     "secret.xlsx: the workbook is password-protected; save a copy without a password and upload that."),
    ("old.xls", lambda tmp: hostile.legacy_xls(), "legacy_xls",
     "old.xls: this is an Excel 97–2003 (.xls) workbook; open it in Excel and save it as .xlsx or .csv."),
    ("old.xlsx", lambda tmp: hostile.legacy_xls(), "legacy_xls",
     "old.xlsx: this is an Excel 97–2003 (.xls) workbook; open it in Excel and save it as .xlsx or .csv."),
    ("noise.csv", lambda tmp: hostile.garbage(), "binary",
     "noise.csv: this is not a spreadsheet or a text file (binary content)."),
    ("noise.xlsx", lambda tmp: hostile.garbage(), "binary",
     "noise.xlsx: this is not a spreadsheet or a text file (binary content)."),
    ("twice.csv", lambda tmp: csv_bytes([["id", "Puntuación", "puntuación"], [1, 4, 5]]), "duplicate_headers",
     "twice.csv: the header 'Puntuación' appears 2 times; rename the copies so each column has its own name."),
    ("laughs.xlsx", lambda tmp: hostile.with_shared_strings(hostile.BILLION_LAUGHS), "xml_entities",
     "laughs.xlsx: the workbook declares XML entities (an attack pattern, never written by Excel); refused."),
    ("xxe.xlsx", lambda tmp: hostile.with_shared_strings(hostile.XXE), "xml_entities",
     "xxe.xlsx: the workbook declares XML entities (an attack pattern, never written by Excel); refused."),
    ("entity.xlsx", lambda tmp: hostile.with_entity_in_sheet(), "xml_entities",
     "entity.xlsx: the workbook declares XML entities (an attack pattern, never written by Excel); refused."),
    ("data.json", lambda tmp: b'{"a": 1}', "unsupported",
     "data.json: files of type .json are not supported; use .xlsx, .csv, .tsv or .txt."),
    ("report.pdf", lambda tmp: hostile.pdf(), "unsupported",
     "report.pdf: files of type .pdf are not supported; use .xlsx, .csv, .tsv or .txt."),
]


@pytest.mark.parametrize("name,build,code,message", CASES, ids=[c[0] for c in CASES])
def test_unreadable_file_is_one_clear_sentence(tmp_path: Path, name: str, build, code: str, message: str) -> None:
    data = build(tmp_path)
    err = refused(name, data)
    assert (err.code, err.message()) == (code, message)
    path = tmp_path / name
    path.write_bytes(data)
    result = cli(path)
    assert result.returncode == 2
    assert result.stderr == f"cj: {message}\n" and result.stdout == ""


def test_a_one_megabyte_cell_is_refused_in_csv_and_xlsx(tmp_path: Path) -> None:
    big = "x" * 1_000_000
    err = refused("big.csv", csv_bytes([["id", "touchpoint", "score", "comment"], [1, "Web", 4, "ok"], [2, "Web", 5, big]]))
    assert err.message() == "big.csv, row 3, column 'comment': a cell holds 1000000 characters; the limit is 32767."
    err = refused("big.xlsx", hostile.huge_cell_workbook())
    assert err.message() == ("big.xlsx › Respuestas, row 2, column 'comment': a cell holds 1000000 characters; "
                             "the limit is 32767.")


def test_row_and_size_limits_come_from_the_settings_table() -> None:
    rows = [["id", "touchpoint", "score"]] + [[i, "Web", 4] for i in range(100)]
    err = refused("many.csv", csv_bytes(rows), limits=DEFAULTS.with_overrides(max_rows=50))
    assert err.message() == "many.csv: 100 rows; the limit is 50. Split the file and upload the parts."
    err = refused("many.csv", csv_bytes(rows), limits=DEFAULTS.with_overrides(max_upload_mb=0.0001))
    assert err.code == "too_large" and err.message().endswith("the limit is 0.0001 MB.")


def test_zip_bomb_is_refused_fast_and_within_memory(tmp_path: Path) -> None:
    bomb = hostile.zip_bomb(expanded_mb=2_000)  # 2 GB of XML in a few MB
    assert len(bomb) < 5 * 2**20
    err = refused("bomb.xlsx", bomb)
    assert err.code == "zip_bomb"
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(bomb)
    result = cli(path, memory_gb=1.5)
    assert result.returncode == 2 and result.stderr.startswith("cj: bomb.xlsx: the workbook would expand to 2000 MB")


def test_one_part_compressed_absurdly_is_refused_under_the_total_limit() -> None:
    bomb = hostile.zip_bomb(expanded_mb=300)
    err = refused("ratio.xlsx", bomb)
    assert err.code == "zip_ratio"
    assert err.message().startswith("ratio.xlsx: the workbook part 'xl/worksheets/sheet1.xml' is compressed")


def test_entity_expansion_never_reaches_a_parser(tmp_path: Path) -> None:
    path = tmp_path / "laughs.xlsx"
    path.write_bytes(hostile.with_shared_strings(hostile.BILLION_LAUGHS))
    result = cli(path, memory_gb=1.5)
    assert result.returncode == 2 and "XML entities" in result.stderr and "Traceback" not in result.stderr


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4096), st.sampled_from(["f.csv", "f.xlsx", "f.txt", "f.tsv"]))
def test_arbitrary_bytes_load_or_raise_the_read_error_only(data: bytes, name: str) -> None:
    try:
        journey = load_journey([Source(name, data)])
    except CjReadError as err:
        assert err.message() and err.message("es")
        return
    report = journey.validation
    assert report.rows_read == report.rows_used + report.rows_rejected


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(min_size=1, max_size=2048))
def test_damaged_workbooks_raise_the_read_error_only(noise: bytes) -> None:
    data = bytearray(hostile.workbook_bytes())
    at = len(noise) % max(len(data) - 64, 1) + 32
    data[at: at + len(noise)] = noise
    try:
        load_journey([Source("damaged.xlsx", bytes(data))])
    except CjReadError:
        pass


def test_ragged_file_with_an_oversized_cell_or_a_stray_quote_gets_one_sentence() -> None:
    """Ragged rows send a file through the csv module, which has its own field limit and strict quoting."""
    big = "x" * 200_000
    data = f"id,touchpoint,score,comment\n1,Web,4,ok,extra\n2,Web,5,{big}\n".encode()
    with pytest.raises(CjReadError) as err:
        load_journey([Source("big.csv", data)])
    assert err.value.code == "cell_too_long" and err.value.issue.row == 3
    assert err.value.message() == "big.csv, row 3, column 'comment': a cell holds 131,072+ characters; the limit is 32767."
    # a quoted cell with a line break, a delimiter and doubled quotes before it: rows counted as Excel counts them
    data = ('id;touchpoint;comment;score\r\n1;Web;"dos\r\nlíneas; y ""comillas""";4;extra\r\n'
            f'2;"We""b";"{big}";5\r\n').encode()
    with pytest.raises(CjReadError) as err:
        load_journey([Source("big.csv", data)])
    assert err.value.message() == "big.csv, row 3, column 'comment': a cell holds 131,072+ characters; the limit is 32767."
    # above the header: a title is not a column name
    data = f'Encuesta 2026\n"{big}"\nid,touchpoint,score,comment\n1,Web,4,ok,extra\n'.encode()
    with pytest.raises(CjReadError) as err:
        load_journey([Source("big.csv", data)])
    assert err.value.message() == "big.csv, row 2: a cell holds 131,072+ characters; the limit is 32767."
    # the very first record: the header search cannot read it either (once said to be an empty file)
    with pytest.raises(CjReadError) as err:
        load_journey([Source("big.csv", f'"{big}"\nid,touchpoint,score\n1,Web,3\n'.encode())])
    assert err.value.message() == "big.csv, row 1: a cell holds 131,072+ characters; the limit is 32767."
    for data in (b"\x01\n\r,", b"\n\r\x01"):  # a bare carriage return: a line break, not a field's content
        with pytest.raises(CjReadError) as err:
            load_journey([Source("cr.csv", data)])
        assert err.value.code == "header_only"


def test_errors_keep_their_sentences_across_a_process_boundary() -> None:
    """Pickled (as a process pool sends them) and read back, each error still speaks both languages."""
    import pickle
    from concurrent.futures import ProcessPoolExecutor

    from cj.dictionary import DictionaryError
    from cj.plan import PlanError

    with ProcessPoolExecutor(1) as pool:  # a real worker raising it, as the themes engine's pool would
        with pytest.raises(PlanError) as err:
            pool.submit(read_plan_of_garbage).result()
    assert err.value.message("es") == "x.xlsx no se pudo leer como plan de acción (CSV o Excel)."
    for error in (DictionaryError("k_range"), CjReadError("too_many_rows", "f.csv", "S", n=5, limit=3)):
        back = pickle.loads(pickle.dumps(error))
        assert type(back) is type(error) and str(back) == str(error)
        assert back.message("es") == error.message("es")
    assert back.issue.row is None and back.code == "too_many_rows"


def read_plan_of_garbage():
    from cj.plan import read_plan

    return read_plan(b"PK\x03\x04 broken", "x.xlsx")


def test_prose_is_no_table_and_the_sentence_names_the_sheets_as_text() -> None:
    err = refused("prose.txt", "Querido equipo:\nLes escribo para contarles mi experiencia.\nUn saludo.\n".encode())
    assert err.message("en") == ("prose.txt: no sheet holds touchpoints, scores or comments. "
                                 "Sheets found: 'prose.txt'.")
