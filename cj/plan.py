"""The action plan (seed 001, step 6: for each touchpoint chosen, the improvements to make): what will be done,
by whom, by when, and how far it has got. Saved as CSV or Excel; a saved plan read back restores it."""
from __future__ import annotations

import io

import pandas as pd

from cj.export import csv_bytes, neutralised
from cj.issues import CjUsageError
from cj.text import fold

COLUMNS = ["touchpoint", "improvement", "owner", "due", "status"]
STATUSES = ("to do", "in progress", "done")
_STATUS_WORDS = {"to do": "to do", "todo": "to do", "pendiente": "to do", "por hacer": "to do",
                 "in progress": "in progress", "en curso": "in progress", "en progreso": "in progress",
                 "doing": "in progress", "done": "done", "hecho": "done", "terminado": "done", "completado": "done"}
MAX_ROWS = 1000
MAX_BYTES = 5_000_000  # a plan of 1,000 rows is far smaller; anything bigger is refused before it is parsed


class PlanError(CjUsageError):
    """A saved plan that cannot be read back: one sentence in English or Spanish."""


def starting_plan(priorities: list[dict], owners: dict[str, str] | None = None) -> pd.DataFrame:
    """One row per quick win, in rank order, with the touchpoint's owning team; the rest for the user to fill."""
    wins = [p["touchpoint"] for p in priorities if p["quadrant"] == "quick_win"]
    text = lambda values: pd.Series(values, dtype="str")  # noqa: E731 — text columns even with no quick win
    return pd.DataFrame({"touchpoint": text(wins), "improvement": text([""] * len(wins)),
                         "owner": text([(owners or {}).get(t) or "" for t in wins]),
                         "due": pd.Series([pd.NaT] * len(wins), dtype="datetime64[s]"),
                         "status": text(["to do"] * len(wins))}, columns=COLUMNS)


def plan_csv(plan: pd.DataFrame) -> bytes:
    """The plan as CSV (UTF-8 with BOM, for Excel), cells starting with = + - @ neutralised."""
    return csv_bytes(_for_export(plan))


def plan_xlsx(plan: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="xlsxwriter", engine_kwargs={"options": {"strings_to_formulas": False,
                                                                                  "strings_to_urls": False}}) as book:
        neutralised(_for_export(plan)).to_excel(book, sheet_name="plan", index=False)
    return buffer.getvalue()


def _for_export(plan: pd.DataFrame) -> pd.DataFrame:
    out = plan.reindex(columns=COLUMNS).copy()
    out["due"] = pd.to_datetime(out["due"], errors="coerce").dt.strftime("%Y-%m-%d")
    return out


def read_plan(data: bytes, name: str) -> pd.DataFrame:
    """A plan saved by ``plan_csv`` or ``plan_xlsx`` (or typed in a sheet with the same columns), cleaned:
    statuses in Spanish or English, dates ISO or day-first. Raises ``PlanError`` with one sentence."""
    if len(data) > MAX_BYTES:
        raise PlanError("plan_too_large", name=name, mb=MAX_BYTES // 1_000_000)
    try:
        if name.lower().endswith((".xlsx", ".xlsm")):
            frame = pd.read_excel(io.BytesIO(data), engine="calamine", dtype=str)
        else:
            frame = pd.read_csv(io.BytesIO(data), dtype=str, encoding="utf-8-sig", keep_default_na=False)
    except Exception:  # noqa: BLE001 — whatever the parser says, the user gets one sentence
        raise PlanError("plan_unreadable", name=name) from None
    frame.columns = [fold(str(c)) for c in frame.columns]
    missing = [c for c in COLUMNS if c not in frame.columns]
    if missing:
        raise PlanError("plan_columns", name=name, columns=", ".join(missing))
    if len(frame) > MAX_ROWS:
        raise PlanError("plan_too_long", name=name, n=MAX_ROWS)
    out = frame[COLUMNS].fillna("").astype(str).apply(lambda col: col.str.strip())
    out["status"] = out["status"].map(lambda s: _STATUS_WORDS.get(fold(s), "to do"))
    iso = pd.to_datetime(out["due"], errors="coerce", format="%Y-%m-%d")
    out["due"] = iso.fillna(pd.to_datetime(out["due"], errors="coerce", dayfirst=True, format="mixed"))
    for column in ("touchpoint", "improvement", "owner"):  # a neutralised cell is read back as written
        out[column] = out[column].str.replace(r"^'(?=[=+\-@])", "", regex=True)
    return out[out["touchpoint"] != ""].reset_index(drop=True)
