import logging
import re
from datetime import timedelta

from odoo import Command, api, models
from odoo.tools import SQL, split_every

from .iso_config import MAX_REMINDERS, REMINDER_DAYS_RANGE

_logger = logging.getLogger(__name__)


def parse_reminder_days(raw):
    """Reminder thresholds written as days separated by commas ("180,90,30,7"), largest
    first; None unless every one is a whole number of days in REMINDER_DAYS_RANGE, and
    there are at most MAX_REMINDERS of them."""
    lowest, highest = REMINDER_DAYS_RANGE
    parts = str(raw or "").replace(" ", "").split(",")
    if len(parts) > MAX_REMINDERS or not all(
        re.fullmatch(r"[0-9]{1,4}", part) and lowest <= int(part) <= highest for part in parts
    ):
        return None
    return sorted({int(part) for part in parts}, reverse=True)


class IsoScheduledMixin(models.AbstractModel):
    """What the addon's scheduled actions share: the company's language and date, batches
    that survive a failing record, and reminder thresholds that each fire once and catch up
    with the nearest one only.

    Contract of the reminder thresholds (`_remind_at_thresholds`): the model stores the last
    threshold sent in an integer field named by `_reminder_sent_field` (0 while none was
    sent; reset it when the reminded date moves) and implements `_send_reminder(days)`,
    which reminds its records and records `days` in that field. The other helpers need
    nothing of the model but `company_id` (`_managers_by_company`) and mail.thread
    (`_schedule_activities`; `_remind_once` also needs iso.access.mixin)."""

    _name = "iso.scheduled.mixin"
    _description = "Scheduled Action Helpers"

    # The stored integer field that holds the last reminder threshold sent, in days.
    _reminder_sent_field = "reminder_days_sent"

    @api.model
    def _in_company_context(self):
        """ir.cron runs jobs without a language or a time zone: write chatter notes in the
        company's language (its partner's), the one its people share (activities go further,
        in each assignee's own, see _schedule_activities), and take "today" as the date
        where the company is (its partner's time zone), not the server's UTC date."""
        partner = self.env.company.partner_id
        context = {}
        if not self.env.context.get("lang"):
            context["lang"] = partner.lang or "en_US"
        if partner.tz:
            context["tz"] = partner.tz
        return self.with_context(**context)

    def _send_reminder(self, days):
        """Hook of `_remind_at_thresholds`: remind these records that their date is `days`
        away (the threshold reached) and store `days` in `_reminder_sent_field`."""
        raise NotImplementedError(f"{self._name} does not implement _send_reminder(days)")

    @api.model
    def _run_steps(self, steps, moment, batch_size, limit):
        """Run a scheduled job's steps, each `step(moment, batch_size, limit)` returning
        (done, remaining), and report the progress to the cron runner, which calls the job
        again while something remains. Returns the number of records processed."""
        done = remaining = 0
        for step in steps:
            step_done, step_remaining = step(moment, batch_size, limit)
            done += step_done
            remaining += step_remaining
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
        return done

    @api.model
    def _process_matching(self, domain, process, batch_size, limit):
        """Run `process` on batches of at most `limit` records matching `domain` (oldest
        first), see _process_in_batches; return (done, remaining) for _run_steps."""
        records = self.search(domain, limit=limit, order="id")
        done = records._process_in_batches(process, batch_size)
        return done, self.search_count(domain) if len(records) == limit else 0

    @api.model
    def _remind_once(self, domain, flags, activity_xmlid, summary, people, deadline, *batching):
        """Give each record matching `domain` one activity (type `activity_xmlid`, a summary
        as in _schedule_activities) for each user of `people(record)`, due `deadline(record)`,
        then write `flags`, which must take the record out of `domain`: the reminder goes out
        once, whatever the number of runs. `batching` is (batch_size, limit) of the job; the
        flags are written by `_write_job_flags`."""
        activity_type = self.env.ref(activity_xmlid)

        def remind(batch):
            batch._schedule_activities(
                activity_type,
                (
                    (record, user, summary, deadline(record))
                    for record in batch
                    for user in people(record)
                ),
            )
            batch._write_job_flags(flags)

        return self._process_matching(domain, remind, *batching)

    def _write_job_flags(self, flags):
        """Write a scheduled job's bookkeeping `flags` through _workflow_write
        (iso.access.mixin); when none of them is tracked, without mail.thread's tracking,
        which would otherwise read and compare every tracked field of the batch for a
        write that changes none of them."""
        tracked = any(getattr(self._fields[name], "tracking", None) for name in flags)
        records = self if tracked else self.with_context(tracking_disable=True)
        return records._workflow_write(flags)

    @api.model
    def _remind_at_thresholds(self, today, batch_size, limit, date_field, domain, param, default):
        """Call `_send_reminder(days)` on the records matching `domain` whose `date_field`
        reached a threshold of the system parameter `param` (days before, `default` if
        unset), each threshold once per record (`_reminder_sent_field`); see _reminder_bands."""
        sent_field = self._fields.get(self._reminder_sent_field)
        if not (sent_field and sent_field.type == "integer" and sent_field.store):
            raise TypeError(
                f"{self._name} needs a stored integer field {self._reminder_sent_field!r} "
                "for its reminder thresholds"
            )
        thresholds = self._reminder_thresholds(param, default)
        done = remaining = 0
        for days, band in self._reminder_bands(date_field, sent_field.name, thresholds, today):
            band_done, band_remaining = self._process_matching(
                [*domain, *band], lambda b, d=days: b._send_reminder(d), batch_size, limit
            )
            done += band_done
            remaining += band_remaining
        return done, remaining

    def _process_in_batches(self, process, batch_size):
        """Run `process` on batches of these records, each in a savepoint. A batch that fails
        is retried record by record, so that only the failing records are skipped (and
        logged). Returns the number of records processed."""
        done = 0
        for batch in split_every(batch_size, self.ids, self.browse):
            try:
                with self.env.cr.savepoint():
                    process(batch)
                done += len(batch)
                continue
            except Exception:  # isolate the failing records below
                self.env.invalidate_all(flush=False)
            for record in batch:
                try:
                    with self.env.cr.savepoint():
                        process(record)
                    done += 1
                except Exception:
                    self.env.invalidate_all(flush=False)
                    _logger.exception(
                        "%s %s (id %s) skipped by the scheduled action",
                        self._description,
                        record.display_name,
                        record.id,
                    )
        return done

    def _schedule_activities(self, activity_type, assignments):
        """Create, in one batch, the activities `assignments` yields as (record, user, summary,
        deadline) on these records, without the assignment e-mail Odoo sends for each one
        (the scheduled actions inform people themselves). A summary may be a function of an
        environment, e.g. `lambda env: env._("...")`: it is then written in the assignee's
        language."""
        assignments = list(assignments)
        envs = {}

        def in_language_of(user, summary):
            if not callable(summary):
                return summary
            lang = user.lang or self.env.lang
            if lang not in envs:
                envs[lang] = self.env(context=dict(self.env.context, lang=lang))
            return summary(envs[lang])

        model_id = self.env["ir.model"]._get_id(self._name)
        # mail.activity computes the name of each activity's record through a browse of its
        # own, which cannot prefetch: compute them all at once beforehand.
        self.mapped("display_name")
        self._subscribe_assignees(assignments)
        return (
            self.env["mail.activity"]
            .with_context(mail_activity_quick_update=True)
            .create(
                [
                    {
                        "res_model_id": model_id,
                        "res_id": record.id,
                        "activity_type_id": activity_type.id,
                        "user_id": user.id,
                        "summary": in_language_of(user, summary),
                        "date_deadline": deadline,
                    }
                    for record, user, summary, deadline in assignments
                ]
            )
        )

    def _managers_by_company(self):
        """The programme managers of each company of these records, {company: users}: whom
        the scheduled actions tell when a manager must decide (never the superuser, nor
        managers of other companies, whose rules hide these records)."""
        root = self.env.ref("base.user_root")
        managers = self.env.ref("iso_compliance.group_iso_compliance_manager").users.filtered(
            lambda u: not u.share and u.active and u != root
        )
        return {
            company: managers.filtered(lambda m, c=company: c in m.company_ids)
            for company in self.company_id
        }

    def _subscribe_assignees(self, assignments):
        """Make each assignee a follower of their records, as mail.activity.create does, with
        the model's default subtypes as mail.followers._add_default_followers gives internal
        users (every group of this addon implies Internal User); but all at once
        (`_insert_followers`), where mail.activity.create subscribes its assignees one user
        at a time (it then finds them subscribed)."""
        pairs = sorted({(record.id, user.partner_id.id) for record, user, *_rest in assignments})
        if pairs:
            subtypes = self.env["mail.message.subtype"].default_subtypes(self._name)[0]
            self._insert_followers(pairs, subtypes)

    def _insert_followers(self, pairs, subtypes):
        """Make each partner of `pairs`, (record id, partner id) of this model, a follower
        of the record with `subtypes`, unless it follows it already: the SQL shortcut of
        mail.followers.create, one statement for the followers and their subtypes.

        It bypasses mail.followers.create (its overrides, access rights: the scheduled jobs
        run as superuser) and the ORM's cache, which it invalidates; the followers'
        constraints run after it (`_validate_fields`). Should mail.followers gain a stored
        column, the ORM creates the followers instead. With one ORM create per batch, the
        followers took a fifth of the certificate reminder pass (see bench/).
        `test_each_threshold_fires_once` proves the followers equal to message_subscribe's."""
        Followers = self.env["mail.followers"].sudo()
        columns = {
            name for name, field in Followers._fields.items() if field.store and field.column_type
        }
        if columns - {"id", "res_model", "res_id", "partner_id"}:
            existing = {
                (follower.res_id, follower.partner_id.id)
                for follower in Followers.search_fetch(
                    [
                        ("res_model", "=", self._name),
                        ("res_id", "in", [res_id for res_id, _partner in pairs]),
                        ("partner_id", "in", [partner for _res_id, partner in pairs]),
                    ],
                    ["res_id", "partner_id"],
                )
            }
            Followers.with_context(default_partner_id=False).create(
                [
                    {
                        "res_model": self._name,
                        "res_id": res_id,
                        "partner_id": partner_id,
                        "subtype_ids": [Command.set(subtypes.ids)],
                    }
                    for res_id, partner_id in pairs
                    if (res_id, partner_id) not in existing
                ]
            )
            return
        Followers.flush_model()
        rows = self.env.execute_query(
            SQL(
                """WITH new AS (
                       INSERT INTO mail_followers (res_model, res_id, partner_id)
                       SELECT %(model)s, pair.res_id, pair.partner_id
                         FROM unnest(%(res_ids)s::int[], %(partner_ids)s::int[])
                              AS pair(res_id, partner_id)
                       ORDER BY pair.partner_id, pair.res_id
                       ON CONFLICT DO NOTHING
                    RETURNING id),
                   subtypes AS (
                       INSERT INTO mail_followers_mail_message_subtype_rel
                              (mail_followers_id, mail_message_subtype_id)
                       SELECT new.id, subtype.id
                         FROM new, unnest(%(subtype_ids)s::int[]) AS subtype(id))
                   SELECT id FROM new""",
                model=self._name,
                res_ids=[res_id for res_id, _partner in pairs],
                partner_ids=[partner for _res_id, partner in pairs],
                subtype_ids=subtypes.ids,
            )
        )
        self.browse({res_id for res_id, _partner in pairs}).invalidate_recordset(
            ["message_follower_ids", "message_partner_ids", "message_is_follower"]
        )
        Followers.browse(row[0] for row in rows)._validate_fields(
            ["res_model", "res_id", "partner_id", "subtype_ids"]
        )

    @api.model
    def _reminder_thresholds(self, param, default):
        """Thresholds in days, largest first, from the system parameter `param`; `default`
        when the parameter is not valid (Settings refuses such values)."""
        raw = self.env["ir.config_parameter"].sudo().get_param(param, default)
        thresholds = parse_reminder_days(raw)
        if thresholds is None:
            _logger.warning(
                "System parameter %s is %r, not days separated by commas from %s to %s: "
                "%s is used instead. Correct it in Settings.",
                param,
                str(raw)[:40],
                *REMINDER_DAYS_RANGE,
                default,
            )
            return parse_reminder_days(default)
        return thresholds

    @api.model
    def _reminder_bands(self, date_field, sent_field, thresholds, today):
        """Yield (days, domain) for each threshold: the records whose `date_field` lies
        between that threshold and the next nearer one, and that were not reminded at that
        threshold or a nearer one (`sent_field` holds the last threshold sent, 0 for none).
        After days without a run, a record gets only its nearest reminder."""
        for i, days in enumerate(thresholds):
            nearer = thresholds[i + 1] if i + 1 < len(thresholds) else -1
            yield (
                days,
                [
                    (date_field, "<=", today + timedelta(days=days)),
                    (date_field, ">", today + timedelta(days=nearer)),
                    "|",
                    (sent_field, "=", 0),
                    (sent_field, ">", days),
                ],
            )
