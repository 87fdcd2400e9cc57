from datetime import date

from odoo.tests import tagged

from .common import IsoComplianceCase


@tagged("post_install", "-at_install")
class TestScheduledMixinContract(IsoComplianceCase):
    """iso.scheduled.mixin's reminder thresholds need, of the model, a stored integer field
    named by `_reminder_sent_field` and `_send_reminder(days)`: a model without them is told
    so at once, not by an AttributeError deep in a batch."""

    def remind(self, model):
        return self.env[model]._remind_at_thresholds(
            date(2026, 1, 1),
            1000,
            1000,
            date_field="date",
            domain=[],
            param="iso_compliance.none",
            default="7",
        )

    def test_a_model_without_the_sent_field_is_refused(self):
        with self.assertRaisesRegex(TypeError, "needs a stored integer field 'reminder_days_sent'"):
            self.remind("iso.mentoring.session")

    def test_the_reminder_hook_must_be_implemented(self):
        with self.assertRaisesRegex(NotImplementedError, "does not implement _send_reminder"):
            self.env["iso.mentoring.session"]._send_reminder(7)

    def test_the_models_that_remind_at_thresholds_fulfil_it(self):
        for model in ("iso.certificate", "iso.audit"):
            Model = self.env[model]
            field = Model._fields[Model._reminder_sent_field]
            self.assertEqual((field.type, field.store), ("integer", True), model)
            self.assertIsNot(
                type(Model)._send_reminder,
                type(self.env["iso.mentoring.session"])._send_reminder,
                model,
            )
