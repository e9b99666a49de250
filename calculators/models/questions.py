"""Open and closed questions 开放式/封闭式提问: a classification drill (source:
key-account-development-techniques.txt, "(2)提问", "两种提问方式的优劣势" and "5大类问题(举例)").

To understand a key account's needs the seller asks questions of two kinds. A closed question
封闭式 can be answered yes or no, or by picking an option the question offers: it controls the
conversation, saves time and pins down the need, but gathers incomplete information and makes
the atmosphere tense. An open question 开放式 asks the customer to tell: it gathers complete
information in a pleasant atmosphere, but takes longer and is harder to steer. The deck lists
five categories of information to gather: customer background, product needs, the purchase
project, personal information and competitors.

The drill: the trainee classifies a list of questions; :func:`classify` classifies them by the
rules below, the trainee's answers are scored, and every question gets the strengths and
weaknesses of its kind and, when a keyword shows it, the information category it serves.

Decisions where the source is unclear (key-account-development-techniques.txt):

* **The rule is the question's form.** Closed: answerable by yes/no or by choosing an offered
  option. Open: anything else that asks, including a narrow fact (多少, 谁, 什么时候; how many,
  who, when) — it cannot be answered yes or no.
* **Chinese closed cues win over open cues.** A sentence-final 吗 or 吧, 是否 / 能否 / 可否,
  an A-not-A pair (是不是、有没有、能不能、会不会、对不对、需不需要、了不了解、…) or a
  choice with 还是 makes the question closed, even when it contains 什么 or 哪: inside a yes/no
  question those words mean "any-" (有什么问题吗 = "any problems?"). Otherwise 什么、为什么、
  为何、如何、怎样、怎么、哪（哪些、哪里、哪个…）、谁、多少、多久、多长、多大、几时、何时
  or a prompt to tell (谈谈、说说、讲讲、聊聊、介绍一下、描述) make it open. A bare 呢 (「价格
  呢？」, "what about the price?") is read as open.
* **English.** A prompt to tell (tell me, describe, explain, walk me through, talk me through,
  share, talk about) is open wherever it stands, so "Can you tell me how…?" is open. Otherwise
  the first decisive word of the sentence, searched clause by clause across commas, decides:
  a wh-word (what, why, how, which, who, whom, whose, where, when) opens an open question, an
  auxiliary (is, are, do, does, did, can, could, will, would, should, have, has, may, …) a
  closed one. "Do you know why…?" is therefore closed: it can be answered yes. A tag at the
  end (", right?", ", isn't it?", ", correct?") makes it closed.
* **Notes in brackets are not part of the question.** The deck writes notes to the seller in
  brackets, e.g. 您这边的采购和付款流程(是否需要垫支)是怎样的?; they are dropped before
  classifying.
* **Several sentences.** When the text has a question mark, only the sentences ending in one
  are questions; otherwise every sentence is considered. If they are all of one kind, that is
  the kind; if they mix open and closed, or none has a cue, the result is "undecided" and the
  trainee's answer is not scored (the feedback says why: ask one question at a time).
* **Scoring and bands** (the deck gives none): accuracy = correct ÷ scored answers. 90% or
  more, mastered 已掌握; 70% to under 90%, nearly there 基本掌握; under 70%, practise again
  需要再练. With no scorable answer the verdict is "unscored" 仅作分类 and the drill only
  classifies.
* **Balance.** More than 70% closed (or open) among the classified questions is called
  lopsided and gets the matching action; the threshold is ours.
* **Information category.** Keywords assign a question to one of the five categories, tried in
  the order competitors, purchase project, product needs, personal, background (most specific
  first); no keyword, no category.
* **Default example.** Eight questions taken from the deck's example questions and its
  opening and closing lines, with a trainee answer set holding two typical mistakes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..core import (
    Calculator,
    Choice,
    Field,
    Figure,
    Result,
    ResultTable,
    Text,
    Verdict,
    fmt,
)
from ..core._bands import Band, Bands, above, at_least, at_most, below
from ..core._tail import columns, figure, result, table, verdict
from ..core._units import PERCENT

OPEN = "open"
CLOSED = "closed"
UNDECIDED = "undecided"

MASTERED_FROM = 90
NEARLY_FROM = 70
LOPSIDED_ABOVE = 70

KINDS: dict[str, Text] = {
    OPEN: Text("开放式", "Open"),
    CLOSED: Text("封闭式", "Closed"),
    UNDECIDED: Text("无法判断", "Undecided"),
}

#: The deck's table of strengths and weaknesses, as feedback for each kind.
KIND_FEEDBACK: dict[str, Text] = {
    OPEN: Text(
        "开放式：收集信息全面、谈话氛围愉快；但花费时间较多、谈话不容易控制。",
        "Open: gathers complete information in a pleasant atmosphere; but takes longer and "
        "the talk is harder to steer.",
    ),
    CLOSED: Text(
        "封闭式：控制谈话内容、节省时间、锁定客户需求；但收集信息不全、谈话气氛紧张。",
        "Closed: controls the conversation, saves time and pins down the need; but gathers "
        "incomplete information and makes the atmosphere tense.",
    ),
}

#: The drill's bands on the accuracy of the scored answers.
BANDS = Bands(
    name="questions",
    measure=Text("正确率", "Accuracy"),
    unit=PERCENT,
    bands=(
        Band("mastered", Text("已掌握", "Mastered"), lower=at_least(MASTERED_FROM)),
        Band(
            "nearly",
            Text("基本掌握", "Nearly there"),
            lower=at_least(NEARLY_FROM),
            upper=below(MASTERED_FROM),
        ),
        Band("practise", Text("需要再练", "Practise again"), upper=below(NEARLY_FROM)),
    ),
)
#: The balance of the questions on the share of closed ones: more than LOPSIDED_ABOVE% of
#: either kind is lopsided.
BALANCE = Bands(
    name="questions.balance",
    measure=Text("封闭式占比", "Closed share"),
    unit=PERCENT,
    digits=None,
    bands=(
        Band("mostly_open", Text("开放式偏多", "Mostly open"), upper=below(100 - LOPSIDED_ABOVE)),
        Band(
            "balanced",
            Text("比例合适", "Balanced"),
            lower=at_least(100 - LOPSIDED_ABOVE),
            upper=at_most(LOPSIDED_ABOVE),
        ),
        Band("mostly_closed", Text("封闭式偏多", "Mostly closed"), lower=above(LOPSIDED_ABOVE)),
    ),
)
#: The verdict when no answer can be scored: the questions are classified only.
UNSCORED = Text("仅作分类", "Classified only")

CATEGORIES: dict[str, Text] = {
    "competitors": Text("竞争对手资料", "Competitors"),
    "purchase": Text("采购项目资料", "Purchase project"),
    "product": Text("产品需求资料", "Product needs"),
    "personal": Text("客户个人资料", "Personal information"),
    "background": Text("客户背景资料", "Customer background"),
}

#: Keywords per category, tried in this order (most specific first). Lower-case for English.
CATEGORY_CUES: dict[str, tuple[str, ...]] = {
    "competitors": (
        "报价",
        "竞争",
        "对手",
        "其他公司",
        "别家",
        "他们",
        "competitor",
        "quote",
        "other supplier",
        "other vendor",
    ),
    "purchase": (
        "采购",
        "预算",
        "交货",
        "付款",
        "垫支",
        "参与",
        "决策",
        "审批",
        "招标",
        "方案",
        "budget",
        "purchas",
        "deliver",
        "payment",
        "decide",
        "decision",
        "approv",
        "tender",
        "proposal",
        "timeline",
    ),
    "product": (
        "规格",
        "尺寸",
        "数量",
        "型号",
        "类别",
        "图纸",
        "参数",
        "用量",
        "specification",
        "quantity",
        "volume",
        "model number",
        "how many units",
    ),
    "personal": (
        "家乡",
        "哪里人",
        "家庭",
        "大学",
        "毕业",
        "爱好",
        "兴趣",
        "运动",
        "平时",
        "周末",
        "不上班",
        "杭州",
        "您有什么想法",
        "hometown",
        "family",
        "hobby",
        "hobbies",
        "weekend",
        "university",
        "sport",
    ),
    "background": (
        "公司",
        "产品",
        "工艺",
        "业务",
        "客户是谁",
        "看重",
        "使用",
        "组织",
        "company",
        "business",
        "product",
        "process",
        "customers",
        "use ",
    ),
}

_BRACKETS = re.compile(r"[（(][^（）()]*[）)]")
_SENTENCE = re.compile(r"[^？?。！!；;]+[？?。！!；;]?")
_QUESTION_MARK = "？?"

_ZH_CLOSED = (
    re.compile(r"吗[\s？?。！!]*$"),
    re.compile(r"吧\s*[？?]"),
    re.compile(r"是否|能否|可否"),
    re.compile(r"([\u4e00-\u9fff])[不没]\1"),
    re.compile(r"([\u4e00-\u9fff]{2})[不没]\1"),
)
_ZH_OPEN = re.compile(
    r"什么|为什么|为何|如何|怎样|怎么|哪(?!怕)[些里儿个种位家]?|谁|多少|多久|多长|多大|几时|何时|"
    r"谈谈|说说|讲讲|聊聊|介绍一下|描述|呢[\s？?]*$"
)
#: A choice 「A 还是 B」 is closed, but only when no open cue is present: 为什么还是… is open.
_ZH_CHOICE = re.compile(r"还是")
_EN_PROMPT_WORDS = (
    r"(tell (me|us)|describe|explain|walk (me|us) through|talk (me|us) through|"
    r"share with (me|us)|share your (thoughts|views?|experience)|talk about)\b"
)
#: A prompt to tell counts when it opens the sentence or follows "can/could/would/will you".
_EN_PROMPT = re.compile(
    r"^(please\s+)?"
    + _EN_PROMPT_WORDS
    + r"|\b(can|could|would|will) you (please )?"
    + _EN_PROMPT_WORDS
)
_EN_TAG = re.compile(r",\s*(right|correct|ok|okay|yes|no|true|\w+n't\s+\w+)\s*[？?]?\s*$")
_FILLERS = {
    "so",
    "and",
    "but",
    "or",
    "ok",
    "okay",
    "well",
    "now",
    "then",
    "also",
    "just",
    "please",
    "oh",
}
_WH = {"what", "why", "how", "which", "who", "whom", "whose", "where", "when"}
_AUX = {
    "is",
    "are",
    "am",
    "was",
    "were",
    "do",
    "does",
    "did",
    "can",
    "could",
    "will",
    "would",
    "shall",
    "should",
    "have",
    "has",
    "had",
    "may",
    "might",
    "must",
    "isn't",
    "aren't",
    "wasn't",
    "weren't",
    "don't",
    "doesn't",
    "didn't",
    "can't",
    "couldn't",
    "won't",
    "wouldn't",
    "shouldn't",
    "haven't",
    "hasn't",
    "hadn't",
}
_WORD = re.compile(r"[a-z']+")


_EDGE = re.compile(r"^[\s，,？?。！!；;]+|[\s，,？?。！!；;]+$")


def _trim(text: str) -> str:
    """``text`` without spaces and punctuation at either end."""
    return _EDGE.sub("", text)


def _zh_kind(sentence: str) -> tuple[str, str] | None:
    """A Chinese sentence's kind by its cue: a closed cue (吗, 是不是…) first, then an open
    one (什么, 怎么…), then 还是 (a choice offered: closed); None when there is none."""
    for pattern in _ZH_CLOSED:
        match = pattern.search(sentence)
        if match:
            return CLOSED, _trim(match.group(0))
    match = _ZH_OPEN.search(sentence)
    if match:
        return OPEN, _trim(match.group(0))
    match = _ZH_CHOICE.search(sentence)
    if match:
        return CLOSED, match.group(0)
    return None


def _en_clause_kind(clause: str) -> tuple[str, str] | None:
    """An English clause's kind by its first word after fillers: a wh-word opens, an
    auxiliary (is, do, can…) closes; None when it starts with neither."""
    words = _WORD.findall(clause)
    while words and words[0] in _FILLERS:
        words.pop(0)
    if not words:
        return None
    if words[0].split("'")[0] in _WH:
        return OPEN, words[0].split("'")[0]
    if words[0] in _AUX:
        return CLOSED, words[0]
    return None


def _sentence_kind(sentence: str) -> tuple[str, str]:
    """The kind of one sentence and the cue that decided it ("" when none)."""
    found = _zh_kind(sentence)
    if found is not None:
        return found
    lower = sentence.lower().replace("’", "'").strip()
    match = _EN_PROMPT.search(lower)
    if match:
        return OPEN, match.group(0).strip()
    for clause in lower.split(","):
        found = _en_clause_kind(clause)
        if found is not None:
            return found
    match = _EN_TAG.search(lower)
    if match:
        return CLOSED, _trim(match.group(0))
    return UNDECIDED, ""


def classify_with_cue(question: str) -> tuple[str, str]:
    """The kind of ``question`` ("open", "closed" or "undecided") and the cue that decided it.

    For a question that mixes open and closed sentences the cue is "mixed"; for one with no
    cue at all it is "".
    """
    text = _BRACKETS.sub("", question).strip()
    sentences = [s.strip() for s in _SENTENCE.findall(text) if _trim(s)]
    asked = [s for s in sentences if s[-1] in _QUESTION_MARK]
    kinds = [_sentence_kind(s) for s in (asked or sentences)]
    decided = [(k, cue) for k, cue in kinds if k != UNDECIDED]
    if not decided:
        return UNDECIDED, ""
    if len({k for k, _ in decided}) > 1:
        return UNDECIDED, "mixed"
    return decided[0]


def classify(question: str) -> str:
    """Classify one question as "open", "closed" or "undecided" by the rules of this module."""
    return classify_with_cue(question)[0]


def open_word(question: str) -> str:
    """The first Chinese open cue word in ``question`` (什么, 哪些, 多少…), or "" if none.

    In a question that is closed (吗, 有没有…) such a word only means "any-": feedback uses this
    to explain why 有什么问题吗 is still closed. It does not classify anything by itself.
    """
    match = _ZH_OPEN.search(_BRACKETS.sub("", question))
    return _trim(match.group(0)) if match else ""


def category_of(question: str) -> str | None:
    """Which of the five information categories a question serves, if a keyword shows it."""
    text = _BRACKETS.sub("", question).lower() + " "
    for category, cues in CATEGORY_CUES.items():
        if any(cue in text for cue in cues):
            return category
    return None


def band_for(accuracy_pct: float | None) -> str:
    """The drill band for an accuracy in percent; None (nothing scored) is "unscored"."""
    if accuracy_pct is None:
        return "unscored"
    return BANDS.of(accuracy_pct).key


QUESTIONS = Field(
    key="questions",
    kind="table",
    label=Text("问题", "Questions"),
    help=Text(
        "每行一个问题（中文或英文）；学员可以在「我的判断」中选开放式或封闭式，留空则只分类。",
        "One question per row, in Chinese or English; the trainee may mark it open or closed, "
        "or leave it blank to have it classified only.",
    ),
    columns=(
        Field(
            key="question",
            kind="text",
            label=Text("问题", "Question"),
            help=Text("要问客户的一句话。", "What you would ask the customer."),
            maximum=200,
        ),
        Field(
            key="trainee_answer",
            kind="choice",
            label=Text("我的判断", "My answer"),
            help=Text(
                "你认为这是开放式还是封闭式问题；留空则不评分。",
                "Whether you think it is open or closed; leave blank not to be scored.",
            ),
            choices=(Choice(OPEN, KINDS[OPEN]), Choice(CLOSED, KINDS[CLOSED])),
            required=False,
        ),
    ),
    min_rows=1,
    default=[
        {
            "question": Text(
                "请问公司主要做什么类型的产品？",
                "What kinds of products does your company mainly make?",
            ),
            "trainee_answer": OPEN,
        },
        {
            "question": Text(
                "目前的生产工艺是怎样的？", "How does your production process work today?"
            ),
            "trainee_answer": OPEN,
        },
        {
            "question": Text(
                "目前使用过程中有什么问题吗？", "Are there any problems with what you use now?"
            ),
            "trainee_answer": OPEN,
        },
        {
            "question": Text("请问您了解咱们青风股份吗？", "Do you know our company, Qingfeng?"),
            "trainee_answer": CLOSED,
        },
        {
            "question": Text("采购预算是多少？", "What is the budget for this purchase?"),
            "trainee_answer": OPEN,
        },
        {
            "question": Text(
                "除了您外，还有谁会参与到采购？",
                "Apart from you, who else takes part in the purchase?",
            ),
            "trainee_answer": OPEN,
        },
        {
            "question": Text(
                "除了我们外，还有哪些公司向您报价？", "Apart from us, which companies have quoted?"
            ),
            "trainee_answer": CLOSED,
        },
        {
            "question": Text(
                "您看我是下周二上午将方案带过来让您审阅，您看可以吗？",
                "Shall I bring the proposal for you to review next Tuesday morning?",
            ),
            "trainee_answer": CLOSED,
        },
    ],
)


def _feedback(kind: str, cue: str) -> Text:
    if kind != UNDECIDED:
        return KIND_FEEDBACK[kind]
    if cue == "mixed":
        return Text(
            "同一句里既有开放式也有封闭式问题：一次只问一个。",
            "Mixes an open and a closed question: ask one at a time.",
        )
    return Text(
        "找不到提问的标志：开放式用「什么、怎么、如何、为什么」，封闭式用「是不是、有没有、吗」。",
        "No question cue found: open with what / how / why, close with is / do / can.",
    )


@dataclass(frozen=True)
class Marked:
    """One question classified, with the cue that decided it, its information category and
    the trainee's answer marked: "right", "wrong", "not scored" (undecided) or "" (none)."""

    question: str
    kind: str
    cue: str
    category: str | None
    answer: str | None
    mark: str


def mark_question(row: dict[str, Any]) -> Marked:
    """Classify a question and mark the trainee's answer against the classification."""
    kind, cue = classify_with_cue(row["question"])
    answer = row["trainee_answer"]
    if answer is None:
        mark = ""
    elif kind == UNDECIDED:
        mark = "not scored"
    else:
        mark = "right" if answer == kind else "wrong"
    return Marked(row["question"], kind, cue, category_of(row["question"]), answer, mark)


#: The mark column's words, by mark.
MARKS = {
    "right": Text("对", "right"),
    "wrong": Text("错", "wrong"),
    "not scored": Text("不计分", "not scored"),
}


@dataclass(frozen=True)
class Quiz:
    """Every question marked: how many of each kind, the accuracy and its band, the closed
    questions' share, and which information categories were asked about."""

    marked: list[Marked]
    counts: dict[str, int]
    scored: int
    correct: int
    #: the rows answered wrong, in order
    wrong: list[int]
    covered: set[str]
    accuracy: float | None
    band: str
    closed_share: float | None


def mark_quiz(rows: list[dict[str, Any]]) -> Quiz:
    """Accuracy = right ÷ answers scored (undecided questions are not scored); the closed
    share is of the questions that could be classified (METHODOLOGY.md §12,
    key-account-development-techniques.txt)."""
    marked = [mark_question(row) for row in rows]
    counts = {OPEN: 0, CLOSED: 0, UNDECIDED: 0}
    for m in marked:
        counts[m.kind] += 1
    scored = sum(1 for m in marked if m.mark in ("right", "wrong"))
    correct = sum(1 for m in marked if m.mark == "right")
    accuracy = round(correct * 100 / scored, 2) if scored else None
    classified = counts[OPEN] + counts[CLOSED]
    return Quiz(
        marked,
        counts,
        scored,
        correct,
        [index for index, m in enumerate(marked) if m.mark == "wrong"],
        {m.category for m in marked if m.category},
        accuracy,
        band_for(accuracy),
        round(counts[CLOSED] * 100 / classified, 2) if classified else None,
    )


def _shown_cue(m: Marked) -> str:
    """The cue as the table shows it (blank for a question mixing both kinds)."""
    return "" if m.cue == "mixed" else m.cue


def _reasoning(q: Quiz) -> list[Text]:
    """How many of each kind, the accuracy and its band, and each question answered wrong."""
    counts, band = q.counts, q.band
    reasoning = [
        Text(
            f"{len(q.marked)} 个问题：开放式 {counts[OPEN]} 个，封闭式 {counts[CLOSED]} 个，"
            f"无法判断 {counts[UNDECIDED]} 个。",
            f"{len(q.marked)} questions: {counts[OPEN]} open, {counts[CLOSED]} closed, "
            f"{counts[UNDECIDED]} undecided.",
        )
    ]
    if q.accuracy is None:
        reasoning.append(
            Text(
                "没有可评分的答案：只给出分类。",
                "No answer to score: the questions are classified only.",
            )
        )
    else:
        reasoning.append(
            Text(
                f"{q.scored} 个答案中对 {q.correct} 个（{fmt(q.accuracy)}%）："
                f"{BANDS[band].label.zh}（{BANDS.range(band).zh}）。",
                f"{q.correct} of {q.scored} answers right ({fmt(q.accuracy)}%): "
                f"{BANDS[band].label.en.lower()} ({BANDS.range(band).en}).",
            )
        )
    for index in q.wrong:
        m = q.marked[index]
        reasoning.append(
            Text(
                f"第 {index + 1} 题是{KINDS[m.kind].zh}问题（提示词「{_shown_cue(m)}」）。",
                f"Question {index + 1} is {KINDS[m.kind].en.lower()} (cue '{_shown_cue(m)}').",
            )
        )
    return reasoning


def _figures(q: Quiz) -> list[Figure]:
    """How many questions of each kind, the answers scored and right, accuracy and closed share."""
    counts = q.counts
    return [
        figure("questions", "问题数", "Questions", len(q.marked)),
        figure("open", "开放式", "Open", counts[OPEN]),
        figure("closed", "封闭式", "Closed", counts[CLOSED]),
        figure("undecided", "无法判断", "Undecided", counts[UNDECIDED]),
        figure("scored", "评分的答案", "Answers scored", q.scored),
        figure("correct", "答对", "Right", q.correct),
        figure("accuracy_pct", "正确率", "Accuracy", q.accuracy, PERCENT.label),
        figure("closed_share_pct", "封闭式占比", "Closed share", q.closed_share, PERCENT.label),
    ]


def _questions_table(q: Quiz) -> ResultTable:
    """Each question's kind, cue, the trainee's answer, its mark, category and feedback."""
    rows = (
        {
            "question": m.question,
            "kind": KINDS[m.kind],
            "cue": _shown_cue(m),
            "trainee_answer": KINDS[m.answer] if m.answer else "",
            "mark": MARKS[m.mark] if m.mark else "",
            "category": CATEGORIES[m.category] if m.category else "",
            "feedback": _feedback(m.kind, m.cue),
        }
        for m in q.marked
    )
    heads = columns(
        ("question", "问题", "Question"),
        ("kind", "类型", "Kind"),
        ("cue", "提示词", "Cue"),
        ("trainee_answer", "我的判断", "My answer"),
        ("mark", "对错", "Mark"),
        ("category", "信息类别", "Information category"),
        ("feedback", "优劣势", "Strengths and weaknesses"),
    )
    return table("questions", Text("逐题反馈", "Question by question"), heads, rows)


def _verdict(q: Quiz) -> Verdict:
    """The band and how many were right; "classified only" when no answer was scored."""
    if q.accuracy is None:
        return Verdict(q.band, UNSCORED)
    label = BANDS[q.band].label
    return verdict(
        q.band,
        f"{label.zh}（{q.scored} 题对 {q.correct} 题）",
        f"{label.en} ({q.correct} of {q.scored} right)",
    )


def compute(inputs: dict[str, Any]) -> Result:
    """Classify every question, score the trainee's answers and give feedback."""
    q = mark_quiz(inputs["questions"])
    return result(
        figures=_figures(q),
        verdict=_verdict(q),
        reasoning=_reasoning(q),
        actions=_actions(q),
        tables=(_questions_table(q),),
    )


def _review_actions(q: Quiz) -> list[Text]:
    """For the questions answered wrong: the rule again, and the 有什么…吗 trap if it caught one."""
    if not q.wrong:
        return []
    numbers = "、".join(str(i + 1) for i in q.wrong)
    numbers_en = ", ".join(str(i + 1) for i in q.wrong)
    actions = [
        Text(
            f"复习第 {numbers} 题：能用「是/不是」或在给出的选项里挑一个来回答的是封闭式，"
            "其余的是开放式。",
            f"Review question(s) {numbers_en}: a question is closed when it can be answered "
            "yes or no, or by picking an offered option; otherwise it is open.",
        )
    ]
    if any(q.marked[i].kind == CLOSED and _ZH_OPEN.search(q.marked[i].question) for i in q.wrong):
        actions.append(
            Text(
                "注意：句末有「吗」或用「是不是、有没有」时，「什么、哪」只表示「任何」，"
                "问题仍是封闭式（有什么问题吗？= 有没有问题？）。",
                "Note: with a final 吗 or an A-not-A pair (是不是, 有没有), 什么 and 哪 "
                "only mean 'any', so the question stays closed (有什么问题吗？ = 'any "
                "problems?').",
            )
        )
    return actions


def _balance_action(closed_share: float | None) -> list[Text]:
    """Advice when the questions lean too far to closed or to open."""
    balance = BALANCE.of(closed_share).key if closed_share is not None else "balanced"
    if balance == "mostly_closed":
        return [
            Text(
                "封闭式问题偏多：能控制谈话，但信息不全、气氛紧张；开场多用开放式问题让客户多说。",
                "Mostly closed: you keep control but miss information and the talk gets "
                "tense; open with open questions that let the customer talk.",
            )
        ]
    if balance == "mostly_open":
        return [
            Text(
                "开放式问题偏多：信息全面但耗时、难控制；用封闭式问题确认要点、锁定需求、推进下一步。",
                "Mostly open: complete information but slow and hard to steer; add closed "
                "questions to confirm points, pin down the need and agree the next step.",
            )
        ]
    return []


def _actions(q: Quiz) -> list[Text]:
    """Review what was wrong, practise once mastered, balance open and closed, cover every
    information category; a default step when none of these applies."""
    actions = _review_actions(q)
    if q.band == "mastered":
        actions.append(
            Text(
                "已掌握：在角色扮演中练习先用开放式问题展开，再用封闭式问题确认和锁定需求。",
                "Mastered: practise in role play: open questions to explore, then closed "
                "questions to confirm and pin down the need.",
            )
        )
    actions.extend(_balance_action(q.closed_share))
    missing = [c for c in CATEGORIES if c not in q.covered]
    if missing and len(missing) < len(CATEGORIES):
        actions.append(
            Text(
                f"还没有问到的信息类别：{'、'.join(CATEGORIES[c].zh for c in missing)}。",
                "Information categories not yet asked about: "
                f"{', '.join(CATEGORIES[c].en.lower() for c in missing)}.",
            )
        )
    if not actions:
        actions.append(
            Text(
                "先用开放式问题了解情况，再用封闭式问题确认和锁定需求。",
                "Explore with open questions, then confirm and pin down the need with closed ones.",
            )
        )
    return actions


CALCULATOR = Calculator(
    slug="questions",
    title=Text("开放式与封闭式提问练习", "Open and closed questions drill"),
    summary=Text(
        "把问题分成开放式和封闭式，给学员的判断打分，并说明每种提问的优劣势和它收集的信息类别。",
        "Classify questions as open or closed, score the trainee's answers, and show each "
        "kind's strengths and weaknesses and the information each question gathers.",
    ),
    source="key-account-development-techniques.txt",
    fields=(QUESTIONS,),
    compute=compute,
    page="developing/needs",
    order=12,
)
