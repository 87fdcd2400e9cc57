from collections import defaultdict

from odoo import api, models
from odoo.exceptions import AccessError, ValidationError

from .file_types import accepted_mimetype, decode_binary, refused_file_message


class IrAttachment(models.Model):
    """Files of the programme's records follow the record, whatever path reaches them.

    Odoo checks an attachment's write, unlink and create against the *write* right on its
    record only: the field rights of ``iso.access.mixin`` and a record that freezes (an
    approved document version, a case's evidence) would be reopened through
    ``ir.attachment``. For every model inheriting the mixin this adds, outside the superuser
    and the models' own actions (which write their binary fields as the superuser):

    - the file of a binary field (``res_field``) changes only for a user whose role may
      write that field of the record;
    - a record ``_iso_attachment_frozen()`` returns keeps its files as they are: none of its
      attachments is rewritten or deleted, and no file is planted in its binary fields;
    - the file of a field of ``_iso_file_fields`` is an accepted document (``file_types``),
      for every user: the ORM writes such fields through ``ir.attachment`` as the superuser
      after the mixin checked the value.
    """

    _inherit = "ir.attachment"

    @api.model
    def check(self, mode, values=None):
        result = super().check(mode, values)
        if mode in ("write", "create", "unlink") and not self.env.su:
            targets = self._iso_targets()
            if values and values.get("res_model") and values.get("res_id"):
                targets[values["res_model"]][values["res_id"]].add(
                    (values.get("res_field") or False, "create")
                )
            self._iso_check_targets(targets)
        return result

    @api.model_create_multi
    def create(self, vals_list):
        # Odoo's own check sees only the record, not the field a new file is planted in.
        if not self.env.su:
            targets = defaultdict(lambda: defaultdict(set))
            for vals in vals_list:
                if vals.get("res_model") and vals.get("res_id"):
                    targets[vals["res_model"]][vals["res_id"]].add(
                        (vals.get("res_field") or False, "create")
                    )
            self.browse()._iso_check_targets(targets)
            for vals in vals_list:
                if vals.get("raw") or vals.get("datas"):
                    self._iso_check_file_type(vals.get("res_model"), vals.get("res_field"), vals)
        attachments = super().create(vals_list)
        if not self.env.su:
            attachments._iso_notify_file_changed()
        return attachments

    def write(self, vals):
        if not self.env.su and {"raw", "datas", "res_model", "res_field"} & set(vals):
            for attachment in self.sudo():
                res_model = vals.get("res_model", attachment.res_model)
                res_field = vals.get("res_field", attachment.res_field)
                if "raw" in vals or "datas" in vals:
                    content = vals
                else:
                    content = {"raw": attachment.raw, "name": attachment.name}
                self._iso_check_file_type(res_model, res_field, content)
        result = super().write(vals)
        if not self.env.su and {"datas", "raw", "db_datas", "res_id", "res_field"} & set(vals):
            self._iso_notify_file_changed()
        return result

    @api.model
    def _iso_check_file_type(self, res_model, res_field, vals):
        """Refuse new content for a field of ``_iso_file_fields`` that is not an accepted
        document."""
        if not (res_model and res_field and res_model in self.env):
            return
        if res_field not in getattr(self.env[res_model], "_iso_file_fields", {}):
            return
        if vals.get("raw"):
            content = vals["raw"].encode() if isinstance(vals["raw"], str) else vals["raw"]
        elif vals.get("datas"):
            content = decode_binary(vals["datas"])
        else:
            return  # no file: clearing one is an unlink, checked as such
        if content is None or not accepted_mimetype(content):
            raise ValidationError(refused_file_message(self.env, vals.get("name") or res_field))

    def _iso_notify_file_changed(self):
        """Tell the guarded records whose binary field got a new file through these
        attachments (``_iso_file_changed``)."""
        for res_model, by_id in self._iso_targets().items():
            if res_model not in self.env or not hasattr(self.env[res_model], "_iso_file_changed"):
                continue
            Model = self.env[res_model]
            for res_id, entries in by_id.items():
                for res_field, _origin in entries:
                    if res_field:
                        Model.browse(res_id)._iso_file_changed(res_field)

    def _iso_targets(self):
        """{res_model: {res_id: {(res_field, 'existing')}}} of these attachments."""
        targets = defaultdict(lambda: defaultdict(set))
        if self.ids:
            self.flush_model(["res_model", "res_id", "res_field"])
            self.env.cr.execute(
                "SELECT res_model, res_id, res_field FROM ir_attachment WHERE id IN %s",
                [tuple(self.ids)],
            )
            for res_model, res_id, res_field in self.env.cr.fetchall():
                if res_model and res_id:
                    targets[res_model][res_id].add((res_field or False, "existing"))
        return targets

    @api.model
    def _iso_check_targets(self, targets):
        """Refuse, with a sentence naming the record, a change to the files of guarded
        records the user may not make (see the class docstring)."""
        for res_model, by_id in targets.items():
            if res_model not in self.env or not hasattr(
                self.env[res_model], "_iso_attachment_frozen"
            ):
                continue
            Model = self.env[res_model]
            if Model._iso_in_workflow():
                continue
            records = Model.browse(list(by_id)).sudo().exists().with_env(Model.env)
            frozen = records.sudo()._iso_attachment_frozen()
            writable = Model._iso_writable_fields()
            for record in records:
                for res_field, origin in by_id[record.id]:
                    if record.id in frozen.ids and (res_field or origin == "existing"):
                        raise AccessError(
                            self.env._(
                                "The files of %(record)s can no longer change: it is kept as "
                                "it was.",
                                record=record.sudo().display_name,
                            )
                        )
                    if res_field and res_field not in writable:
                        field = Model._fields.get(res_field)
                        raise AccessError(
                            self.env._(
                                "You are not allowed to change the file %(field)s of %(record)s.",
                                field=field.get_description(self.env)["string"]
                                if field
                                else res_field,
                                record=record.sudo().display_name,
                            )
                        )
