"""cj — customer-journey analytics: from survey spreadsheets to the touchpoints to fix first.

The engine never imports Streamlit; the CLI (``python -m cj``) and the dashboard call the same functions.
The names below are loaded on first use (PEP 562), so ``import cj.columns`` does not import pandas: the
dashboard's first page sends its first element before the engine is imported.
"""
from __future__ import annotations

import importlib

_EXPORTS = {"CjReadError": "cj.issues", "Issue": "cj.issues", "Journey": "cj.intake", "load_journey": "cj.intake",
            "Source": "cj.source", "ValidationReport": "cj.validation"}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'cj' has no attribute {name!r}")
