"""Benchmark: cj's load + validate against the bare readers, on generated response files.

    python bench/intake.py                      # 100,000 and 1,048,575 rows, xlsx and csv
    python bench/intake.py --quick              # 20,000 rows, under a minute
    python bench/intake.py --rows 200000 --skip-openpyxl-above 300000
    python bench/intake.py --rows 1048575 --formats csv --repeat 9   # the csv target alone

Each measurement runs in a fresh Python process: wall time of the call, and peak resident memory
(ru_maxrss) next to the process's memory after imports; the fastest of --repeat runs is shown, the readers
of one format taking turns run by run.
Targets (issue 2): at 1M rows, xlsx no slower
than pandas.read_excel(engine="calamine") and ≥ 5× faster than engine="openpyxl", under 2 GB peak;
csv within 3× of a bare pandas.read_csv.
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TOUCHPOINTS = ["Redes sociales", "Blog", "Web", "Llamada telefónica", "Emails", "Proyecto", "Seguimiento",
               "Facturación", "Post servicio", "Newsletter"]
HEADER = ["ID encuestado", "Fecha", "Segmento", "Punto de contacto", "Puntuación (1-5)", "Comentario",
          "¿Nos recomendarías? (0-10)"]


def generate(rows: int, folder: Path) -> dict[str, Path]:
    """Long-layout response files, seeded; cached by size in ``folder``."""
    import numpy as np
    import pandas as pd

    folder.mkdir(parents=True, exist_ok=True)
    paths = {"csv": folder / f"responses_{rows}.csv", "xlsx": folder / f"responses_{rows}.xlsx"}
    if all(p.exists() for p in paths.values()):
        return paths
    rng = np.random.default_rng(rows)
    pool = np.array([f"Comentario {i}: la factura, la atención y los plazos del servicio" for i in range(200)])
    score = rng.integers(1, 6, rows).astype(float)
    score[rng.random(rows) < 0.01] = np.nan
    frame = pd.DataFrame({
        HEADER[0]: np.arange(rows) // 8 + 1,
        HEADER[1]: (pd.Timestamp("2026-01-01") + pd.to_timedelta(rng.integers(0, 180, rows), unit="D")),
        HEADER[2]: rng.choice(["Pyme", "Gran empresa", "Administración pública"], rows),
        # 8 ratings per respondent, each a different touchpoint (a respondent-level offset of 0–2)
        HEADER[3]: np.array(TOUCHPOINTS)[np.arange(rows) % 8 + (np.arange(rows) // 8) % 3],
        HEADER[4]: score,
        HEADER[5]: np.where(rng.random(rows) < 0.1, pool[rng.integers(0, 200, rows)], None),
        HEADER[6]: rng.integers(0, 11, rows),
    })
    frame.assign(**{HEADER[1]: frame[HEADER[1]].dt.strftime("%Y-%m-%d")}).to_csv(paths["csv"], index=False)
    _write_xlsx(frame, paths["xlsx"])
    return paths


def _write_xlsx(frame, path: Path) -> None:
    import math

    import xlsxwriter

    book = xlsxwriter.Workbook(path, {"constant_memory": True})
    sheet = book.add_worksheet("Respuestas")
    date = book.add_format({"num_format": "yyyy-mm-dd"})
    sheet.write_row(0, 0, HEADER)
    columns = [frame[h].tolist() for h in HEADER]
    for r in range(len(frame)):
        for c, column in enumerate(columns):
            value = column[r]
            if value is None or (isinstance(value, float) and math.isnan(value)):
                continue
            if c == 1:
                sheet.write_datetime(r + 1, c, value.to_pydatetime(), date)
            else:
                sheet.write(r + 1, c, value)
    book.close()


def measure(reader: str, path: str) -> dict:
    """Run inside the child process: one call, its time and the process's peak memory."""
    sys.path.insert(0, str(ROOT))
    import pandas as pd

    from cj import load_journey

    calls = {"cj": lambda: load_journey([path]).validation.rows_read,
             "calamine": lambda: len(pd.read_excel(path, engine="calamine")),
             "openpyxl": lambda: len(pd.read_excel(path, engine="openpyxl")),
             "read_csv": lambda: len(pd.read_csv(path))}
    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.perf_counter()
    rows = calls[reader]()
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"reader": reader, "rows": rows, "seconds": seconds, "peak_mb": peak, "baseline_mb": baseline}


def run(readers: list[str], path: Path, repeats: dict[str, int]) -> dict[str, dict]:
    """Per reader, the fastest of its fresh-process runs (this machine's timings vary by tens of per cent), and
    every run's seconds. The readers take turns, run after run, so a slower spell of the machine falls on all."""
    runs: dict[str, list[dict]] = {r: [] for r in readers}
    for turn in range(max(repeats.values())):
        for reader in readers:
            if turn < repeats[reader]:
                out = subprocess.run([sys.executable, __file__, "--measure", reader, str(path)], capture_output=True,
                                     text=True, check=True)
                runs[reader].append(json.loads(out.stdout.strip().splitlines()[-1]))
    return {r: min(rs, key=lambda x: x["seconds"]) | {"peak_mb": max(x["peak_mb"] for x in rs),
                                                        "all": [x["seconds"] for x in rs]}
            for r, rs in runs.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[100_000, 1_048_575])
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    parser.add_argument("--quick", action="store_true", help="20,000 rows only")
    parser.add_argument("--skip-openpyxl-above", type=int, default=None, metavar="N")
    parser.add_argument("--repeat", type=int, default=3, help="fresh-process runs per measurement; the fastest counts")
    parser.add_argument("--readers", nargs="+", default=["cj", "calamine", "openpyxl", "read_csv"],
                        help="measure only these readers")
    parser.add_argument("--formats", nargs="+", default=["xlsx", "csv"], choices=["xlsx", "csv"],
                        help="measure only these formats")
    parser.add_argument("--measure", nargs=2, metavar=("READER", "PATH"), help=argparse.SUPPRESS)
    parser.add_argument("--generate", type=int, metavar="ROWS", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(*args.measure)))
        return
    if args.generate:
        generate(args.generate, args.out)
        return
    sizes = [20_000] if args.quick else args.rows
    print(f"{'format':6} {'rows':>9} {'reader':9} {'seconds':>8} {'peak MB':>8} {'after import MB':>15}")
    results: dict[tuple[str, int, str], dict] = {}
    for rows in sizes:
        # generated in a child: a process's peak RSS survives exec, so this parent stays small
        subprocess.run([sys.executable, __file__, "--generate", str(rows), "--out", str(args.out)], check=True)
        paths = {"csv": args.out / f"responses_{rows}.csv", "xlsx": args.out / f"responses_{rows}.xlsx"}
        plan = {"xlsx": ["cj", "calamine", "openpyxl"], "csv": ["cj", "read_csv"]}
        for fmt, readers in plan.items():
            readers = [r for r in readers if r in args.readers and fmt in args.formats]
            if "openpyxl" in readers and args.skip_openpyxl_above is not None and rows > args.skip_openpyxl_above:
                print(f"{fmt:6} {rows:>9,} {'openpyxl':9} skipped (--skip-openpyxl-above {args.skip_openpyxl_above:,})")
                readers.remove("openpyxl")
            if not readers:
                continue
            repeats = {r: 1 if r == "openpyxl" and rows > 200_000 else args.repeat for r in readers}
            for reader, result in run(readers, paths[fmt], repeats).items():
                results[(fmt, rows, reader)] = result
                print(f"{fmt:6} {rows:>9,} {reader:9} {result['seconds']:8.2f} {result['peak_mb']:8.0f} "
                      f"{result['baseline_mb']:15.0f}   runs: {' '.join(f'{x:.2f}' for x in result['all'])}",
                      flush=True)
    print()
    for rows in sizes:
        report_targets(results, rows)


def report_targets(results: dict, rows: int) -> None:
    def get(fmt: str, reader: str) -> dict | None:
        return results.get((fmt, rows, reader))

    cj_x, cal, opx, cj_c, csv = (get("xlsx", "cj"), get("xlsx", "calamine"), get("xlsx", "openpyxl"),
                                 get("csv", "cj"), get("csv", "read_csv"))
    print(f"targets at {rows:,} rows (set for 1,048,575):")
    checks = [("xlsx: cj / read_excel(calamine)", cj_x and cal and cj_x["seconds"] / cal["seconds"], "<=", 1.0),
              ("xlsx: read_excel(openpyxl) / cj", cj_x and opx and opx["seconds"] / cj_x["seconds"], ">=", 5.0),
              ("xlsx: cj peak GB", cj_x and cj_x["peak_mb"] / 1024, "<", 2.0),
              ("csv: cj / read_csv", cj_c and csv and cj_c["seconds"] / csv["seconds"], "<=", 3.0)]
    if cj_c and csv:  # each cj run against the read_csv run beside it: the spread of the ratio
        paired = sorted(a / b for a, b in zip(cj_c["all"], csv["all"]))
        print(f"  (csv: cj / read_csv run by run: median {paired[len(paired) // 2]:.2f}, "
              f"from {paired[0]:.2f} to {paired[-1]:.2f})")
    for label, value, op, target in checks:
        if not value:
            print(f"  {label:36} n/a")
            continue
        ok = value <= target if op == "<=" else value >= target if op == ">=" else value < target
        print(f"  {label:36} {value:6.2f}  (target {op} {target})  {'PASS' if ok else 'MISS'}")


if __name__ == "__main__":
    main()
