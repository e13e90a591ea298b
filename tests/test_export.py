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
