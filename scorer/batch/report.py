"""The batch HTML report: score histogram, the most sensational headlines, per-group figures.

One self-contained file: plotly's JavaScript is embedded so it opens offline,
and every headline and group name is HTML-escaped before it is rendered.
"""

from __future__ import annotations

import html
import importlib.util
import os
from pathlib import Path

from ..errors import InputError
from .summary import HIST_BINS, TOP_HEADLINES, Summary
from .writers import write_atomic

__all__ = ["check_report_path", "render_report", "write_report"]

_STYLE = """
body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;color:#222}
table{border-collapse:collapse;margin:1rem 0}td,th{border-bottom:1px solid #ddd;padding:.3rem .6rem;text-align:left}
td.n{text-align:right;font-variant-numeric:tabular-nums}mark{background:#ffe08a;padding:0 .1em}
.warn{border-left:4px solid #8a5a00;background:#fff8e6;padding:.4rem .7rem}
mark.shouting{background:#ffb3b3}mark.exclamation{background:#e6c3ff}mark.clickbait{background:#b3ecff}
"""


def _highlight(headline: str, spans: list[list[object]]) -> str:
    """The headline, escaped, with non-overlapping evidence spans in <mark>."""
    marks = sorted(
        ((int(s[0]), int(s[1]), str(s[2])) for s in spans if isinstance(s[0], int) and isinstance(s[1], int)),
        key=lambda s: (s[0], -s[1]),
    )
    out, pos = [], 0
    for start, end, kind in marks:
        if start < pos or end > len(headline):
            continue
        out.append(html.escape(headline[pos:start]))
        out.append(f'<mark class="{html.escape(kind)}">{html.escape(headline[start:end])}</mark>')
        pos = end
    out.append(html.escape(headline[pos:]))
    return "".join(out)


_NEEDS_PLOTLY = "the report needs plotly: pip install 'headline-scorer[report]'"


def _figures(summary: Summary, group_by: str | None) -> list[str]:
    try:
        import plotly.graph_objects as go
    except ImportError:
        raise InputError(_NEEDS_PLOTLY) from None
    edges = [i / HIST_BINS for i in range(HIST_BINS)]
    hist = go.Figure(go.Bar(x=[e + 0.5 / HIST_BINS for e in edges], y=summary.hist, width=1 / HIST_BINS))
    hist.update_layout(title="Scores", xaxis_title="score", yaxis_title="headlines", height=360)
    figures = [hist]
    if group_by and summary.groups:
        names = sorted(summary.groups, key=lambda g: -summary.groups[g][0])
        means = [summary.groups[g][1] / summary.groups[g][0] for g in names]
        high = [summary.groups[g][2] / summary.groups[g][0] for g in names]
        # Plotly reads its labels as a small subset of HTML (links, <b>, <br>): a group name
        # from the input is escaped, so it shows as the text it is ("<a href=…>" made a live link).
        shown = [html.escape(name, quote=False) for name in names]  # Plotly shows "&quot;" as it stands
        chart = go.Figure(
            [go.Bar(name="mean score", x=shown, y=means), go.Bar(name="share labelled high", x=shown, y=high)]
        )
        chart.update_layout(title=f"By {group_by}", barmode="group", height=400, yaxis_range=[0, 1])
        figures.append(chart)
    # The first figure carries plotly.js inline; the rest reuse it.
    return [f.to_html(full_html=False, include_plotlyjs=(i == 0)) for i, f in enumerate(figures)]


def render_report(summary: Summary, group_by: str | None = None, title: str = "batch") -> str:
    """The report as one HTML document."""
    figures = _figures(summary, group_by)
    total = sum(summary.hist)
    order = {"low": 0, "moderate": 1, "high": 2}  # the scale's order, not the alphabet's
    counts = sorted(summary.labels.items(), key=lambda kv: (order.get(kv[0], 3), kv[0]))
    labels = ", ".join(f"{html.escape(k)}: {v:,}" for k, v in counts)
    parts = [
        "<!doctype html><html lang=en><head><meta charset=utf-8>",
        f"<title>Headline scores: {html.escape(title)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>Headline scores: {html.escape(title)}</h1>",
        f"<p>{total:,} headlines scored ({labels}).</p>",
        f"<p class=warn>{html.escape(summary.warnings_text())}: too short, the same words repeated, or mostly words "
        "the model never learned (another language?), so their scores say little.</p>" if summary.warnings else "",
        figures[0],
        f"<h2>The {TOP_HEADLINES} most sensational headlines</h2><table><tr><th>score</th><th>line</th>"
        "<th>headline</th></tr>",
    ]
    summary.to_json()  # sorts and trims the top list
    for item in summary.top[:TOP_HEADLINES]:
        parts.append(
            f"<tr><td class=n>{float(item['score']):.3f}</td><td class=n>{int(item['line'])}</td>"
            f"<td>{_highlight(str(item['headline']), list(item['spans']))}</td></tr>"
        )
    parts.append("</table>")
    if group_by and summary.groups:
        parts.append(_group_table(summary, group_by))
        parts.append(figures[1])
    parts.append("</body></html>")
    return "\n".join(parts)


def _group_table(summary: Summary, group_by: str) -> str:
    bodies = summary.has_bodies
    head = "<th>headlines</th><th>mean score</th><th>share high</th>"
    if bodies:
        head += "<th>bodies</th><th>mean body score</th><th>share of bodies high</th>"
    rows = [f"<h2>By {html.escape(group_by)}</h2><table><tr><th>{html.escape(group_by)}</th>{head}</tr>"]
    for name in sorted(summary.groups, key=lambda g: -summary.groups[g][0]):
        n, total, high, body_n, body_total, body_high = summary.groups[name]
        cells = f"<td class=n>{int(n):,}</td><td class=n>{total / n:.3f}</td><td class=n>{high / n:.1%}</td>"
        if bodies:
            if body_n:
                cells += (
                    f"<td class=n>{int(body_n):,}</td><td class=n>{body_total / body_n:.3f}</td>"
                    f"<td class=n>{body_high / body_n:.1%}</td>"
                )
            else:
                cells += "<td class=n>0</td><td></td><td></td>"
        rows.append(f"<tr><td>{html.escape(name)}</td>{cells}</tr>")
    rows.append("</table>")
    return "\n".join(rows)


def check_report_path(path: str) -> None:
    """Refuse, before a run, a report that could not be written after it: no folder, a folder's name, no plotly."""
    target = Path(path)
    folder = target.parent
    if not folder.is_dir():
        raise InputError(f"cannot write the report to {path!r}: the folder {str(folder)!r} does not exist")
    if target.is_dir():
        raise InputError(f"cannot write the report to {path!r}: it is a folder; give a file name such as report.html")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise InputError(f"cannot write the report to {path!r}: no permission to write in {str(folder)!r}")
    if importlib.util.find_spec("plotly") is None:
        raise InputError(_NEEDS_PLOTLY)


def write_report(summary: Summary, path: str, group_by: str | None = None, title: str = "batch") -> None:
    """Write the report to `path` (atomically); an `OSError` naming `path` when it cannot be written.

    A batch writes its report before its output, so its scored rows are still kept for `--resume`.
    """
    try:
        write_atomic(Path(path), render_report(summary, group_by, title))
    except OSError as exc:  # a write failure (exit 4, as for the output), named by the report's path
        raise OSError(exc.errno, exc.strerror, path) from None
