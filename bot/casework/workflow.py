"""The flag workflow: mới → sàng lọc → xác minh → kết luận → xử lý → đóng.

Every step records who, when, why and on what legal basis, as a FlagEvent and in the audit log. A forbidden step
raises WorkflowError (Vietnamese, for the officer) and changes nothing."""

from __future__ import annotations

from sqlalchemy.orm import Session

from config.vocabulary import ACTIONS, CONCLUSIONS, FLAG_STATUSES
from storage.audit import record
from storage.models import Flag, FlagEvent, utcnow

# Screening may conclude at once (nothing to verify); a conclusion of "no violation" closes without action;
# handling may record several actions (e.g. referral to the police and a flash report); a closed flag may be
# reopened for screening when new evidence appears.
MOVES: dict[str, tuple[str, ...]] = {
    "moi": ("sang_loc",),
    "sang_loc": ("xac_minh", "ket_luan"),
    "xac_minh": ("ket_luan",),
    "ket_luan": ("xu_ly", "dong"),
    "xu_ly": ("xu_ly", "dong"),
    "dong": ("sang_loc",),
}


class WorkflowError(ValueError):
    """A step the workflow does not allow; the message is for the officer."""


def allowed_moves(flag: Flag) -> tuple[str, ...]:
    moves = MOVES[flag.status]
    if flag.status == "ket_luan" and flag.conclusion == "khong_vi_pham":
        return ("dong",)
    return moves


def _check(flag: Flag, to_status: str, conclusion: str | None, action: str | None,
           legal_basis: str | None, note: str | None) -> None:
    if to_status not in FLAG_STATUSES:
        raise WorkflowError(f"Trạng thái {to_status!r} không tồn tại; các trạng thái: {', '.join(FLAG_STATUSES)}.")
    if to_status not in allowed_moves(flag):
        allowed = ", ".join(FLAG_STATUSES[s] for s in allowed_moves(flag))
        raise WorkflowError(f"Cảnh báo #{flag.id} đang ở bước “{FLAG_STATUSES[flag.status]}”: không chuyển sang "
                            f"“{FLAG_STATUSES[to_status]}” được; bước tiếp theo hợp lệ: {allowed}.")
    if to_status == "ket_luan":
        if conclusion not in CONCLUSIONS:
            raise WorkflowError(f"Kết luận cần ghi rõ một trong: {', '.join(CONCLUSIONS.values())}.")
        if conclusion == "vi_pham" and not (legal_basis or "").strip():
            raise WorkflowError("Kết luận vi phạm cần ghi căn cứ pháp lý (văn bản, điều khoản).")
    elif conclusion is not None:
        raise WorkflowError("Chỉ ghi kết luận ở bước “Kết luận”.")
    if to_status == "xu_ly":
        if action not in ACTIONS:
            raise WorkflowError(f"Bước xử lý cần ghi biện pháp: {', '.join(ACTIONS.values())}.")
    elif action is not None:
        raise WorkflowError("Chỉ ghi biện pháp ở bước “Xử lý”.")
    if flag.status == "dong" and not (note or "").strip():
        raise WorkflowError("Mở lại cảnh báo đã đóng cần ghi lý do.")


def move(session: Session, flag_id: int, to_status: str, actor: str, *, conclusion: str | None = None,
         action: str | None = None, legal_basis: str | None = None, note: str | None = None) -> Flag:
    """Move flag `flag_id` one step; raises WorkflowError (nothing changed) when the step is not allowed."""
    query = session.query(Flag).filter(Flag.id == flag_id)
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update()
    flag = query.one_or_none()
    if flag is None:
        raise WorkflowError(f"Không có cảnh báo #{flag_id}.")
    _check(flag, to_status, conclusion, action, legal_basis, note)
    event = FlagEvent(flag_id=flag.id, at=utcnow(), actor=actor, from_status=flag.status, to_status=to_status,
                      conclusion=conclusion, action=action, legal_basis=legal_basis, note=note)
    session.add(event)
    if flag.status == "dong":  # reopened: the earlier conclusion and action stay in the event history
        flag.conclusion = flag.action = None
    flag.status = to_status
    if conclusion is not None:
        flag.conclusion = conclusion
    if action is not None:
        flag.action = action
    if legal_basis:
        flag.legal_basis = legal_basis
    flag.updated_at = utcnow()
    record(session, actor, "flag.move", "flag", flag.id, from_status=event.from_status, to_status=to_status,
           conclusion=conclusion, action=action, legal_basis=legal_basis, note=note)
    session.flush()
    return flag
