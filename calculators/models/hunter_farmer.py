"""Hunter or farmer? 猎人与农夫, a self-assessment (source: raising-customer-value.txt).

The slide sets a hunter 猎人 against a farmer 农夫 on nine traits, to find a salesperson's
strengths and weaknesses 如何发掘业务员的优势和劣势. The hunter builds rapport fast, is
outgoing, persistent and dominating, bends rules, is money-minded, self-centred, loves risk and a
free life, and is good at opening new business 善于开拓新生意. The farmer is slow and
methodical, introverted, easy-going, follows rules, is security-minded, extremely loyal to the
company and its customers, careful, family-oriented, and maintains existing customers
老客户的维护. Neither is better: a sales team needs both.

Decisions where the source is unclear (raising-customer-value.txt):

* **Scale.** The slide only lists the pairs. Each pair is answered on a five-point scale from
  +2 (strongly the hunter's trait) through 0 (both equally, or neither) to −2 (strongly the
  farmer's trait). The hunter score is the sum, −18 to +18; the hunter percentage maps it onto
  0–100% ((score + 18) ÷ 36).
* **Profile thresholds.** ``hunter`` above 60% (a score of +4 or more), ``farmer`` below 40%
  (−4 or less), ``balanced`` from 40% to 60% (−3 to +3). The bands are symmetric, so reversing
  every answer turns a hunter into a farmer.
* **Traits listed as strengths.** A pair answered ±1 or ±2 counts towards that side; the
  reasoning lists each side's traits.
* **Role and team advice.** The source ends at the table. The role each profile suits follows
  its last pair (opening new business vs maintaining existing customers); the advice on building
  a team of both (hand-over, pairing, rewards) is ours, not the slide's.
* **Default.** A plausible answered example of a new-business rep, not taken from the source.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..core import (
    Calculator,
    Choice,
    Field,
    Result,
    ResultTable,
    Text,
    fmt,
)
from ..core._bands import Band, Bands, above, at_least, at_most, below
from ..core._tail import columns, figure, result, table, verdict
from ..core._units import PERCENT

#: The nine pairs of the slide: field key, the hunter's trait, the farmer's trait.
TRAIT_PAIRS: tuple[tuple[str, Text, Text], ...] = (
    (
        "rapport_pace",
        Text("快速搞好关系", "Builds rapport fast"),
        Text("慢，有条理的", "Slow, methodical"),
    ),
    ("outgoing", Text("外向", "Extrovert"), Text("内向", "Introvert")),
    (
        "drive",
        Text("坚持、进取、支配型的", "Persistent, driven, dominating"),
        Text("悠然的", "Easy-going"),
    ),
    ("rules", Text("通常不理会规则", "Often ignores rules"), Text("服从规则", "Follows rules")),
    ("motivation", Text("重金钱意识", "Money-minded"), Text("重安全意识", "Security-minded")),
    (
        "loyalty",
        Text("自私、自我", "Self-centred"),
        Text("对公司和客户极度忠诚", "Extremely loyal to company and customers"),
    ),
    ("risk", Text("喜爱冒险", "Loves risk"), Text("谨慎的、小心的", "Careful, cautious")),
    ("lifestyle", Text("喜爱自由生活", "Loves a free life"), Text("重家庭", "Family-oriented")),
    (
        "business_focus",
        Text("善于开拓新生意", "Good at opening new business"),
        Text("老客户的维护", "Maintains existing customers"),
    ),
)

MAX_SCORE = 2 * len(TRAIT_PAIRS)
#: Profile bands on the hunter percentage: a hunter above 60% (a score of +4 or more), a farmer
#: below 40% (−4 or less); symmetric, so reversing every answer turns a hunter into a farmer.
HUNTER_ABOVE_PCT = 60
FARMER_BELOW_PCT = 40

LEANS: dict[int, Text] = {
    2: Text("很像猎人", "Strongly hunter"),
    1: Text("偏猎人", "Leans hunter"),
    0: Text("两者之间", "In between"),
    -1: Text("偏农夫", "Leans farmer"),
    -2: Text("很像农夫", "Strongly farmer"),
}

PROFILES = Bands(
    name="hunter_farmer",
    measure=Text("猎人倾向", "Hunter share"),
    unit=PERCENT,
    bands=(
        Band("hunter", Text("猎人型", "Hunter"), lower=above(HUNTER_ABOVE_PCT)),
        Band(
            "balanced",
            Text("兼具猎人和农夫", "Balanced hunter and farmer"),
            lower=at_least(FARMER_BELOW_PCT),
            upper=at_most(HUNTER_ABOVE_PCT),
        ),
        Band("farmer", Text("农夫型", "Farmer"), upper=below(FARMER_BELOW_PCT)),
    ),
)

ROLE: dict[str, Text] = {
    "hunter": Text(
        "最适合开拓新生意：寻找潜在客户、首次接触、拿下新客户。要注意的是规则、文书和成交后的维护："
        "成交后把客户交给擅长维护的同事，或者给自己定好回访计划。",
        "Best at opening new business: finding prospects, first contacts, winning new "
        "accounts. Watch the rules, the paperwork and the care after the sale: hand won "
        "accounts to someone who maintains them well, or plan your own follow-up visits.",
    ),
    "farmer": Text(
        "最适合维护老客户：客户管理、服务，在现有客户里提高份额。要注意的是新生意："
        "给自己定开发新客户的目标，或者和猎人型同事搭档去开拓。",
        "Best at maintaining existing customers: account management, service, growing the "
        "share of existing accounts. Watch new business: set yourself a target for new "
        "accounts, or pair with a hunter to open them.",
    ),
    "balanced": Text(
        "开拓和维护都能做：适合从开发到维护全程负责一个大客户；看团队缺哪一种，就往哪一边多用力。",
        "Can both open and keep business: suited to owning a key account from development to "
        "maintenance; lean towards whichever the team lacks.",
    ),
}

TEAM_ADVICE = Text(
    "团队要两种人都有：猎人开拓新客户，农夫维护和发展老客户。成交后由猎人把客户介绍给农夫交接；"
    "重点客户让两人搭档；猎人按新生意奖励，农夫按客户保留和增长奖励。",
    "A team needs both: hunters open new accounts, farmers keep and grow them. Once a deal is "
    "won, the hunter introduces the farmer and hands the account over; pair the two on key "
    "accounts; reward hunters for new business and farmers for retention and growth.",
)


def profile_for(score: int) -> str:
    """The profile of a hunter score (−18…+18): "hunter", "farmer" or "balanced"."""
    return PROFILES.of(hunter_pct(score)).key


def hunter_pct(score: int) -> float:
    """The hunter score as a percentage: −18 → 0%, 0 → 50%, +18 → 100%."""
    return round((score + MAX_SCORE) * 100 / (2 * MAX_SCORE), 2)


def _pair_field(key: str, hunter: Text, farmer: Text, default: int) -> Field:
    def side(value: int) -> Text:
        if value == 0:
            return Text("两者都有（或都不是）", "Both equally (or neither)")
        trait = hunter if value > 0 else farmer
        return Text(f"{LEANS[value].zh}：{trait.zh}", f"{LEANS[value].en}: {trait.en}")

    return Field(
        key=key,
        kind="choice",
        label=Text(f"{hunter.zh} ↔ {farmer.zh}", f"{hunter.en} ↔ {farmer.en}"),
        help=Text(
            f"哪一边更像你？猎人：{hunter.zh}；农夫：{farmer.zh}。",
            f"Which side is more like you? Hunter: {hunter.en}; farmer: {farmer.en}.",
        ),
        choices=tuple(Choice(str(v), side(v)) for v in (2, 1, 0, -1, -2)),
        default=str(default),
    )


#: A plausible rep who opens new business: leans hunter on most pairs, loyal, rule-neutral.
DEFAULT_ANSWERS = (2, 1, 1, 0, 1, -1, 1, 0, 2)

FIELDS = tuple(
    _pair_field(key, hunter, farmer, answer)
    for (key, hunter, farmer), answer in zip(TRAIT_PAIRS, DEFAULT_ANSWERS, strict=True)
)


@dataclass(frozen=True)
class Profile:
    """Nine answers summed into a hunter score, its share on 100 and its profile band, with
    the traits on each side."""

    #: (key, hunter trait, farmer trait, answer from −2 to +2) per pair
    answers: list[tuple[str, Text, Text, int]]
    score: int
    pct: float
    profile: str

    @property
    def hunter_side(self) -> list[Text]:
        """The traits answered on the hunter's side."""
        return [hunter for _, hunter, _, a in self.answers if a > 0]

    @property
    def farmer_side(self) -> list[Text]:
        """The traits answered on the farmer's side."""
        return [farmer for _, _, farmer, a in self.answers if a < 0]

    @property
    def between(self) -> int:
        """How many pairs were answered in between."""
        return sum(1 for *_, a in self.answers if a == 0)


def profile(inputs: dict[str, Any]) -> Profile:
    """The hunter score (the sum of the nine answers), its share and its profile
    (METHODOLOGY.md §10, raising-customer-value.txt)."""
    answers = [(key, hunter, farmer, int(inputs[key])) for key, hunter, farmer in TRAIT_PAIRS]
    score = sum(a for *_, a in answers)
    return Profile(answers, score, hunter_pct(score), profile_for(score))


def _side(traits: list[Text], zh: str, en: str) -> Text:
    """The traits on one side, named."""
    return Text(
        f"偏{zh}的 {len(traits)} 项：" + "".join(f"「{t.zh}」" for t in traits) + "。",
        f"{len(traits)} on the {en}'s side: " + "; ".join(t.en.lower() for t in traits) + ".",
    )


def _reasoning(p: Profile) -> list[Text]:
    """The score and its band, then the traits on each side and those in between."""
    band = p.profile
    reasoning = [
        Text(
            f"九组特质合计 {p.score:+d} 分（−18 到 +18），猎人倾向 {fmt(p.pct)}%："
            f"{PROFILES[band].label.zh}（{PROFILES.range(band).zh}）。",
            f"Nine pairs add up to {p.score:+d} (of −18 to +18), {fmt(p.pct)}% hunter: "
            f"{PROFILES[band].label.en.lower()} ({PROFILES.range(band).en}).",
        )
    ]
    if p.hunter_side:
        reasoning.append(_side(p.hunter_side, "猎人", "hunter"))
    if p.farmer_side:
        reasoning.append(_side(p.farmer_side, "农夫", "farmer"))
    if p.between:
        reasoning.append(Text(f"{p.between} 项在两者之间。", f"{p.between} in between."))
    return reasoning


def _pairs_table(p: Profile) -> ResultTable:
    """The nine pairs, each answer and which side it leans to."""
    rows = (
        {
            "pair": Text(f"{hunter.zh} ↔ {farmer.zh}", f"{hunter.en} ↔ {farmer.en}"),
            "answer": a,
            "lean": LEANS[a],
            "trait": hunter if a > 0 else farmer if a < 0 else Text("—", "—"),
        }
        for _, hunter, farmer, a in p.answers
    )
    heads = columns(
        ("pair", "猎人 ↔ 农夫", "Hunter ↔ farmer"),
        ("answer", "分", "Points"),
        ("lean", "倾向", "Lean"),
        ("trait", "更像", "More like"),
    )
    return table("pairs", Text("九组特质", "The nine pairs"), heads, rows)


def compute(inputs: dict[str, Any]) -> Result:
    """Sum the nine answers into a hunter score, band it and say what it means for the role."""
    p = profile(inputs)
    label = PROFILES[p.profile].label
    return result(
        figures=(
            figure("hunter_score", "猎人分", "Hunter score", p.score),
            figure("hunter_pct", "猎人倾向", "Hunter share", p.pct, PERCENT.label),
            figure("hunter_pairs", "偏猎人的项", "Pairs leaning hunter", len(p.hunter_side)),
            figure("farmer_pairs", "偏农夫的项", "Pairs leaning farmer", len(p.farmer_side)),
            figure("between_pairs", "两者之间的项", "Pairs in between", p.between),
        ),
        verdict=verdict(
            p.profile,
            f"{label.zh}：猎人倾向 {fmt(p.pct)}%",
            f"{label.en}: {fmt(p.pct)}% hunter",
        ),
        reasoning=_reasoning(p),
        actions=(ROLE[p.profile], TEAM_ADVICE),
        tables=(_pairs_table(p),),
    )


CALCULATOR = Calculator(
    slug="hunter_farmer",
    title=Text("猎人还是农夫？销售员自测", "Hunter or farmer? A salesperson's self-check"),
    summary=Text(
        "九组特质，每组从「很像猎人」到「很像农夫」选一项：猎人善于开拓新生意，农夫擅长维护老客户，"
        "团队两种人都需要。",
        "Nine pairs of traits, each answered from strongly hunter to strongly farmer: hunters "
        "open new business, farmers keep existing customers, and a team needs both.",
    ),
    source="raising-customer-value.txt",
    fields=FIELDS,
    compute=compute,
    page="people/hunter-farmer",
    order=10,
)
