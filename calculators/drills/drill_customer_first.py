"""Self-check drill: which customer first? 先做哪个客户 (source: raising-customer-value.txt,
「哪个客户是你的优先选择？其次呢？」).

A new hire sees two to four open deals, each with the rep's estimate of its chance of success
and its amount, in a real planning moment (one visit slot on Monday, one day of an engineer's
time, the quarter-end push), and picks the customer to work first. The rule is the expected
value, chance × amount: the biggest deal is first only when its expected value is the highest,
and a smaller, likelier deal often beats it. The bank is ``calculators/banks/customer_first.json``;
the drill's page is ``self-check/customer-first`` and its feedback sends the learner to
``prioritising/expected-value``.

The answer is computed with
:func:`calculators.models.expected_value.expected_value`; the bank stores only the customers
and their figures.

Decisions where the source is unclear (raising-customer-value.txt):

* **No ties at the top.** The expected value model breaks a tie by the order of entry, which
  is no lesson for a learner. Every item's highest expected value (rounded to 2 decimals, as the
  model rounds) is strictly above the second; a bank item with a tie at the top fails at import
  (and in the tests). Ties below the top are harmless but avoided too.
* **Choices are the customers' letters** (A to D in the order listed), labelled with the name,
  amount and chance, so the learner answers from the figures shown, not from the story alone.
* **Amounts and chances.** Amounts are in 万元 (10k CNY) and strictly positive; chances are
  whole or decimal percentages above 0 and below 100 (a deal at 100% is already won and a deal
  at 0% is not a deal, so neither belongs in a "which first" choice).
* **Items chosen.** Eighteen planning moments with 2 to 4 customers. In most the largest deal
  is not first; in some it is (a big deal with a fair chance still wins), so "always the
  smaller, likelier one" is as wrong as "always the biggest".
* **Classic traps.** Item 1 tempts the learner to pick the biggest amount, item 4 the
  likeliest deal; a learner's run starts blank (see :mod:`calculators.drills._drill`).
* **The explanation** lists every customer's expected value, highest first, and says whether
  the first is also the largest deal or ranks ahead of a larger one.
* Scoring, verdict bands and the answer key follow :mod:`calculators.drills._drill`.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from ..core import Calculator, Choice, PageLink, Result, Text, fmt
from ..core._units import WAN as WAN_UNIT
from ..models.expected_value import expected_value
from . import _drill

BANK = "customer_first.json"
PAGE = PageLink(
    "prioritising/expected-value",
    Text("先做哪个客户？（期望值）", "Which customer first? (expected value)"),
)
LETTERS = ("A", "B", "C", "D")


@dataclass(frozen=True)
class Customer:
    """One customer of an item: its letter, name, chance of success and amount."""

    letter: str
    name: Text
    probability_pct: float
    amount_wan: float

    @property
    def expected_wan(self) -> float:
        return expected_value(self.probability_pct, self.amount_wan)

    def choice(self) -> Choice:
        p, a = fmt(self.probability_pct), fmt(self.amount_wan)
        return Choice(
            self.letter,
            Text(
                f"{self.letter}：{self.name.zh}（{a} 万元，成功率 {p}%）",
                f"{self.letter}: {self.name.en} ({a} × {WAN_UNIT.label.en}, {p}% chance)",
            ),
        )


def answer_for(customers: tuple[Customer, ...]) -> tuple[str, Text]:
    """The letter of the customer to work first, by expected value, and why.

    The top expected value must be unique (a bank with a tie at the top is an error).
    """
    ranked = sorted(customers, key=lambda c: -c.expected_wan)
    first, second = ranked[0], ranked[1]
    if first.expected_wan <= second.expected_wan:
        raise ValueError(
            f"{first.letter} and {second.letter} tie for first at {fmt(first.expected_wan)}"
        )
    sums_zh = ",".join(
        f"{c.letter} {fmt(c.amount_wan)} × {fmt(c.probability_pct)}% = {fmt(c.expected_wan)}"
        for c in ranked
    )
    sums_en = ", ".join(
        f"{c.letter} {fmt(c.amount_wan)} × {fmt(c.probability_pct)}% = {fmt(c.expected_wan)}"
        for c in ranked
    )
    largest = max(customers, key=lambda c: c.amount_wan)
    if first.amount_wan >= largest.amount_wan:
        tail = Text(
            f"先做 {first.letter}：期望值最高，它也是金额最大的单子。",
            f"{first.letter} first: the highest expected value, and the largest deal too.",
        )
    else:
        tail = Text(
            f"先做 {first.letter}：期望值最高，排在金额更大的 {largest.letter} 前面，"
            f"因为 {largest.letter} 的成功率只有 {fmt(largest.probability_pct)}%。",
            f"{first.letter} first: the highest expected value, ahead of the larger deal "
            f"{largest.letter}, whose chance is only {fmt(largest.probability_pct)}%.",
        )
    return first.letter, Text(
        f"期望值 = 金额 × 成功率（万元）：{sums_zh}。{tail.zh}",
        f"Expected value = amount × chance ({WAN_UNIT.label.en}): {sums_en}. {tail.en}",
    )


def _customers(raw: Any, where: str) -> tuple[Customer, ...]:
    if not isinstance(raw, list) or not 2 <= len(raw) <= len(LETTERS):
        raise ValueError(f"{where}: an item lists 2 to {len(LETTERS)} customers")
    customers = []
    for position, data in enumerate(raw):
        here = f"{where} customer {position + 1}"
        letter = data.get("letter")
        if letter != LETTERS[position]:
            raise ValueError(f"{here}: letter must be {LETTERS[position]!r}")
        p, a = data.get("probability_pct"), data.get("amount_wan")
        for value in (p, a):
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise ValueError(f"{here}: probability_pct and amount_wan must be numbers")
        if not (0 < p < 100 and a > 0):
            raise ValueError(f"{here}: the chance must be above 0 and below 100%, the amount > 0")
        customers.append(Customer(letter, _drill.text(data.get("name"), f"{here} name"), p, a))
    return tuple(customers)


def _load() -> tuple[tuple[_drill.Item, ...], dict[str, tuple[Customer, ...]]]:
    items = []
    lists = {}
    for raw in _drill.load_bank(BANK):
        where = f"{BANK} {raw['key']}"
        prompt = _drill.text(raw.get("prompt"), f"{where} prompt")
        context = _drill.text(raw.get("context"), f"{where} context")
        customers = _customers(raw.get("customers"), where)
        try:
            letter, why = answer_for(customers)
        except ValueError as error:
            raise ValueError(f"{where}: {error}") from None
        choices = tuple(c.choice() for c in customers)
        items.append(
            _drill.check_answer(
                _drill.Item(raw["key"], prompt, context, choices, letter, why), where
            )
        )
        lists[raw["key"]] = customers
    return tuple(items), lists


ITEMS, _data = _load()
#: Each item's customers, in the order listed (A, B, …).
ITEM_CUSTOMERS: MappingProxyType[str, tuple[Customer, ...]] = MappingProxyType(_data)
del _data

DRILL = _drill.Drill(
    items=ITEMS,
    link=PAGE,
    rule=Text(
        "规则：期望值 = 金额 × 成功率。先做期望值最高的客户，而不是金额最大或最有把握的那个。",
        "The rule: expected value = amount × chance of success. Work first on the customer "
        "with the highest expected value, not the largest or the likeliest deal.",
    ),
    review=Text(
        "每次都把两个数乘出来再比较：大单子把握小，期望值可能不如小单子；"
        "但把握大的小单子也不一定排第一。",
        "Multiply the two numbers every time before comparing: a big deal with a small chance "
        "can be worth less than a small one, but the likeliest small deal is not automatically "
        "first either.",
    ),
    mastered=Text(
        "已掌握：把你自己本周的单子输入期望值计算器排好顺序，再对金额大、把握小的单子"
        "安排能提高成功率的跟进。",
        "Mastered: put this week's own deals into the expected value calculator to order them, "
        "and plan follow-ups that raise the chance of the big but unlikely ones.",
    ),
)

FIELDS = _drill.fields(ITEMS)


def answer_key() -> list[tuple[str, str]]:
    """Every item's field key with the letter of the customer to work first, in order."""
    return _drill.answer_key(DRILL)


def compute(inputs: dict[str, Any]) -> Result:
    """Score the learner's choices and explain every item with its expected values."""
    return _drill.score(DRILL, inputs)


CALCULATOR = Calculator(
    slug="drill_customer_first",
    title=Text("先做哪个客户？", "Which customer first?"),
    summary=Text(
        f"{len(ITEMS)} 个排优先的时刻：从 2 到 4 个客户里选出先做的那个，"
        "马上看到对错和每个客户的期望值。",
        f"{len(ITEMS)} planning moments: pick which of 2 to 4 customers to work first and see "
        "at once whether you are right, with every customer's expected value.",
    ),
    source="raising-customer-value.txt",
    fields=FIELDS,
    compute=compute,
    page="self-check/customer-first",
    order=104,
    kind="drill",
    field_results=_drill.FIELD_RESULTS,
    answer_key=lambda: _drill.answer_key_result(DRILL),
)
