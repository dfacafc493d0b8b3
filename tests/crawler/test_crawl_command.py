"""`diembao crawl` without Scrapy: bad input is refused clearly, import sources run in the crawl."""

from __future__ import annotations

from sqlalchemy import select
from typer.testing import CliRunner

from bot.cli import app
from storage.models import CrawlRun, Item
from tests.crawler.conftest import write_sources

runner = CliRunner()


def test_bad_sources_file_and_unknown_source(database, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DIEMBAO_DATABASE_URL", database.url)
    broken = tmp_path / "hong.yaml"
    broken.write_text("sources:\n  - name: a\n    kind: rss\n", encoding="utf-8")
    result = runner.invoke(app, ["crawl", "--sources", str(broken)])
    assert result.exit_code == 2 and "Lỗi tệp nguồn" in result.output and "sources[0].kind" in result.output
    good = write_sources(tmp_path / "s.yaml", [{"name": "bao-a", "kind": "feed", "type": "portal",
                                                "url": "http://127.0.0.1:9/rss"}])
    unknown = runner.invoke(app, ["crawl", "--sources", str(good), "--source", "bao-b"])
    assert unknown.exit_code == 2 and "không có nguồn tên bao-b" in unknown.output and "bao-a" in unknown.output


def test_import_sources_run_with_the_crawl(database, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DIEMBAO_DATABASE_URL", database.url)
    export = tmp_path / "tinh.csv"
    export.write_text("Link,Nội dung,Loại nguồn\nhttps://www.facebook.com/p/1,Nước ngập đường Trần Phú,Facebook\n",
                      encoding="utf-8")
    sources = write_sources(tmp_path / "s.yaml", [
        {"name": "cong-cu-tinh", "kind": "import", "type": "social", "url": str(export),
         "options": {"mapping": "social_listening"}},
        {"name": "tep-mat", "kind": "import", "type": "social", "url": str(tmp_path / "khong-co.csv")}])
    result = runner.invoke(app, ["crawl", "--sources", str(sources)])
    assert result.exit_code == 0, result.output
    assert "cong-cu-tinh (import): 1 mới" in result.output
    assert "THẤT BẠI" in result.output and "không tìm thấy tệp" in result.output
    with database.session() as session:
        assert session.scalars(select(Item)).one().platform == "facebook"
        assert sorted(r.status for r in session.scalars(select(CrawlRun))) == ["failed", "ok"]
    again = runner.invoke(app, ["crawl", "--sources", str(sources), "--source", "tep-mat"])
    assert again.exit_code == 1  # every attempted source failed
