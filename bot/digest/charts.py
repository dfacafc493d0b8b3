"""The bulletin's charts as PNG bytes: sentiment over the days, topics, sources. matplotlib's Agg canvas, no
pyplot state, so it runs headless and in any thread."""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache

from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from bot.digest.figures import Day, Share
from bot.numbers import vn_int

SERIF = ("Times New Roman", "Liberation Serif", "DejaVu Serif")
COLOURS = {"positive": "#2e7d32", "negative": "#c62828", "neutral": "#9e9e9e", "unknown": "#cfd8dc"}
LABELS = {"positive": "Tích cực", "negative": "Tiêu cực", "neutral": "Trung lập", "unknown": "Chưa xác định"}
TOP = 10


@dataclass(frozen=True)
class Chart:
    title: str
    png: bytes


@lru_cache(maxsize=1)
def _font() -> str:
    """Times New Roman when installed (as in the document), else the closest serif with Vietnamese letters."""
    installed = {f.name for f in font_manager.fontManager.ttflist}
    return next((name for name in SERIF if name in installed), "DejaVu Serif")


def _figure(height: float) -> tuple[Figure, object]:
    figure = Figure(figsize=(7.5, height), dpi=150)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    axes.spines[["top", "right"]].set_visible(False)
    return figure, axes


def _png(figure: Figure) -> bytes:
    for axes in figure.axes:
        for label in (*axes.get_xticklabels(), *axes.get_yticklabels()):
            label.set_fontfamily(_font())
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def _empty(axes) -> None:
    axes.text(0.5, 0.5, "Không có tin trong kỳ", ha="center", va="center", transform=axes.transAxes,
              fontfamily=_font(), fontsize=12, color="#616161")
    axes.set_xticks([])
    axes.set_yticks([])


def sentiment_chart(days: list[Day], by_month: bool = False) -> Chart:
    title = f"Số tin theo sắc thái qua các {'tháng' if by_month else 'ngày'}"
    figure, axes = _figure(3.4)
    labels = [d.label for d in days]
    keys = [k for k in LABELS if any(d.counts.get(k) for d in days)]
    if not keys:
        _empty(axes)
    bottom = [0] * len(days)
    for key in keys:
        values = [d.counts.get(key, 0) for d in days]
        axes.bar(labels, values, bottom=bottom, color=COLOURS[key], label=LABELS[key], width=0.7)
        bottom = [b + v for b, v in zip(bottom, values)]
    if keys:
        axes.legend(prop={"family": _font(), "size": 9}, frameon=False, ncols=len(keys), loc="upper left")
        axes.set_ylim(0, max(bottom) * 1.25 or 1)
        axes.tick_params(axis="x", labelsize=8 if len(days) <= 12 else 6)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_title(title, fontfamily=_font(), fontsize=12)
    return Chart(title, _png(figure))


def _bars(title: str, rows: list[Share]) -> Chart:
    rows = rows[:TOP]
    figure, axes = _figure(0.9 + 0.35 * max(len(rows), 3))
    if not rows:
        _empty(axes)
    else:
        names = [r.name for r in reversed(rows)]
        counts = [r.count for r in reversed(rows)]
        negative = [r.negative for r in reversed(rows)]
        axes.barh(names, counts, color="#5c6bc0", label="Tổng số tin")
        axes.barh(names, negative, color=COLOURS["negative"], label="Tiêu cực")
        for y, n in enumerate(counts):
            axes.text(n, y, f" {vn_int(n)}", va="center", fontsize=8, fontfamily=_font())
        axes.set_xlim(0, max(counts) * 1.15)
        axes.legend(prop={"family": _font(), "size": 8}, frameon=False, loc="lower right")
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_title(title, fontfamily=_font(), fontsize=12)
    return Chart(title, _png(figure))


def topics_chart(topics: list[Share]) -> Chart:
    return _bars("Số tin theo chủ đề", topics)


def sources_chart(by_source_type: list[Share]) -> Chart:
    return _bars("Số tin theo loại nguồn", by_source_type)
