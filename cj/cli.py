"""Command line: ``python -m cj validate FILE... [--map field=Header ...] [--json]`` and
``python -m cj analyze FILE... [--map field=Header ...] [--lang es|en] --out DIR``.

Exit 0 when the files are readable (rejected rows are reported, not fatal), 2 when refused,
1 for an internal error; never a traceback.
"""
from __future__ import annotations

import argparse
import json
import sys
from typing import Sequence

from cj.dictionary import DictionaryError
from cj.intake import load_journey
from cj.issues import CjReadError


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line and exit 2, as for any refused input
        self.exit(2, f"cj: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m cj", description="Customer-journey analytics from survey spreadsheets.")
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="read files and print the validation report")
    validate.add_argument("files", nargs="+", metavar="FILE")
    validate.add_argument("--map", action="append", default=[], metavar="field=Header",
                          help="use this header for this field (repeatable)")
    validate.add_argument("--scale", action="append", default=[], metavar="field=1-5",
                          help="declare the scale of a field or touchpoint (repeatable)")
    validate.add_argument("--json", action="store_true", help="print the report as JSON")
    validate.add_argument("--lang", choices=("en", "es"), default="en")
    analyze = commands.add_parser("analyze", help="analyse the journey and write the report files")
    analyze.add_argument("files", nargs="+", metavar="FILE")
    analyze.add_argument("--map", action="append", default=[], metavar="field=Header")
    analyze.add_argument("--scale", action="append", default=[], metavar="field=1-5")
    analyze.add_argument("--lang", choices=("en", "es"), default="en")
    analyze.add_argument("--themes", metavar="DICT.json", help="theme dictionary (default: the built-in one)")
    analyze.add_argument("--k", type=int, metavar="N", help="number of discovered themes (default: automatic)")
    analyze.add_argument("--out", required=True, metavar="DIR", help="folder for analysis.json, comments.csv, "
                                                                     "report.xlsx and report.html")
    return parser


def _pairs(items: Sequence[str], option: str) -> dict[str, str]:
    pairs = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise CjReadError("bad_option", option=option, value=item)
        pairs[name.strip()] = value.strip()
    return pairs


def validate(args: argparse.Namespace) -> int:
    journey = load_journey(args.files, mapping=_pairs(args.map, "--map"), scales=_pairs(args.scale, "--scale"))
    report = journey.validation
    if args.json:
        print(json.dumps(report.to_dict(args.lang), ensure_ascii=False, indent=2, default=str))
    else:
        print("\n".join(report.summary(args.lang)))
    return 0


def analyze(args: argparse.Namespace) -> int:
    from pathlib import Path

    from cj.analysis import run
    from cj.dictionary import Dictionary
    from cj.report import write_outputs

    dictionary = Dictionary.load(Path(args.themes)) if args.themes else None
    if args.k is not None and not 1 <= args.k <= 200:
        raise DictionaryError("k_range")
    journey = load_journey(args.files, mapping=_pairs(args.map, "--map"), scales=_pairs(args.scale, "--scale"))
    analysis = run(journey, lang=args.lang, dictionary=dictionary, k=args.k)
    for path in write_outputs(analysis.result, journey, Path(args.out), args.lang, analysis.feedback):
        print(path)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    lang = getattr(args, "lang", "en")
    try:
        return {"validate": validate, "analyze": analyze}[args.command](args)
    except CjReadError as err:
        print(f"cj: {err.message(lang)}", file=sys.stderr)
        return 2
    except DictionaryError as err:
        print(f"cj: {err.message(lang)}", file=sys.stderr)
        return 2
    except OSError as err:  # a theme dictionary or output folder that cannot be opened
        print(f"cj: {err.strerror or err}: {err.filename or ''}".rstrip(": "), file=sys.stderr)
        return 2
    except MemoryError:
        print("cj: out of memory while reading; split the file and try again.", file=sys.stderr)
        return 2
    except Exception as err:  # noqa: BLE001 — the user gets one line, never a traceback
        print(f"cj: internal error ({type(err).__name__}: {err}). Please report it with the file if you can.",
              file=sys.stderr)
        return 1
