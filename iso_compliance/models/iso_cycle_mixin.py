from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date

from .iso_audit import CYCLE_STEPS, HELD_STATES
from .iso_config import get_int_param

DEFAULT_RECERTIFICATION_LEAD_DAYS = 60
# A planned audit's window: this many months, ending on the day the audit is due.
WINDOW_MONTHS = 3
# Never narrower than this, however a calendar year cuts it.
MIN_WINDOW_DAYS = 28
# A certificate may be restored this many months after its expiry (ISO/IEC 17021-1, 9.6.3.2.5).
RESTORATION_MONTHS = 6


class IsoCycleMixin(models.AbstractModel):
    """The certification cycle of ISO/IEC 17021-1 (9.1.3, 9.6), the one home of its rules.
    iso.certificate inherits it; it expects of the inheriting model the fields `state`,
    `decision_date`, `issue_date`, `expiry_date`, `standard_id` (with `validity_years`),
    `agency_id`, `certification_body_id`, `scope`, `audit_ids` (iso.audit by
    `certificate_id`) and `previous_certificate_id` (the certificate it renews). The
    contract, dates being calendar dates:

    - The cycle starts at the certification decision (the issue date when none is
      recorded); the proposed expiry is the day before the anniversary `validity_years`
      later (`_proposed_expiry`). A renewal's proposed expiry continues the certificate it
      renews, as its re-certification decision does (`_renewal_expiry`, below), unless the
      decision comes too late to continue that chain.
    - Surveillance 1 is due no later than 12 months after the decision. Surveillance 2 is
      due 12 months after surveillance 1, as actually held once it is (its last day), as
      planned before (its window's end), and falls in the calendar year after the one of
      surveillance 1 (the year it was held in, or of the middle of its window), so that no
      calendar year between certification and re-certification goes without one. The
      re-certification audit is due `iso_compliance.recertification_lead_days` (Settings)
      before expiry. Each window is WINDOW_MONTHS wide, ending on the due day, cut to its
      calendar year where the rule says so, never narrower than MIN_WINDOW_DAYS.
    - Planning (`_plan_cycle`, on activation, on every change of the certificate's dates,
      when a cycle audit is cancelled or reported, or a held one's dates change) moves
      audits still only planned to their new windows, except a missed one (its window
      passed, people were told), which keeps its window; confirmed, running and held audits
      never move; a cancelled step is planned again (from today, for WINDOW_MONTHS, when its
      window has passed); nothing is planned twice.
    - A missed surveillance stays missed, cancelled or not, until a surveillance audit is
      held on or after the start of its window (`_missed_surveillances`).
    - A re-certification decided on or before expiry continues the cycle: validity runs on
      from the day after the old expiry. Decided within RESTORATION_MONTHS after expiry, it
      restores the certificate, effective from the decision, its expiry still based on the
      old one. Later, it is refused: the agency is certified again from the start
      (`_renewal_expiry`).
    - A withdrawn certificate has no further surveillance: withdrawal cancels its planned and
      confirmed audits (`_cancel_planned_audits`)."""

    _name = "iso.cycle.mixin"
    _description = "Certification Cycle Rules"

    # ------------------------------------------------------------------ dates

    def _cycle_start(self):
        self.ensure_one()
        return self.decision_date or self.issue_date

    def _proposed_expiry(self):
        """The day before the anniversary of the cycle's start `validity_years` later, or for
        a renewal the expiry that continues the certificate it renews; False without a start
        or a standard."""
        self.ensure_one()
        start = self._cycle_start()
        if not (start and self.standard_id):
            return False
        previous = self.previous_certificate_id
        # Past restoration, a new cycle (which activation refuses to chain to the old one).
        if previous.expiry_date and previous.standard_id and start <= previous._restorable_until():
            return previous._renewal_expiry(start)
        return start + relativedelta(years=self.standard_id.validity_years) - timedelta(days=1)

    def _renewal_expiry(self, decision_date):
        """The expiry of the certificate that a re-certification decided on `decision_date`
        issues: validity runs on from the day after this certificate's expiry, whether the
        decision came before it or, restoring the certificate, at most RESTORATION_MONTHS
        after. Later, a UserError: the old chain cannot continue."""
        self.ensure_one()
        self._check_restorable(decision_date)
        years = relativedelta(years=self.standard_id.validity_years)
        return self.expiry_date + timedelta(days=1) + years - timedelta(days=1)

    def _restorable_until(self):
        """The last day a decision may restore this certificate (ISO/IEC 17021-1, 9.6.3.2.5)."""
        self.ensure_one()
        return self.expiry_date + relativedelta(months=RESTORATION_MONTHS)

    def _check_restorable(self, decision_date):
        """Refuse to continue this certificate's chain with a decision (or, by hand, on a
        day) more than RESTORATION_MONTHS after its expiry (ISO/IEC 17021-1, 9.6.3.2.5)."""
        self.ensure_one()
        limit = self._restorable_until()
        if decision_date > limit:
            raise UserError(
                self.env._(
                    "%(cert)s expired on %(expiry)s, more than %(months)s months before "
                    "%(decision)s: it can no longer be restored. The agency must be certified "
                    "again from the start (at least a stage 2 audit), with a new certificate "
                    "that does not renew this one.",
                    cert=self.display_name,
                    expiry=format_date(self.env, self.expiry_date),
                    months=RESTORATION_MONTHS,
                    decision=format_date(self.env, decision_date),
                )
            )

    @staticmethod
    def _window(due, year=None):
        """The WINDOW_MONTHS ending on `due`, cut to `year` when given, at least
        MIN_WINDOW_DAYS wide (widened away from the year's edge that cut it)."""
        start, end = due - relativedelta(months=WINDOW_MONTHS), due
        if year:
            first, last = date(year, 1, 1), date(year, 12, 31)
            start, end = max(start, first), min(end, last)
            if (end - start).days + 1 < MIN_WINDOW_DAYS:
                if start == first:
                    end = start + timedelta(days=MIN_WINDOW_DAYS - 1)
                else:
                    start = end - timedelta(days=MIN_WINDOW_DAYS - 1)
        return start, end

    def _cycle_windows(self, surveillance_1=None):
        """{step: (window start, window end)} of this certificate's cycle; surveillance 2
        follows `surveillance_1` (its audit, held or planned, or its (start, end) window),
        the computed surveillance 1 window when not given."""
        self.ensure_one()
        lead = get_int_param(
            self.env, "iso_compliance.recertification_lead_days", DEFAULT_RECERTIFICATION_LEAD_DAYS
        )
        s1_window = self._window(self._cycle_start() + relativedelta(months=12))
        reference = s1_window if surveillance_1 is None else surveillance_1
        if isinstance(reference, tuple):
            start, end = reference
        elif reference.state in HELD_STATES:
            start = end = reference.date_end or reference.date_start or reference.window_end
        else:
            start, end = reference.window_start, reference.window_end
        s1_year = (start + (end - start) // 2).year  # as held, or the middle of its window
        s2_due = end + relativedelta(months=12)
        return {
            "surveillance_1": s1_window,
            "surveillance_2": self._window(s2_due, s1_year + 1),
            "recertification": self._window(self.expiry_date - timedelta(days=lead)),
        }

    # ------------------------------------------------------------------ planning

    def _plan_cycle(self):
        """Plan, or re-plan, the cycle audits of these certificates that are active (see the
        class's contract); also the hook iso.audit calls when a cycle audit is cancelled or
        held. Returns the audits created."""
        Audit = self.env["iso.audit"]
        certs = self.filtered(lambda c: c.state == "active" and c.expiry_date)
        if not certs:
            return Audit
        existing = Audit.search(
            [("certificate_id", "in", certs.ids), ("cycle_step", "!=", False)], order="id"
        )
        by_step = existing.grouped(lambda a: (a.certificate_id, a.cycle_step))
        today = fields.Date.context_today(self)
        to_create = []
        for cert in certs:
            surveillance_1 = None
            for step, _label in CYCLE_STEPS:
                audits = by_step.get((cert, step), Audit)
                current = audits.filtered(lambda a: a.state != "cancelled")[-1:]
                start, end = cert._cycle_windows(surveillance_1)[step]
                if current:
                    if (
                        current.state == "planned"
                        and not current.window_flagged
                        and (current.window_start, current.window_end) != (start, end)
                    ):
                        current.write({"window_start": start, "window_end": end})
                    if step == "surveillance_1":
                        surveillance_1 = current
                    continue
                if audits and end < today:  # cancelled, its window passed: from today
                    start, end = today, today + relativedelta(months=WINDOW_MONTHS)
                if step == "surveillance_1":
                    surveillance_1 = (start, end)
                to_create.append(cert._cycle_audit_values(step, start, end))
        return Audit._workflow_create(to_create)

    def _cycle_audit_values(self, step, start, end):
        self.ensure_one()
        return {
            "agency_id": self.agency_id.id,
            "standard_ids": [(4, self.standard_id.id)],
            "certificate_id": self.id,
            "certification_body_id": self.certification_body_id.id,
            "audit_type": "recertification" if step == "recertification" else "surveillance",
            "cycle_step": step,
            "window_start": start,
            "window_end": end,
            "scope": self.scope,
        }

    def _cancel_planned_audits(self):
        """Withdrawal ends the cycle: the audits still planned or confirmed are cancelled."""
        audits = self.env["iso.audit"].search(
            [("certificate_id", "in", self.ids), ("state", "in", ("planned", "confirmed"))]
        )
        audits._workflow_write({"state": "cancelled"})
        return audits

    def _missed_surveillances(self):
        """The surveillance audits of this certificate whose window passed without them being
        held (flagged by the audit job), cancelled or not, and after whose window's start no
        surveillance audit was held."""
        self.ensure_one()
        surveillances = self.audit_ids.filtered(lambda a: a.audit_type == "surveillance")
        held_on = [
            audit.date_end or audit.date_start or audit.window_end
            for audit in surveillances
            if audit.state in HELD_STATES
        ]
        return surveillances.filtered(
            lambda a: (
                a.window_flagged
                and a.state not in HELD_STATES
                and not any(day >= a.window_start for day in held_on)
            )
        )
