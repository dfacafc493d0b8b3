"""The command line: database upgrade and status, on both backends."""

import json
import re

from typer.testing import CliRunner

from bot.cli import app
from sqlalchemy import insert

from storage import Database
from storage.models import Item

runner = CliRunner()


def test_db_upgrade_then_status(database_url, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DIEMBAO_DATABASE_URL", database_url)
    first = runner.invoke(app, ["db", "upgrade"])
    assert first.exit_code == 0, first.output
    assert re.search(r"Đã nâng cấp .*: trống → (\d{4}) \(mới nhất: \1\)", first.output), first.output
    again = runner.invoke(app, ["db", "upgrade"])
    assert again.exit_code == 0 and "đã ở phiên bản mới nhất" in again.output

    db = Database(database_url)
    with db.session() as s:  # plain rows: this test is about the command, not about upserts
        s.execute(insert(Item), [
            {"url": f"https://baokhanhhoa.vn/tin-{i}.html", "canonical_url": f"https://baokhanhhoa.vn/tin-{i}.html",
             "source_type": "provincial_press", "content_hash": f"{i:064x}", "text": f"Tin thứ {i}"}
            for i in range(1234)])
    db.dispose()
    status = runner.invoke(app, ["status"])
    assert status.exit_code == 0, status.output
    assert "Tin đã thu thập: 1.234" in status.output
    as_json = json.loads(runner.invoke(app, ["status", "--json"]).output)
    assert as_json["items"] == 1234 and as_json["open_flags"] == 0


def test_unreachable_database_is_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DIEMBAO_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:1/khong_co")
    result = runner.invoke(app, ["status"])
    assert result.exit_code == 2
    assert "Không mở được cơ sở dữ liệu" in result.output


def test_broken_environment_is_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DIEMBAO_CRAWL__CONCURRENT_PER_DOMAIN", "nhiều")
    result = runner.invoke(app, ["status"])
    assert result.exit_code == 2
    assert "Lỗi cấu hình" in result.output
