"""18.0.1.2.0 keeps all seventeen reporting exceptions of Peraturan KPK 2/2019 Pasal 2 ayat
(3), as amended by Peraturan KPK 1/2026, as dated data. The upgrade creates the new records
(a noupdate file's new records are created); this corrects the four shipped before, which the
noupdate data cannot: the ceremony amounts are per giver and event, the colleague exceptions
never cover money, vouchers or e-money, and from 20 January 2026 the colleague exception holds
only without conflict of interest. A value a manager changed stays as it is. Every report
then gets its exception again."""

from odoo import SUPERUSER_ID, api

MODULE = "iso_compliance_anti_bribery"
CEREMONY = (
    "Gift at an engagement, wedding, birth, aqiqah, baptism, circumcision, tooth filing or "
    "other customary or religious ceremony"
)
CEREMONY_ID = (
    "Pemberian pada pertunangan, pernikahan, kelahiran, aqiqah, baptis, khitanan, potong gigi "
    "atau upacara adat atau agama lainnya"
)
COLLEAGUE_2026 = "Other non-cash gift between colleagues, without conflict of interest"
COLLEAGUE_2026_ID = "Pemberian non-uang lainnya antar-rekan kerja, tanpa konflik kepentingan"
# xmlid: (old English name, new English name, new Indonesian name, values)
SHIPPED = {
    "gratification_threshold_ceremony_2019": (
        "Wedding or religious ceremony gift",
        CEREMONY,
        CEREMONY_ID,
        {"legal_basis": "Pasal 2 ayat (3) huruf l"},
    ),
    "gratification_threshold_ceremony_2026": (
        "Wedding or religious ceremony gift",
        CEREMONY,
        CEREMONY_ID,
        {"legal_basis": "Pasal 2 ayat (3) huruf l"},
    ),
    "gratification_threshold_colleague_2019": (
        "Non-cash gift between colleagues",
        "Other non-cash gift between colleagues",
        "Pemberian non-uang lainnya antar-rekan kerja",
        {"legal_basis": "Pasal 2 ayat (3) huruf o", "money_excluded": True},
    ),
    "gratification_threshold_colleague_2026": (
        "Non-cash gift between colleagues",
        COLLEAGUE_2026,
        COLLEAGUE_2026_ID,
        {
            "legal_basis": "Pasal 2 ayat (3) huruf o",
            "money_excluded": True,
            "no_conflict_required": True,
        },
    ),
}


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    correct_shipped_exceptions(env)
    Report = env["iso.gratification.report"].with_context(active_test=False)
    reports = Report.search([])
    env.add_to_compute(Report._fields["exception_id"], reports)
    reports._recompute_recordset(["exception_id"])


def correct_shipped_exceptions(env):
    """The four exceptions shipped before 18.0.1.2.0, as the regulation reads them."""
    langs = {code for code, _name in env["res.lang"].get_installed()}
    for xmlid, (old_name, name, name_id, values) in SHIPPED.items():
        threshold = env.ref(f"{MODULE}.{xmlid}", raise_if_not_found=False)
        if not threshold:
            continue
        values = dict(values)
        if threshold.exception_type == "ceremony" and not threshold.amount_per_event:
            # The amount was per giver and event all along.
            values.update(amount_per_event=threshold.amount_per_giver, amount_per_giver=0)
        threshold = threshold.with_context(iso_skip_exception_recompute=True)
        threshold.write(values)
        if threshold.with_context(lang="en_US").name == old_name:
            threshold.with_context(lang="en_US").name = name
            if "id_ID" in langs:
                threshold.with_context(lang="id_ID").name = name_id
