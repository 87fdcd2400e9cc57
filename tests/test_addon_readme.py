"""Each addon's README.rst, which Odoo shows in Apps, is written from OCA-style fragments in
its readme/ folder by scripts/readme.py: it must be up to date with them, be valid
reStructuredText, and be the addon's only description (no `description` key in the
manifest)."""

import ast
import importlib.util
from pathlib import Path

import docutils.core
import docutils.nodes
import docutils.utils
import pytest

REPO = Path(__file__).resolve().parents[1]
FRAGMENTS = ("DESCRIPTION.md", "CONFIGURE.md", "USAGE.md", "CONTRIBUTORS.md")
ADDONS = sorted(path.parent for path in REPO.glob("iso_compliance*/__manifest__.py"))


def _readme_script():
    spec = importlib.util.spec_from_file_location("readme", REPO / "scripts" / "readme.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_addon_is_checked():
    names = {addon.name for addon in ADDONS}
    assert {
        "iso_compliance",
        "iso_compliance_document",
        "iso_compliance_anti_bribery",
        "iso_compliance_concern",
        "iso_compliance_concern_anti_bribery",
        "iso_compliance_zona_integritas",
    } <= names


@pytest.mark.parametrize("addon", ADDONS, ids=lambda addon: addon.name)
def test_readme_is_written_from_every_fragment(addon):
    present = {path.name for path in (addon / "readme").glob("*.md")}
    assert set(FRAGMENTS) <= present, f"missing fragments: {set(FRAGMENTS) - present}"
    expected = _readme_script().render(addon)
    assert (addon / "README.rst").read_text(encoding="utf-8") == expected, (
        "README.rst is not up to date with readme/: run python scripts/readme.py"
    )


@pytest.mark.parametrize("addon", ADDONS, ids=lambda addon: addon.name)
def test_readme_is_valid_restructuredtext(addon):
    source = (addon / "README.rst").read_text(encoding="utf-8")
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


@pytest.mark.parametrize("addon", ADDONS, ids=lambda addon: addon.name)
def test_manifest_leaves_the_description_to_the_readme(addon):
    manifest = ast.literal_eval((addon / "__manifest__.py").read_text(encoding="utf-8"))
    assert "description" not in manifest


@pytest.mark.parametrize("addon", ADDONS, ids=lambda addon: addon.name)
def test_the_apps_page_shows_the_readme(addon):
    """Odoo's Apps page shows static/description/index.html (an application's README is
    ignored there): the README's text, up to date."""
    page = addon / "static" / "description" / "index.html"
    assert page.is_file(), "run python scripts/readme.py"
    html = page.read_text(encoding="utf-8")
    assert html == _readme_script().render_html(addon), "run python scripts/readme.py"
    first = (addon / "readme" / "DESCRIPTION.md").read_text(encoding="utf-8").split()[:4]
    assert " ".join(first).replace("`", "") in " ".join(html.split()).replace("<code>", "")
