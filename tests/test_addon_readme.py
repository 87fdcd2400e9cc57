"""The addon's README.rst, which Odoo shows in Apps, is written from OCA-style fragments in
iso_compliance/readme/: it must hold every fragment, be valid reStructuredText, and be the
addon's only description (no `description` key in the manifest)."""

import ast
from pathlib import Path

import docutils.core
import docutils.nodes
import docutils.utils

ADDON = Path(__file__).resolve().parents[1] / "iso_compliance"
FRAGMENTS = ("DESCRIPTION.md", "CONFIGURE.md", "USAGE.md", "CONTRIBUTORS.md")


def _words(text):
    return " ".join(text.split())


def test_readme_holds_every_fragment():
    readme = _words((ADDON / "README.rst").read_text(encoding="utf-8"))
    present = {path.name for path in (ADDON / "readme").glob("*.md")}
    assert set(FRAGMENTS) <= present, f"missing fragments: {set(FRAGMENTS) - present}"
    for name in sorted(present):
        text = (ADDON / "readme" / name).read_text(encoding="utf-8")
        for paragraph in filter(None, (p.strip() for p in text.split("\n\n"))):
            assert _words(paragraph) in readme, f"{name}: not in README.rst: {paragraph[:70]}"


def test_readme_is_valid_restructuredtext():
    source = (ADDON / "README.rst").read_text(encoding="utf-8")
    document = docutils.core.publish_doctree(
        source, settings_overrides={"report_level": 5, "halt_level": 5}
    )
    problems = [
        node.astext()
        for node in document.findall(docutils.nodes.system_message)
        if node["level"] >= docutils.utils.Reporter.WARNING_LEVEL
    ]
    assert problems == []
    sections = [node.astext() for node in document.findall(docutils.nodes.title)]
    for title in ("Configuration", "Usage", "Contributors"):
        assert title in sections


def test_manifest_leaves_the_description_to_the_readme():
    manifest = ast.literal_eval((ADDON / "__manifest__.py").read_text(encoding="utf-8"))
    assert "description" not in manifest
