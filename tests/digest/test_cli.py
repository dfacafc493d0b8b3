from typer.testing import CliRunner

from bot.cli import app
from digest import scenario

runner = CliRunner()


def test_digest_command_writes_the_bulletin(sqlite_database, tmp_path, monkeypatch):
    with sqlite_database.session() as s:
        scenario.build(s)
    monkeypatch.setenv("DIEMBAO_DATABASE_URL", sqlite_database.url)
    monkeypatch.delenv("DIEMBAO_CONFIG", raising=False)
    out = tmp_path / "ban-tin"
    result = runner.invoke(app, ["digest", "--period", "week", "--at", "2024-W23", "--out", str(out),
                                 "--format", "docx,html,xlsx"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Đã tạo báo cáo tuần 23/2024 (từ ngày 03/6/2024 đến ngày 09/6/2024):"
    assert lines[1] == f"  - Văn bản (DOCX): {out / 'ban-tin-diem-bao-2024-W23.docx'}"
    assert lines[3] == f"  - Danh sách tin (XLSX): {out / 'ban-tin-diem-bao-2024-W23-danh-sach-tin.xlsx'}"
    assert lines[-1].startswith("Có 14 tin liên quan tỉnh Khánh Hòa, trong đó: tích cực: 5 (35,7% tổng số tin)")
    assert sorted(p.name for p in out.iterdir()) == ["ban-tin-diem-bao-2024-W23-danh-sach-tin.xlsx",
                                                     "ban-tin-diem-bao-2024-W23.docx",
                                                     "ban-tin-diem-bao-2024-W23.html"]
    result = runner.invoke(app, ["digest", "--period", "half-year", "--at", "2024-H1", "--out", str(out),
                                 "--format", "csv"])
    assert result.exit_code == 0 and "Đã tạo báo cáo 6 tháng đầu năm 2024" in result.output


def test_digest_command_rejects_bad_periods_and_formats(sqlite_url, tmp_path, monkeypatch):
    monkeypatch.setenv("DIEMBAO_DATABASE_URL", sqlite_url)
    monkeypatch.delenv("DIEMBAO_CONFIG", raising=False)
    result = runner.invoke(app, ["digest", "--at", "2021-W53", "--out", str(tmp_path)])
    assert result.exit_code == 2 and "Năm 2021 chỉ có 52 tuần" in result.output
    result = runner.invoke(app, ["digest", "--period", "month", "--at", "2024-W23", "--out", str(tmp_path)])
    assert result.exit_code == 2 and "cần dạng như 2024-06" in result.output
    result = runner.invoke(app, ["digest", "--format", "docx,odt", "--out", str(tmp_path)])
    assert result.exit_code == 2 and "Định dạng odt không hỗ trợ" in result.output
    assert not any(tmp_path.glob("*.docx"))


def test_digest_command_defaults_to_the_data_folder(sqlite_url, tmp_path, monkeypatch):
    monkeypatch.setenv("DIEMBAO_DATABASE_URL", sqlite_url)
    monkeypatch.setenv("DIEMBAO_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.delenv("DIEMBAO_CONFIG", raising=False)
    result = runner.invoke(app, ["digest", "--period", "month", "--at", "2024-06", "--format", "html"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "var" / "digests" / "thong-bao-tinh-hinh-bao-chi-2024-06.html").exists()
    assert "Không có tin nào liên quan tỉnh Khánh Hòa." in result.output
