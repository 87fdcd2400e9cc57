"""Before the models of 18.0.1.2.0 load:

- iso.standard's surveillance_interval_months is removed, editable and never used: the cycle
  engine plans surveillance by the calendar-year rule of ISO/IEC 17021-1 (9.6.2.2). Drop its
  column (with the CHECK constraint that named it, re-created without it).
- The readiness bands are keyed by their zero-padded lower bound ("025" instead of "25"), so
  that charts order them as they are ordered. Rename the stored values before the new
  selection is loaded, which would otherwise empty them."""


def migrate(cr, version):
    cr.execute("ALTER TABLE iso_standard DROP COLUMN IF EXISTS surveillance_interval_months")
    cr.execute(
        "UPDATE iso_mentoring SET readiness_band = lpad(readiness_band, 3, '0') "
        "WHERE readiness_band IN ('0', '25', '50', '75')"
    )
