from odoo import api, models
from odoo.exceptions import AccessError, ValidationError

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

    Selection values are checked against their selection before any compute sees them. The
    superuser (scheduled actions, ``sudo()``) is not limited by the field lists.
    """

    _name = "iso.access.mixin"
    _description = "Field-level Write Rights"

    _iso_write_fields = {}
    _iso_workflow_fields = frozenset()
    _iso_parent_fields = frozenset()
    _iso_char_limits = {}

    # ------------------------------------------------------------------ helpers

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

    def _iso_check_values(self, vals):
        """Selection values and text lengths, with a sentence the user can act upon."""
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
            self._iso_check_values(vals)
        return super().create(vals_list)

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
        result = super().write(vals)
        if not self.env.su and self._iso_parent_fields & set(vals):
            self._iso_check_parents()
        return result
