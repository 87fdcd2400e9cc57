import math

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .file_types import accepted_mimetype, decode_binary, refused_file_message

ROLES = ("officer", "mentor", "manager")
# Only Python code can hold this object: no RPC client can put it in a context.
_WORKFLOW_TOKEN = object()
_WORKFLOW_KEY = "iso_workflow_token"


def extend_write_fields(write_fields, extra):
    """`write_fields` ({role: fields}, a model's ``_iso_write_fields``) with the fields of
    `extra` added for their roles: how a feature addon that adds fields to a model of another
    addon lets the roles write them, in its ``_inherit`` class::

        _iso_write_fields = extend_write_fields(
            BaseLine._iso_write_fields, {"mentor": {"document_ids"}, "manager": {"document_ids"}}
        )
    """
    roles = set(write_fields) | set(extra)
    return {
        role: frozenset(write_fields.get(role, ())) | frozenset(extra.get(role, ()))
        for role in roles
    }


def check_plain_values(model, vals):
    """What no record of the programme may hold, whoever writes it (the superuser too),
    refused with a sentence naming the field before anything is saved: a number that is not
    finite (NaN, infinity: every sum and report over it would fail), a required text that is
    blank, a link to a record that does not exist (checked for users, not for the superuser's
    scheduled work)."""
    for fname, value in vals.items():
        field = model._fields.get(fname)
        if not field or value is None or value is False:
            continue
        if field.type in ("float", "monetary") and isinstance(value, (int, float, str)):
            try:
                number = float(value)
            except ValueError:
                continue
            if not math.isfinite(number):
                raise ValidationError(
                    model.env._(
                        "%(field)s must be a number: %(value)s is not one.",
                        field=field.get_description(model.env)["string"],
                        value=str(value)[:20],
                    )
                )
        elif (
            field.type in ("char", "text")
            and field.required
            and isinstance(value, str)
            and not value.strip()
        ):
            raise ValidationError(
                model.env._(
                    "%(record)s needs a %(field)s: it cannot be blank.",
                    record=model.env["ir.model"]._get(model._name).name,
                    field=field.get_description(model.env)["string"],
                )
            )
        elif (
            field.type == "many2one"
            and not model.env.su
            and isinstance(value, int)
            and not isinstance(value, bool)
            and not model.env[field.comodel_name].sudo().browse(value).exists()
        ):
            raise ValidationError(
                model.env._(
                    "%(field)s: the record given (id %(id)s) does not exist; it may have "
                    "been deleted. Choose another one.",
                    field=field.get_description(model.env)["string"],
                    id=value,
                )
            )


class IsoAccessMixin(models.AbstractModel):
    """What each role may write, field by field, enforced on the server: views are not
    security, and record rules are checked by Odoo before a write only.

    A model that inherits this mixin declares:

    - ``_iso_write_fields``: ``{role: fields}`` for the roles ``officer``, ``mentor`` and
      ``manager`` (a user's highest ISO Compliance group). A role writes only the fields listed
      for it; a field listed for nobody is written by nobody, so a new field stays read-only
      until someone decides who may write it (``test_field_access`` lists the same sets).
    - ``_iso_workflow_fields``: states and what comes with them (who verified, when, the
      cron's bookkeeping). Neither written nor given at creation by anyone: only the action
      methods set them, after their checks, through ``_workflow_write``::

          def action_submit_plan(self):
              self._check_state(("open",), self.env._("..."))  # the action's own checks
              self._workflow_write({"state": "action_planned"})

      ``_workflow_write`` lifts the field list for that one write (record rules still apply);
      the key it sets in the context holds an object that no RPC client can send.
    - ``_iso_parent_fields``: the Many2one fields that decide who sees the record (agency,
      engagement, audit, company). After a write to one of them, the record rules are checked
      again, for writing and, where the user may create such records, for creating: a record
      goes only under a parent the user could create it under.
    - ``_iso_char_limits``: ``{field: length}``, checked before the database sees the value
      (its indexes refuse long values with a message nobody can act upon).
    - ``_iso_file_fields``: ``{binary field: its file name field}`` whose files must be
      accepted documents (``file_types``: PDF, images, office documents, judged by content
      and matching the name's extension), by every path: create, write and
      ``ir.attachment``. One declared ``required=True`` must also be there: a record created
      without it, or written with it cleared, is refused with a sentence (Odoo does not
      enforce ``required`` on a field stored as an attachment).
    - ``_iso_grant_fields``: the fields naming who gets a right on the record (users, or
      contacts whose users get it: approvers, head, officers). They are written by a role
      above the right they grant (``_iso_write_fields``), and whoever writes them never names
      himself: a right granted on a record is not used by the one who granted it.

    Selection values are checked against their selection before any compute sees them. The
    superuser (scheduled actions, ``sudo()``) is not limited by the field lists.
    """

    _name = "iso.access.mixin"
    _description = "Field-level Write Rights"

    _iso_write_fields = {}
    _iso_workflow_fields = frozenset()
    _iso_parent_fields = frozenset()
    _iso_char_limits = {}
    _iso_grant_fields = frozenset()
    _iso_file_fields = {}

    iso_user_can_write = fields.Boolean(
        string="You May Change It",
        compute="_compute_iso_user_can_write",
        help="Whether your access rights let you change this record: forms offer its "
        "buttons and editable lists only then.",
    )

    @api.depends_context("uid")
    def _compute_iso_user_can_write(self):
        for record in self:
            record.iso_user_can_write = not record.id or record.has_access("write")

    # ------------------------------------------------------------------ helpers

    def _iso_attachment_frozen(self):
        """The records among these whose files may no longer change by any path: none of
        their attachments is rewritten or deleted, and no file is planted in their binary
        fields (``ir.attachment`` enforces it, see ``models/ir_attachment.py``). None by
        default; a model whose records freeze (an approved version, a case's evidence)
        returns them. Called as the superuser."""
        return self.browse()

    def _iso_file_changed(self, fname):
        """The file of binary field `fname` of these records was just replaced or planted
        through ``ir.attachment`` by the current user (after the checks): a model that counts
        who changed a file (the author of a document version) records it. Nothing by
        default."""

    def _iso_role(self):
        """The user's highest ISO Compliance role; None for users outside the programme."""
        user = self.env.user
        for role in reversed(ROLES):
            if user.has_group(f"iso_compliance.group_iso_compliance_{role}"):
                return role
        return None

    def _iso_in_workflow(self):
        return self.env.su or self.env.context.get(_WORKFLOW_KEY) is _WORKFLOW_TOKEN

    def _workflow_write(self, vals):
        """Write `vals` from an action method, after the action checked what it must:
        the only way to set the workflow fields. Record rules still apply."""
        return self.with_context(**{_WORKFLOW_KEY: _WORKFLOW_TOKEN}).write(vals)

    @api.model
    def _workflow_create(self, vals_list):
        """Create records with workflow fields set, from an action method or the cycle
        engine, after their checks; the records are returned in the caller's environment."""
        return (
            self.with_context(**{_WORKFLOW_KEY: _WORKFLOW_TOKEN})
            .create(vals_list)
            .with_env(self.env)
        )

    def _iso_writable_fields(self):
        return frozenset(self._iso_write_fields.get(self._iso_role(), ()))

    def _iso_unchanged(self, fname, value):
        """Whether writing `value` leaves `fname` as it is on every record (the web client
        sends fields an onchange recomputed to their current value)."""
        field = self._fields[fname]
        if field.type in ("one2many", "many2many"):
            return False
        for record in self:
            cache_value = field.convert_to_cache(value, record)
            if field.convert_to_record(cache_value, record) != record[fname]:
                return False
        return True

    def _iso_refuse(self, fnames):
        labels = ", ".join(
            sorted(self._fields[f].get_description(self.env)["string"] for f in fnames)
        )
        raise AccessError(
            self.env._(
                "You are not allowed to change these fields of %(model)s: %(fields)s.",
                model=self._description,
                fields=labels,
            )
        )

    def _iso_check_values(self, vals, creating=False):
        """Selection values, text lengths, files, and what ``check_plain_values`` refuses
        (numbers that are not finite, blank required texts, missing records), with a sentence
        the user can act upon. `creating`: `vals` are a new record's, so a required file
        missing from them is refused too."""
        check_plain_values(self, vals)
        self._iso_check_files(vals, creating=creating)
        for fname, value in vals.items():
            field = self._fields.get(fname)
            if not field:
                continue
            if field.type == "selection" and value and isinstance(field.selection, list):
                allowed = dict(field._description_selection(self.env))
                if value not in allowed:
                    raise ValidationError(
                        self.env._(
                            "%(value)s is not a valid value of %(field)s: choose one of "
                            "%(values)s.",
                            value=str(value)[:50],
                            field=field.get_description(self.env)["string"],
                            values=", ".join(allowed.values()),
                        )
                    )
            limit = self._iso_char_limits.get(fname)
            if limit and isinstance(value, str) and len(value) > limit:
                raise ValidationError(
                    self.env._(
                        "%(field)s is too long: at most %(limit)s characters, not %(length)s.",
                        field=field.get_description(self.env)["string"],
                        limit=limit,
                        length=len(value),
                    )
                )

    def _iso_check_files(self, vals, creating=False):
        """Refuse a file of ``_iso_file_fields`` in `vals` that is not an accepted document
        (for these records when writing, a new one when creating), and a required one that
        is cleared, or missing from a new record's `vals`."""
        for fname, name_field in self._iso_file_fields.items():
            value = vals.get(fname)
            if not value:
                if self._fields[fname].required and (creating or fname in vals):
                    raise ValidationError(
                        self.env._(
                            "%(record)s needs its %(field)s: attach the document (PDF, an "
                            "image or an office document) before saving.",
                            record=self.env["ir.model"]._get(self._name).name,
                            field=self._fields[fname].get_description(self.env)["string"],
                        )
                    )
                continue
            filename = vals.get(name_field)
            if not filename and len(self) == 1:
                filename = self[name_field]
            content = decode_binary(value)
            if content is None or not accepted_mimetype(content, filename or None):
                raise ValidationError(
                    refused_file_message(
                        self.env,
                        filename or self._fields[fname].get_description(self.env)["string"],
                    )
                )

    def _iso_self_named(self, fnames):
        """{(record id, field)} where the current user, or the user's contact, is named in
        one of the grant fields `fnames`."""
        user = self.env.user
        named = set()
        for record in self.sudo():
            for fname in fnames:
                value = record[fname]
                if user.id in value.ids or (
                    value._name == "res.partner" and user.partner_id.id in value.ids
                ):
                    named.add((record.id, fname))
        return named

    def _iso_refuse_self_grant(self, before, fnames):
        """Refuse a write that newly names the current user in a grant field."""
        granted = self._iso_self_named(fnames) - before
        if granted:
            record_id, fname = sorted(granted)[0]
            raise AccessError(
                self.env._(
                    "You cannot name yourself in %(field)s of %(record)s: a right is granted "
                    "by someone else than the one who uses it.",
                    field=self._fields[fname].get_description(self.env)["string"],
                    record=self.browse(record_id).sudo().display_name,
                )
            )

    def _iso_check_parents(self):
        """Record rules, again after the write: the records must still be writable by the
        user and, where the user may create such records, creatable."""
        self.check_access("write")
        if self.env["ir.model.access"].check(self._name, "create", raise_exception=False):
            self.check_access("create")

    @api.model
    def _default_agency(self):
        """The agency the user is an officer of, when there is exactly one (an empty
        recordset otherwise): what a new record of an agency's register proposes."""
        agencies = self.env["iso.agency"].search([("officer_ids", "in", self.env.uid)], limit=2)
        return agencies if len(agencies) == 1 else agencies.browse()

    @api.model
    def _iso_normalise_codes(self, vals, fnames=("code", "name"), upper=("code",)):
        """Text identifiers as the register keeps them, in `vals` before a create or write:
        without surrounding spaces, codes in capitals; a blank one is refused with a
        sentence that names the field."""
        for fname in fnames:
            if fname in vals and isinstance(vals[fname], str):
                vals[fname] = vals[fname].strip()
                if fname in upper:
                    vals[fname] = vals[fname].upper()
            if fname in vals and not vals[fname]:
                raise ValidationError(
                    self.env._(
                        "%(record)s needs a %(field)s: it cannot be blank.",
                        record=self.env["ir.model"]._get(self._name).name,
                        field=self._fields[fname].get_description(self.env)["string"],
                    )
                )

    # ------------------------------------------------------------------ CRUD

    @api.model_create_multi
    def create(self, vals_list):
        if not self._iso_in_workflow():
            for vals in vals_list:
                given = {
                    f
                    for f in self._iso_workflow_fields & set(vals)
                    if vals[f] != self._iso_creation_value(f)
                }
                if given:
                    self._iso_refuse(given)
            # Defaults from the context must not set workflow fields either.
            defaults = {f"default_{f}" for f in self._iso_workflow_fields}
            if defaults & set(self.env.context):
                context = {k: v for k, v in self.env.context.items() if k not in defaults}
                self = self.with_env(self.env(context=context))
        for vals in vals_list:
            # What Odoo would fill in from the defaults (the context's too) is checked as given.
            missing = [
                f for f in self._iso_file_fields if self._fields[f].required and f not in vals
            ]
            if missing:
                vals.update(self.default_get(missing))
            self._iso_check_values(vals, creating=True)
        records = super().create(vals_list)
        granting = self._iso_grant_fields & {f for vals in vals_list for f in vals}
        if granting and not self._iso_in_workflow():
            records._iso_refuse_self_grant(set(), granting)
        return records

    def _iso_unlink_except_with_history(self):
        """A record someone wrote about in its chatter has a history: it is archived or
        cancelled, never deleted (by any role; uninstalling still removes it). Called by
        ``mail.thread``'s unlink (``models/mail_thread.py``), before it deletes the
        messages."""
        if "message_ids" not in self._fields or not self or self.env.su:
            return
        written = (
            self.env["mail.message"]
            .sudo()
            .search(
                [
                    ("model", "=", self._name),
                    ("res_id", "in", self.ids),
                    ("message_type", "=", "comment"),
                ],
                limit=1,
            )
        )
        if written:
            raise UserError(
                self.env._(
                    "%(record)s has a history in its chatter: archive or cancel it instead of "
                    "deleting it.",
                    record=self.browse(written.res_id).sudo().display_name,
                )
            )

    def _iso_creation_value(self, fname):
        """What a new record gets in `fname` unless told otherwise."""
        field = self._fields[fname]
        if field.default:
            return field.default(self)
        return False

    def write(self, vals):
        if not self._iso_in_workflow():
            refused = {
                f
                for f in set(vals) - self._iso_writable_fields()
                if f in self._fields and not self._iso_unchanged(f, vals[f])
            }
            if refused:
                self._iso_refuse(refused)
        self._iso_check_values(vals)
        granting = self._iso_grant_fields & set(vals)
        before = set()
        if granting and not self._iso_in_workflow():
            before = self._iso_self_named(granting)
        result = super().write(vals)
        if granting and not self._iso_in_workflow():
            self._iso_refuse_self_grant(before, granting)
        if not self.env.su and self._iso_parent_fields & set(vals):
            self._iso_check_parents()
        return result
