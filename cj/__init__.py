"""cj — customer-journey analytics: from survey spreadsheets to the touchpoints to fix first.

The engine never imports Streamlit; the CLI (``python -m cj``) and the dashboard call the same functions.
"""
from cj.intake import Journey, load_journey
from cj.issues import CjReadError, Issue
from cj.readers import Source
from cj.validation import ValidationReport

__all__ = ["CjReadError", "Issue", "Journey", "Source", "ValidationReport", "load_journey"]
