"""Self-check drill: open or closed? 开放式还是封闭式 (source:
key-account-development-techniques.txt, "(2)提问", "两种提问方式的优劣势", "5大类问题(举例)").

A new hire reads questions a rep asks a key-account customer, each in the situation it is asked
in (first visit, gathering purchase-project facts, following up samples, agreeing the next
visit…), and marks each one open or closed. Knowing the kind matters in the call: open questions
gather complete information in a pleasant atmosphere, closed ones steer the talk, save time and
pin the need down. The bank is ``calculators/banks/questions.json``; the drill's page is
``self-check/questions`` and its feedback sends the learner to ``developing/needs``.

The answer to each item is computed by :func:`calculators.models.questions.classify`, the
same rule as the open/closed questions model; the bank stores only the questions and their
situations.

Decisions where the source is unclear (key-account-development-techniques.txt):

* **Chinese and English versions.** Each item is one question written in both languages. Both
  versions are classified and must agree, and neither may be "undecided"; a bank item that
  breaks this fails at import (and in the tests), so a learner never meets an item whose answer
  depends on the language. The explanation quotes the cue that decided each version (「吗」 in
  Chinese, "are" in English).
* **"Any-" words.** When a closed Chinese question contains an open word (有什么问题吗), the
  Chinese explanation adds that 什么/哪 only means "any" there, as the model's own feedback does.
* **Items chosen.** Eighteen questions, half open and half closed, most taken or adapted from
  the deck's example questions in its five categories and its opening and closing lines, plus
  the classic traps: a narrow fact (预算是多少, open), 有什么…吗 (closed) and a choice with 还是
  (closed).
* **Classic traps.** 有什么问题吗 (item 2) reads as open but is closed, and 采购预算是多少
  (item 3, a narrow fact) reads as closed but is open.
* Scoring, verdict bands and the answer key follow :mod:`calculators.drills._drill`.
"""

from __future__ import annotations

from typing import Any

from ..core import Calculator, Choice, PageLink, Result, Text
from ..models.questions import (
    CLOSED,
    KIND_FEEDBACK,
    KINDS,
    OPEN,
    UNDECIDED,
    classify_with_cue,
    open_word,
)
from . import _drill

BANK = "questions.json"
PAGE = PageLink("developing/needs", Text("了解需求：提问", "Understand the needs: questions"))
CHOICES = (Choice(OPEN, KINDS[OPEN]), Choice(CLOSED, KINDS[CLOSED]))

_WHY = {
    OPEN: Text(
        "客户需要展开回答，不能只用「是」或「不是」打发",
        "the customer has to answer in their own words; yes or no will not do",
    ),
    CLOSED: Text(
        "客户用「是/不是」或在问题给出的选项里挑一个就能回答",
        "the customer can answer yes or no, or pick one of the options offered",
    ),
}


def answer_for(question: Text) -> tuple[str, Text]:
    """The kind of a bank question and why, from both language versions (they must agree)."""
    kind_zh, cue_zh = classify_with_cue(question.zh)
    kind_en, cue_en = classify_with_cue(question.en)
    if kind_zh != kind_en or kind_zh == UNDECIDED:
        raise ValueError(
            f"question {question.en!r}: Chinese reads {kind_zh}, English reads {kind_en}; "
            "both must be the same, open or closed"
        )
    kind = kind_zh
    note = ""
    word = open_word(question.zh)
    if kind == CLOSED and word:
        note = f"句中的「{word}」在这里只表示「任何」，问题仍然是封闭式。"
    why = Text(
        f"提示词「{cue_zh}」：{_WHY[kind].zh}。{note}{KIND_FEEDBACK[kind].zh}",
        f"The cue '{cue_en}' means {_WHY[kind].en}. {KIND_FEEDBACK[kind].en}",
    )
    return kind, why


def _items() -> tuple[_drill.Item, ...]:
    items = []
    for raw in _drill.load_bank(BANK):
        where = f"{BANK} {raw['key']}"
        question = _drill.text(raw.get("question"), f"{where} question")
        context = _drill.text(raw.get("context"), f"{where} context")
        kind, why = answer_for(question)
        items.append(
            _drill.check_answer(
                _drill.Item(raw["key"], question, context, CHOICES, kind, why), where
            )
        )
    return tuple(items)


ITEMS = _items()

DRILL = _drill.Drill(
    items=ITEMS,
    link=PAGE,
    rule=Text(
        "规则：能用「是/不是」回答、或在问题给出的选项里挑一个的，是封闭式；"
        "要客户展开说的（什么、怎样、为什么、谁、多少……）是开放式。",
        "The rule: a question answered yes or no, or by picking an offered option, is closed; "
        "one the customer must answer in their own words (what, how, why, who, how much…) is open.",
    ),
    review=Text(
        "先看句子的形式，不看话题：句末的「吗」、「是不是/有没有」或「还是」让问题变成封闭式，"
        "即使句中有「什么」；只问一个数字（预算是多少）也是开放式。",
        "Look at the question's form, not its topic: yes/no openers (is, do, can, will) and "
        "either-or choices make it closed; a narrow fact (what is the budget?) is still open.",
    ),
    mastered=Text(
        "已掌握：在下次拜访前写好五大类信息的问题清单，先用开放式问题展开，"
        "再用封闭式问题确认和锁定需求、约定下一步。",
        "Mastered: before your next visit, write your questions for the five information "
        "categories; open with open questions, then confirm, pin down the need and agree the "
        "next step with closed ones.",
    ),
)

FIELDS = _drill.fields(ITEMS)


def answer_key() -> list[tuple[str, str]]:
    """Every item's field key with its correct choice ("open" or "closed"), in order."""
    return _drill.answer_key(DRILL)


def compute(inputs: dict[str, Any]) -> Result:
    """Score the learner's open/closed answers and explain every item."""
    return _drill.score(DRILL, inputs)


CALCULATOR = Calculator(
    slug="drill_questions",
    title=Text("开放式还是封闭式？", "Open or closed?"),
    summary=Text(
        f"{len(ITEMS)} 个拜访大客户时会问的问题：判断每个是开放式还是封闭式，"
        "马上看到对错、原因和要复习的页面。",
        f"{len(ITEMS)} questions a rep asks a key account: mark each open or closed and see "
        "at once whether you are right, why, and which page to review.",
    ),
    source="key-account-development-techniques.txt",
    fields=FIELDS,
    compute=compute,
    page="self-check/questions",
    order=101,
    kind="drill",
    field_results=_drill.FIELD_RESULTS,
    answer_key=lambda: _drill.answer_key_result(DRILL),
)
