"""Settings are one table, each with help text, and each documented in the README."""
from __future__ import annotations

from pathlib import Path

from cj.config import DEFAULTS, SETTINGS

ROOT = Path(__file__).resolve().parents[1]


def test_every_setting_has_help_and_a_default() -> None:
    assert len({s.name for s in SETTINGS}) == len(SETTINGS)
    for setting in SETTINGS:
        assert setting.help.endswith(".") and getattr(DEFAULTS, setting.name) == setting.default


def test_every_setting_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [s.name for s in SETTINGS if f"`{s.name}`" not in readme]
    assert not missing, f"settings missing from README's settings table: {missing}"


def test_streamlit_upload_limit_matches_the_intake_limit() -> None:
    import tomllib

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] == DEFAULTS.max_upload_mb
