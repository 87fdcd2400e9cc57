from . import (
    iso_zi_assessment,
    iso_zi_assessment_line,
    iso_zi_evidence,
    iso_zi_node,
    iso_zi_option,
    iso_zi_pass_mark,
    iso_zi_period,
    iso_zi_question,
    iso_zi_score,
    iso_zi_template,
)
