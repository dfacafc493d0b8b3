import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.claims import ClaimError, ClaimInput, add_claim, import_rows, read_claims
from bot.claims.matching import ClaimIndex
from config.settings import MisinfoSettings
from storage import ItemData, upsert_item
from storage.models import AuditEntry, Claim, Item

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLE = Path(__file__).parents[2] / "bot" / "claims" / "samples" / "khanh_hoa.jsonl"


def _count(session) -> int:
    return session.scalar(select(func.count()).select_from(Claim))


def test_claimreview_jsonld_import(database):
    rows = read_claims(FIXTURES / "claimreview.json")
    assert [r.where for r in rows] == ["claimreview.json:@graph[0]", "claimreview.json:@graph[1]"]
    assert all(r.error is None for r in rows)
    first, second = (r.claim for r in rows)
    assert (first.verdict, first.claim_date, first.source) == ("tin_gia", dt.date(2025, 3, 5),
                                                               "Trung tâm Xử lý tin giả (ví dụ)")
    assert first.source_url == "https://tingia.example.vn/dinh-chinh/so-tan-song-than-nha-trang"
    assert first.extra["claimreview"]["claimant"] == "Tài khoản Facebook “Tin Nóng Nha Trang”"
    assert first.extra["claimreview"]["appearances"] == ["https://facebook.example/tinnongnhatrang/posts/1"]
    assert (second.verdict, second.claim_date) == ("sai_su_that", dt.date(2025, 1, 16))
    with database.session() as s:
        report = import_rows(s, rows, actor="cli")
        assert len(report.created) == 2 and not report.errors
    with database.session() as s:
        assert _count(s) == 2
        assert s.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "claim.add")) == 2


def test_claimreview_inside_an_html_page():
    rows = read_claims(FIXTURES / "claimreview_page.html")
    assert len(rows) == 1 and rows[0].error is None
    assert rows[0].claim.verdict == "sai_su_that"
    assert rows[0].where == "claimreview_page.html:script[0]:$"


def test_bad_rows_are_located_and_nothing_is_stored(database):
    rows = read_claims(FIXTURES / "claims_bad.csv")
    errors = {r.where: r.error for r in rows if r.error}
    assert set(errors) == {"claims_bad.csv:4", "claims_bad.csv:5", "claims_bad.csv:6"}
    assert "ít nhất" in errors["claims_bad.csv:4"]
    assert "'rất giả' không hợp lệ" in errors["claims_bad.csv:5"]
    assert "31/02/2025" in errors["claims_bad.csv:6"]
    good = [r.claim for r in rows if r.claim]
    assert [(c.verdict, c.domain) for c in good] == [("tin_gia", "scam_link"), ("sai_su_that", "other")]
    with database.session() as s:
        report = import_rows(s, rows, actor="cli")
        assert report.errors and not report.created
    with database.session() as s:
        assert _count(s) == 0
        report = import_rows(s, rows, actor="cli", skip_bad=True)
        assert len(report.created) == 2
    with database.session() as s:
        assert _count(s) == 2


@pytest.mark.parametrize("name, content, message", [
    ("x.jsonl", '{"text": "Một thông tin đủ dài để nhập", "verdict": "tin_gia"}\n{"text": oops}\n', "x.jsonl:2"),
    ("x.json", '{"@type": "WebPage"}', "Không tìm thấy ClaimReview"),
    ("x.json", '{"@type": "ClaimReview", "claimReviewed": "Một thông tin đủ dài để nhập"}', "alternateName"),
    ("x.csv", "cot_a,cot_b\n1,2\n", "cột nội dung"),
])
def test_malformed_files(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    rows = read_claims(path)
    assert any(message in f"{r.where} {r.error}" for r in rows if r.error)


def test_wrong_encoding_and_format(tmp_path):
    latin = tmp_path / "claims.csv"
    latin.write_bytes("text,verdict\nTin giả về cắt điện,tin_gia\n".encode("utf-16"))
    with pytest.raises(ClaimError, match="UTF-8"):
        read_claims(latin)
    sheet = tmp_path / "claims.xlsx"
    sheet.write_bytes(b"PK\x03\x04")
    with pytest.raises(ClaimError, match="không hỗ trợ"):
        read_claims(sheet)


def test_same_normalised_text_is_one_claim(database):
    a = ClaimInput.build("Khánh Hòa sẽ cắt điện toàn tỉnh 3 ngày!", "tin_gia", "economy_finance")
    b = ClaimInput.build("  khanh hoa SE CAT DIEN toan tinh 3 ngay ", "Xác thực")
    with database.session() as s:
        first = add_claim(s, a, "cli")
        second = add_claim(s, b, "cli")
        assert first.created and not second.created and second.conflict
        assert second.claim.id == first.claim.id and second.claim.verdict == "tin_gia"
    with database.session() as s:
        assert _count(s) == 1


def test_sample_file_imports_and_matches_an_item(database):
    rows = read_claims(SAMPLE)
    assert len(rows) >= 30 and not [r for r in rows if r.error]
    assert {r.claim.domain for r in rows} == {"policy_law", "economy_finance", "health", "disaster_epidemic",
                                             "security_order", "fake_account", "scam_link", "other"}
    with database.session() as s:
        import_rows(s, rows, "cli")
        item_id, _ = upsert_item(s, ItemData(
            url="https://facebook.example/p/1", canonical_url="https://facebook.example/p/1", source_type="social",
            kind="post", text="CHIA SẺ GẤP!!! Nghe nói vắc xin sởi đợt này ở trạm y tế bị lỗi, tiêm vào trẻ bị sốt co "
                              "giật, các phụ huynh đừng cho con đi tiêm nhé",
            published_at=dt.datetime(2025, 4, 3, 9, tzinfo=dt.timezone.utc)))
        index = ClaimIndex(MisinfoSettings())
        found = index.match_item(s, s.get(Item, item_id))
        assert found and "Vắc xin sởi" in found[0].claim.text and found[0].level == "match"
        assert index.refresh(s) == 0
        add_claim(s, ClaimInput.build("Một thông tin mới được kiểm chứng hôm nay", "tin_gia"), "cli")
        assert index.refresh(s) == 1


def test_cli_import_add_list(run_cli, tmp_path):
    result = run_cli("claims", "import", str(SAMPLE))
    assert result.exit_code == 0, result.output
    assert "Đã nhập 38 thông tin mới" in result.stdout
    again = run_cli("claims", "import", str(SAMPLE))
    assert "Đã nhập 0 thông tin mới; 38 dòng trùng" in again.stdout
    bad = run_cli("claims", "import", str(FIXTURES / "claims_bad.csv"))
    assert bad.exit_code == 1 and "claims_bad.csv:5" in bad.stderr and "chưa nhập gì" in bad.stderr
    added = run_cli("claims", "add", "Tin đồn Cầu Trần Phú bị nứt phải cấm xe", "--verdict", "tin gia",
                    "--domain", "security_order", "--source", "Sở Xây dựng", "--date", "01/08/2025")
    assert added.exit_code == 0 and "Đã thêm thông tin #39 (Tin giả, An ninh quốc gia" in added.stdout
    dup = run_cli("claims", "add", "tin đồn cầu trần phú bị nứt phải cấm xe!", "--verdict", "tin_gia")
    assert "đã có (#39)" in dup.stdout
    wrong = run_cli("claims", "add", "Tin đồn Cầu Trần Phú bị nứt phải cấm xe", "--verdict", "maybe")
    assert wrong.exit_code == 1 and "không hợp lệ" in wrong.stderr
    listing = run_cli("claims", "list", "--domain", "fake_account", "--limit", "2")
    assert listing.exit_code == 0
    lines = listing.stdout.splitlines()
    assert lines[0] == "4 thông tin (hiển thị 2):" and "Tài khoản giả mạo" in lines[1]
