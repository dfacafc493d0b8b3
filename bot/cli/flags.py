"""`diembao flags list|show|move`: the flags officers work through, on the command line."""

from __future__ import annotations

import typer
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.casework import WorkflowError, allowed_moves, move
from bot.context import load_settings, open_database
from bot.localtime import local_time
from bot.numbers import vn_decimal
from bot.vocab import VocabularyError, lookup
from config import Settings
from config.vocabulary import (
    ACTIONS,
    CONCLUSIONS,
    FLAG_KINDS,
    FLAG_STATUSES,
    OPEN_FLAG_STATUSES,
    REVIEW_TASKS,
    SEVERITIES,
    SEVERITY_ORDER,
    VERDICTS,
)
from storage.models import Claim, Flag, FlagEvent, Item, Review, Source, Story

app = typer.Typer(help="Cảnh báo: xem danh sách, chi tiết và chuyển bước xử lý.", no_args_is_help=True)


def _fail(message: str) -> None:
    typer.echo(message, err=True)
    raise typer.Exit(1)


def _key(value: str | None, names: dict[str, str], what: str) -> str | None:
    if value is None:
        return None
    try:
        return lookup(value, names, what)
    except VocabularyError as exc:
        _fail(f"Lỗi: {exc}")


def score_text(flag: Flag) -> str | None:
    """The flag's score as its kind means it: a probability, a growth ratio, or hours of silence."""
    if flag.score is None:
        return None
    if flag.kind == "volume_spike":
        return f"gấp {vn_decimal(flag.score)} lần mức thường"
    if flag.kind == "silent_source":
        return f"im lặng {vn_decimal(flag.score)} giờ"
    return f"điểm {vn_decimal(flag.score * 100, 0)}%"


def _subject(session: Session, flag: Flag) -> str:
    if flag.item_id is not None and (item := session.get(Item, flag.item_id)) is not None:
        title = item.title or item.text
        return f"{item.outlet or item.source_type}: {' '.join(title.split())[:90]}"
    if flag.story_id is not None and (story := session.get(Story, flag.story_id)) is not None:
        return f"Sự việc: {story.title[:90]}"
    if flag.source_id is not None and (source := session.get(Source, flag.source_id)) is not None:
        return f"Nguồn: {source.label}"
    return "(đối tượng đã bị xóa)"


@app.command("list")
def list_cmd(
    status: str = typer.Option(None, "--status", help="Chỉ một bước: " + ", ".join(FLAG_STATUSES) + "."),
    kind: str = typer.Option(None, "--kind", help="Loại: " + ", ".join(FLAG_KINDS) + "."),
    severity: str = typer.Option(None, "--severity", help="Mức tối thiểu: " + ", ".join(SEVERITIES) + "."),
    include_closed: bool = typer.Option(False, "--all", help="Gồm cả cảnh báo đã đóng."),
    limit: int = typer.Option(50, "--limit", min=1, help="Số dòng tối đa."),
) -> None:
    """Liệt kê cảnh báo, mới nhất trước (mặc định: các cảnh báo đang mở)."""
    status_key = _key(status, FLAG_STATUSES, "Bước")
    kind_key = _key(kind, FLAG_KINDS, "Loại cảnh báo")
    severity_key = _key(severity, SEVERITIES, "Mức độ")
    settings = load_settings()
    database = open_database(settings)
    with database.session() as session:
        query = select(Flag).order_by(Flag.id.desc())
        if status_key:
            query = query.where(Flag.status == status_key)
        elif not include_closed:
            query = query.where(Flag.status.in_(OPEN_FLAG_STATUSES))
        if kind_key:
            query = query.where(Flag.kind == kind_key)
        if severity_key:
            query = query.where(Flag.severity.in_(SEVERITY_ORDER[SEVERITY_ORDER.index(severity_key):]))
        flags = session.scalars(query.limit(limit)).all()
        if not flags:
            typer.echo("Không có cảnh báo nào phù hợp.")
            return
        for flag in flags:
            score = score_text(flag)
            typer.echo(f"#{flag.id} [{SEVERITIES[flag.severity]}] {FLAG_KINDS[flag.kind]} · "
                       f"{FLAG_STATUSES[flag.status]} · {local_time(flag.created_at, settings)}"
                       + (f" · {score}" if score else ""))
            typer.echo(f"    {_subject(session, flag)}")


def _show(session: Session, flag: Flag, settings: Settings) -> None:
    echo = typer.echo
    echo(f"Cảnh báo #{flag.id}: {FLAG_KINDS[flag.kind]}")
    echo(f"Mức độ: {SEVERITIES[flag.severity]} · Bước: {FLAG_STATUSES[flag.status]} · "
         f"Phát hiện: {local_time(flag.created_at, settings)}")
    if (score := score_text(flag)) is not None:
        echo(score[0].upper() + score[1:])
    echo(_subject(session, flag))
    if flag.item_id is not None and (item := session.get(Item, flag.item_id)) is not None:
        echo(f"Đường dẫn: {item.url}")
        if item.published_at:
            echo(f"Đăng lúc: {local_time(item.published_at, settings)}")
    if flag.claim_id is not None and (claim := session.get(Claim, flag.claim_id)) is not None:
        similarity = f" (giống {vn_decimal((flag.claim_similarity or 0) * 100, 0)}%)"
        echo(f"Trùng thông tin đã kiểm chứng #{claim.id} – {VERDICTS.get(claim.verdict, claim.verdict)}{similarity}: "
             f"{claim.text}")
    echo("Lý do:")
    for reason in flag.reasons or []:
        echo(f"  - {reason}")
    if flag.conclusion:
        basis = f" · Căn cứ: {flag.legal_basis}" if flag.legal_basis else ""
        echo(f"Kết luận: {CONCLUSIONS[flag.conclusion]}{basis}")
    if flag.action:
        echo(f"Biện pháp gần nhất: {ACTIONS[flag.action]}")
    echo("Lịch sử xử lý:")
    for event in session.scalars(select(FlagEvent).where(FlagEvent.flag_id == flag.id).order_by(FlagEvent.id)):
        step = (f"{FLAG_STATUSES[event.from_status]} → " if event.from_status else "") + FLAG_STATUSES[event.to_status]
        details = [f"kết luận: {CONCLUSIONS[event.conclusion]}" if event.conclusion else "",
                   f"biện pháp: {ACTIONS[event.action]}" if event.action else "",
                   f"căn cứ: {event.legal_basis}" if event.legal_basis else "",
                   f"ghi chú: {event.note}" if event.note else ""]
        extra = "; ".join(d for d in details if d)
        echo(f"  {local_time(event.at, settings)} · {event.actor} · {step}" + (f" · {extra}" if extra else ""))
    if flag.item_id is not None:
        reviews = session.scalars(select(Review).where(Review.item_id == flag.item_id).order_by(Review.id)).all()
        if reviews:
            echo("Nhãn của người duyệt:")
            for review in reviews:
                shown = REVIEW_TASKS.get(review.task, {}).get(review.label, review.label)
                echo(f"  {local_time(review.created_at, settings)} · {review.reviewer} · {review.task}: {shown}")
    nxt = allowed_moves(flag)
    echo("Bước tiếp theo: " + ", ".join(f"{FLAG_STATUSES[s]} ({s})" for s in nxt))


@app.command("show")
def show_cmd(flag_id: int = typer.Argument(..., help="Số cảnh báo.")) -> None:
    """Chi tiết một cảnh báo: lý do, thông tin trùng khớp, lịch sử xử lý, nhãn của người duyệt."""
    settings = load_settings()
    database = open_database(settings)
    with database.session() as session:
        flag = session.get(Flag, flag_id)
        if flag is None:
            _fail(f"Không có cảnh báo #{flag_id}.")
        _show(session, flag, settings)


@app.command("move")
def move_cmd(
    flag_id: int = typer.Argument(..., help="Số cảnh báo."),
    to: str = typer.Argument(..., help="Bước mới: " + ", ".join(f"{k} ({v})" for k, v in FLAG_STATUSES.items())),
    by: str = typer.Option(..., "--by", help="Người thực hiện (ghi vào lịch sử và nhật ký)."),
    conclusion: str = typer.Option(None, "--conclusion", help="Ở bước kết luận: " + ", ".join(CONCLUSIONS) + "."),
    action: str = typer.Option(None, "--action", help="Ở bước xử lý: " + ", ".join(ACTIONS) + "."),
    legal_basis: str = typer.Option(None, "--legal-basis", help="Căn cứ pháp lý (bắt buộc khi kết luận vi phạm)."),
    note: str = typer.Option(None, "--note", help="Lý do, ghi chú."),
) -> None:
    """Chuyển cảnh báo sang bước tiếp theo của quy trình."""
    to_key = _key(to, FLAG_STATUSES, "Bước")
    conclusion_key = _key(conclusion, CONCLUSIONS, "Kết luận")
    action_key = _key(action, ACTIONS, "Biện pháp")
    settings = load_settings()
    database = open_database(settings)
    try:
        with database.session() as session:
            before = session.get(Flag, flag_id)
            start = before.status if before is not None else None
            flag = move(session, flag_id, to_key, by, conclusion=conclusion_key, action=action_key,
                        legal_basis=legal_basis, note=note)
            typer.echo(f"Đã chuyển cảnh báo #{flag.id}: {FLAG_STATUSES[start]} → {FLAG_STATUSES[flag.status]}.")
            nxt = allowed_moves(flag)
            typer.echo("Bước tiếp theo: " + ", ".join(f"{FLAG_STATUSES[s]} ({s})" for s in nxt))
    except WorkflowError as exc:
        _fail(f"Lỗi: {exc}")
