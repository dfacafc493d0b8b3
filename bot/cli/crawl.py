"""`diembao crawl`: crawl the configured sources in this process (Scrapy), with a progress line and a summary."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import typer

from bot.context import load_settings, open_database
from config.settings import Settings
from config.sources import SourceConfig, default_sources_path, load_sources
from config.yamlfile import ConfigError
from crawler.report import CrawlReport, SourceRun

QUIET_PROGRESS_EVERY_S = 10.0  # when stderr is not a terminal (a service log), at most one line this often


def number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def configured_sources(settings: Settings, path: Path | None) -> list[SourceConfig]:
    """The sources file named on the command line, in the settings, or shipped for the province."""
    path = path or settings.sources_file or default_sources_path(settings.province)
    try:
        return load_sources(path)
    except ConfigError as exc:
        for problem in exc.problems:
            typer.echo(f"Lỗi tệp nguồn: {problem}", err=True)
        raise typer.Exit(2) from None


class Progress:
    """One line on stderr: rewritten in place on a terminal, printed now and then otherwise."""

    def __init__(self) -> None:
        self.tty = sys.stderr.isatty()
        self.last_line = ""
        self.last_time = 0.0

    def __call__(self, report: CrawlReport) -> None:
        line = (f"Đang thu thập: {report.finished_sources}/{len(report.runs)} nguồn xong · "
                f"{number(report.total('pages_fetched'))} trang · {number(report.total('new'))} tin mới · "
                f"{number(report.total('updated'))} cập nhật · {number(report.total('duplicates'))} trùng · "
                f"{number(report.total('failed'))} lỗi")
        now = time.monotonic()
        if self.tty:
            sys.stderr.write("\r" + line.ljust(len(self.last_line)))
        elif line != self.last_line and now - self.last_time >= QUIET_PROGRESS_EVERY_S:
            sys.stderr.write(line + "\n")
        else:
            return
        sys.stderr.flush()
        self.last_line, self.last_time = line, now

    def done(self) -> None:
        if self.tty and self.last_line:
            sys.stderr.write("\n")


def describe_run(run: SourceRun) -> str:
    head = f"  - {run.name} ({run.kind}): "
    if run.status == "not_configured":
        return head + (run.error or "chưa cấu hình")
    counts = (f"{number(run.new)} mới, {number(run.updated)} cập nhật, {number(run.duplicates)} trùng, "
              f"{number(run.failed)} lỗi")
    notes = []
    if run.skipped_stored:
        notes.append(f"bỏ qua {number(run.skipped_stored)} tin đã lưu")
    if run.not_modified:
        notes.append("nguồn không có gì mới (304)")
    if run.skipped_language:
        notes.append(f"bỏ {number(run.skipped_language)} tin không phải tiếng Việt")
    if run.skipped_robots:
        notes.append(f"{number(run.skipped_robots)} trang robots.txt không cho phép")
    text = head + counts + (f"; {'; '.join(notes)}" if notes else "")
    if run.status == "failed":
        text += f"\n      THẤT BẠI: {run.error}"
    elif run.status == "interrupted":
        text += f"\n      {run.error}"
    for failure in run.failures[:3]:
        text += f"\n      lỗi: {failure}"
    for warning in run.warnings[:3]:
        text += f"\n      lưu ý: {warning}"
    return text


def print_summary(report: CrawlReport) -> None:
    seconds = (report.finished_at - report.started_at).total_seconds() if report.finished_at else 0.0
    typer.echo(f"Kết quả thu thập: {len(report.runs)} nguồn trong {seconds:.1f} giây".replace(".", ","))
    typer.echo(f"  Tin mới: {number(report.total('new'))} · Cập nhật: {number(report.total('updated'))} · "
               f"Trùng lặp: {number(report.total('duplicates'))} · Lỗi: {number(report.total('failed'))}")
    for run in report.runs:
        typer.echo(describe_run(run))
    if report.purged_evidence:
        typer.echo(f"Đã xóa bản lưu gốc quá hạn của {number(report.purged_evidence)} tin "
                   "(tin đã gắn cảnh báo được giữ nguyên).")


def crawl(
    source: list[str] = typer.Option(None, "--source", help="Chỉ thu thập nguồn này (lặp lại cho nhiều nguồn)."),
    sources: Path = typer.Option(None, "--sources", help="Tệp YAML danh sách nguồn (mặc định: của tỉnh)."),
    verbose: bool = typer.Option(False, "--verbose", help="In nhật ký chi tiết của Scrapy."),
) -> None:
    """Thu thập tin từ các nguồn đã cấu hình (báo, cổng thông tin, diễn đàn, kênh Telegram, Facebook, YouTube)."""
    from crawler.runner import UnknownSources, run_crawl  # Scrapy is imported only by the command that needs it

    settings = load_settings()
    configs = configured_sources(settings, sources)
    database = open_database(settings)
    progress = Progress()
    try:
        report = run_crawl(settings, configs, database, names=source or None, progress=progress,
                           log_level="INFO" if verbose else "ERROR")
    except UnknownSources as exc:
        typer.echo(f"Lỗi: {exc}", err=True)
        raise typer.Exit(2) from None
    progress.done()
    print_summary(report)
    raise typer.Exit(1 if report.all_failed else 0)


if __name__ == "__main__":  # `python -m bot.cli.crawl`: the runner's crawl processes, without the whole CLI
    typer.run(crawl)
