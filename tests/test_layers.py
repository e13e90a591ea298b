"""The house rules that keep the layers apart and the README honest."""
from __future__ import annotations

import re
from pathlib import Path

from cj.headers import SYNONYMS

ROOT = Path(__file__).resolve().parents[1]


def test_engine_never_imports_streamlit() -> None:
    offenders = [p.name for p in (ROOT / "cj").glob("*.py")
                 if re.search(r"^\s*(import|from)\s+streamlit", p.read_text(encoding="utf-8"), re.M)]
    assert offenders == []


def test_pages_are_thin_and_never_render_html() -> None:
    for page in [ROOT / "app.py", *(ROOT / "pages").glob("*.py")]:
        text = page.read_text(encoding="utf-8")
        assert len(text.splitlines()) <= 120, page.name
        assert not re.search(r"unsafe_allow_html\s*=\s*True", text), page.name


def test_readme_lists_every_field_with_its_first_synonyms() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for field, synonyms in SYNONYMS.items():
        line = next((row for row in readme.splitlines() if row.startswith(f"| `{field}` |")), None)
        assert line is not None, field
        assert ", ".join(synonyms[:7]) in line, field


def test_readme_quick_start_is_the_two_commands_and_ci_runs_the_test_one() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick = readme.split("## Quick start", 1)[1].split("```", 2)[1]
    assert [cmd.split("#")[0].strip() for cmd in quick.strip().splitlines()[1:]] == ["make run", "make test"]
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
