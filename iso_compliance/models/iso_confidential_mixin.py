"""Confidential models: a record whose very existence is guarded, and every table Odoo shares
between models (messages, notifications, followers, tracked values, outgoing mails,
activities) that would otherwise show it around its rules."""

from odoo import api, models
from odoo.exceptions import AccessError, MissingError
from odoo.osv import expression


def confidential_models(env):
    """The names of the models declared confidential (``_iso_confidential``), once per
    registry."""
    registry = env.registry
    names = getattr(registry, "_iso_confidential_models", None)
    if names is None:
        names = tuple(
            sorted(
                name
                for name, model in registry.items()
                if getattr(model, "_iso_confidential", False) and not model._abstract
            )
        )
        registry._iso_confidential_models = names
    return names


def _readable(env, name):
    """A query of the records of model `name` the current user reads, or None when the user
    has no access rights to the model at all."""
    if not env["ir.model.access"].check(name, "read", raise_exception=False):
        return None
    return env[name].with_context(active_test=False)._search([])


def visible_domain(env, model_fname, res_id_fname):
    """A domain keeping, of a table that points to records by model name and id, only the
    rows of confidential models whose record the current user reads. Empty for the
    superuser and when no model is confidential."""
    if env.su:
        return []
    domain = []
    for name in confidential_models(env):
        readable = _readable(env, name)
        if readable is None:
            part = [(model_fname, "!=", name)]
        else:
            part = ["|", (model_fname, "!=", name), (res_id_fname, "in", readable)]
        domain = expression.AND([domain, part])
    return domain


def visible_message_domain(env, fname="mail_message_id"):
    """The same, for a table that points to ``mail.message`` through `fname`: rows of
    messages on confidential records the current user does not read are kept out."""
    if env.su:
        return []
    parts = []
    for name in confidential_models(env):
        readable = _readable(env, name)
        if readable is None:
            parts.append([("model", "=", name)])
        else:
            parts.append([("model", "=", name), ("res_id", "not in", readable)])
    if not parts:
        return []
    hidden = expression.OR(parts)
    messages = env["mail.message"].sudo().with_context(active_test=False)._search(hidden)
    return [(fname, "not in", messages)]


def hidden_rows(records, domain):
    """The rows of `records` outside `domain` (a visible_* domain)."""
    if not domain or not records:
        return records.browse()
    visible = (
        records.sudo()
        .with_context(active_test=False)
        ._search(expression.AND([[("id", "in", records.ids)], domain]))
    )
    return records - records.browse(visible)


def refuse_hidden(records, operation, result, domain):
    """`_check_access`'s `result` with the rows outside `domain` added to the forbidden ones,
    refused as a missing record is."""
    if records.env.su:
        return result
    hidden = hidden_rows(records, domain)
    if not hidden:
        return result
    forbidden = (result[0] if result else records.browse()) | hidden
    return forbidden, lambda: missing_error(forbidden)


def missing_error(records):
    """Odoo's own error for a missing record (odoo/fields.py): what a refused confidential
    record answers too, so that nobody learns which ids exist."""
    env = records.env
    return MissingError(
        "\n".join(
            [
                env._("Record does not exist or has been deleted."),
                env._("(Record: %(record)s, User: %(user)s)", record=records[:1], user=env.uid),
            ]
        )
    )


def recheck_followers(env, partners):
    """Remove `partners` from the followers of every confidential record they may no longer
    follow: called whenever the rights that admitted them change (groups, companies,
    archiving, the roles on an agency)."""
    partners = partners.exists()
    if not partners:
        return
    for name in confidential_models(env):
        env[name].sudo()._iso_recheck_followers(partners)


class IsoConfidentialMixin(models.AbstractModel):
    """A model whose records, and whose existence, only their readers may know.

    Inherit it to make a model confidential: Odoo's shared tables (``mail.message``,
    ``mail.notification``, ``mail.followers``, ``mail.tracking.value``, ``mail.mail``,
    ``mail.activity``) then show its rows only to the users who read the record itself
    (see those models in this addon); a record the user may not read answers as a missing
    one does (no AccessError naming it, no rule quoted); only the partners
    ``_iso_allowed_partners`` accepts follow it, receive its messages or are given its
    activities, and they are checked again when the fields ``_iso_reader_fields`` change and
    when users' groups, companies or agency roles change. Reads of its content through those
    tables call ``_iso_log_read``.
    """

    _name = "iso.confidential.mixin"
    _description = "Confidential Record"

    _iso_confidential = True
    # Fields whose change may change who reads a record (its agency, its company).
    _iso_reader_fields = frozenset()

    # ------------------------------------------------------------------ hooks

    def _iso_allowed_partners(self, partners):
        """The partners among `partners` who may follow all of these records, receive their
        messages and be given their activities: by default, those with an active internal
        user who reads every one of them."""
        allowed = partners.browse()
        for partner in partners:
            for user in partner.with_context(active_test=False).user_ids:
                if not user.active or user.share:
                    continue
                records = self.with_user(user).with_context(active_test=False)
                if records._filtered_access("read") == records:
                    allowed |= partner
                    break
        return allowed

    @api.model
    def _iso_confidential_sample(self):
        """For the invariant test (``tests/test_iso_confidential.py``): a record of this model
        made as the superuser, the user who reads it, and ``{label: user}`` of the users
        the model itself keeps out and the test could not know of (a handler who is the
        agency's officer...). Every confidential model overrides it: the test fails for a
        model that does not."""
        raise NotImplementedError(f"{self._name} declares no sample for the invariant test")

    def _iso_log_read(self):
        """Called when the current user read these records' content through another
        table (their messages, their attachments): override to keep an access log."""
        return None

    # ------------------------------------------------------------------ followers

    def _iso_recheck_followers(self, partners=None):
        """Unsubscribe, server-side, the followers of these records (all records of the model
        when empty) who may no longer follow them; only `partners` when given."""
        domain = [("res_model", "=", self._name)]
        if self:
            domain.append(("res_id", "in", self.ids))
        if partners is not None:
            domain.append(("partner_id", "in", partners.ids))
        followers = self.env["mail.followers"].sudo().search(domain)
        by_record = {}
        for follower in followers:
            by_record.setdefault(follower.res_id, follower.browse())
            by_record[follower.res_id] |= follower
        for res_id, group in by_record.items():
            record = self.sudo().browse(res_id).exists()
            allowed = record._iso_allowed_partners(group.partner_id) if record else None
            group.filtered(lambda f, a=allowed: a is None or f.partner_id not in a).unlink()

    def _message_subscribe(self, partner_ids=None, subtype_ids=None, customer_ids=None):
        """Only the partners allowed follow a confidential record: a follower reads its
        messages."""
        if partner_ids:
            partners = self.env["res.partner"].browse(partner_ids)
            if partners - self._iso_allowed_partners(partners):
                raise AccessError(
                    self.env._(
                        "Only the people who may read %(record)s may follow it.",
                        record=self.env["ir.model"]._get(self._name).name,
                    )
                )
        return super()._message_subscribe(
            partner_ids=partner_ids, subtype_ids=subtype_ids, customer_ids=customer_ids
        )

    def message_post(self, **kwargs):
        """Messages on a confidential record reach its allowed partners only: a recipient
        reads the message."""
        partners = self.env["res.partner"].browse(set(kwargs.get("partner_ids") or ()))
        if partners and partners - self._iso_allowed_partners(partners):
            raise AccessError(
                self.env._(
                    "Messages on %(record)s may be sent only to the people who may read it.",
                    record=self.env["ir.model"]._get(self._name).name,
                )
            )
        return super().message_post(**kwargs)

    def write(self, vals):
        result = super().write(vals)
        if self._iso_reader_fields & set(vals):
            self.sudo()._iso_recheck_followers()
        return result

    # ------------------------------------------------------------------ existence

    def _check_access(self, operation):
        """A record refused by the record rules answers as a missing record does."""
        result = super()._check_access(operation)
        if (
            result
            and operation != "create"
            and not self.env.su
            and self.env["ir.model.access"].check(self._name, operation, raise_exception=False)
        ):
            forbidden = result[0]
            return forbidden, lambda: missing_error(forbidden)
        return result

    def read(self, fields=None, load="_classic_read"):
        """Records refused by the record rules are left out, as missing ones are."""
        if not self.env.su and self.env["ir.model.access"].check(
            self._name, "read", raise_exception=False
        ):
            self = self.exists()._filtered_access("read")
        return super().read(fields=fields, load=load)

    @api.model
    def _iso_confidential_names(self):
        return confidential_models(self.env)
