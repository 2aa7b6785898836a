"""Every environment variable the settings read is in the README's table, so an operator
reading the README sees every knob (issue 22: nine were missing)."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
READERS = r"(?:env_bool|env_int|env_list|required_env|os\.environ\.get)\(\s*\"([A-Z][A-Z0-9_]+)\""


def test_every_variable_the_settings_read_is_in_the_readme() -> None:
    code = (ROOT / "manchette" / "settings.py").read_text(encoding="utf-8")
    read = set(re.findall(READERS, code))
    assert {"SECRET_KEY", "REDIS_URL", "EMAIL_URL"} <= read  # the pattern finds what it should
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_cells = re.findall(r"^\| ([^|]+) \|", readme, flags=re.MULTILINE)
    in_table = {name for cell in first_cells for name in re.findall(r"`([A-Z][A-Z0-9_]+)`", cell)}
    assert sorted(read - in_table) == []
