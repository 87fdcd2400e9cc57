"""Writes each addon's README.rst from its readme/ fragments (DESCRIPTION.md, CONFIGURE.md,
USAGE.md, CONTRIBUTORS.md), in the layout of oca-gen-addon-readme, and the same text as
static/description/index.html, which is what Odoo's Apps page shows (for an application,
Odoo ignores the README: without index.html its page is empty). The fragments are plain
Markdown lists and paragraphs, which read as reStructuredText as they are.

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


def render_html(addon):
    """The Apps page of the addon: README.rst as an HTML fragment (docutils, no stylesheet;
    Odoo sanitises it)."""
    import docutils.core

    parts = docutils.core.publish_parts(
        render(addon),
        writer_name="html5",
        settings_overrides={
            "embed_stylesheet": False,
            "stylesheet_path": "",
            "doctitle_xform": True,
            "report_level": 5,
            "file_insertion_enabled": False,
            "raw_enabled": False,
        },
    )
    return f'<section class="oe_container">\n{parts["html_title"]}{parts["body"]}</section>\n'


def addons():
    return sorted(path.parent for path in REPO.glob("iso_compliance*/__manifest__.py"))


def main():
    for addon in addons():
        (addon / "README.rst").write_text(render(addon), encoding="utf-8")
        description = addon / "static" / "description"
        description.mkdir(parents=True, exist_ok=True)
        (description / "index.html").write_text(render_html(addon), encoding="utf-8")
        sys.stdout.write(f"{addon.name}/README.rst, {addon.name}/static/description/index.html\n")


if __name__ == "__main__":
    main()
