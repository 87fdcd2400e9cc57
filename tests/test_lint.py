"""Static checks of the project's code: pylint-odoo with the OCA's mandatory checks, the OCA's
XML/CSV/PO checks, and ruff (lint and format)."""

import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
BIN = REPO / ".venv-lint" / "bin"  # made by scripts/setup.sh from requirements-lint.txt
ADDONS = sorted(path.parent.name for path in REPO.glob("iso_compliance*/__manifest__.py"))
TRANSLATIONS = sorted(
    str(path.relative_to(REPO)) for path in REPO.glob("iso_compliance*/i18n/*.po*")
)


@pytest.mark.parametrize(
    "cmd",
    [
        ["pylint", "--rcfile=.pylintrc", *ADDONS],
        ["oca-checks-odoo-module", *ADDONS],
        [
            "oca-checks-po",
            "--disable=po-pretty-format",  # order and wrapping are those of `make i18n`
            *TRANSLATIONS,
        ],
        ["ruff", "check", "."],
        ["ruff", "format", "--check", "--diff", "."],
    ],
    ids=["pylint-odoo", "oca-checks-odoo-module", "oca-checks-po", "ruff-check", "ruff-format"],
)
def test_lint(cmd):
    proc = subprocess.run(
        [str(BIN / cmd[0]), *cmd[1:]], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
