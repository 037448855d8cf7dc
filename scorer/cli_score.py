"""`scorer score`: score one headline and show the evidence."""

from __future__ import annotations

import argparse
import codecs
import json
import os
import re
import sys
from typing import Any, TextIO

from .core import Scorer
from .errors import InputError
from .explain import score_text, sigmoid
from .result import ScoreResult

__all__ = ["add_parser", "render_terminal", "visible"]

HELP = """Score one headline and print the evidence, highlighted on a terminal.

example:
  scorer score "Venezuela crisis: US sends CHILLING warning amid RIOTS in streets – 'We WILL take action!'"
  scorer score --json - < headline.txt
  scorer score --body-file article.txt "Venezuela RIOTS: Tear gas and vehicles set on FIRE"
"""

_COLOURS = {
    "shouting": "\033[1;31m",
    "exclamation": "\033[1;35m",
    "loaded": "\033[1;33m",
    "clickbait": "\033[1;36m",
    "all_caps": "\033[2m",
}
_RESET = "\033[0m"
_LABEL_COLOURS = {"low": "\033[32m", "moderate": "\033[33m", "high": "\033[31m"}
#: Characters a terminal acts on rather than shows: C0 and C1 controls (ESC starts colour,
#: title and hyperlink sequences), bidirectional overrides and isolates, line separators.
_CONTROL_RE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u2028-\u202e\u2066-\u2069]")
#: Bytes of an argument that are not UTF-8 reach Python as lone surrogates (`surrogateescape`).
_UNDECODABLE_RE = re.compile("[\ud800-\udfff]")
#: Largest headline file or stdin read, in bytes.
MAX_INPUT_BYTES = 1_000_000


def add_parser(subparsers: Any) -> None:
    """Register `scorer score`."""
    parser = subparsers.add_parser(
        "score",
        help="score one headline",
        description=HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("headline", help="the headline, or - to read it from standard input")
    parser.add_argument("--body-file", metavar="FILE", help="analyse the article body in FILE too")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("--model", metavar="PATH", help="model file to use instead of the shipped default")
    parser.add_argument("--color", choices=("auto", "always", "never"), default="auto", help="colour output")
    parser.set_defaults(run=run)


def _read_limited(stream: TextIO, what: str) -> str:
    text = stream.read(MAX_INPUT_BYTES + 1)
    if len(text) > MAX_INPUT_BYTES:
        raise InputError(f"{what} is larger than {MAX_INPUT_BYTES:,} characters")
    return text.removeprefix("\ufeff")  # a byte-order mark, as some editors save one, is not text


def _read_stdin() -> str:
    """Standard input decoded strictly as UTF-8.

    Python decodes standard input with `surrogateescape`, which lets bytes
    that are not UTF-8 through as lone surrogates: they would be scored and
    then break the UTF-8 (and JSON) output.
    """
    if sys.stdin is None:  # started with standard input closed (`<&-`)
        raise InputError("standard input is closed; give the headline as an argument or pipe it in")
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is None:  # already text (a test's or an embedding program's stream)
        return _read_limited(sys.stdin, "standard input")
    try:
        raw: bytes = buffer.read(MAX_INPUT_BYTES + 1)
    except OSError as exc:
        raise InputError(f"cannot read standard input: {exc.strerror or exc}") from None
    if len(raw) > MAX_INPUT_BYTES:
        raise InputError(f"standard input is larger than {MAX_INPUT_BYTES:,} bytes")
    try:
        return raw.decode("utf-8-sig")  # without a byte-order mark
    except UnicodeDecodeError as exc:
        raise InputError(f"standard input is not UTF-8 text (byte {exc.start}); convert it, e.g. with iconv") from None


def _read_body(path: str) -> str:
    try:
        # newline="": the exact text, so the body's offsets index the file (CRLF kept, not turned into LF)
        with open(path, encoding="utf-8", newline="") as handle:
            return _read_limited(handle, path)  # without a byte-order mark
    except OSError as exc:
        raise InputError(f"cannot read body file {path!r}: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise InputError(f"body file {path!r} is not UTF-8 text") from None


def run(args: argparse.Namespace) -> int:
    """Score the headline given on the command line or stdin."""
    headline = args.headline
    if headline == "-":
        headline = _read_stdin().strip("\r\n")
        lines = [line for line in headline.splitlines() if line.strip()]  # \r, U+2028 and the like too
        if len(lines) == 1:
            headline = lines[0]  # blank lines around it are no second headline
        elif lines:
            # Several lines were scored as one headline: 1.00 for two ordinary ones run together.
            raise InputError(
                f"standard input holds {len(lines)} lines, but `scorer score -` scores one headline; "
                "for one headline a line use `scorer batch - --input-format txt`"
            )
    elif _UNDECODABLE_RE.search(headline):
        raise InputError("the headline argument is not valid UTF-8 text; check the terminal's encoding")
    body = _read_body(args.body_file) if args.body_file else None
    result = Scorer.load(args.model).score(headline, body=body)
    if args.json:
        # Escapes (\u201c) where standard output cannot hold every character (PYTHONIOENCODING=ascii,
        # a Latin-1 locale): still the same JSON, where raw text would fail with UnicodeEncodeError.
        json.dump(result.to_dict(), sys.stdout, ensure_ascii=not _writes_utf8(sys.stdout), indent=2)
        sys.stdout.write("\n")
        return 0
    colour = args.color == "always" or (
        args.color == "auto" and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    )
    text = render_terminal(result, colour)
    if not _writes_utf8(sys.stdout):  # what the terminal's encoding cannot show is shown as an escape
        encoding = sys.stdout.encoding
        text = text.encode(encoding, "backslashreplace").decode(encoding)
    sys.stdout.write(text)
    return 0


def _writes_utf8(stream: TextIO) -> bool:
    encoding = getattr(stream, "encoding", None) or "utf-8"
    return codecs.lookup(encoding).name == "utf-8"


def visible(text: str) -> str:
    """`text` with the characters a terminal would act on shown as escapes (`\\x1b`, `\\u202e`).

    A headline is hostile input: printed raw, an ESC sequence in it could
    recolour the terminal, retitle the window or forge a hyperlink.
    """
    return _CONTROL_RE.sub(lambda m: ascii(m.group())[1:-1], text)


def _highlight(result: ScoreResult, colour: bool) -> str:
    text = result.headline
    marks = sorted(
        (e.span for e in result.evidence if e.span.kind in _COLOURS and e.span.kind != "all_caps"),
        key=lambda s: (s.start, -s.end),
    )
    out, pos = [], 0
    for span in marks:
        if span.start < pos:
            continue
        out.append(visible(text[pos : span.start]))
        inner = visible(text[span.start : span.end])
        out.append(f"{_COLOURS[span.kind]}{inner}{_RESET}" if colour else f"[{inner}]")
        pos = span.end
    out.append(visible(text[pos:]))
    return "".join(out)


def baseline_lines(result: ScoreResult) -> list[str]:
    """The parts of the score that no listed word carries: the starting point and the words too weak to list.

    Without them a label could have no visible cause ("What the papers say" is
    0.76 with listed reasons that net to -0.20: the model starts every headline
    at 0.71).
    """
    lines = [
        f"  {result.intercept:+.2f}  Starting point: with no evidence at all, a headline scores "
        f"{score_text(sigmoid(result.intercept))}."
    ]
    other = sum(result.other_contributions.values())
    if abs(other) >= 0.005:
        lines.append(f"  {other:+.2f}  Many words of learned wording together, each too weak to list.")
    return lines


def render_terminal(result: ScoreResult, colour: bool) -> str:
    """The headline with evidence highlighted, the score, and the reasons."""
    label = result.label.upper()
    if colour:
        label = f"{_LABEL_COLOURS[result.label]}{label}{_RESET}"
    lines = [
        _highlight(result, colour),
        f"score {score_text(result.score)}  {label}  (model {result.model['name']} {result.model['version']})",
        *(f"warning: {caveat.message}" for caveat in result.warnings),
    ]
    listed = sorted(result.evidence, key=lambda e: -e.weight)
    listed = [e for e in listed if e.span.kind != "quote"]
    # Words the lexicon notes but this model gives no weight (most hedges and urgency cues):
    # "+0.00" among the reasons had read as a reason.
    reasons = [e for e in listed if round(e.weight, 2) != 0]
    noted = [e for e in listed if round(e.weight, 2) == 0]
    if reasons:
        lines.append("reasons:")
        for e in reasons:
            hint = f"  → {e.span.suggestion}" if e.span.suggestion else ""
            lines.append(f"  {e.weight:+.2f}  {visible(e.span.explanation + hint)}")
    elif result.label == "low":
        lines.append("no sensational devices found")
    else:  # "no sensational devices found" beside HIGH had contradicted the label
        lines.append("reasons: no single word; the starting point and the learned wording below make the score")
    lines.extend(baseline_lines(result))
    if noted:
        lines.append("noted, with no weight in this model's score:")
        lines.extend(f"         {visible(e.span.explanation)}" for e in noted)
    if result.body is not None:
        from .body.summary import summary_lines

        lines.extend(visible(line) for line in summary_lines(result.body))
    return "\n".join(lines) + "\n"
