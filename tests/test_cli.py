"""The command line exactly as SPEC states it: exit codes, JSON keys, --map, languages, no tracebacks."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.builders import write_csv

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cj", *args], cwd=ROOT, capture_output=True, text=True, timeout=120)


def responses(tmp_path: Path) -> Path:
    return write_csv(tmp_path / "responses.csv", [["cliente", "paso", "valor"], [1, "Web", 4], [2, "Web", "diez"]])


def test_validate_json_has_the_spec_keys_and_counts(tmp_path: Path) -> None:
    result = run("validate", str(responses(tmp_path)), "--map", "touchpoint=paso", "--map", "score=valor", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert {"rows_read", "rows_used", "rows_rejected", "rejected", "warnings", "mapping"} <= set(report)
    assert (report["rows_read"], report["rows_used"], report["rows_rejected"]) == (2, 1, 1)
    assert report["mapping"] == {"respondent_id": "cliente", "touchpoint": "paso", "score": "valor"}
    assert report["rejected"] == [{"file": "responses.csv", "sheet": "", "row": 3, "column": "valor", "value": "diez",
                                   "reason": "expected a number on the 1–5 scale, got 'diez'."}]


def test_validate_text_report_in_spanish(tmp_path: Path) -> None:
    result = run("validate", str(responses(tmp_path)), "--map", "touchpoint=paso", "--map", "score=valor",
                 "--lang", "es")
    assert result.returncode == 0
    assert result.stdout.splitlines()[0] == "Filas leídas 2, usadas 1, rechazadas 1; puntos de contacto leídos 0."
    assert ("  responses.csv, fila 3, columna 'valor': se esperaba un número en la escala 1–5, llegó 'diez'."
            in result.stdout.splitlines())


def test_refused_file_is_one_line_on_stderr_and_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "encuesta.xlsx"
    bad.write_bytes(b"id,score\n1,4\n")
    result = run("validate", str(bad))
    assert result.returncode == 2
    assert result.stderr == ("cj: encuesta.xlsx: the name says .xlsx but the content is plain text; "
                             "save it again as .xlsx or rename it.\n")
    assert result.stdout == ""


def test_bad_options_exit_2_without_traceback(tmp_path: Path) -> None:
    for args in (["validate"], ["validate", str(responses(tmp_path)), "--map", "nonsense"], ["frobnicate"],
                 ["validate", str(tmp_path / "missing.csv")]):
        result = run(*args)
        assert result.returncode == 2, args
        assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_an_empty_header_leaves_a_field_unmapped(tmp_path: Path) -> None:
    """'--map respondent_id=' reads the file as if it had no respondent column: each row its own respondent."""
    rows = [["cliente", "paso", "valor"], [1, "Web", 4], [1, "Tienda", 2], [2, "Web", 5]]
    path = write_csv(tmp_path / "responses.csv", rows)
    result = run("validate", str(path), "--map", "touchpoint=paso", "--map", "score=valor", "--map", "respondent_id=",
                 "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["mapping"] == {"touchpoint": "paso", "score": "valor"}
    assert (report["rows_read"], report["rows_used"], report["rows_rejected"]) == (3, 3, 0)
