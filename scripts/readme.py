"""Writes each addon's README.rst (what Odoo shows in Apps) from its readme/ fragments
(DESCRIPTION.md, CONFIGURE.md, USAGE.md, CONTRIBUTORS.md), in the layout of
oca-gen-addon-readme. The fragments are plain Markdown lists and paragraphs, which read as
reStructuredText as they are.

    python scripts/readme.py            # every addon at the repository root
"""

import ast
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
HEADER = """..
   This file is written from the fragments in readme/ (DESCRIPTION.md, CONFIGURE.md,
   USAGE.md, CONTRIBUTORS.md) by scripts/readme.py, in the layout of oca-gen-addon-readme;
   a test checks that it holds every fragment. Edit the fragments, then run the script."""


def _fragment(addon, name):
    text = (addon / "readme" / name).read_text(encoding="utf-8").strip()
    # Markdown's `code` is reStructuredText's ``code``.
    return text.replace("``", "`").replace("`", "``")


def render(addon):
    manifest = ast.literal_eval((addon / "__manifest__.py").read_text(encoding="utf-8"))
    title = manifest["name"]
    bar = "=" * len(title)
    return "\n".join(
        [
            bar,
            title,
            bar,
            "",
            HEADER,
            "",
            _fragment(addon, "DESCRIPTION.md"),
            "",
            "**Table of contents**",
            "",
            ".. contents::",
            "   :local:",
            "",
            "Configuration",
            "=============",
            "",
            _fragment(addon, "CONFIGURE.md"),
            "",
            "Usage",
            "=====",
            "",
            _fragment(addon, "USAGE.md"),
            "",
            "Credits",
            "=======",
            "",
            "Authors",
            "-------",
            "",
            f"* {manifest['author']}",
            "",
            "Contributors",
            "------------",
            "",
            _fragment(addon, "CONTRIBUTORS.md"),
            "",
            "Development, tests and set-up: see the README.md of the repository.",
            "",
        ]
    )


def addons():
    return sorted(path.parent for path in REPO.glob("iso_compliance*/__manifest__.py"))


def main():
    for addon in addons():
        (addon / "README.rst").write_text(render(addon), encoding="utf-8")
        sys.stdout.write(f"{addon.name}/README.rst\n")


if __name__ == "__main__":
    main()
