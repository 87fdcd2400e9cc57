"""18.0.1.2.0 removes iso.standard's surveillance_interval_months, editable and never used:
the cycle engine plans surveillance by the calendar-year rule of ISO/IEC 17021-1 (9.6.2.2).
Drop its column (with the CHECK constraint that named it, re-created without it) before the
models load."""


def migrate(cr, version):
    cr.execute("ALTER TABLE iso_standard DROP COLUMN IF EXISTS surveillance_interval_months")
