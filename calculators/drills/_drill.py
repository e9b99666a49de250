"""What every self-check drill for new hires shares: its bank, its fields and its scoring.

A drill is a bank of items (``calculators/banks/<name>.json``, Simplified Chinese and English
for every text) turned into one ``choice`` field per item. The bank holds the situations; the
correct answer of each item is computed by the model the drill practises (questions.classify,
funnel_grading.grade_deal, deal_heat.STAGE_PROBABILITY, expected_value.expected_value), so the
rule lives in one place and the bank cannot contradict it. Each drill module builds its
:class:`Item` tuple once at import and hands it to :func:`fields` and :func:`score`.

Decisions shared by every drill:

* **Blank is "not answered yet"**, never wrong. The score counts answered items only:
  score % = correct ÷ answered.
* **Verdict bands.** Nothing answered: ``not_started``. Some items still blank:
  ``in_progress`` (the label gives the score so far and how many are left), because a high
  score on three items of eighteen is not mastery. Every item answered: the bands of the open
  and closed questions drill (questions.band_for): ``mastered`` 90% or more, ``nearly`` 70% to
  under 90%, ``practise`` under 70%.
* **Feedback beside the question.** Each answered item says right or wrong, the answer, the
  reason in sales terms and the page that teaches it, beside its question
  (:data:`FIELD_RESULTS`), and again in the result table. An item not answered yet keeps its
  answer and reason hidden ("shown once answered"), so nothing gives away the items still to
  do.
* **A learner's own run.** Nothing is pre-answered: every item starts blank and only the
  learner's answers count. The full key (every item's answer and reason) is printed for
  trainers in the facilitator guide (:func:`answer_key_result`).
* **A bad bank is a programming error**, raised as ``ValueError`` at import (like a choice
  field without choices), never an :class:`~calculators.core.InputError`: the learner cannot
  cause it, and the tests load every bank.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib.resources import files
from typing import Any

from ..core import (
    PCT,
    Choice,
    Field,
    FieldResults,
    PageLink,
    Result,
    ResultTable,
    Text,
    Verdict,
    fmt,
)
from ..core._tail import figure, result
from ..models.questions import BANDS, band_for

NOT_ANSWERED = Text("未作答", "not answered")
HIDDEN = Text("作答后显示", "shown once answered")
RIGHT = Text("对", "yes")
WRONG = Text("错", "no")

#: The result table's columns while the learner answers: feedback item by item.
FEEDBACK_COLUMNS = (
    ("item", Text("题号", "Item")),
    ("your_answer", Text("你的答案", "Your answer")),
    ("correct_answer", Text("正确答案", "Correct answer")),
    ("mark", Text("答对了吗", "Right?")),
    ("why", Text("原因", "Why")),
    ("page", Text("复习", "Review")),
)
#: The trainer's answer key: each item's prompt instead of the (empty) answer and mark columns.
KEY_COLUMNS = (
    ("item", Text("题号", "Item")),
    ("prompt", Text("题目", "Prompt")),
    ("correct_answer", Text("正确答案", "Correct answer")),
    ("why", Text("原因", "Why")),
    ("page", Text("复习", "Review")),
)

#: Beside each question: right or wrong, the answer, why, and the page to review.
FIELD_RESULTS = FieldResults(
    table="items",
    columns=("correct_answer", "why", "page"),
    tone="mark_code",
    verdicts=(("right", Text("✓ 答对了", "✓ Right")), ("wrong", Text("✗ 答错了", "✗ Wrong"))),
)


@dataclass(frozen=True)
class Item:
    """One drill item: its situation, its choices and the answer the model computes for it."""

    key: str
    prompt: Text
    context: Text
    choices: tuple[Choice, ...]
    answer: str
    explanation: Text

    @property
    def number(self) -> int:
        return int(self.key[1:])

    def label_of(self, value: str) -> Text:
        for choice in self.choices:
            if choice.value == value:
                return choice.label
        raise KeyError(value)


@dataclass(frozen=True)
class Drill:
    """A drill's items and what its feedback says beyond the items themselves.

    Attributes:
        items: the bank's items, in order (keys q01, q02, …).
        link: the playbook page that teaches the rule.
        rule: the rule in one line, the first reasoning line of every result.
        review: what to do about wrong answers (the rule's lesson in practice).
        mastered: the next step once the drill is mastered.
    """

    items: tuple[Item, ...]
    link: PageLink
    rule: Text
    review: Text
    mastered: Text


def load_bank(name: str) -> list[dict[str, Any]]:
    """The items of ``calculators/banks/<name>``, checked for sequential keys q01, q02, …."""
    raw = (files("calculators") / "banks" / name).read_text(encoding="utf-8")
    items = json.loads(raw)["items"]
    if not isinstance(items, list) or not items:
        raise ValueError(f"bank {name}: 'items' must be a non-empty list")
    for position, item in enumerate(items):
        expected = f"q{position + 1:02d}"
        if not isinstance(item, dict) or item.get("key") != expected:
            raise ValueError(f"bank {name}: item {position + 1} must have key {expected!r}")
    return items


def text(data: Any, where: str) -> Text:
    """A bank's ``{"zh": …, "en": …}`` as :class:`Text`; both languages must be filled in."""
    if not isinstance(data, dict) or set(data) != {"zh", "en"}:
        raise ValueError(f"{where}: expected {{'zh': …, 'en': …}}, got {data!r}")
    zh, en = data["zh"], data["en"]
    if not (isinstance(zh, str) and zh.strip() and isinstance(en, str) and en.strip()):
        raise ValueError(f"{where}: both zh and en must be non-empty text")
    return Text(zh.strip(), en.strip())


def check_answer(item: Item, where: str) -> Item:
    """``item`` itself, once its computed answer is known to be one of its choices."""
    if item.answer not in {c.value for c in item.choices}:
        raise ValueError(f"{where}: computed answer {item.answer!r} is not one of its choices")
    return item


def answer_key(drill: Drill) -> list[tuple[str, str]]:
    """Every item's field key with its correct choice value, in order."""
    return [(item.key, item.answer) for item in drill.items]


def fields(items: Sequence[Item]) -> tuple[Field, ...]:
    """One optional ``choice`` field per item, blank to start with (the learner's to answer):
    label = number and prompt, help = the context."""
    return tuple(
        Field(
            key=item.key,
            kind="choice",
            label=Text(f"{item.number}. {item.prompt.zh}", f"{item.number}. {item.prompt.en}"),
            help=item.context,
            choices=item.choices,
            required=False,
            exercise=True,
        )
        for item in items
    )


def _numbers(numbers: Sequence[int]) -> tuple[str, str]:
    return "、".join(str(n) for n in numbers), ", ".join(str(n) for n in numbers)


def answer_key_result(drill: Drill) -> Result:
    """The trainer's answer key: every item's prompt, answer, reason and page."""
    return score(drill, {}, reveal=True)


@dataclass(frozen=True)
class Marking:
    """A learner's answers marked against the computed key: answered, right, wrong and left,
    the score on the answered items only, and the verdict key (not started, in progress, or
    the band once every item is answered)."""

    drill: Drill
    inputs: Mapping[str, Any]
    reveal: bool
    answered: list[Item]
    right: list[Item]
    wrong: list[Item]
    pct: float
    key: str

    @property
    def total(self) -> int:
        """How many items the drill has."""
        return len(self.drill.items)

    @property
    def left(self) -> int:
        """How many items are still to answer."""
        return self.total - len(self.answered)

    @property
    def key_table(self) -> bool:
        """The trainer's answer key is shown: asked for, and nothing answered."""
        return self.reveal and not self.answered


def mark(drill: Drill, inputs: Mapping[str, Any], reveal: bool) -> Marking:
    """Mark the answered items; a blank is not answered, never wrong."""
    items = drill.items
    answered = [item for item in items if inputs.get(item.key) is not None]
    right = [item for item in answered if inputs[item.key] == item.answer]
    wrong = [item for item in answered if inputs[item.key] != item.answer]
    # Scored on the answered items only; the figure is blank until something is answered.
    pct = round(len(right) * 100 / len(answered), 2) if answered else 0.0
    if not answered:
        key = "not_started"
    elif len(answered) < len(items):
        key = "in_progress"
    else:
        key = band_for(pct)
    return Marking(drill, inputs, reveal, answered, right, wrong, pct, key)


def _verdict_label(m: Marking) -> Text:
    """Where the learner stands: not started (or the answer key), in progress, or the band."""
    total, right, pct = m.total, len(m.right), fmt(m.pct)
    if m.key == "not_started":
        if m.reveal:
            return Text(
                f"答案：{total} 道题的正确答案和原因",
                f"Answer key: the answers to all {total} items, with the reasons",
            )
        return Text(f"还没有作答：共 {total} 道题", f"Not started: {total} items to answer")
    if m.key == "in_progress":
        return Text(
            f"进行中：已答 {len(m.answered)} 题，对 {right} 题（{pct}%），还剩 {m.left} 题",
            f"In progress: {right} of {len(m.answered)} right so far ({pct}%), {m.left} to go",
        )
    label = BANDS[m.key].label
    return Text(
        f"{label.zh}（{total} 题对 {right} 题，{pct}%）",
        f"{label.en} ({right} of {total} right, {pct}%)",
    )


def _progress_lines(m: Marking) -> list[Text]:
    """The score so far and, once all is answered, the band; or what happens before answering."""
    if m.answered:
        lines = [
            Text(
                f"共 {m.total} 题，已答 {len(m.answered)} 题：对 {len(m.right)} 题，"
                f"错 {len(m.wrong)} 题，得分 {fmt(m.pct)}%（按已答题计算，未答的不算错）。",
                f"{len(m.answered)} of {m.total} items answered: {len(m.right)} right, "
                f"{len(m.wrong)} wrong, score {fmt(m.pct)}% of the answered items "
                "(blanks are not wrong).",
            )
        ]
        if not m.left:
            lines.append(
                Text(
                    f"{BANDS[m.key].label.zh}：{BANDS.range(m.key).zh}。",
                    f"{BANDS[m.key].label.en}: {BANDS.range(m.key).en}.",
                )
            )
        return lines
    if m.reveal:
        return [
            Text(
                "表中是每道题的正确答案和原因，培训师可以直接用作答案。",
                "The table gives every item's answer and the reason, for a trainer to use as "
                "the key.",
            )
        ]
    return [
        Text(
            "还没有作答：每答一题，题目旁边马上显示对错、正确答案和原因。",
            "Nothing answered yet: as soon as you answer an item, whether you are right, "
            "the answer and the reason appear beside it.",
        )
    ]


def _reasoning(m: Marking) -> list[Text]:
    """The drill's rule, the progress, then why each wrong answer is wrong."""
    reasoning = [m.drill.rule, *_progress_lines(m)]
    for item in m.wrong:
        given = item.label_of(m.inputs[item.key])
        correct = item.label_of(item.answer)
        reasoning.append(
            Text(
                f"第 {item.number} 题：你选了「{given.zh}」，正确答案是「{correct.zh}」。"
                f"{item.explanation.zh}",
                f"Item {item.number}: you chose '{given.en}', the answer is '{correct.en}'. "
                f"{item.explanation.en}",
            )
        )
    return reasoning


def _next_step(m: Marking) -> list[Text]:
    """What to do next: read the key, start answering, finish, or go further once mastered."""
    if not m.answered and m.reveal:
        return [
            Text(
                f"培训师：下表就是 {m.total} 道题的答案和讲解。",
                f"Trainers: the table is the key to all {m.total} items, with the reasons.",
            )
        ]
    if not m.answered:
        return [
            Text(
                "逐题选出答案，留空的题不计分，也不算错。",
                "Choose an answer for each item; blanks are neither scored nor wrong.",
            )
        ]
    if m.left:
        return [
            Text(
                f"还有 {m.left} 题没答：答完再看总评。",
                f"{m.left} item(s) still to answer: finish them for the overall verdict.",
            )
        ]
    return [m.drill.mastered] if m.key == "mastered" else []


def _actions(m: Marking) -> list[Text]:
    """Review the items answered wrong, then the next step."""
    actions: list[Text] = []
    if m.wrong:
        zh, en = _numbers([item.number for item in m.wrong])
        actions.append(
            Text(
                f"复习第 {zh} 题的原因，再读一遍「{m.drill.link.label.zh}」。",
                f"Go over the reasons for item(s) {en}, then reread '{m.drill.link.label.en}'.",
            )
        )
        actions.append(m.drill.review)
    return actions + _next_step(m)


def _item_row(m: Marking, item: Item) -> dict[str, Any]:
    """One item's feedback; its answer and reason stay hidden until it is answered."""
    given_value = m.inputs.get(item.key)
    shown = given_value is not None or m.key_table
    if given_value is None:
        mark_text, mark_code = NOT_ANSWERED, None
    elif given_value == item.answer:
        mark_text, mark_code = RIGHT, "right"
    else:
        mark_text, mark_code = WRONG, "wrong"
    return {
        "item": item.number,
        "mark_code": mark_code,
        "prompt": item.prompt,
        "your_answer": item.label_of(given_value) if given_value is not None else None,
        "correct_answer": item.label_of(item.answer) if shown else HIDDEN,
        "mark": mark_text,
        "why": item.explanation if shown else HIDDEN,
        "page": m.drill.link,
    }


def _items_table(m: Marking) -> ResultTable:
    """The item-by-item table: feedback while answering, or the trainer's answer key."""
    columns = KEY_COLUMNS if m.key_table else FEEDBACK_COLUMNS
    rows = [_item_row(m, item) for item in m.drill.items]
    return ResultTable(
        "items",
        Text("答案", "Answer key") if m.key_table else Text("逐题反馈", "Item by item"),
        columns,
        # each row also names its question's field and its mark as a plain key (right, wrong):
        # the form shows it beside the question (FIELD_RESULTS)
        tuple(
            {
                **{k: row[k] for k, _ in columns},
                "field": item.key,
                "mark_code": row["mark_code"],
            }
            for item, row in zip(m.drill.items, rows, strict=True)
        ),
    )


def score(drill: Drill, inputs: Mapping[str, Any], *, reveal: bool = False) -> Result:
    """Score the learner's answers against the computed key and give feedback per item.

    ``reveal`` gives the trainer's answer key when nothing is answered; a learner's result
    never shows the answer of an item not answered yet.
    """
    m = mark(drill, inputs, reveal)
    return result(
        figures=(
            figure("items", "题数", "Items", m.total),
            figure("answered", "已答", "Answered", len(m.answered)),
            figure("correct", "答对", "Right", len(m.right)),
            figure("wrong", "答错", "Wrong", len(m.wrong)),
            figure(
                "score_pct",
                "得分（已答题）",
                "Score (answered items)",
                m.pct if m.answered else None,
                PCT,
            ),
        ),
        verdict=Verdict(m.key, _verdict_label(m)),
        reasoning=_reasoning(m),
        actions=_actions(m),
        tables=(_items_table(m),),
    )


@dataclass(frozen=True)
class ItemTally:
    """How a room answered one item of a drill: how many answered it and how many got it right.

    A blank is "not answered yet", never wrong (as in :func:`score`), so the share right is
    taken over the learners who answered the item, and is ``None`` while nobody has.
    """

    item: Item
    answered: int
    right: int

    @property
    def share_right(self) -> float | None:
        return round(self.right * 100 / self.answered, 2) if self.answered else None


def tally(drill: Drill, answer_sets: Sequence[Mapping[str, Any]]) -> list[ItemTally]:
    """Every item's count over a room's answer sets, the most-missed items first.

    The debrief of a live quiz goes over the questions most people got wrong: items are ordered
    by the share right (lowest first), then by how many answered (most first), then by number;
    items nobody answered come last. Each answer is checked against the key :func:`answer_key`
    computes, so the room is scored by the same rule as a learner alone.
    """
    counts = []
    for item in drill.items:
        given = [answers.get(item.key) for answers in answer_sets]
        answered = [value for value in given if value is not None]
        right = sum(1 for value in answered if value == item.answer)
        counts.append(ItemTally(item, len(answered), right))

    def most_missed_first(count: ItemTally) -> tuple[int, float, int, int]:
        share = count.share_right
        return (share is None, share or 0.0, -count.answered, count.item.number)

    return sorted(counts, key=most_missed_first)
