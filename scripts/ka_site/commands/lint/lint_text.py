"""Chinese typography of the whole playbook, checked or fixed by one command.

    .venv/bin/python -m ka_site.commands.lint          # report what is off (exit status 1 if any)
    .venv/bin/python -m ka_site.commands.lint --fix    # rewrite the sources in place

The project's choices for Simplified Chinese (GB/T 15834 and the Chinese copywriting guidelines):

- full-width ，：；？！（） in and around Chinese text; an ellipsis is ……;
- one quotation style: 「…」, and 『…』 inside it;
- one space between Chinese and Latin letters or digits (``200 万``, ``KA 大客户``), none next
  to full-width punctuation;
- no hard line breaks inside a Chinese paragraph of a page (a browser shows them as spaces).

The spacing and most of the punctuation are done by the maintained linter autocorrect
(``autocorrect-py``); the rules it leaves alone (brackets, quotes, punctuation next to markup or
a placeholder) are the project's own, below. What is covered: the Chinese pages
(``docs/**/*.zh.md``), every Chinese string literal of the engine (``calculators/*.py``) and of
the site's own code (``scripts/ka_site/*.py``), and the Chinese values of the question banks
(``calculators/banks/*.json``) and of the site's word files (``scripts/ka_site/ui/*.toml``).
Only text changes: never an identifier, a JSON key, a raw string (regexes), a format placeholder
or markup.

The calculators' computed text (what a model writes when it runs: verdicts, reasoning, actions,
table cells, error messages) is checked by the same rules, plus the house words: ``75%``, an
amount in 万元, 你 for the reader, and the glossary's one term per concept
(:func:`computed_problems`; the command reports it, the sources are fixed by hand).
"""

from __future__ import annotations

import argparse
import io
import json
import re
import sys
import tokenize
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import autocorrect_py

from ka_site.paths import ROOT

# autocorrect would put spaces around half-width brackets; ours become full-width instead.
# (its type stub, 2.14.0, leaves out load_config, which the module has)
autocorrect_py.load_config("rules:\n  space-bracket: 0\n  spellcheck: 0\n")  # type: ignore[attr-defined]

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
#: Full-width punctuation that counts as Chinese text for adjacency.
FULL = "，。、：；？！（）「」『』《》〈〉…—·"
CJK = f"[{HAN}{FULL}]"
HAN_RE = re.compile(f"[{HAN}]")
#: Masked spans (markup, placeholders) are replaced by private-use characters while the rules
#: run, so no rule can touch them; they count as neither Chinese nor Latin.
MASK_BASE = 0xF0000

HALF_TO_FULL = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！"}

# Half-width , : ; ? ! right after Chinese (markup emphasis may stand between), or right before it.
_PUNCT_AFTER = re.compile(f"({CJK}[*_]*)[ \t]*([,:;?!])")
_PUNCT_BEFORE = re.compile(f"(?<=\\S)([,:;?!])([ \t]*[*_]*{CJK})")
_PAREN = re.compile(r"(?<![\]\\])\(([^()\n]*)\)")
_STRAIGHT_QUOTES = re.compile(r"(\\?)\"([^\"\n\\]*)\\?\"")
_CURLY = re.compile("“([^“”\n]*)”")
_CURLY_SINGLE = re.compile("‘([^‘’\n]*)’")
_ELLIPSIS = re.compile(f"(?<={CJK})(\\.\\.\\.|。。。)|(\\.\\.\\.|。。。)(?={CJK})")
_SPACE_BEFORE_FULL = re.compile("(?<=\\S)[ \t]+(?=[，。、：；？！）」』》])")
# (not before masked markup: a heading's `{#id}` needs its space)
#: Two Chinese characters take no space between them (``第三组给 2 点``, not ``第三组 给 2 点``).
_SPACE_BETWEEN_HAN = re.compile(f"(?<=[{HAN}])[ \t]+(?=[{HAN}])")
#: A number and its percent sign are one token: ``75%``.
_NUMBER_SPACE_PERCENT = re.compile(r"(?<=\d)[ \t]+%")
_SPACE_AFTER_FULL = re.compile("([，。、：；？！（「『《])[ \t]+(?=[^\\s\U000f0000-\U000fffff])")


def _is_chinese(text: str) -> bool:
    return bool(HAN_RE.search(text))


def _mostly_chinese(text: str) -> bool:
    """Chinese text (perhaps with a Latin word), not English text with a Chinese gloss."""
    han = len(HAN_RE.findall(text))
    return han > 0 and han >= len(re.findall("[A-Za-z]", text))


def _paren(match: re.Match[str]) -> str:
    inner = match.group(1)
    before = match.string[max(0, match.start() - 4) : match.start()]
    chinese_before = f"[{HAN}{FULL}\U000f0000-\U000fffff]"
    if (
        _is_chinese(inner)
        or re.search(f"[{FULL}]", inner)
        or re.search(f"{chinese_before}[*_]*[ \t]?[A-Za-z0-9]{{0,2}}[ \t]?$", before)
    ):
        return f"（{inner.strip()}）"
    return match.group(0)


def _straight_quote(match: re.Match[str]) -> str:
    inner = match.group(2)
    return f"「{inner}」" if _is_chinese(inner) else match.group(0)


def _punct_after(match: re.Match[str]) -> str:
    return match.group(1) + HALF_TO_FULL[match.group(2)]


def project_rules(text: str) -> str:
    """The punctuation rules autocorrect leaves alone, on text whose markup is masked."""
    text = _CURLY.sub(r"「\1」", text)
    text = _CURLY_SINGLE.sub(r"『\1』", text)
    text = _STRAIGHT_QUOTES.sub(_straight_quote, text)
    text = _ELLIPSIS.sub("……", text)
    for _ in range(3):  # nested brackets, innermost first
        text = _PAREN.sub(_paren, text)
    text = _PUNCT_AFTER.sub(_punct_after, text)
    text = re.sub("(?<=[A-Za-z])([,;])(?=[0-9])", lambda m: HALF_TO_FULL[m.group(1)], text)
    text = _PUNCT_BEFORE.sub(lambda m: HALF_TO_FULL[m.group(1)] + m.group(2).lstrip(" \t"), text)
    # 「…」 inside 「…」 becomes 『…』.
    text = re.sub("「([^「」\n]*)「([^「」\n]*)」([^「」\n]*)」", r"「\1『\2』\3」", text)
    text = _SPACE_BEFORE_FULL.sub("", text)
    text = _SPACE_BETWEEN_HAN.sub("", text)
    text = _NUMBER_SPACE_PERCENT.sub("%", text)
    return _SPACE_AFTER_FULL.sub(r"\1", text)


def fix_chinese(text: str) -> str:
    """Chinese text (markup already masked): the project's rules, autocorrect, the rules again."""
    text = project_rules(text)
    text = autocorrect_py.format(text)
    return project_rules(text)


# ---------------------------------------------------------------------------------------------
# Masking


@dataclass
class Masked:
    text: str
    spans: list[str]

    def restore(self, text: str) -> str:
        return re.sub(
            "[\U000f0000-\U000fffff]", lambda m: self.spans[ord(m.group(0)) - MASK_BASE], text
        )


def mask(text: str, pattern: re.Pattern[str]) -> Masked:
    """``text`` with every match of ``pattern`` replaced by one private-use character."""
    spans: list[str] = []

    def repl(match: re.Match[str]) -> str:
        spans.append(match.group(0))
        return chr(MASK_BASE + len(spans) - 1)

    return Masked(pattern.sub(repl, text), spans)


# ---------------------------------------------------------------------------------------------
# Markdown pages

_MD_PROTECTED = re.compile(
    r"```.*?```|~~~.*?~~~"  # fenced code
    r"|<!--.*?-->"  # comments (calculator markers)
    r"|`[^`\n]+`"  # inline code
    r"|\]\([^)\s]*(?:\s+\"[^\"]*\")?\)"  # link targets
    r"|\]\[[^\]]*\]"  # reference links
    r"|<[^>\n]+>"  # html tags
    r"|\{[:#.][^}\n]*\}|\{ *[#.][^}\n]*\}"  # attribute lists
    r"|https?://\S+"
    r"|^\*\[[^\]]+\]:"  # abbreviations
    r"|^[ \t]*\|?[-:| ]+\|[-:| ]*$",  # table separator rows
    re.S | re.M,
)
_BLOCK_START = re.compile(r"^\s*(?:[-*+] |\d+[.)] |#|\||!!!|\?\?\?|===|:\s|>|<|\{|```|~~~|\[\^)")
_CJK_EDGE = re.compile(f"{CJK}|[,:;?!\\])*]")


def join_chinese_lines(text: str) -> str:
    """Join hard line breaks inside Chinese paragraphs (they show as a space mid-sentence)."""
    lines = text.split("\n")
    out: list[str] = []
    fenced = False
    for line in lines:
        stripped = line.strip()
        if stripped.startswith(("```", "~~~")):
            fenced = not fenced
            out.append(line)
            continue
        if fenced or not out or not stripped:
            out.append(line)
            continue
        prev = out[-1]
        prev_stripped = prev.strip()
        joinable = (
            prev_stripped
            and not fenced
            and not _BLOCK_START.match(line)
            and not prev_stripped.startswith(("#", "|", "!!!", "???", "===", "<", "```", "~~~"))
            and not prev_stripped.endswith(("|", ">", "  "))
            and not prev.endswith("  ")
            and not re.match(r"^\s*(?:[-*+]|\d+[.)])\s*$", prev)
            and (
                re.match(CJK, stripped[0])
                or (re.match(CJK, prev_stripped[-1]) and not stripped.startswith("*["))
                or (_CJK_EDGE.match(prev_stripped[-1]) and _is_chinese(prev_stripped[-3:]))
            )
        )
        if joinable:
            joiner = "" if re.match(f"{CJK}|[,:;?!]", prev_stripped[-1] + stripped[0]) else " "
            if re.match(CJK, stripped[0]) or re.match(CJK, prev_stripped[-1]):
                joiner = ""
            out[-1] = prev.rstrip() + joiner + stripped
        else:
            out.append(line)
    return "\n".join(out)


#: The quotes around an admonition's or a tab's title are markup, not Chinese quotation marks.
_TITLE = re.compile(r'^([ \t]*(?:!!!|\?\?\?\+?|===)[^"\n]*)"([^"\n]*)"', re.M)
_TITLE_QUOTE = "\U00100000"


def fix_markdown(text: str) -> str:
    """A Chinese page: joined paragraphs, masked markup, the rules and autocorrect."""
    text = join_chinese_lines(text)
    text = _TITLE.sub(lambda m: f"{m.group(1)}{_TITLE_QUOTE}{m.group(2)}{_TITLE_QUOTE}", text)
    return _fix_masked_markdown(text).replace(_TITLE_QUOTE, '"')


def _fix_masked_markdown(text: str) -> str:
    masked = mask(text, _MD_PROTECTED)
    fixed = masked.restore(project_rules(masked.text))
    fixed = autocorrect_py.format_for(fixed, "md")
    masked = mask(fixed, _MD_PROTECTED)
    return masked.restore(project_rules(masked.text))


# ---------------------------------------------------------------------------------------------
# Python string literals

_PUNCT_BESIDE_MASK = re.compile("([\U000f0000-\U000fffff])([,:;?!])")
_PUNCT_BEFORE_MASK = re.compile("([,:;?!])([\U000f0000-\U000fffff])")
_PREFIX = re.compile(r"^([A-Za-z]*)('''|\"\"\"|'|\")", re.S)


def _mask_placeholders(body: str) -> Masked:
    """Mask ``{expr}`` of an f-string (nested braces and strings included) and ``{{``/``}}``."""
    spans: list[str] = []
    out: list[str] = []
    i = 0
    while i < len(body):
        ch = body[i]
        if body.startswith(("{{", "}}"), i):
            spans.append(body[i : i + 2])
            out.append(chr(MASK_BASE + len(spans) - 1))
            i += 2
            continue
        if ch == "{":
            depth, j = 0, i
            while j < len(body):
                if body[j] == "{":
                    depth += 1
                elif body[j] == "}":
                    depth -= 1
                    if depth == 0:
                        break
                j += 1
            spans.append(body[i : j + 1])
            out.append(chr(MASK_BASE + len(spans) - 1))
            i = j + 1
            continue
        out.append(ch)
        i += 1
    return Masked("".join(out), spans)


def _unbalanced_brackets(text: str) -> str:
    """A ``(`` closed in the next literal, or a ``)`` opened in the previous one, is full-width."""
    chars = list(text)
    opened: list[int] = []
    for i, ch in enumerate(chars):
        if ch in "(（":
            opened.append(i)
        elif ch in ")）":
            if opened:
                opened.pop()
            elif ch == ")":
                chars[i] = "）"
    for i in opened:
        if chars[i] == "(":
            chars[i] = "（"
    return "".join(chars)


def fix_python_literal(token: str, chinese_context: bool = False) -> str:
    """One string literal: its Chinese text fixed, its prefix, quotes and placeholders kept."""
    match = _PREFIX.match(token)
    if match is None:
        return token
    prefix, quote = match.groups()
    if any(c in prefix.lower() for c in "rb") or len(quote) == 3:
        return token  # regexes, bytes, docstrings
    body = token[len(prefix) + len(quote) : len(token) - len(quote)]
    masked = _mask_placeholders(body) if "f" in prefix.lower() else Masked(body, [])
    # all placeholders and Chinese punctuation (f"{label}（{range}）。") is Chinese text too;
    # a bare set of punctuation ("？?", a classifier's alphabet) is code and stays as it is
    chinese_marks = masked.spans and re.search("[。，：；？！、「」（）]", masked.text)
    if not _mostly_chinese(masked.text) and not (
        (chinese_context or chinese_marks) and not re.search("[A-Za-z]", masked.text)
    ):
        return token
    fixed = fix_chinese(masked.text)
    # A Chinese sentence split over several literals: its end and its brackets are Chinese too.
    fixed = re.sub("[,:;]$", lambda m: HALF_TO_FULL[m.group(0)], fixed)
    fixed = _unbalanced_brackets(fixed)
    # In Chinese text, punctuation beside a placeholder is Chinese punctuation too.
    fixed = _PUNCT_BESIDE_MASK.sub(lambda m: m.group(1) + HALF_TO_FULL[m.group(2)], fixed)
    fixed = _PUNCT_BEFORE_MASK.sub(lambda m: HALF_TO_FULL[m.group(1)] + m.group(2), fixed)
    if len(quote) == 1:
        # A single-quoted literal may not gain its own quote character unescaped.
        fixed = re.sub(f"(?<!\\\\){quote}", f"\\\\{quote}", fixed) if quote in fixed else fixed
    return prefix + quote + masked.restore(fixed) + quote


def fix_python(source: str) -> str:
    """Every Chinese string literal of a Python module, and nothing else."""
    tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    lines = source.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    edits: list[tuple[int, int, str]] = []
    significant = [t for t in tokens if t.type not in (tokenize.NL, tokenize.COMMENT)]
    for n, tok in enumerate(significant):
        if tok.type != tokenize.STRING:
            continue
        start = offsets[tok.start[0] - 1] + tok.start[1]
        end = offsets[tok.end[0] - 1] + tok.end[1]
        # the first argument of Text(zh, en) is Chinese even when it is all placeholders
        before = [t.string for t in significant[max(0, n - 2) : n]]
        new = fix_python_literal(tok.string, chinese_context=before == ["Text", "("])
        if new != tok.string:
            edits.append((start, end, new))
    for start, end, new in reversed(edits):
        source = source[:start] + new + source[end:]
    return source


# ---------------------------------------------------------------------------------------------
# JSON question banks

_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"(\s*:)?')


def fix_json(text: str) -> str:
    """The Chinese values of a JSON file (never its keys), keeping its layout."""

    def repl(match: re.Match[str]) -> str:
        if match.group(1):  # a key
            return match.group(0)
        value = json.loads(match.group(0))
        if not _is_chinese(value):
            return match.group(0)
        return json.dumps(fix_chinese(value), ensure_ascii=False)

    return _JSON_STRING.sub(repl, text)


#: A TOML line ``key = "text"`` (the site's word files hold one string per line).
_TOML_LINE = re.compile(r'^([ \t]*[A-Za-z0-9_-]+[ \t]*=[ \t]*)("(?:[^"\\]|\\.)*")([ \t]*)$', re.M)


def fix_toml(text: str) -> str:
    """The Chinese values of a TOML word file (never its keys or comments), keeping its layout.

    A basic TOML string escapes as JSON does, so each value is read and written back as JSON.
    """

    def repl(match: re.Match[str]) -> str:
        value = json.loads(match.group(2))
        if not _is_chinese(value):
            return match.group(0)
        return match.group(1) + json.dumps(fix_chinese(value), ensure_ascii=False) + match.group(3)

    return _TOML_LINE.sub(repl, text)


# ---------------------------------------------------------------------------------------------
# What is covered


#: The site's modules whose Chinese is not the playbook's: this linter's own examples of what is
#: off, and CRM exports written as a CRM writes them (``2027年5月28日``, ``商机-分号.csv``).
NOT_READERS_TEXT = ("lint_text.py", "crm_corpus.py")


def covered_files(root: Path = ROOT) -> Iterable[tuple[Path, Callable[[str], str]]]:
    """Every source file holding Chinese text the reader sees, with the fixer for its kind."""
    for path in sorted((root / "docs").rglob("*.zh.md")):
        if "overrides" not in path.parts:
            yield path, fix_markdown
    for path in sorted((root / "calculators").rglob("*.py")):  # tables/ too
        yield path, fix_python
    for path in sorted((root / "scripts" / "ka_site").rglob("*.py")):  # the site's own words
        if path.name not in NOT_READERS_TEXT:
            yield path, fix_python
    for path in sorted((root / "calculators" / "banks").glob("*.json")):
        yield path, fix_json
    for path in sorted((root / "scripts" / "ka_site" / "ui").glob("*.toml")):
        yield path, fix_toml


def problems(root: Path = ROOT) -> list[str]:
    """One line per source line that the fixer would change (empty when all is well)."""
    found: list[str] = []
    for path, fixer in covered_files(root):
        text = path.read_text(encoding="utf-8")
        fixed = fixer(text)
        if fixed == text:
            continue
        old_lines, new_lines = text.splitlines(), fixed.splitlines()
        rel = path.relative_to(root)
        if len(old_lines) != len(new_lines):
            found.append(f"{rel}: line breaks inside Chinese paragraphs")
            continue
        for number, (old, new) in enumerate(zip(old_lines, new_lines, strict=True), 1):
            if old != new:
                found.append(f"{rel}:{number}: {old.strip()[:80]}  ->  {new.strip()[:80]}")
    return found


# ---------------------------------------------------------------------------------------------
# Computed text: what the calculators write when they run

#: Where 您 belongs: the words a rep says to a customer (the question calculators' questions,
#: a quotation in 「」). Everywhere else the playbook speaks to its reader as 你.
CUSTOMER_SPEECH = ("questions", "drill_questions")
#: An amount in Chinese is 万元, never a bare 万 after a number (千万级 is a word, not an amount).
_BARE_WAN = re.compile(r"\d[ \t]*万(?!元)")


def text_problems(text: str, lang: str, *, customer_speech: bool = False) -> list[str]:
    """What is off in one piece of computed text: the pages' typography and the house words."""
    from ka_site import glossary_terms

    found: list[str] = []
    if lang == "zh" and _mostly_chinese(text) and (fixed := fix_chinese(text)) != text:
        found.append(f"typography: -> {fixed}")
    if re.search(r"\d[ \t\u00a0]+%", text):
        found.append("a space between a number and %")
    if lang == "zh":
        if _BARE_WAN.search(text):
            found.append("万 without 元 after an amount")
        if not customer_speech and "您" in re.sub("「[^」]*」", "", text):
            found.append("您 where the playbook says 你")
    found.extend(f"term: {used}" for used in glossary_terms.variants_used(text, lang))
    return found


def computed_problems() -> list[str]:
    """One line per piece of the calculators' computed text that breaks a rule (empty if none).

    The pieces are every calculator's labels, help, results and error messages, in both
    languages, over its worked example and its variants (``ka_site.commands.lint.computed_text``).
    """
    from ka_site.commands.lint import computed_text

    found: list[str] = []
    for piece in computed_text.all_pieces():
        speech = piece.slug in CUSTOMER_SPEECH
        for problem in text_problems(piece.text, piece.lang, customer_speech=speech):
            found.append(f"{piece.slug} [{piece.lang}, {piece.where}] {piece.text[:80]}: {problem}")
    return found


#: Half-width punctuation beside a Chinese character, as a reader would see it in a page.
HALF_BESIDE_CHINESE = re.compile(f"[{HAN}][,:;?!()]|[,:;?!()][{HAN}]")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fix", action="store_true", help="rewrite the sources in place")
    args = parser.parse_args(argv)
    if args.fix:
        changed = 0
        for path, fixer in covered_files():
            text = path.read_text(encoding="utf-8")
            fixed = fixer(fixer(text))
            if fixed != text:
                path.write_text(fixed, encoding="utf-8")
                changed += 1
        print(f"fixed {changed} files")
    found = problems() + computed_problems()
    for line in found:
        print(line)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
