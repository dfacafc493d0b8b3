"""`diembao import` (column mappings) and `diembao items export`, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import gzip
import json

import pytest
from sqlalchemy import delete, select
from typer.testing import CliRunner

from bot.cli import app
from crawler.dates import parse_date
from storage.items import ItemData, upsert_item
from storage.models import CrawlRun, Item, Snapshot, Source
from tests.fakes.province import windows_1258

runner = CliRunner()

SOCIAL_CSV = """STT;Tiêu đề;Nội dung;Link bài viết;Thời gian đăng;Tên nguồn;Loại nguồn;Lượt thích;Bình luận;Chia sẻ;Sắc thái
1;;Đường Trần Phú ngập sâu, xe máy chết máy hàng loạt;https://www.facebook.com/groups/nhatrang/posts/111;18/11/2025 07:45;Hội Nha Trang;Facebook;1.234;56;7;Tiêu cực
2;Khánh Hòa tăng cường phòng chống lũ;Tỉnh chỉ đạo các địa phương sơ tán dân vùng trũng;https://tuoitre.vn/khanh-hoa-phong-chong-lu-2025.htm;2025-11-18 09:00;Tuổi Trẻ;Báo điện tử;;;;Trung lập
3;;Thiếu đường dẫn ở dòng này;;18/11/2025;Hội Nha Trang;Facebook;;;;
4;;Bài đăng có ngày lạ;https://www.facebook.com/groups/nhatrang/posts/112;hôm kia lúc nào đó;Hội Nha Trang;Facebook;1,2K;;;
"""


@pytest.fixture
def cli(database, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DIEMBAO_DATABASE_URL", database.url)
    return lambda *args: runner.invoke(app, list(args))


def test_import_a_social_listening_export(cli, database, tmp_path):
    path = tmp_path / "giam-sat.csv"
    path.write_text(SOCIAL_CSV, encoding="utf-8-sig")  # Excel writes a BOM
    result = cli("import", str(path), "--mapping", "social_listening")
    assert result.exit_code == 0, result.output
    assert "3 tin mới, 0 cập nhật, 0 trùng, 1 dòng lỗi" in result.output
    assert "giam-sat.csv:4" in result.output and "thiếu đường dẫn" in result.output  # line 4 of the file
    assert "không đọc được thời gian 'hôm kia lúc nào đó'" in result.output
    with database.session() as session:
        items = {i.url: i for i in session.scalars(select(Item))}
        post = items["https://www.facebook.com/groups/nhatrang/posts/111"]
        assert post.source_type == "social" and post.platform == "facebook" and post.kind == "post"
        assert (post.likes, post.comments, post.shares) == (1234, 56, 7) and post.outlet == "Hội Nha Trang"
        assert post.published_at.isoformat() == "2025-11-18T00:45:00+00:00"
        assert post.extra == {"imported_with": "social_listening", "imported_sentiment": "Tiêu cực"}
        press = items["https://tuoitre.vn/khanh-hoa-phong-chong-lu-2025.htm"]
        assert press.source_type == "central_press" and press.title == "Khánh Hòa tăng cường phòng chống lũ"
        odd = items["https://www.facebook.com/groups/nhatrang/posts/112"]
        assert odd.published_at is None and odd.likes == 1200
        snapshot = session.scalars(select(Snapshot).where(Snapshot.item_id == post.id)).one()
        assert snapshot.status == 0 and snapshot.headers["X-Diembao-Import-Line"] == "2"
        assert json.loads(gzip.decompress(snapshot.body))["Tên nguồn"] == "Hội Nha Trang"
        source = session.scalars(select(Source).where(Source.name == "nhap-social_listening")).one()
        assert source.kind == "import" and not source.enabled  # never "silent"
        assert session.scalars(select(CrawlRun)).one().status == "ok"
    again = cli("import", str(path), "--mapping", "social_listening")
    assert "0 tin mới, 0 cập nhật, 3 trùng" in again.output  # importing twice adds nothing


def test_jsonl_with_a_broken_line_and_a_custom_mapping(cli, database, tmp_path):
    mapping = tmp_path / "cong-cu-tinh.yaml"
    mapping.write_text("columns:\n  url: [link]\n  text: [noi_dung]\n  author: [tai_khoan]\ndefaults:\n"
                       "  type: social\n  kind: comment\n", encoding="utf-8")
    path = tmp_path / "binh-luan.jsonl"
    path.write_text('{"link": "https://www.tiktok.com/@a/video/1", "noi_dung": "Cảnh đẹp quá", "tai_khoan": "a"}\n'
                    '{"link": "https://www.tiktok.com/@b/video/2", "noi_dung": \n'
                    "[1, 2]\n\n"
                    '{"link": "https://www.tiktok.com/@c/video/3", "noi_dung": "Nha Trang mùa mưa", "tai_khoan": "c"}\n',
                    encoding="utf-8")
    result = cli("import", str(path), "--mapping", str(mapping))
    assert result.exit_code == 0, result.output
    assert "2 tin mới" in result.output and "2 dòng lỗi" in result.output
    assert "binh-luan.jsonl:2: JSON không hợp lệ" in result.output
    assert "binh-luan.jsonl:3: mỗi dòng phải là một đối tượng JSON" in result.output
    with database.session() as session:
        assert {i.kind for i in session.scalars(select(Item))} == {"comment"}


def test_files_that_cannot_be_imported(cli, tmp_path):
    unknown = cli("import", str(tmp_path / "x.csv"), "--mapping", "khong-co")
    assert unknown.exit_code == 1 and "không có bảng ánh xạ cột 'khong-co'" in unknown.output
    assert "social_listening" in unknown.output
    missing = cli("import", str(tmp_path / "khong-co.csv"), "--mapping", "generic")
    assert missing.exit_code == 1 and "không tìm thấy tệp" in missing.output
    headers = tmp_path / "sai-cot.csv"
    headers.write_text("Cột A,Cột B\n1,2\n", encoding="utf-8")
    wrong = cli("import", str(headers), "--mapping", "generic")
    assert wrong.exit_code == 1 and "không thấy cột đường dẫn" in wrong.output and "Cột A" in wrong.output
    legacy = tmp_path / "cu.csv"
    legacy.write_bytes(windows_1258("URL,Content\nhttps://x.vn/a,Khánh Hòa\n"))
    encoding = cli("import", str(legacy), "--mapping", "generic")
    assert encoding.exit_code == 1 and "hãy lưu lại dạng CSV UTF-8" in encoding.output


def _seed(database) -> None:
    with database.session() as session:
        for n, (kind, likes) in enumerate([("article", None), ("post", 15), ("comment", 2)]):
            url = f"https://bao.vn/tin-{n}.html"
            upsert_item(session, ItemData(url=url, canonical_url=url, source_type="provincial_press", kind=kind,
                                          title=f"Tin {n}", text=f"Nội dung số {n}, có dấu phẩy; và chấm phẩy",
                                          author="Phóng viên", likes=likes,
                                          published_at=parse_date(f"2025-11-{16 + n}T08:00:00+07:00")))


def test_export_then_import_back(cli, database, tmp_path):
    _seed(database)
    out = tmp_path / "xuat" / "tin.csv"
    exported = cli("items", "export", "--format", "csv", "--out", str(out))
    assert exported.exit_code == 0 and "Đã xuất 3 tin" in exported.output
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))
    assert [r["title"] for r in rows] == ["Tin 0", "Tin 1", "Tin 2"]
    assert {"url", "title", "text", "author", "published_at", "source", "type", "likes"} <= set(rows[0])
    recent = cli("items", "export", "--format", "jsonl", "--since", "2025-11-17")
    assert [json.loads(line)["title"] for line in recent.output.splitlines()] == ["Tin 1", "Tin 2"]
    assert cli("items", "export", "--format", "xml").exit_code == 2
    assert "YYYY-MM-DD" in cli("items", "export", "--since", "17/11/2025").output
    with database.session() as session:
        session.execute(delete(Item))
    back = cli("import", str(out), "--mapping", "diembao", "--type", "provincial_press")
    assert back.exit_code == 0 and "3 tin mới" in back.output, back.output
    with database.session() as session:
        items = sorted(session.scalars(select(Item)), key=lambda i: i.title)
        assert [(i.kind, i.likes, i.author) for i in items] == [("article", None, "Phóng viên"),
                                                                ("post", 15, "Phóng viên"), ("comment", 2, "Phóng viên")]
        assert items[1].published_at.isoformat() == "2025-11-17T01:00:00+00:00"
