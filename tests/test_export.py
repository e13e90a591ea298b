"""Exports: cells a spreadsheet would run as formulas are neutralised; accents survive Excel."""
from __future__ import annotations

import io

import pandas as pd

from cj.export import csv_bytes, neutralised


def test_formula_like_cells_are_neutralised_and_numbers_kept() -> None:
    frame = pd.DataFrame({"value": ["=HYPERLINK(\"http://x\")", "+1", "-2+3", "@SUM(A1)", "ok", "Facturación"],
                          "row": [2, 3, 4, 5, 6, 7], "=bad header": [-1.5, 0, 1, 2, 3, 4]})
    out = neutralised(frame)
    assert out["value"].tolist() == ["'=HYPERLINK(\"http://x\")", "'+1", "'-2+3", "'@SUM(A1)", "ok", "Facturación"]
    assert out["row"].tolist() == [2, 3, 4, 5, 6, 7]
    assert list(out.columns) == ["value", "row", "'=bad header"]
    assert frame["value"].iloc[0].startswith("=")  # the caller's frame is untouched


def test_csv_export_is_utf8_with_bom_and_reads_back_neutralised() -> None:
    data = csv_bytes(pd.DataFrame({"reason": ["=1+1", "llegó 'diez'"]}))
    assert data.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert back["reason"].tolist() == ["'=1+1", "llegó 'diez'"]


def test_spanish_csv_has_semicolons_and_decimal_commas_and_cj_reads_it_back() -> None:
    from cj import Source, load_journey

    frame = pd.DataFrame({"id": [1, 2, 3], "touchpoint": ["Web", "Web", "Facturación"], "score": [4.5, 2.0, 3.5],
                          "comment": ["=1+1", "bien, gracias", "no; nunca"]})
    data = csv_bytes(frame, spanish=True)
    assert data.decode("utf-8-sig").splitlines() == [
        "id;touchpoint;score;comment", "1;Web;4,5;'=1+1", "2;Web;2,0;bien, gracias", '3;Facturación;3,5;"no; nunca"']
    journey = load_journey([Source("mine.csv", data)], mapping={"score": "score"})
    assert journey.ratings["score_raw"].tolist() == [4.5, 2.0, 3.5]
