import pytest
from sqlalchemy import select

from bot.casework import WorkflowError, allowed_moves, move
from storage import ItemData, upsert_item
from storage.models import AuditEntry, Flag, FlagEvent


def _flag(session) -> int:
    item_id, _ = upsert_item(session, ItemData(url="https://example.vn/a", canonical_url="https://example.vn/a",
                                               source_type="social", kind="post", text="Tin đồn về dịch bệnh"))
    flag = Flag(kind="misinformation", severity="high", score=0.8, reasons=["Trùng tin giả đã được xác minh"],
                item_id=item_id)
    session.add(flag)
    session.flush()
    return flag.id


def test_full_path_records_every_step(database):
    with database.session() as s:
        fid = _flag(s)
        move(s, fid, "sang_loc", "tg:1", note="Có dấu hiệu lan truyền")
        move(s, fid, "xac_minh", "tg:1")
        move(s, fid, "ket_luan", "tg:2", conclusion="vi_pham", legal_basis="Nghị định về quản lý dịch vụ Internet")
        move(s, fid, "xu_ly", "tg:2", action="chuyen_cong_an")
        move(s, fid, "xu_ly", "tg:2", action="bao_cao_nhanh")
        move(s, fid, "dong", "tg:2")
    with database.session() as s:
        flag = s.get(Flag, fid)
        assert (flag.status, flag.conclusion, flag.action) == ("dong", "vi_pham", "bao_cao_nhanh")
        events = s.scalars(select(FlagEvent).where(FlagEvent.flag_id == fid).order_by(FlagEvent.id)).all()
        assert [(e.from_status, e.to_status) for e in events] == [
            ("moi", "sang_loc"), ("sang_loc", "xac_minh"), ("xac_minh", "ket_luan"), ("ket_luan", "xu_ly"),
            ("xu_ly", "xu_ly"), ("xu_ly", "dong")]
        assert [e.actor for e in events][:2] == ["tg:1", "tg:1"]
        assert events[2].legal_basis == "Nghị định về quản lý dịch vụ Internet"
        assert s.scalar(select(AuditEntry).where(AuditEntry.action == "flag.move").limit(1)) is not None
        assert len(s.scalars(select(AuditEntry).where(AuditEntry.action == "flag.move")).all()) == 6


@pytest.mark.parametrize("steps, bad, message", [
    ([], ("xac_minh", {}), "không chuyển sang"),
    ([], ("ket_luan", {"conclusion": "vi_pham", "legal_basis": "x"}), "không chuyển sang"),
    ([("sang_loc", {})], ("ket_luan", {}), "Kết luận cần ghi rõ"),
    ([("sang_loc", {})], ("ket_luan", {"conclusion": "vi_pham"}), "căn cứ pháp lý"),
    ([("sang_loc", {}), ("ket_luan", {"conclusion": "chua_du_co_so"})], ("xu_ly", {}), "biện pháp"),
    ([("sang_loc", {}), ("ket_luan", {"conclusion": "khong_vi_pham"})], ("xu_ly", {"action": "nhac_nho"}),
     "không chuyển sang"),
    ([("sang_loc", {})], ("xac_minh", {"action": "nhac_nho"}), "Chỉ ghi biện pháp"),
    ([("sang_loc", {}), ("ket_luan", {"conclusion": "khong_vi_pham"}), ("dong", {})], ("sang_loc", {}),
     "Mở lại"),
    ([], ("da_xong", {}), "không tồn tại"),
])
def test_forbidden_moves_change_nothing(database, steps, bad, message):
    with database.session() as s:
        fid = _flag(s)
        for to, kwargs in steps:
            move(s, fid, to, "cli", **kwargs)
    with database.session() as s:
        before = s.get(Flag, fid)
        state = (before.status, before.conclusion, before.action)
        count = len(before.events)
        with pytest.raises(WorkflowError, match=message):
            move(s, fid, bad[0], "cli", **bad[1])
    with database.session() as s:
        after = s.get(Flag, fid)
        assert (after.status, after.conclusion, after.action) == state
        assert len(after.events) == count


def test_reopen_with_reason_clears_the_old_decision(database):
    with database.session() as s:
        fid = _flag(s)
        move(s, fid, "sang_loc", "cli")
        move(s, fid, "ket_luan", "cli", conclusion="khong_vi_pham")
        assert allowed_moves(s.get(Flag, fid)) == ("dong",)
        move(s, fid, "dong", "cli")
        move(s, fid, "sang_loc", "cli", note="Bài viết được chia sẻ lại kèm hình ảnh mới")
        flag = s.get(Flag, fid)
        assert (flag.status, flag.conclusion) == ("sang_loc", None)


def test_unknown_flag(database):
    with database.session() as s, pytest.raises(WorkflowError, match="Không có cảnh báo #999"):
        move(s, 999, "sang_loc", "cli")
