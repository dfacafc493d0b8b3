"""The body of a bulletin, section by section, in the department's words (Roman-numbered headings as in its
reports). Weekly and monthly bulletins carry every section; half-year and annual reports the summary ones and the
KPI appendix."""

from __future__ import annotations

from bot.digest.charts import Chart
from bot.digest.document import Block, Heading, Image, Inline, Paragraph, Table, linked
from bot.digest.figures import Figures, FlagLine, Share, StoryLine
from bot.digest.periods import vn_date
from bot.digest.wording import (IN_PERIOD, comparison_sentence, flag_sentence, kpi_sentence, monitoring_paragraph,
                                sentiment_sentence)
from bot.numbers import vn_decimal, vn_int, vn_percent
from config.sources import SOURCE_TYPE_NAMES
from config.vocabulary import ACTIONS, CONCLUSIONS, FLAG_KINDS, FLAG_STATUSES, SENTIMENTS, SEVERITIES, TOXICITY

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
TOP_ROWS = 15
HARM_KINDS = ("misinformation", "harmful", "watchlist")
KPI_ROW = ("Ngăn chặn, xử lý nghiêm, kịp thời các thông tin xấu, độc, sai sự thật mà phát hiện và xác minh được trên "
           "mạng xã hội")

LABEL_NAMES = {**SENTIMENTS, **TOXICITY}  # reviewers' labels, for accuracy per label


def _share_table(first: str, rows: list[Share], limit: int = TOP_ROWS) -> Table:
    return Table([first, "Số tin", "Tỷ lệ", "Tiêu cực"],
                 [[r.name, vn_int(r.count), vn_percent(r.share), vn_int(r.negative)] for r in rows[:limit]],
                 [8.0, 2.5, 2.5, 2.5])


def _story_paragraphs(lines: list[StoryLine]) -> list[Block]:
    out: list[Block] = []
    for n, line in enumerate(lines, 1):
        title = linked(line.title, line.url)
        tail = f" — {line.phrase}"
        if line.negative:
            tail += f" ({vn_int(line.negative)} tin tiêu cực)"
        out.append(Paragraph([f"{n}. ", title, tail + "."]))
    return out


def _flag_cell(line: FlagLine) -> list[Inline]:
    return [linked(line.title, line.url)]


def _flag_outcome(line: FlagLine) -> str:
    parts = [FLAG_STATUSES.get(line.status, line.status)]
    if line.conclusion:
        parts.append(CONCLUSIONS.get(line.conclusion, line.conclusion))
    if line.action:
        parts.append(ACTIONS.get(line.action, line.action))
    return "; ".join(parts)


def overview(figures: Figures, charts: dict[str, Chart]) -> list[Block]:
    intro = (f"{IN_PERIOD[figures.period_kind]} ({figures.period_span}), hệ thống giám sát thu thập "
             f"{vn_int(figures.collected)} tin, bài trên báo chí, cổng/trang thông tin điện tử, mạng xã hội và diễn "
             f"đàn. {sentiment_sentence(figures.province, figures.sentiments)}.")
    if figures.period_kind in ("half-year", "year"):
        intro = monitoring_paragraph(figures)
    blocks: list[Block] = [Paragraph([intro]), Paragraph([comparison_sentence(figures)])]
    if figures.uncertain_sentiment:
        share = vn_percent(figures.uncertain_sentiment * 100 / figures.total) if figures.total else "–"
        blocks.append(Paragraph([f"Trong số tin liên quan, {vn_int(figures.uncertain_sentiment)} tin ({share}) mô hình "
                                 "chưa chắc chắn về sắc thái: được tính theo sắc thái có khả năng cao nhất và cần "
                                 "người rà soát xác nhận."], italic=True))
    if not figures.complete:
        blocks.append(Paragraph([f"Số liệu tính đến hết ngày {vn_date(figures.through)}."], italic=True))
    if figures.pending_analysis:
        blocks.append(Paragraph([f"Còn {vn_int(figures.pending_analysis)} tin chưa được phân tích, chưa tính vào "
                                 "số liệu trên."], italic=True))
    blocks += [_share_table("Loại nguồn", figures.by_source_type), Image(charts["sentiment"].title,
                                                                          charts["sentiment"].png),
               Image(charts["sources"].title, charts["sources"].png)]
    if figures.platforms:
        blocks.append(Paragraph(["Trên mạng xã hội: " + "; ".join(
            f"{p.name}: {vn_int(p.count)} ({vn_percent(p.share)})" for p in figures.platforms) + "."]))
    return blocks


def stories(figures: Figures) -> list[Block]:
    if not figures.stories:
        return [Paragraph(["Không có sự việc nào được phản ánh trong kỳ."])]
    return [Paragraph([f"{IN_PERIOD[figures.period_kind]} có {vn_int(figures.story_count)} sự việc được phản ánh; "
                       "các sự việc được đưa tin nhiều nhất:"]), *_story_paragraphs(figures.stories)]


def topics_places(figures: Figures, charts: dict[str, Chart]) -> list[Block]:
    blocks: list[Block] = [Paragraph(["Số tin theo chủ đề (một tin có thể thuộc nhiều chủ đề):"]),
                           _share_table("Chủ đề", figures.topics), Image(charts["topics"].title, charts["topics"].png)]
    if figures.places:
        blocks += [Paragraph(["Số tin theo địa bàn được nhắc đến:"]), _share_table("Địa bàn", figures.places)]
    return blocks


def central_press(figures: Figures) -> list[Block]:
    if not figures.central_press:
        return [Paragraph(["Trong kỳ báo chí trung ương không có tin, bài phản ánh về tỉnh."])]
    return [Paragraph(["Các sự việc về tỉnh được báo chí trung ương đưa tin nhiều nhất:"]),
            *_story_paragraphs(figures.central_press)]


def negative_press(figures: Figures) -> list[Block]:
    blocks: list[Block] = [Paragraph([
        f"{IN_PERIOD[figures.period_kind]} có {vn_int(figures.negative_press_items)} tin, bài báo chí có nội dung "
        f"tiêu cực; {vn_int(len(figures.press_flags))} tin, bài cần theo dõi để phản hồi, cung cấp thông tin hoặc đề "
        "nghị cải chính theo Luật Báo chí năm 2016."])]
    if figures.press_flags:
        blocks.append(Table(["STT", "Tin, bài", "Báo", "Ngày", "Tình trạng xử lý"],
                            [[str(n), *_flag_cell(f), f.outlet or "", vn_date(f.day), _flag_outcome(f)]
                             for n, f in enumerate(figures.press_flags, 1)], [1.2, 6.5, 3.0, 2.3, 3.5]))
    return blocks


def harmful(figures: Figures) -> list[Block]:
    blocks: list[Block] = [Paragraph([flag_sentence(figures.flag_counts, HARM_KINDS)])]
    if figures.flags:
        blocks.append(Table(["STT", "Nội dung", "Loại", "Mức độ", "Tình trạng xử lý"],
                            [[str(n), *_flag_cell(f), FLAG_KINDS.get(f.kind, f.kind), SEVERITIES.get(f.severity, ""),
                              _flag_outcome(f)] for n, f in enumerate(figures.flags, 1)], [1.2, 6.5, 3.0, 2.0, 3.8]))
    blocks.append(Paragraph([kpi_sentence(figures.kpi)]))
    return blocks


def sources_and_review(figures: Figures) -> list[Block]:
    blocks: list[Block] = [Paragraph([f"Có {vn_int(figures.outlet_count)} báo, trang, tài khoản có tin liên quan; "
                                      "nhiều tin nhất:"]), _share_table("Báo, trang, tài khoản", figures.outlets)]
    if figures.silent_sources:
        names = "; ".join(f"{s.name} ({SOURCE_TYPE_NAMES.get(s.type, s.type)}"
                          + (f", tin gần nhất ngày {vn_date(s.last_item_at.date())}" if s.last_item_at else "")
                          + ")" for s in figures.silent_sources)
        blocks.append(Paragraph([f"Nguồn tin ngừng cập nhật trong kỳ ({vn_int(len(figures.silent_sources))}): "
                                 f"{names}."]))
    else:
        blocks.append(Paragraph(["Tất cả các nguồn tin đều cập nhật bình thường trong kỳ."]))
    if figures.workload:
        blocks += [Paragraph(["Công tác rà soát, gán nhãn và xử lý cảnh báo:"]),
                   Table(["Người rà soát", "Số nhãn", "Số bước xử lý cảnh báo"],
                         [[w.name, vn_int(w.reviews), vn_int(w.steps)] for w in figures.workload], [8.0, 3.5, 4.0])]
    if figures.accuracy:
        names = {"sentiment": "Sắc thái", "toxicity": "Nội dung xấu độc", "relevance": "Liên quan tỉnh",
                 "misinfo": "Tin sai sự thật", "topic": "Chủ đề"}
        blocks += [Paragraph(["Độ chính xác của mô hình so với kết luận của người rà soát:"]),
                   Table(["Nội dung", "Số tin đối chiếu", "Trùng khớp", "Tỷ lệ"],
                         [[names[a.task], vn_int(a.reviewed), vn_int(a.agreed), vn_percent(a.accuracy)]
                          for a in figures.accuracy], [6.0, 3.5, 3.0, 3.0])]
        blocks += [Paragraph([f"{names[a.task]}, theo kết luận của người rà soát: " + "; ".join(
            f"{LABEL_NAMES[label].lower()} {vn_int(same)}/{vn_int(n)} tin trùng khớp ({vn_percent(same * 100 / n)})"
            for label, (n, same) in a.by_label.items()) + "."]) for a in figures.accuracy if a.by_label]
    return blocks


def body(figures: Figures, charts: dict[str, Chart]) -> list[Block]:
    sections = [("TÌNH HÌNH CHUNG", overview(figures, charts)), ("CÁC SỰ VIỆC NỔI BẬT", stories(figures)),
                ("CHỦ ĐỀ VÀ ĐỊA BÀN", topics_places(figures, charts))]
    if figures.period_kind == "month":
        sections.append(("BÁO CHÍ TRUNG ƯƠNG PHẢN ÁNH VỀ TỈNH", central_press(figures)))
    if figures.period_kind in ("week", "month"):
        sections.append(("BÁO CHÍ PHẢN ÁNH TIÊU CỰC CẦN PHẢN HỒI", negative_press(figures)))
    sections.append(("TIN SAI SỰ THẬT, THÔNG TIN XẤU ĐỘC", harmful(figures)))
    sections.append(("NGUỒN TIN VÀ CÔNG TÁC RÀ SOÁT", sources_and_review(figures)))
    blocks: list[Block] = []
    for numeral, (title, content) in zip(ROMAN, sections):
        blocks += [Heading(f"{numeral}. {title}"), *content]
    return blocks


def kpi_appendix(figures: Figures, document_code: str) -> list[Block]:
    """PHỤ LỤC with the KPI row of the half-year and annual reports."""
    value = "-" if figures.kpi.share is None else vn_decimal(figures.kpi.share)
    return [Heading("PHỤ LỤC"),
            Paragraph([f"Chỉ tiêu xử lý thông tin xấu, độc, sai sự thật {figures.period_name}"], bold=True,
                      centred=True),
            Paragraph([f"(Kèm theo Báo cáo số:        /{document_code} ngày      /     /{figures.period_key[:4]})"],
                      italic=True, centred=True),
            Table(["TT", "Chỉ tiêu", "Đơn vị", "Số trường hợp xác minh", "Đã xử lý", "Thực hiện"],
                  [["1", KPI_ROW, "%", vn_int(figures.kpi.verified), vn_int(figures.kpi.handled), value]],
                  [1.0, 7.0, 1.5, 2.5, 2.0, 2.0])]

