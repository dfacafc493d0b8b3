import pytest
from sqlalchemy import select

from bot.casework import add_review
from storage import ItemData, upsert_item
from storage.models import AuditEntry, Flag, FlagEvent


@pytest.fixture
def flag_id(database):
    with database.session() as s:
        item_id, _ = upsert_item(s, ItemData(url="https://fb.example/p/9", canonical_url="https://fb.example/p/9",
                                             source_type="social", kind="post", outlet="Nhóm Cư dân Nha Trang",
                                             text="CHIA SẺ GẤP: sắp cắt điện toàn tỉnh 3 ngày"))
        flag = Flag(kind="misinformation", severity="high", score=0.91, item_id=item_id, dedupe_key="m:1",
                    reasons=["Nội dung trùng thông tin đã được kết luận là “Tin giả” #1.", "Kêu gọi chia sẻ gấp."])
        s.add(flag)
        s.flush()
        add_review(s, item_id, "misinfo", "tin_gia", "tg:501")
        return flag.id


def _state(database, fid):
    with database.session() as s:
        flag = s.get(Flag, fid)
        return flag.status, flag.conclusion, flag.action, len(flag.events)


def test_every_step_through_the_command_line(run_cli, database, flag_id):
    steps = [
        (["sang_loc", "--note", "Bài đăng lan truyền trong nhóm cư dân"], "Mới → Sàng lọc"),
        (["xác minh"], "Sàng lọc → Xác minh"),
        (["ket_luan", "--conclusion", "vi phạm", "--legal-basis", "Nghị định 15/2020/NĐ-CP, Điều 101"],
         "Xác minh → Kết luận"),
        (["xu_ly", "--action", "chuyen_cong_an"], "Kết luận → Xử lý"),
        (["xu_ly", "--action", "bao_cao_nhanh"], "Xử lý → Xử lý"),
        (["dong"], "Xử lý → Đóng"),
        (["sang_loc", "--note", "Bài được đăng lại ở trang khác"], "Đóng → Sàng lọc"),
        (["ket_luan", "--conclusion", "khong_vi_pham"], "Sàng lọc → Kết luận"),
        (["dong"], "Kết luận → Đóng"),
    ]
    for args, shown in steps:
        result = run_cli("flags", "move", flag_id, *args, "--by", "Nguyễn Thị Lan")
        assert result.exit_code == 0, result.output
        assert f"Đã chuyển cảnh báo #{flag_id}: {shown}." in result.stdout
    with database.session() as s:
        events = s.scalars(select(FlagEvent).where(FlagEvent.flag_id == flag_id).order_by(FlagEvent.id)).all()
        assert [e.to_status for e in events] == ["sang_loc", "xac_minh", "ket_luan", "xu_ly", "xu_ly", "dong",
                                                 "sang_loc", "ket_luan", "dong"]
        assert {e.actor for e in events} == {"Nguyễn Thị Lan"}
        assert events[2].legal_basis == "Nghị định 15/2020/NĐ-CP, Điều 101"
        assert len(s.scalars(select(AuditEntry).where(AuditEntry.action == "flag.move")).all()) == 9
    shown = run_cli("flags", "show", flag_id)
    assert shown.exit_code == 0
    out = shown.stdout
    assert f"Cảnh báo #{flag_id}: Nghi tin sai sự thật" in out and "Bước: Đóng" in out
    assert "Nhóm Cư dân Nha Trang: CHIA SẺ GẤP" in out and "  - Kêu gọi chia sẻ gấp." in out
    assert "Nguyễn Thị Lan · Xác minh → Kết luận · kết luận: Vi phạm; căn cứ: Nghị định 15/2020/NĐ-CP" in out
    assert "tg:501 · misinfo: Tin giả" in out
    assert out.rstrip().endswith("Bước tiếp theo: Sàng lọc (sang_loc)")


@pytest.mark.parametrize("args, message", [
    (["ket_luan", "--conclusion", "vi_pham", "--legal-basis", "x"], "không chuyển sang"),
    (["xac_minh"], "không chuyển sang"),
    (["da_xong"], "Bước 'da_xong' không hợp lệ"),
    (["sang_loc", "--action", "phạt tù"], "Biện pháp 'phạt tù' không hợp lệ"),
])
def test_forbidden_steps_are_refused_and_change_nothing(run_cli, database, flag_id, args, message):
    before = _state(database, flag_id)
    result = run_cli("flags", "move", flag_id, *args, "--by", "cli")
    assert result.exit_code == 1 and message in result.stderr
    assert _state(database, flag_id) == before


def test_conclusion_rules_through_the_command_line(run_cli, database, flag_id):
    assert run_cli("flags", "move", flag_id, "sang_loc", "--by", "a").exit_code == 0
    missing = run_cli("flags", "move", flag_id, "ket_luan", "--conclusion", "vi_pham", "--by", "a")
    assert missing.exit_code == 1 and "căn cứ pháp lý" in missing.stderr
    assert _state(database, flag_id)[0] == "sang_loc"
    unknown = run_cli("flags", "move", 999, "sang_loc", "--by", "a")
    assert unknown.exit_code == 1 and "Không có cảnh báo #999" in unknown.stderr


def test_list_filters(run_cli, database, flag_id):
    with database.session() as s:
        s.add(Flag(kind="silent_source", severity="low", reasons=["Nguồn im lặng"], dedupe_key="s:1"))
    listing = run_cli("flags", "list")
    lines = listing.stdout.splitlines()
    assert listing.exit_code == 0 and len(lines) == 4
    assert lines[0].startswith(f"#{flag_id + 1} [Thấp] Nguồn tin ngừng cập nhật · Mới")
    assert lines[2].startswith(f"#{flag_id} [Cao] Nghi tin sai sự thật · Mới") and lines[2].endswith("điểm 91%")
    high = run_cli("flags", "list", "--severity", "cao").stdout
    assert f"#{flag_id} " in high and f"#{flag_id + 1} " not in high
    assert run_cli("flags", "list", "--kind", "harmful").stdout.strip() == "Không có cảnh báo nào phù hợp."
    run_cli("flags", "move", flag_id, "sang_loc", "--by", "a")
    run_cli("flags", "move", flag_id, "ket_luan", "--conclusion", "khong_vi_pham", "--by", "a")
    run_cli("flags", "move", flag_id, "dong", "--by", "a")
    assert f"#{flag_id} " not in run_cli("flags", "list").stdout
    assert f"#{flag_id} " in run_cli("flags", "list", "--all").stdout
    bad = run_cli("flags", "list", "--kind", "rumour")
    assert bad.exit_code == 1 and "Loại cảnh báo 'rumour' không hợp lệ" in bad.stderr
