"""The single table of cj's settings: limits that keep hostile files bounded, and defaults.

Every setting has a name, a default and a help text; ``tests/test_config.py`` checks that
each one is documented in the README's settings table.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("max_upload_mb", 200, "Largest file accepted, in megabytes (also Streamlit's upload limit)."),
    Setting("max_uncompressed_mb", 1500, "Largest total size an .xlsx may expand to, in megabytes (zip-bomb guard)."),
    Setting("max_compression_ratio", 250, "Largest expansion ratio of one workbook part over 1 MB (zip-bomb guard)."),
    Setting("max_archive_members", 10_000, "Most parts an .xlsx archive may hold."),
    Setting("max_rows", 1_100_000, "Most data rows read from one sheet or text file."),
    Setting("max_columns", 2_000, "Most columns read from one sheet or text file."),
    Setting("max_cell_chars", 32_767, "Longest cell accepted, in characters (Excel's own cell limit)."),
    Setting("max_seconds", 120, "Longest time spent reading one file before it is refused."),
    Setting("header_scan_rows", 30, "Rows searched for the header row below title rows."),
    Setting("typo_similarity", 80, "Similarity (0–100) above which an unknown touchpoint is flagged as a likely typo."),
    Setting("scale_coverage", 0.99, "Share of values a detected scale must cover; values outside it are out of range."),
)


@dataclass(frozen=True)
class Limits:
    """Resolved limits, built from SETTINGS with optional overrides."""

    max_upload_mb: float
    max_uncompressed_mb: float
    max_compression_ratio: float
    max_archive_members: int
    max_rows: int
    max_columns: int
    max_cell_chars: int
    max_seconds: float
    header_scan_rows: int
    typo_similarity: int
    scale_coverage: float

    def with_overrides(self, **overrides: Any) -> "Limits":
        return replace(self, **overrides)


DEFAULTS = Limits(**{s.name: s.default for s in SETTINGS})
