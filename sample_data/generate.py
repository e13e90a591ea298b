"""Generate the bundled sample journeys, with planted drivers, quick wins, themes and a little dirt.

Run ``python sample_data/generate.py [--seed 7]``; it rewrites the files beside it and ``truth.json``,
the ground truth later tests check the analysis against. Everything comes from the seed: the same seed
gives the same cell values (and the same bytes: workbook timestamps are fixed).

(a) ``oficina_tecnica.xlsx`` (+ ``oficina_tecnica_csv/``): the technical office of seed 000, in Spanish,
    long layout, NPS 0–10 outcome. (b) ``hotel_stay.xlsx``: the hotel stay of seed 003, in English, wide
    layout, overall satisfaction 1–5.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import xlsxwriter

HERE = Path(__file__).resolve().parent
CREATED = dt.datetime(2026, 11, 1, 9, 0, 0)
sys.path.insert(0, str(HERE.parent))

from sample_data.planted import HOTEL, OFFICE, Journey, comment_for  # noqa: E402


def ratings(journey: Journey, n: int, rng: np.random.Generator) -> pd.DataFrame:
    """Respondents × touchpoints: a respondent mood, touchpoint means, segment and wave effects, reach."""
    tps = journey.touchpoints
    segment = rng.choice(journey.segments, n, p=journey.segment_shares)
    wave = rng.choice(journey.waves, n)
    mood = rng.normal(0, 1, n)
    scores = {}
    for tp in tps:
        mean = tp.mean + np.where(segment == journey.segments[-1], tp.last_segment_shift, 0.0)
        mean = mean + np.where(wave == journey.waves[-1], tp.second_wave_shift, 0.0)
        raw = mean + 0.55 * mood + rng.normal(0, 0.75, n)
        value = np.clip(np.rint(raw), journey.low, journey.high)
        scores[tp.name] = np.where(rng.random(n) < tp.reach, value, np.nan)
    frame = pd.DataFrame(scores)
    frame.insert(0, "segment", segment)
    frame.insert(1, "wave", wave)
    return frame


def outcome(journey: Journey, frame: pd.DataFrame, rng: np.random.Generator) -> np.ndarray:
    """The overall outcome from a known linear model of the centred touchpoint scores (unused = average)."""
    total = np.full(len(frame), journey.outcome_intercept)
    for tp in journey.touchpoints:
        centred = frame[tp.name] - frame[tp.name].mean()
        total += tp.coefficient * centred.fillna(0.0).to_numpy()
    total += rng.normal(0, journey.outcome_noise, len(frame))
    return np.clip(np.rint(total), journey.outcome_low, journey.outcome_high)


def dates(waves: np.ndarray, journey: Journey, rng: np.random.Generator) -> list[dt.date]:
    starts = {w: dt.date.fromisoformat(s) for w, s in journey.wave_starts.items()}
    return [starts[w] + dt.timedelta(days=int(d)) for w, d in zip(waves, rng.integers(0, 88, len(waves)))]


def office_rows(rng: np.random.Generator) -> tuple[pd.DataFrame, dict]:
    """Long layout: one row per respondent × touchpoint used, comments per row, then the planted dirt."""
    j = OFFICE
    wide = ratings(j, j.respondents, rng)
    wide["nps"] = outcome(j, wide, rng)
    wide["date"] = dates(wide["wave"].to_numpy(), j, rng)
    wide["rid"] = np.arange(1001, 1001 + len(wide))
    parts = []
    for k, tp in enumerate(j.touchpoints):
        used = wide[wide[tp.name].notna()]
        parts.append(pd.DataFrame({"ID encuestado": used["rid"], "Fecha": used["date"], "Oleada": used["wave"],
                                   "Segmento": used["segment"], "Punto de contacto": tp.name,
                                   "Puntuación (1-5)": used[tp.name].astype(int).astype(object), "Comentario": None,
                                   "¿Nos recomendarías? (0-10)": used["nps"].astype(int), "_k": k}))
    long = pd.concat(parts).sort_values(["ID encuestado", "_k"], kind="stable").drop(columns="_k")
    long = long.reset_index(drop=True)
    themes = [comment_for(j, tp, s, rng) for tp, s in zip(long["Punto de contacto"], long["Puntuación (1-5)"])]
    long["Comentario"] = [t[0] for t in themes]
    long["_theme"] = [t[1] for t in themes]
    return long, plant_office_dirt(long, rng)


def plant_office_dirt(long: pd.DataFrame, rng: np.random.Generator) -> dict:
    """Change existing rows (never add rows), each kind on rows without a comment; return their Excel rows."""
    free = list(rng.permutation(np.flatnonzero(long["Comentario"].isna().to_numpy())))
    excel = lambda i: int(i) + 2  # noqa: E731 — header on row 1
    planted: dict[str, list] = {}

    def take(kind: str, k: int, where=None) -> list[int]:
        chosen = [i for i in free if where is None or where(i)][:k]
        for i in chosen:
            free.remove(i)
        planted[kind] = sorted(excel(i) for i in chosen)
        return chosen

    for i, code in zip(take("not_applicable", 10), ["NS/NC"] * 4 + ["N/A"] * 3 + [0] * 3):
        long.at[i, "Puntuación (1-5)"] = code
    for i, word in zip(take("bad_score", 4), ["diez", "cinco", "tres", "bien"]):
        long.at[i, "Puntuación (1-5)"] = word
    for i, value in zip(take("out_of_range", 2), [7, 6]):
        long.at[i, "Puntuación (1-5)"] = value
    for i in take("missing_touchpoint", 2):
        long.at[i, "Punto de contacto"] = None
    billing = lambda i: long.at[i, "Punto de contacto"] == "Facturación"  # noqa: E731
    for i, variant in zip(take("folded_variant", 7, billing), ["facturacion"] * 3 + ["FACTURACIÓN"] * 2 + [" Facturación "] * 2):
        long.at[i, "Punto de contacto"] = variant
    for i in take("typo_newsleter", 2, lambda i: long.at[i, "Punto de contacto"] == "Newsletter"):
        long.at[i, "Punto de contacto"] = "Newsleter"
    return planted


def hotel_rows(rng: np.random.Generator) -> pd.DataFrame:
    """Wide layout: one row per guest, a score column per touchpoint, one comment naming a touchpoint."""
    j = HOTEL
    wide = ratings(j, j.respondents, rng)
    overall = outcome(j, wide, rng)
    out = pd.DataFrame({"Respondent ID": [f"G{i:05d}" for i in range(1, len(wide) + 1)],
                        "Date": dates(wide["wave"].to_numpy(), j, rng), "Wave": wide["wave"],
                        "Segment": wide["segment"], "Booking channel": rng.choice(["Direct web", "OTA", "Phone"],
                                                                                   len(wide), p=[0.45, 0.45, 0.10])})
    for tp in j.touchpoints:
        out[tp.name] = wide[tp.name]
    out["Overall satisfaction (1-5)"] = overall
    picked = [_guest_comment(j, wide.iloc[k], rng) for k in range(len(wide))]
    out["Comments"] = [p[0] for p in picked]
    out["_theme"] = [p[1] for p in picked]
    return out


def _guest_comment(j: Journey, row: pd.Series, rng: np.random.Generator) -> tuple[str | None, str]:
    if rng.random() >= j.comment_share:
        return None, ""
    rated = [(row[tp.name], tp) for tp in j.touchpoints if not np.isnan(row[tp.name])]
    score, tp = min(rated, key=lambda x: x[0]) if rng.random() < 0.7 else max(rated, key=lambda x: x[0])
    return comment_for(j, tp.name, score, rng, always=True)


def write_office(long: pd.DataFrame, path: Path) -> None:
    book = xlsxwriter.Workbook(path, {"strings_to_numbers": False})
    book.set_properties({"created": CREATED, "author": "cj sample generator"})
    date = book.add_format({"num_format": "dd/mm/yyyy"})
    notes = book.add_worksheet("Léeme")
    for r, line in enumerate(OFFICE.notes):
        notes.write(r, 0, line)
    _write_table(book.add_worksheet("Puntos de contacto"), OFFICE.touchpoint_table(), {})
    _write_table(book.add_worksheet("Respuestas"), long.drop(columns="_theme"), {"Fecha": date})
    hidden = book.add_worksheet("Cálculos")
    hidden.write_row(0, 0, ["Respuestas", len(long)])
    hidden.hide()
    book.close()


def write_hotel(frame: pd.DataFrame, path: Path) -> None:
    book = xlsxwriter.Workbook(path)
    book.set_properties({"created": CREATED, "author": "cj sample generator"})
    date = book.add_format({"num_format": "yyyy-mm-dd"})
    _write_table(book.add_worksheet("Touchpoints"), HOTEL.touchpoint_table(), {})
    _write_table(book.add_worksheet("Responses"), frame.drop(columns="_theme"), {"Date": date})
    book.close()


def _write_table(sheet, frame: pd.DataFrame, formats: dict) -> None:
    sheet.write_row(0, 0, list(frame.columns))
    for c, name in enumerate(frame.columns):
        fmt = formats.get(name)
        for r, value in enumerate(frame[name].tolist(), start=1):
            if value is None or (isinstance(value, float) and np.isnan(value)):
                continue
            if isinstance(value, dt.date):
                sheet.write_datetime(r, c, dt.datetime.combine(value, dt.time()), fmt)
            elif isinstance(value, float) and value.is_integer():
                sheet.write_number(r, c, int(value))
            else:
                sheet.write(r, c, value)


def write_office_csv(long: pd.DataFrame, folder: Path) -> None:
    """As Excel in Spanish saves 'CSV UTF-8': BOM, ';', decimal comma, dd/mm/yyyy."""
    folder.mkdir(exist_ok=True)
    table = OFFICE.touchpoint_table()
    table.to_csv(folder / "puntos_de_contacto.csv", sep=";", decimal=",", index=False, encoding="utf-8-sig")
    out = long.drop(columns="_theme").copy()
    out["Fecha"] = [d.strftime("%d/%m/%Y") for d in out["Fecha"]]
    out.to_csv(folder / "respuestas.csv", sep=";", decimal=",", index=False, encoding="utf-8-sig")


def truth(long: pd.DataFrame, planted: dict, hotel: pd.DataFrame) -> dict:
    return {
        "oficina_tecnica": OFFICE.truth() | {
            "files": ["oficina_tecnica.xlsx", "oficina_tecnica_csv/puntos_de_contacto.csv",
                      "oficina_tecnica_csv/respuestas.csv"],
            "response_rows": len(long), "planted_rows": planted,
            "theme_counts": long["_theme"].replace("", np.nan).value_counts().sort_index().to_dict(),
            "comment_rows": {t: [int(i) + 2 for i in np.flatnonzero(long["_theme"].to_numpy() == t)]
                             for t in sorted(set(long["_theme"]) - {""})},
        },
        "hotel_stay": HOTEL.truth() | {
            "files": ["hotel_stay.xlsx"], "response_rows": len(hotel),
            "theme_counts": hotel["_theme"].replace("", np.nan).value_counts().sort_index().to_dict(),
            "comment_rows": {t: [int(i) + 2 for i in np.flatnonzero(hotel["_theme"].to_numpy() == t)]
                             for t in sorted(set(hotel["_theme"]) - {""})},
        },
    }


def generate(folder: Path = HERE, seed: int = 7) -> dict:
    """Write every sample file into ``folder`` and return the ground truth (also written as truth.json)."""
    from cj.template import build_template

    rng = np.random.default_rng(seed)
    long, planted = office_rows(rng)
    hotel = hotel_rows(rng)
    write_office(long, folder / "oficina_tecnica.xlsx")
    write_office_csv(long, folder / "oficina_tecnica_csv")
    write_hotel(hotel, folder / "hotel_stay.xlsx")
    (folder / "plantilla_cj_es.xlsx").write_bytes(build_template("es"))
    (folder / "template_cj_en.xlsx").write_bytes(build_template("en"))
    result = {"seed": seed, **truth(long, planted, hotel)}
    (folder / "truth.json").write_text(json.dumps(result, ensure_ascii=False, indent=1, default=int) + "\n",
                                       encoding="utf-8")
    return result


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=HERE)
    args = parser.parse_args()
    generate(args.out, args.seed)
