"""`diembao reviews agreement|export`: how far reviewers agree, and their decisions as training data."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import typer

from bot.casework.agreement import SINGLE_LABEL_TASKS, agreement
from bot.casework.training import POLICIES, TASK_NAMES, review_records, write_records
from bot.context import load_settings, open_database
from bot.numbers import vn_decimal, vn_int, vn_percent
from config.vocabulary import REVIEW_TASKS

app = typer.Typer(help="Nhãn của người duyệt: mức độ thống nhất và xuất dữ liệu huấn luyện.", no_args_is_help=True)


@app.command("agreement")
def agreement_cmd(
    task: str = typer.Option(None, "--task", help="Chỉ một loại nhãn: " + ", ".join(SINGLE_LABEL_TASKS) + "."),
    min_items: int = typer.Option(5, "--min-items", min=1, help="Số tin chung tối thiểu của một cặp người duyệt."),
) -> None:
    """Hệ số kappa Cohen giữa từng cặp người duyệt, theo loại nhãn."""
    if task is not None and task not in SINGLE_LABEL_TASKS:
        typer.echo(f"Lỗi: loại nhãn {task!r} không hợp lệ; cần một trong: {', '.join(SINGLE_LABEL_TASKS)}.", err=True)
        raise typer.Exit(1)
    database = open_database(load_settings())
    with database.session() as session:
        pairs = agreement(session, (task,) if task else SINGLE_LABEL_TASKS, min_items=min_items)
    if not pairs:
        typer.echo(f"Chưa có cặp người duyệt nào cùng gán nhãn từ {min_items} tin trở lên.")
        return
    for p in pairs:
        kappa = vn_decimal(p.kappa, 2) if p.kappa is not None else "không xác định (chỉ dùng một nhãn)"
        typer.echo(f"{TASK_NAMES[p.task]}: {p.reviewer_a} – {p.reviewer_b}: {vn_int(p.items)} tin chung, "
                   f"trùng {vn_percent(p.observed * 100)}, kappa {kappa}")


@app.command("export")
def export_cmd(
    task: str = typer.Option(..., "--task", help="Loại nhãn: " + ", ".join([*REVIEW_TASKS, "topic"]) + "."),
    out: Path = typer.Option(..., "--out", help="Tệp JSONL đầu ra (text, label và thông tin của tin)."),
    policy: str = typer.Option("latest", "--policy", help="latest: nhãn mới nhất; majority: đa số người duyệt."),
    since: str = typer.Option(None, "--since", help="Chỉ nhãn từ ngày (2025-06-01)."),
) -> None:
    """Xuất quyết định của người duyệt thành dữ liệu huấn luyện/đánh giá (mỗi tin một dòng)."""
    try:
        start = dt.datetime.fromisoformat(since).replace(tzinfo=dt.timezone.utc) if since else None
    except ValueError:
        typer.echo(f"Lỗi: ngày {since!r} không đọc được; dùng dạng 2025-06-01.", err=True)
        raise typer.Exit(1) from None
    if policy not in POLICIES:
        typer.echo(f"Lỗi: --policy cần một trong: {', '.join(POLICIES)}.", err=True)
        raise typer.Exit(1)
    database = open_database(load_settings())
    try:
        with database.session() as session:
            records = review_records(session, task, policy=policy, since=start)
    except ValueError as exc:
        typer.echo(f"Lỗi: {exc}.", err=True)
        raise typer.Exit(1) from None
    write_records(records, out)
    typer.echo(f"Đã xuất {vn_int(len(records))} tin có nhãn {TASK_NAMES.get(task, task)} vào {out}.")
