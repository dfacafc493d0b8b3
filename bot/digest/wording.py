"""The sentences the department writes, with its number format ("119.824", "9,5%")."""

from __future__ import annotations

from bot.digest.figures import Comparison, Figures, Kpi, Sentiments
from bot.numbers import signed_change, vn_int, vn_percent
from config.vocabulary import FLAG_KINDS, FLAG_STATUSES

SENTIMENT_WORDS = {"positive": "tích cực", "negative": "tiêu cực", "neutral": "trung lập", "unknown": "chưa xác định"}
IN_PERIOD = {"week": "Trong tuần", "month": "Trong tháng", "half-year": "Trong 6 tháng", "year": "Trong năm"}


def sentiment_sentence(province: str, sentiments: Sentiments) -> str:
    """ "Có 119.824 tin liên quan tỉnh Ninh Thuận, trong đó: tích cực: 12.002 (10% tổng số tin), tiêu cực: 11.347
    (9,5% tổng số tin) và trung lập: 96.475 (80,5% tổng số tin)"."""
    if not sentiments.total:
        return f"Không có tin nào liên quan {province}"
    parts = [f"{SENTIMENT_WORDS[k]}: {vn_int(n)} ({vn_percent(sentiments.shares[k])} tổng số tin)"
             for k, n in sentiments.counts.items()]
    listed = ", ".join(parts[:-1]) + " và " + parts[-1]
    return f"Có {vn_int(sentiments.total)} tin liên quan {province}, trong đó: {listed}"


def change_phrase(current: int, comparison: Comparison) -> str:
    """ "tăng 186 tin (4,3%) so với cùng kỳ năm trước (tuần 23/2023)"."""
    previous = comparison.sentiments.total
    change = signed_change(current, previous)
    if current != previous:
        change += " tin"
        if previous:
            change += f" ({vn_percent(abs(current - previous) * 100 / previous)})"
    return f"{change} so với {comparison.label}"


def comparison_sentence(figures: Figures) -> str:
    parts = [change_phrase(figures.total, figures.previous)]
    if figures.last_year is not None:
        parts.append(change_phrase(figures.total, figures.last_year))
    text = "; ".join(parts)
    return f"Số tin liên quan {text[0].lower()}{text[1:]}."


def kpi_sentence(kpi: Kpi) -> str:
    if not kpi.verified:
        return ("Trong kỳ không có trường hợp thông tin xấu, độc, sai sự thật nào được xác minh vi phạm, nên chưa "
                "tính tỷ lệ ngăn chặn, xử lý.")
    sentence = (f"Ngăn chặn, xử lý các thông tin xấu, độc, sai sự thật phát hiện và xác minh được: "
                f"{vn_int(kpi.handled)}/{vn_int(kpi.verified)} trường hợp, đạt {vn_percent(kpi.share)}")
    if kpi.outstanding:
        ids = ", ".join(f"#{i}" for i in kpi.outstanding[:10])
        sentence += f"; còn {vn_int(len(kpi.outstanding))} trường hợp chưa xử lý (cảnh báo {ids})"
    return sentence + "."


def flag_sentence(counts: dict[str, dict[str, int]], kinds: tuple[str, ...]) -> str:
    """ "Phát hiện 3 trường hợp nghi tin sai sự thật (xử lý: 1, sàng lọc: 2), …"."""
    parts = []
    for kind in kinds:
        by_status = counts.get(kind, {})
        total = sum(by_status.values())
        if not total:
            continue
        detail = ", ".join(f"{FLAG_STATUSES.get(s, s).lower()}: {vn_int(n)}"
                           for s, n in sorted(by_status.items(), key=lambda kv: list(FLAG_STATUSES).index(kv[0])
                                              if kv[0] in FLAG_STATUSES else 99))
        parts.append(f"{vn_int(total)} trường hợp {FLAG_KINDS[kind][0].lower()}{FLAG_KINDS[kind][1:]} ({detail})")
    if not parts:
        return "Trong kỳ không phát hiện trường hợp nào."
    return "Phát hiện " + "; ".join(parts) + "."


def monitoring_paragraph(figures: Figures) -> str:
    """The half-year and annual report paragraph, in the department's wording."""
    scope = "Từ đầu năm đến nay" if not figures.complete else f"{IN_PERIOD[figures.period_kind]} ({figures.period_span})"
    text = (f"Công tác giám sát thông tin trên báo chí, internet và mạng xã hội: {scope}, hệ thống giám sát thu "
            f"thập {vn_int(figures.collected)} tin, bài. {sentiment_sentence(figures.province, figures.sentiments)}.")
    if figures.sentiments.counts.get("negative"):
        text += (" Các tin tiêu cực được Sở sàng lọc và phối hợp với các đơn vị liên quan kiểm tra, xác định hành vi "
                 "và xử lý.")
    return text
