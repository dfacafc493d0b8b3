"""The bulletin's summary for Telegram: HTML parse mode, everything escaped, within one message (4,096 characters);
the full text travels as the attached document."""

from __future__ import annotations

from html import escape

from bot.digest.document import Frame, Link, linked
from bot.digest.figures import Figures
from bot.digest.sections import HARM_KINDS
from bot.digest.wording import comparison_sentence, flag_sentence, kpi_sentence, sentiment_sentence
from bot.numbers import vn_int

LIMIT = 4096
TITLE_CHARS = 110
SILENT_NAMES = 5


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= TITLE_CHARS else text[:TITLE_CHARS].rsplit(" ", 1)[0] + "…"


def _story_line(n: int, title: str, url: str | None, phrase: str) -> str:
    shown = linked(_short(title) or "(không có tiêu đề)", url)
    if isinstance(shown, Link):
        return f'{n}. <a href="{escape(shown.url, quote=True)}">{escape(shown.text)}</a> — {escape(phrase)}'
    return f"{n}. {escape(shown)} — {escape(phrase)}"


def summary_html(figures: Figures, frame: Frame) -> str:
    head = [f"<b>{escape(frame.title)}</b>", *(f"<i>{escape(s)}</i>" for s in frame.subtitles), "",
            escape(sentiment_sentence(figures.province, figures.sentiments)) + ".",
            escape(comparison_sentence(figures))]
    tail = [""]
    if figures.period_kind in ("week", "month"):
        open_flags = sum(1 for f in figures.press_flags if f.status not in ("dong",))
        tail.append(f"<b>Báo chí phản ánh tiêu cực:</b> {vn_int(figures.negative_press_items)} tin, bài; cần phản "
                    f"hồi theo Luật Báo chí: {vn_int(len(figures.press_flags))} (chưa đóng: {vn_int(open_flags)}).")
    tail.append(f"<b>Tin sai sự thật, xấu độc:</b> {escape(flag_sentence(figures.flag_counts, HARM_KINDS))} "
                f"{escape(kpi_sentence(figures.kpi))}")
    if figures.silent_sources:
        names = ", ".join(escape(s.name) for s in figures.silent_sources[:SILENT_NAMES])
        more = len(figures.silent_sources) - SILENT_NAMES
        tail.append(f"<b>Nguồn ngừng cập nhật:</b> {names}" + (f" và {vn_int(more)} nguồn khác." if more > 0 else "."))
    tail += ["", "<i>Toàn văn bản tin trong tệp gửi kèm.</i>"]
    stories = ["", f"<b>Sự việc nổi bật</b> ({vn_int(figures.story_count)} sự việc trong kỳ):"] \
        if figures.stories else []
    size = len("\n".join(head + tail)) + 1
    for n, line in enumerate(figures.stories, 1):
        text = _story_line(n, line.title, line.url, line.phrase)
        needed = len(text) + 1 + (len("\n".join(stories)) + 1 if n == 1 else 0)
        if size + needed > LIMIT:
            break
        stories.append(text)
        size += needed
    if len(stories) == 2:  # the heading alone
        stories = []
    text = "\n".join(head + stories + tail)
    while len(text) > LIMIT:  # only with absurdly long names: drop whole lines from the end, never cut a tag
        text = text.rsplit("\n", 1)[0]
    return text
