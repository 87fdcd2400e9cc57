"""Merge a freshly exported template into a translation file, keeping translations by msgid.

    i18n_merge.py TEMPLATE.pot LANG.po [REFERENCE.po ...]

Entries come in the template's order with the template's references; a translation is kept
when its msgid still exists. A term still untranslated takes the translation of the same
msgid in the reference files (Odoo's own id.po of base, mail...), so that the fields every
model inherits read as in the rest of Odoo. Prints the entries still lacking a translation.
"""

import sys

import polib


def main(pot_path, po_path, *reference_paths):
    pot = polib.pofile(pot_path)
    try:
        old = polib.pofile(po_path)
    except OSError:
        old = polib.POFile()
    known = {}
    for path in reversed(reference_paths):
        known.update(_translations(polib.pofile(path)))
    known.update(_translations(old))
    merged = polib.POFile()
    merged.header = pot.header
    merged.metadata = dict(pot.metadata)
    merged.metadata.update(
        {
            "Language": "id",
            "Language-Team": "Indonesian",
            "Plural-Forms": "nplurals=1; plural=0;",
            "Content-Type": "text/plain; charset=UTF-8",
        }
    )
    for entry in pot:
        entry.msgstr = known.get(entry.msgid, "")
        merged.append(entry)
    merged.save(po_path)
    missing = [e.msgid for e in merged if not e.msgstr]
    sys.stdout.write(f"{po_path}: {len(merged)} entries, {len(missing)} untranslated\n")
    for msgid in missing:
        sys.stdout.write(f"  untranslated: {msgid!r}\n")


def _translations(po):
    return {e.msgid: e.msgstr for e in po if e.msgstr and not e.obsolete and not e.fuzzy}


if __name__ == "__main__":
    main(*sys.argv[1:])
