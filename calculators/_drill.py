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
* **The answer key.** With nothing answered the result table is the full answer key: each
  item's prompt, answer, reason and page (the empty "your answer" and "right?" columns are
  left out), so a trainer can print it or run the drill on a projector. Once the learner
  has started, a blank item's answer and reason stay hidden ("shown once answered") so the
  table does not give away the items still to do; answered items, right or wrong, show the
  correct answer, the reason in sales terms and a link to the playbook page that teaches it.
* **The worked example** answers the first few items, with one or two typical mistakes, so
  the page shows feedback before the reader touches anything.
* **A bad bank is a programming error**, raised as ``ValueError`` at import (like a choice
  field without choices), never an :class:`~calculators._schema.InputError`: the learner cannot
  cause it, and the tests load every bank.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib.resources import files
from typing import Any

from ._schema import PCT, Choice, Field, Figure, PageLink, Result, ResultTable, Text, Verdict, fmt
from .questions import BANDS, band_for

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
#: With nothing answered the table is the answer key: each item's prompt instead of the
#: (empty) answer and mark columns, so a trainer can print it.
KEY_COLUMNS = (
    ("item", Text("题号", "Item")),
    ("prompt", Text("题目", "Prompt")),
    ("correct_answer", Text("正确答案", "Correct answer")),
    ("why", Text("原因", "Why")),
    ("page", Text("复习", "Review")),
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


def example_answers(
    items: Sequence[Item], answered: int, mistakes: Mapping[str, str]
) -> dict[str, str | None]:
    """The worked example: the first ``answered`` items answered right except ``mistakes``."""
    example: dict[str, str | None] = {}
    for position, item in enumerate(items):
        if position >= answered:
            example[item.key] = None
        elif item.key in mistakes:
            mistake = mistakes[item.key]
            if mistake == item.answer or mistake not in {c.value for c in item.choices}:
                raise ValueError(f"{item.key}: the example's mistake must be a wrong choice")
            example[item.key] = mistake
        else:
            example[item.key] = item.answer
    stray = set(mistakes) - {item.key for item in items[:answered]}
    if stray:
        raise ValueError(f"example mistakes on items it does not answer: {sorted(stray)}")
    return example


def fields(items: Sequence[Item], defaults: Mapping[str, str | None]) -> tuple[Field, ...]:
    """One optional ``choice`` field per item: label = number and prompt, help = the context."""
    return tuple(
        Field(
            key=item.key,
            kind="choice",
            label=Text(f"{item.number}. {item.prompt.zh}", f"{item.number}. {item.prompt.en}"),
            help=item.context,
            choices=item.choices,
            default=defaults.get(item.key),
            required=False,
        )
        for item in items
    )


def _numbers(numbers: Sequence[int]) -> tuple[str, str]:
    return "、".join(str(n) for n in numbers), ", ".join(str(n) for n in numbers)


def score(drill: Drill, inputs: Mapping[str, Any]) -> Result:
    """Score the learner's answers against the computed key and give feedback per item."""
    items = drill.items
    total = len(items)
    answered = [item for item in items if inputs.get(item.key) is not None]
    right = [item for item in answered if inputs[item.key] == item.answer]
    wrong = [item for item in answered if inputs[item.key] != item.answer]
    left = total - len(answered)
    # Scored on the answered items only; the figure is blank until something is answered.
    pct = round(len(right) * 100 / len(answered), 2) if answered else 0.0
    score_pct = pct if answered else None

    if not answered:
        key = "not_started"
        label = Text(
            f"还没有作答：下表是 {total} 道题的答案",
            f"Not started: the table is the answer key to all {total} items",
        )
    elif left:
        key = "in_progress"
        label = Text(
            f"进行中：已答 {len(answered)} 题，对 {len(right)} 题（{fmt(pct)}%），还剩 {left} 题",
            f"In progress: {len(right)} of {len(answered)} right so far ({fmt(pct)}%), "
            f"{left} to go",
        )
    else:
        key = band_for(pct)
        label = Text(
            f"{BANDS[key].label.zh}（{total} 题对 {len(right)} 题，{fmt(pct)}%）",
            f"{BANDS[key].label.en} ({len(right)} of {total} right, {fmt(pct)}%)",
        )

    reasoning = [drill.rule]
    if answered:
        reasoning.append(
            Text(
                f"共 {total} 题，已答 {len(answered)} 题：对 {len(right)} 题，错 {len(wrong)} 题，"
                f"得分 {fmt(pct)}%（按已答题计算，未答的不算错）。",
                f"{len(answered)} of {total} items answered: {len(right)} right, {len(wrong)} "
                f"wrong, score {fmt(pct)}% of the answered items (blanks are not wrong).",
            )
        )
        if not left:
            reasoning.append(
                Text(
                    f"{BANDS[key].label.zh}：{BANDS.range(key).zh}。",
                    f"{BANDS[key].label.en}: {BANDS.range(key).en}.",
                )
            )
    else:
        reasoning.append(
            Text(
                "还没有作答：表中是每道题的正确答案和原因，培训师可以直接用作答案。",
                "Nothing answered yet: the table gives every item's answer and the reason, "
                "for a trainer to use as the key.",
            )
        )
    for item in wrong:
        given = item.label_of(inputs[item.key])
        correct = item.label_of(item.answer)
        reasoning.append(
            Text(
                f"第 {item.number} 题：你选了「{given.zh}」，正确答案是「{correct.zh}」。"
                f"{item.explanation.zh}",
                f"Item {item.number}: you chose '{given.en}', the answer is '{correct.en}'. "
                f"{item.explanation.en}",
            )
        )

    actions: list[Text] = []
    if wrong:
        zh, en = _numbers([item.number for item in wrong])
        actions.append(
            Text(
                f"复习第 {zh} 题的原因，再读一遍「{drill.link.label.zh}」。",
                f"Go over the reasons for item(s) {en}, then reread '{drill.link.label.en}'.",
            )
        )
        actions.append(drill.review)
    if not answered:
        actions.append(
            Text(
                f"学员：逐题选出答案，留空的题不计分。培训师：下表就是 {total} 道题的答案和讲解。",
                f"Learners: choose an answer for each item; blanks are not scored. Trainers: "
                f"the table is the key to all {total} items, with the reasons.",
            )
        )
    elif left:
        actions.append(
            Text(
                f"还有 {left} 题没答：答完再看总评。",
                f"{left} item(s) still to answer: finish them for the overall verdict.",
            )
        )
    elif key == "mastered":
        actions.append(drill.mastered)

    rows = []
    for item in items:
        given_value = inputs.get(item.key)
        shown = given_value is not None or not answered
        if given_value is None:
            mark = NOT_ANSWERED
        else:
            mark = RIGHT if given_value == item.answer else WRONG
        rows.append(
            {
                "item": item.number,
                "prompt": item.prompt,
                "your_answer": item.label_of(given_value) if given_value is not None else None,
                "correct_answer": item.label_of(item.answer) if shown else HIDDEN,
                "mark": mark,
                "why": item.explanation if shown else HIDDEN,
                "page": drill.link,
            }
        )
    columns = FEEDBACK_COLUMNS if answered else KEY_COLUMNS
    table = ResultTable(
        "items",
        Text("逐题反馈", "Item by item") if answered else Text("答案", "Answer key"),
        columns,
        tuple({k: row[k] for k, _ in columns} for row in rows),
    )

    return Result(
        figures=(
            Figure("items", Text("题数", "Items"), total),
            Figure("answered", Text("已答", "Answered"), len(answered)),
            Figure("correct", Text("答对", "Right"), len(right)),
            Figure("wrong", Text("答错", "Wrong"), len(wrong)),
            Figure("score_pct", Text("得分（已答题）", "Score (answered items)"), score_pct, PCT),
        ),
        verdict=Verdict(key, label),
        reasoning=tuple(reasoning),
        actions=tuple(actions),
        tables=(table,),
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
