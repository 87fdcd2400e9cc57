"""The LKE's scoring formula (PermenPANRB 90/2021 Lampiran III), on plain data so that it is
computed once per assessment, whoever reads it, and tested against the regulation's test
vector without a database.

- item value: the chosen option's value; a survey index divided by 4; a computed percentage
  from its count inputs (``ratio_capped``: min(1, numerator / denominator);
  ``decrease_ratio``: 1 when both years are 0, else max(0, (previous - now) / previous));
  an unanswered item has no value (the official sheet shows "Blm Diisi"), it is not 0;
- a node scored ``average``: mean of its answered items x the node's weight;
- a node scored ``weighted``: sum of (item value x the item's own weight) (the Hasil items:
  IPAK index / 4 x 17.5, capaian kinerja option x 5);
- a node scored ``sum``: sum of its child nodes (areas, components, and the nested
  "Penyampaian Laporan Harta Kekayaan" = LHKPN + LHKASN);
- total: sum of the root nodes. Nothing is rounded here: only displays round.
"""

from dataclasses import dataclass, field


@dataclass
class Node:
    id: int
    parent_id: int | None
    weight: float
    scoring: str  # "sum" | "average" | "weighted"
    children: list = field(default_factory=list)
    questions: list = field(default_factory=list)


@dataclass
class Question:
    id: int
    node_id: int
    answer_type: str  # yes_no abc abcd abcde index count computed
    weight: float = 0.0
    formula: str | None = None  # ratio_capped | decrease_ratio
    numerator_ids: tuple = ()
    denominator_ids: tuple = ()


@dataclass
class Result:
    values: dict  # question id -> item value (0..1) or None
    nodes: dict  # node id -> score
    total: float
    answered: int  # answered questions that need an answer (choices, numbers)
    expected: int


def item_values(questions, answers, zero_denominator=1.0):
    """{question id: value in 0..1 or None} for `answers` ({question id: option value for a
    choice, a number for a count or an index, None when blank})."""
    values = {}
    for question in questions.values():
        answer = answers.get(question.id)
        if question.answer_type == "count":
            values[question.id] = None
        elif question.answer_type == "index":
            values[question.id] = None if answer is None else answer / 4.0
        elif question.answer_type == "computed":
            values[question.id] = _computed(question, answers, zero_denominator)
        else:
            values[question.id] = answer
    return values


def _computed(question, answers, zero_denominator):
    inputs = (*question.numerator_ids, *question.denominator_ids)
    if not inputs or any(answers.get(qid) is None for qid in inputs):
        return None
    numerator = sum(answers[qid] for qid in question.numerator_ids)
    denominator = sum(answers[qid] for qid in question.denominator_ids)
    if question.formula == "decrease_ratio":
        previous, now = denominator, numerator
        if previous == 0:
            return 1.0 if now == 0 else 0.0
        return max(0.0, (previous - now) / previous)
    if denominator == 0:
        return zero_denominator
    return max(0.0, min(1.0, numerator / denominator))


def score(nodes, questions, answers, zero_denominator=1.0):
    """The scores of every node of the tree and the total, for one set of answers."""
    values = item_values(questions, answers, zero_denominator)
    scores = {}

    def visit(node):
        if node.scoring == "sum":
            result = sum(visit(child) for child in node.children)
        elif node.scoring == "weighted":
            result = sum(
                (values[q.id] or 0.0) * q.weight for q in node.questions if q.answer_type != "count"
            )
        else:
            answered = [
                values[q.id]
                for q in node.questions
                if q.answer_type != "count" and values[q.id] is not None
            ]
            result = sum(answered) / len(answered) * node.weight if answered else 0.0
        scores[node.id] = result
        return result

    roots = [node for node in nodes.values() if node.parent_id is None]
    total = sum(visit(root) for root in roots)
    expected = [q for q in questions.values() if q.answer_type != "computed"]
    answered = sum(1 for q in expected if answers.get(q.id) is not None)
    return Result(values, scores, total, answered, len(expected))


def build_tree(nodes):
    """Link `nodes` ({id: Node}) to their children, in the given order."""
    for node in nodes.values():
        node.children = []
    for node in nodes.values():
        if node.parent_id is not None and node.parent_id in nodes:
            nodes[node.parent_id].children.append(node)
    return nodes
