"""The layout the addons keep (see ../shared/CONVENTIONS.md and README.md's Layout): Odoo's
own test runner runs only the test modules a package's tests/__init__.py imports, so every
test module is imported; and each addon has its manifest, security, translations and README
fragments."""

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
ADDONS = sorted(path.parent for path in REPO.glob("iso_compliance*/__manifest__.py"))


def _imported(init):
    tree = ast.parse(init.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            names.update(alias.name for alias in node.names)
    return names


@pytest.mark.parametrize("addon", ADDONS, ids=lambda addon: addon.name)
def test_every_test_module_is_imported(addon):
    tests = addon / "tests"
    assert (tests / "__init__.py").is_file(), f"{addon.name} has no tests"
    modules = {path.stem for path in tests.glob("test_*.py")}
    assert modules, f"{addon.name} has no test module"
    assert modules - _imported(tests / "__init__.py") == set()


@pytest.mark.parametrize("addon", ADDONS, ids=lambda addon: addon.name)
def test_each_addon_has_its_own_files(addon):
    manifest = ast.literal_eval((addon / "__manifest__.py").read_text(encoding="utf-8"))
    assert manifest["version"].startswith("18.0.")
    assert (addon / "security" / "ir.model.access.csv").is_file()
    assert (addon / "i18n" / f"{addon.name}.pot").is_file()
    assert (addon / "i18n" / "id.po").is_file()
    for data in manifest.get("data", []) + manifest.get("demo", []):
        assert (addon / data).is_file(), f"{addon.name}: {data} is missing"


@pytest.mark.parametrize("addon", ADDONS, ids=lambda addon: addon.name)
def test_crons_and_activity_types_sit_in_their_data_files(addon):
    """Data by record type: all crons in data/ir_cron_data.xml, all activity types in
    data/mail_activity_type_data.xml."""
    for path in (addon / "data").glob("*.xml"):
        text = path.read_text(encoding="utf-8")
        if 'model="ir.cron"' in text:
            assert path.name == "ir_cron_data.xml", path
        if 'model="mail.activity.type"' in text:
            assert path.name == "mail_activity_type_data.xml", path


@pytest.mark.parametrize("addon", ADDONS, ids=lambda addon: addon.name)
def test_one_model_per_view_file(addon):
    """views/<model>_views.xml holds the views and actions of that model only (menus in
    views/<addon>_menus.xml; the public pages' templates in their own file)."""
    for path in (addon / "views").glob("*_views.xml"):
        text = path.read_text(encoding="utf-8")
        models = {
            part.split("</field>")[0].strip() for part in text.split('<field name="model">')[1:]
        } | {
            part.split("</field>")[0].strip() for part in text.split('<field name="res_model">')[1:]
        }
        expected = path.name.removesuffix("_views.xml").replace("_", ".")
        assert models <= {expected}, f"{path.relative_to(REPO)} holds {sorted(models)}"
