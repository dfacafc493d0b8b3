"""The card of a flag: what an officer reads in an alert and in /review, and the buttons reviewers press.

Source, time (Asia/Ho_Chi_Minh), excerpt, link, the labels with their reasons, how big the story is, the workflow
step and every reviewer's latest decisions. Everything from outside is escaped; the card always fits one message."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.casework.workflow import allowed_moves
from bot.numbers import vn_int, vn_percent
from bot.telegram.callbacks import SENTIMENT_CODES, STEP_CODES, VERDICT_CODES, encode_label, encode_step
from bot.telegram.html import esc, fit, link, local_time, shorten
from config.vocabulary import (ACTIONS, CONCLUSIONS, FLAG_KINDS, FLAG_STATUSES, REVIEW_TASKS, SENTIMENTS,
                               SEVERITIES, TOXICITY)
from storage.models import Analysis, Claim, Flag, FlagEvent, Item, Review, Source, Story, User

SEVERITY_MARKS = {"low": "⚪", "medium": "🟡", "high": "🟠", "critical": "🔴"}
SHORT_ACTIONS = {"nhac_nho": "Nhắc nhở", "phan_bac": "Phản bác", "cai_chinh": "Cải chính", "chuyen_cong_an": "Chuyển CA",
                 "de_nghi_go_bo": "Đề nghị gỡ", "bao_cao_nhanh": "Báo cáo nhanh"}
SHORT_VERDICTS = {"tin_gia": "Tin giả", "sai_su_that": "Sai sự thật", "xac_thuc": "Xác thực",
                  "chua_du_co_so": "Chưa đủ cơ sở"}
EXCERPT_CHARS, REASONS_SHOWN = 320, 6


def latest_analysis(session: Session, item_id: int) -> Analysis | None:
    return session.scalars(select(Analysis).where(Analysis.item_id == item_id).order_by(Analysis.id.desc())
                           .limit(1)).first()


def keys_of(values: list[Any] | None) -> set[str]:
    """Topic keys or place names from analysis lists, whether stored as strings or as {key|name: ...} objects."""
    out: set[str] = set()
    for value in values or []:
        if isinstance(value, str):
            out.add(value)
        elif isinstance(value, dict):
            key = value.get("key") or value.get("topic") or value.get("name") or value.get("place")
            if key:
                out.add(str(key))
    return out


def _reason(value: Any) -> str:
    if isinstance(value, dict):
        value = value.get("text") or value.get("reason") or value.get("message") or ""
    return shorten(str(value), 200)


def display_names(session: Session, actors: set[str]) -> dict[str, str]:
    """"tg:123" → the person's name as registered; other actors (cli, system) stay as they are."""
    ids = {int(a[3:]) for a in actors if a.startswith("tg:") and a[3:].isdigit()}
    names = {a: a for a in actors}
    if ids:
        for user in session.scalars(select(User).where(User.telegram_id.in_(ids))):
            names[f"tg:{user.telegram_id}"] = user.name or (f"@{user.username}" if user.username else f"tg:{user.telegram_id}")
    return names


@dataclass
class Card:
    text: str
    markup: dict[str, Any] | None


def _labels(analysis: Analysis | None) -> list[str]:
    if analysis is None:
        return ["chưa phân tích"]
    out = []
    if analysis.sentiment in SENTIMENTS:
        score = (analysis.sentiment_scores or {}).get(analysis.sentiment)
        out.append(SENTIMENTS[analysis.sentiment] + (f" ({vn_percent(100 * score, 0)})" if score is not None else ""))
    if analysis.toxicity and analysis.toxicity != "CLEAN":
        out.append(TOXICITY.get(analysis.toxicity, analysis.toxicity))
    if analysis.misinfo_score is not None:
        out.append(f"khả năng sai sự thật {vn_percent(100 * analysis.misinfo_score, 0)}")
    return out


def _header(flag: Flag) -> str:
    return (f"{SEVERITY_MARKS.get(flag.severity, '')} <b>{esc(FLAG_KINDS.get(flag.kind, flag.kind).upper())}</b> · "
            f"mức {esc(SEVERITIES.get(flag.severity, flag.severity))} · #{flag.id}")


def _subject(session: Session, flag: Flag, item: Item | None, tz: ZoneInfo) -> list[str]:
    source = session.get(Source, flag.source_id) if flag.source_id else None
    if item is None:
        name = source.label if source else "không rõ"
        lines = [f"<b>Nguồn:</b> {esc(name)}"]
        if source is not None:
            lines.append(f"<b>Tin gần nhất:</b> {local_time(source.last_item_at, tz)}")
        return lines
    origin = item.outlet or (item.source.label if item.source else None) or item.platform or "không rõ"
    lines = [f"<b>Nguồn:</b> {esc(origin)} · {local_time(item.published_at or item.fetched_at, tz)}"]
    if item.title:
        lines.append(f"<b>{esc(shorten(item.title, 200))}</b>")
    excerpt = shorten(item.text, EXCERPT_CHARS)
    if excerpt:
        lines.append(f"<i>{esc(excerpt)}</i>")
    if item.url.startswith(("http://", "https://")):
        lines.append(f"🔗 {link(item.url, 'Xem bài gốc')}")
    return lines


def _story(session: Session, flag: Flag, counter: int) -> list[str]:
    story = session.get(Story, flag.story_id) if flag.story_id else None
    lines = []
    if story is not None and story.item_count > 1:
        lines.append(f"<b>Sự việc:</b> {vn_int(story.item_count)} tin, {vn_int(max(story.outlet_count, 1))} nguồn "
                     f"đưa tin — {esc(shorten(story.title, 120))}")
    if counter > 1:
        lines.append(f"<b>Cảnh báo cùng sự việc:</b> {vn_int(counter)} (thêm {vn_int(counter - 1)} sau tin đầu)")
    return lines


def _workflow(session: Session, flag: Flag, names: dict[str, str], tz: ZoneInfo) -> str:
    event = session.scalars(select(FlagEvent).where(FlagEvent.flag_id == flag.id).order_by(FlagEvent.id.desc())
                            .limit(1)).first()
    text = f"<b>Bước xử lý:</b> {esc(FLAG_STATUSES.get(flag.status, flag.status))}"
    if flag.conclusion:
        text += f" · kết luận: {esc(CONCLUSIONS.get(flag.conclusion, flag.conclusion))}"
    if flag.action:
        text += f" · biện pháp: {esc(ACTIONS.get(flag.action, flag.action))}"
    if event is not None:
        text += f" — {esc(names.get(event.actor, event.actor))}, {local_time(event.at, tz)}"
    if flag.legal_basis:
        text += f"\n<b>Căn cứ:</b> {esc(shorten(flag.legal_basis, 300))}"
    return text


def _decisions(session: Session, item_id: int, names: dict[str, str], tz: ZoneInfo) -> list[str]:
    """Each reviewer's latest label per task, in the order reviewers first spoke."""
    reviews = session.scalars(select(Review).where(Review.item_id == item_id).order_by(Review.id)).all()
    latest: dict[str, dict[str, Review]] = {}
    for review in reviews:
        latest.setdefault(review.reviewer, {})[review.task] = review
    lines = []
    for reviewer, tasks in list(latest.items())[:10]:
        labels = [REVIEW_TASKS.get(t, {}).get(r.label, r.label) for t, r in tasks.items()]
        when = max(r.created_at for r in tasks.values())
        lines.append(f"• {esc(names.get(reviewer, reviewer))}: {esc('; '.join(labels))} ({local_time(when, tz)})")
    return lines


def flag_version(session: Session, flag_id: int) -> int:
    """How many workflow steps the flag has taken: step buttons carry it, so a stale or replayed press is seen."""
    return session.scalar(select(func.count()).select_from(FlagEvent).where(FlagEvent.flag_id == flag_id)) or 0


def keyboard(flag: Flag, version: int, labels: bool = True) -> dict[str, Any]:
    """Sentiment and verdict (when there is an item to label) and the next workflow steps, as an inline keyboard."""
    sentiment = [{"text": SENTIMENTS[label], "callback_data": encode_label("s", flag.id, code)}
                 for code, label in SENTIMENT_CODES.items()]
    verdicts = [{"text": SHORT_VERDICTS[label], "callback_data": encode_label("m", flag.id, code)}
                for code, label in VERDICT_CODES.items()]
    steps = []
    moves = allowed_moves(flag)
    for code, step in STEP_CODES.items():
        if step.to_status not in moves or (flag.status == "dong") != (code == "mo"):
            continue
        if step.conclusion:
            label = f"KL: {CONCLUSIONS[step.conclusion]}"
        elif step.action:
            label = f"XL: {SHORT_ACTIONS[step.action]}"
        else:
            label = f"➡ {FLAG_STATUSES[step.to_status]}" if code != "mo" else "↩ Mở lại"
        steps.append({"text": label, "callback_data": encode_step(flag.id, version, code)})
    rows = [sentiment, verdicts[:2], verdicts[2:]] if labels else []
    rows += [steps[i:i + 3] for i in range(0, len(steps), 3)]
    return {"inline_keyboard": rows}


def flag_card(session: Session, flag: Flag, tz: ZoneInfo, *, counter: int = 1, with_buttons: bool = True) -> Card:
    item = session.get(Item, flag.item_id) if flag.item_id else None
    analysis = latest_analysis(session, item.id) if item else None
    reviews_by = set(session.scalars(select(Review.reviewer).where(Review.item_id == item.id))) if item else set()
    events_by = set(session.scalars(select(FlagEvent.actor).where(FlagEvent.flag_id == flag.id)))
    names = display_names(session, reviews_by | events_by)
    lines = [_header(flag), *_subject(session, flag, item, tz)]
    if item is not None:
        lines.append(f"<b>Nhãn:</b> {esc(' · '.join(_labels(analysis)))}")
    reasons = [_reason(r) for r in (flag.reasons or [])][:REASONS_SHOWN]
    if reasons:
        lines.append("<b>Lý do:</b>")
        lines += [f"• {esc(r)}" for r in reasons if r]
    if flag.claim_id:
        claim = session.get(Claim, flag.claim_id)
        if claim is not None:
            similarity = f"; giống {vn_percent(100 * flag.claim_similarity, 0)}" if flag.claim_similarity else ""
            lines.append(f"<b>Trùng tin đã kiểm chứng:</b> “{esc(shorten(claim.text, 200))}” "
                         f"({esc(REVIEW_TASKS['misinfo'].get(claim.verdict, claim.verdict))}{similarity})")
    lines += _story(session, flag, counter)
    lines.append(_workflow(session, flag, names, tz))
    if item is not None:
        decisions = _decisions(session, item.id, names, tz)
        if decisions:
            lines.append("<b>Đánh giá:</b>")
            lines += decisions
    markup = keyboard(flag, flag_version(session, flag.id), labels=item is not None) if with_buttons else None
    return Card(fit("\n".join(lines)), markup)
